import Foundation

/// A realistic ticket of one trip (flight + hotel + car) for previews, lint, tests and the
/// bench: a black-card member who complained before, flying MU5101 Beijing → Shanghai on a
/// delayed morning flight, with a hotel at Hongqiao and a Hertz car to pick up at the airport.
public enum TemplateSample {
    /// 2026-11-22 08:30 in China: the flight's scheduled departure.
    static func at(_ text: String) -> Date { (try? Timestamp.parse(text)) ?? Date(timeIntervalSince1970: 0) }

    public static let now = at("2026-11-22T07:55:00+08:00")

    public static func ticket() -> Ticket {
        Ticket(key: TicketKey(source: TicketKey.defaultSource, externalID: "HD-1042"), createdAt: at("2026-11-22T07:40:00+08:00"),
               channel: .chat, product: .flight, category: .delay, priority: .high, status: .open, customerID: "C-20931",
               subject: "Flight delayed, hotel and car waiting", botSummary: "MU5101 delayed; asks about hotel and car.",
               orderIDs: ["FL-88231", "HT-55102", "CR-30417"], ownerID: "A-0112")
    }

    public static func customer(_ language: ReplyLanguage) -> Customer {
        Customer(id: "C-20931", name: language == .zh ? "李娜" : "Emma Clarke", language: language.rawValue,
                 tier: .blackCard, flags: [.complainedBefore, .frequentTraveller])
    }

    public static func orders(_ language: ReplyLanguage) -> [Order] {
        let flight = Order(id: "FL-88231", customerID: "C-20931", product: .flight, status: .delayed, bookedAt: at("2026-10-30T21:12:00+08:00"),
                           detail: .flight(FlightDetail(carrier: "MU", number: "MU5101", origin: "PEK", destination: "SHA",
                                                        departure: at("2026-11-22T08:30:00+08:00"), arrival: at("2026-11-22T10:45:00+08:00"), pnr: "KX7Q2M")),
                           events: [OrderEvent(at: at("2026-11-22T07:20:00+08:00"), kind: .delayed, detail: "ETD 10:40")])
        let hotel = Order(id: "HT-55102", customerID: "C-20931", product: .hotel, status: .confirmed, bookedAt: at("2026-10-30T21:20:00+08:00"),
                          detail: .hotel(HotelDetail(name: language == .zh ? "上海虹桥希尔顿酒店" : "Hilton Shanghai Hongqiao", city: language == .zh ? "上海" : "Shanghai",
                                                     checkIn: at("2026-11-22T14:00:00+08:00"), checkOut: at("2026-11-24T12:00:00+08:00"),
                                                     room: language == .zh ? "豪华大床房" : "King Deluxe", supplierID: "S-HILTON-SHA")),
                          events: [OrderEvent(at: at("2026-10-30T21:25:00+08:00"), kind: .confirmed, detail: "Confirmed by the hotel"),
                                   OrderEvent(at: at("2026-11-22T07:45:00+08:00"), kind: .confirmed, detail: "Late arrival noted, room held until arrival")])
        let car = Order(id: "CR-30417", customerID: "C-20931", product: .car, status: .booked, bookedAt: at("2026-10-31T09:02:00+08:00"),
                        detail: .car(CarDetail(company: "Hertz", pickupPlace: language == .zh ? "虹桥机场T2航站楼" : "Hongqiao Airport T2",
                                               pickupAt: at("2026-11-22T11:30:00+08:00"),
                                               returnPlace: language == .zh ? "浦东机场T2航站楼" : "Pudong Airport T2",
                                               returnAt: at("2026-11-24T18:00:00+08:00"), supplierID: "S-HERTZ-SHA")),
                        events: [OrderEvent(at: at("2026-11-22T07:50:00+08:00"), kind: .changed, detail: "Pick-up moved to after landing")])
        return [flight, hotel, car]
    }

    public static func agent(_ language: ReplyLanguage) -> Agent {
        Agent(id: "A-0112", name: language == .zh ? "陈洁" : "Chen Jie", role: .agent, skills: [.flight, .hotel], languages: ["zh", "en"], center: "Shanghai")
    }

    /// The sample ticket's context for a reply in `language` (the customer speaks that language).
    /// Its record holds the hotel's confirmation of the late arrival and the moved car pick-up
    /// (order events after the delay); `facts: true` adds every other `RecordFact` (a refund), so
    /// each section shown on a fact renders, and `facts: false` removes them all, so each section
    /// shown without one renders: the linter checks a template both ways.
    public static func context(_ language: ReplyLanguage, facts: Bool? = nil) -> TemplateContext {
        var c = TemplateContext(ticket: ticket(), customer: customer(language), orders: orders(language), agent: agent(language), now: now)
        if let facts { for f in RecordFact.allCases { c.setFlag(f.rawValue, facts) } }
        return c
    }
}
