import Foundation
import HeatDeskCore

/// The cross-product order trail as one timeline: every event of every order of the trip, in
/// time order, and under each disrupting event (delay, cancellation, change, no-show) what it
/// breaks downstream on the same trip (the hotel check-in, the car pick-up after a late flight).
public struct OrderTimeline: Equatable, Sendable {
    public struct Impact: Equatable, Sendable {
        public var orderID: String
        public var product: Product
        /// "hotel check-in", "car pick-up", "flight departure".
        public var what: String
        public var title: String
        public var at: Date
    }

    public struct Row: Equatable, Sendable {
        public var orderIndex: Int
        public var event: OrderEvent
        /// Later services of the trip this event puts at risk (empty unless it disrupts).
        public var impacts: [Impact]
    }

    public var orders: [Order]
    public var rows: [Row]

    public init(orders: [Order]) {
        self.orders = orders
        var rows: [Row] = []
        for (i, o) in orders.enumerated() {
            for e in o.events {
                rows.append(Row(orderIndex: i, event: e, impacts: e.kind.disrupts ? OrderTimeline.downstream(of: o, in: orders) : []))
            }
        }
        // Stable: events at the same minute keep their order's and their own sequence.
        self.rows = rows.enumerated().sorted { a, b in
            a.element.event.at != b.element.event.at ? a.element.event.at < b.element.event.at : a.offset < b.offset
        }.map(\.element)
    }

    /// The services of the trip that start at or after `order`'s own start: what a delay of
    /// it reaches. An order without a start time reaches nothing we can name.
    public static func downstream(of order: Order, in orders: [Order]) -> [Impact] {
        guard let start = order.serviceStart else { return [] }
        return orders.compactMap { o in
            guard o.id != order.id, o.status != .cancelled, o.status != .refunded,
                  let at = o.serviceStart, at >= start else { return nil }
            return Impact(orderID: o.id, product: o.product, what: serviceName(o.product), title: o.title, at: at)
        }.sorted { $0.at < $1.at }
    }

    public static func serviceName(_ p: Product) -> String {
        switch p {
        case .flight: return "flight departure"
        case .hotel: return "hotel check-in"
        case .car: return "car pick-up"
        case .vacation: return "package start"
        case .other: return "service"
        }
    }

    /// A one-column mark for the product, narrow in every terminal.
    public static func mark(_ p: Product) -> String {
        switch p {
        case .flight: return "F"
        case .hotel: return "H"
        case .car: return "C"
        case .vacation: return "V"
        case .other: return "·"
        }
    }
}
