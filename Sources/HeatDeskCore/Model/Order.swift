import Foundation

/// One booking of a trip: a flight, a hotel stay or a car rental, with its event trail.
public struct Order: Equatable, Sendable {
    public var id: String
    public var customerID: String
    public var product: Product
    public var status: OrderStatus
    public var bookedAt: Date
    public var detail: OrderDetail
    public var events: [OrderEvent]

    public init(id: String, customerID: String, product: Product, status: OrderStatus, bookedAt: Date,
                detail: OrderDetail, events: [OrderEvent] = []) {
        self.id = id; self.customerID = customerID; self.product = product; self.status = status
        self.bookedAt = bookedAt; self.detail = detail; self.events = events
    }

    /// When the order's service starts: departure, check-in or pick-up. Orders the trip trail.
    public var serviceStart: Date? {
        switch detail {
        case .flight(let f): return f.departure
        case .hotel(let h): return h.checkIn
        case .car(let c): return c.pickupAt
        case .other: return nil
        }
    }

    /// One line naming the order for lists: `MU5101 PEK→SHA`, `Hilton Shanghai`, `Hertz SHA`.
    public var title: String {
        switch detail {
        case .flight(let f): return "\(f.number) \(f.origin)→\(f.destination)"
        case .hotel(let h): return "\(h.name), \(h.city)"
        case .car(let c): return "\(c.company) \(c.pickupPlace)"
        case .other(let text): return text
        }
    }
}

public enum OrderDetail: Equatable, Sendable {
    case flight(FlightDetail)
    case hotel(HotelDetail)
    case car(CarDetail)
    case other(String)
}

public struct FlightDetail: Equatable, Sendable, Codable {
    public var carrier: String
    public var number: String
    public var origin: String
    public var destination: String
    public var departure: Date
    public var arrival: Date
    public var pnr: String?

    public init(carrier: String, number: String, origin: String, destination: String,
                departure: Date, arrival: Date, pnr: String? = nil) {
        self.carrier = carrier; self.number = number; self.origin = origin; self.destination = destination
        self.departure = departure; self.arrival = arrival; self.pnr = pnr
    }
}

public struct HotelDetail: Equatable, Sendable, Codable {
    public var name: String
    public var city: String
    public var checkIn: Date
    public var checkOut: Date
    public var room: String?
    public var supplierID: String?

    public init(name: String, city: String, checkIn: Date, checkOut: Date, room: String? = nil, supplierID: String? = nil) {
        self.name = name; self.city = city; self.checkIn = checkIn; self.checkOut = checkOut
        self.room = room; self.supplierID = supplierID
    }
}

public struct CarDetail: Equatable, Sendable, Codable {
    public var company: String
    public var pickupPlace: String
    public var pickupAt: Date
    public var returnPlace: String
    public var returnAt: Date
    public var supplierID: String?

    public init(company: String, pickupPlace: String, pickupAt: Date, returnPlace: String, returnAt: Date, supplierID: String? = nil) {
        self.company = company; self.pickupPlace = pickupPlace; self.pickupAt = pickupAt
        self.returnPlace = returnPlace; self.returnAt = returnAt; self.supplierID = supplierID
    }
}

/// One line of an order's trail.
public struct OrderEvent: Equatable, Sendable {
    public var at: Date
    public var kind: OrderEventKind
    public var detail: String

    public init(at: Date, kind: OrderEventKind, detail: String = "") {
        self.at = at; self.kind = kind; self.detail = detail
    }
}
