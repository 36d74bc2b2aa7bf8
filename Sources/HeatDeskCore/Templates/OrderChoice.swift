import Foundation

/// Which order of one product a reply speaks of, and why (Docs/templates.md, "Which order").
public struct OrderChoice: Equatable, Sendable {
    public enum Reason: String, Equatable, Sendable {
        /// The ticket links exactly one order of the product, or its own words (subject, bot
        /// summary, the customer's and the bot's messages) name exactly one: order number,
        /// flight number, booking reference, hotel name.
        case named
        /// Exactly one order still ahead has a delay, cancellation, change or no-show event.
        case disrupted
        /// The next order not yet flown (departure after now; a stay or rental not yet over).
        case next
        /// The trip's only order of the product (not linked, not named), even when it is over: a
        /// complaint about last week's stay speaks of that stay. A flown flight sets
        /// `order.flight.flown`, so templates never ask it to move.
        case only
        /// Several orders and nothing to tell them apart: the names stay missing and are asked
        /// for as blanks; the reply never guesses.
        case undecided
    }
    /// The order chosen; nil when undecided.
    public var orderID: String?
    public var reason: Reason

    public init(orderID: String?, reason: Reason) { self.orderID = orderID; self.reason = reason }

    /// Chooses among the trip's orders of `product`; nil when the trip has none.
    /// `linkedIDs` are the ticket's linked orders, `ticketText` its own words, `now` the moment of
    /// the reply.
    public static func choose(_ product: Product, trip: [Order], linkedIDs: [String], ticketText: String, now: Date) -> OrderChoice? {
        let ofProduct = trip.filter { $0.product == product }
        guard !ofProduct.isEmpty else { return nil }
        let linked = ofProduct.filter { linkedIDs.contains($0.id) }
        if linked.count == 1 { return OrderChoice(orderID: linked[0].id, reason: .named) }
        let candidates = linked.isEmpty ? ofProduct : linked
        let text = ticketText.lowercased()
        let named = candidates.filter { o in mentionTokens(o).contains { mentions(text, $0) } }
        if named.count == 1 { return OrderChoice(orderID: named[0].id, reason: .named) }
        let pool = named.isEmpty ? candidates : named
        let open = pool.filter { !isOver($0, now: now) }
        let disrupted = open.filter { $0.events.contains { $0.kind.disrupts } }
        if disrupted.count == 1 { return OrderChoice(orderID: disrupted[0].id, reason: .disrupted) }
        let ahead = (disrupted.isEmpty ? open : disrupted).filter { isAhead($0, now: now) }
            .sorted { ($0.serviceStart ?? .distantFuture, $0.id) < ($1.serviceStart ?? .distantFuture, $1.id) }
        if let next = ahead.first { return OrderChoice(orderID: next.id, reason: .next) }
        if pool.count == 1 { return OrderChoice(orderID: pool[0].id, reason: .only) }
        return OrderChoice(orderID: nil, reason: .undecided)
    }

    /// The order's service is behind us: the record says it was completed (a flight flown, a stay
    /// or rental finished), or it ended before `now` with no delay, cancellation or change on it.
    public static func isOver(_ order: Order, now: Date) -> Bool {
        if order.status == .completed || order.events.contains(where: { $0.kind == .completed }) { return true }
        if order.events.contains(where: { $0.kind.disrupts }) { return false }
        guard let end = serviceEnd(order) else { return false }
        return end < now
    }

    /// Still to come: a flight departing after `now`; a stay or a rental not yet ended.
    static func isAhead(_ order: Order, now: Date) -> Bool {
        switch order.detail {
        case .flight(let f): return f.departure > now
        case .hotel(let h): return h.checkOut > now
        case .car(let c): return c.returnAt > now
        case .other: return false
        }
    }

    static func serviceEnd(_ order: Order) -> Date? {
        switch order.detail {
        case .flight(let f): return f.arrival
        case .hotel(let h): return h.checkOut
        case .car(let c): return c.returnAt
        case .other: return nil
        }
    }

    /// What the ticket's words may call the order by.
    static func mentionTokens(_ order: Order) -> [String] {
        var tokens = [order.id]
        switch order.detail {
        case .flight(let f):
            tokens.append(f.number)
            if let pnr = f.pnr { tokens.append(pnr) }
        case .hotel(let h):
            tokens.append(h.name)
        case .car, .other:
            break
        }
        return tokens.map { $0.lowercased() }.filter { $0.unicodeScalars.count >= 3 }
    }

    /// `token` occurs in `text` not glued to more letters or digits (`MU55` is not in `MU554`).
    static func mentions(_ text: String, _ token: String) -> Bool {
        var searchFrom = text.startIndex
        while let r = text.range(of: token, range: searchFrom..<text.endIndex) {
            let beforeOK = r.lowerBound == text.startIndex || !isWordASCII(text[text.index(before: r.lowerBound)])
            let afterOK = r.upperBound == text.endIndex || !isWordASCII(text[r.upperBound])
            if beforeOK && afterOK { return true }
            searchFrom = r.upperBound
        }
        return false
    }

    private static func isWordASCII(_ c: Character) -> Bool {
        guard let a = c.asciiValue else { return false }
        return (a >= 0x30 && a <= 0x39) || (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A)
    }
}
