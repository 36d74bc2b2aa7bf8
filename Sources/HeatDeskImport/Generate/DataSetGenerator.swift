import Foundation

/// Writes a deterministic, realistic data set in the import formats (Docs/import-format.md):
/// suppliers, agents, customers, orders (JSON Lines), tickets (CSV) and messages (JSON Lines),
/// plus `.base_time`, the moment the data set is recorded around (hidden: `DIR/*` is data only).
///
/// Same `tickets`, `seed` and `baseDate`, same bytes: the generator draws from SplitMix64
/// streams derived from the seed and never reads the clock. It streams: each customer is
/// planned, written and forgotten, so memory stays flat for any size.
///
/// Sizes scale from `tickets`: customers ≈ tickets / 7.5, orders ≈ tickets × 0.4 (trips of
/// flight + hotel + car, older trips months back). The first customers are the curated stories
/// (`storyTitles`) when the set is large enough to hold them.
public struct DataSetGenerator: Sendable {
    public var tickets: Int
    public var seed: UInt64
    public var baseDate: Date

    /// 2026-11-22T08:00:00+08:00: a Sunday morning in the Nantong center.
    public static let defaultBaseDate = Date(timeIntervalSince1970: TimeInterval(GenTime.daysFromCivil(2026, 11, 22) * 86400))
    /// The committed demo set (Data/demo) is `DataSetGenerator(tickets: demoTickets, seed: demoSeed)`.
    public static let demoTickets = 300
    public static let demoSeed: UInt64 = 2026

    public init(tickets: Int, seed: UInt64 = DataSetGenerator.demoSeed, baseDate: Date = DataSetGenerator.defaultBaseDate) {
        precondition(tickets >= 0, "tickets must not be negative")
        self.tickets = tickets
        self.seed = seed
        self.baseDate = baseDate
    }

    /// What a run writes, counted before it runs.
    public struct Counts: Sendable, Equatable {
        public var suppliers = 0, agents = 0, customers = 0, orders = 0, tickets = 0, messages = 0
        public init() {}
    }

    public var plannedCounts: Counts {
        var c = Counts()
        c.suppliers = GenCatalog.suppliers.count
        c.agents = directory().agents.count
        c.customers = customerCount
        c.orders = orderCount
        c.tickets = tickets
        return c
    }

    /// One line per curated story included at this size.
    public var includedStories: [String] { Array(GenPlanner.storyTitles.prefix(storyCount)) }
    public static var storyTitles: [String] { GenPlanner.storyTitles }

    var customerCount: Int { tickets == 0 ? 0 : max(1, (tickets * 2 + 7) / 15) }
    var orderCount: Int { tickets * 2 / 5 }
    var extraAgents: Int { max(0, tickets / 2000 - 15) }

    func directory() -> GenDirectory { GenDirectory(extraAgents: extraAgents, seed: seed) }

    var storyCount: Int {
        var customers = 0, orders = 0, tickets = 0
        for shape in GenPlanner.storyShapes {
            let leftCustomers = customerCount - customers - 1
            guard leftCustomers >= 0, orders + shape.orders <= orderCount,
                  tickets + shape.tickets + leftCustomers <= self.tickets else { break }
            customers += 1; orders += shape.orders; tickets += shape.tickets
        }
        return customers
    }

    /// The files written and what they hold. `importPaths` lists them in the importer's order.
    public struct GeneratedFiles: Sendable, Equatable {
        public var directory: URL
        public var suppliers: URL
        public var agents: URL
        public var customers: URL
        public var orders: URL
        public var tickets: URL
        public var messages: URL
        /// `.base_time`: the recorded "now" (ISO 8601), for loaders that move the set to today.
        public var baseTime: URL
        public var counts: Counts
        public var bytes: Int

        public var importPaths: [String] { [suppliers, agents, customers, orders, tickets, messages].map(\.path) }
    }

    /// Writes the data set into `directory` (created if needed; files of the same names are
    /// replaced). `progress` gets (tickets written, tickets total) now and then.
    @discardableResult
    public func write(to directory: URL, progress: ((Int, Int) -> Void)? = nil) throws -> GeneratedFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = Int64((baseDate.timeIntervalSince1970).rounded(.down))
        let dir = self.directory()
        let ctx = GenContext(base: base, directory: dir, seed: seed)
        let url = { (name: String) in directory.appendingPathComponent(name) }
        let suppliers = try GenFile(url("suppliers.jsonl"))
        let agents = try GenFile(url("agents.jsonl"))
        let customers = try GenFile(url("customers.jsonl"))
        let orders = try GenFile(url("orders.jsonl"))
        let ticketsFile = try GenFile(url("tickets.csv"))
        let messages = try GenFile(url("messages.jsonl"))
        let files = [suppliers, agents, customers, orders, ticketsFile, messages]

        for s in GenCatalog.suppliers {
            suppliers.beginLine()
            suppliers.field("supplier_id", s.id); suppliers.field("name", s.name); suppliers.field("product", s.product)
            suppliers.field("contact", s.contact); suppliers.field("languages", strings: s.languages)
            try suppliers.endLine()
        }
        for a in dir.agents {
            agents.beginLine()
            agents.field("agent_id", a.id); agents.field("name", a.name); agents.field("role", a.role)
            agents.field("skills", strings: a.skills.map(\.rawValue)); agents.field("languages", strings: a.languages)
            agents.field("center", a.center); agents.field("supplier_id", a.supplierID)
            try agents.endLine()
        }

        ticketsFile.raw("external_id,created_at,channel,product,category,priority,status,customer_id,customer_name,customer_language,customer_tier,customer_phone,customer_email,customer_flags,order_ids,subject,message,bot_summary,sla_due_at,agent_id,first_response_at,resolved_at,disposition\n")

        let customerTotal = customerCount
        let stories = storyCount
        let shapes = GenPlanner.storyShapes.prefix(stories)
        let storyOrders = shapes.reduce(0) { $0 + $1.orders }
        let storyTickets = shapes.reduce(0) { $0 + $1.tickets }
        let generic = customerTotal - stories
        let genericTickets = tickets - storyTickets
        let genericOrders = orderCount - storyOrders
        let customerWidth = max(6, String(customerTotal).count)
        let ticketWidth = max(6, String(tickets).count)
        var nextOrder = 1
        var nextTicket = 1
        var messageCount = 0

        for n in 0..<customerTotal {
            var p = GenPlanner(ctx: ctx, customerNumber: n + 1, idWidth: customerWidth, firstOrderNumber: nextOrder)
            let wantOrders: Int, wantTickets: Int
            if n < stories {
                p.c = GenPlanner.storyCustomer(n, id: p.c.id)
                p.planStory(n)
                wantOrders = GenPlanner.storyShapes[n].orders
                wantTickets = GenPlanner.storyShapes[n].tickets
            } else {
                let j = n - stories
                wantTickets = share(j, genericTickets, generic, stream: 2, minimum: 1)
                wantOrders = share(j, genericOrders, generic, stream: 4, minimum: 0)
                p.planCurrent(orderCount: min(wantOrders, wantOrders >= 4 ? 4 : 3))
                p.planPastTrips(orderCount: wantOrders - p.orders.count)
                if wantTickets - p.tickets.count >= 3 && p.r.percent(45) { p.planSecondActive() }
                p.planHistory(count: wantTickets - p.tickets.count)
            }
            p.finish()
            precondition(p.orders.count == wantOrders && p.tickets.count == wantTickets,
                         "customer \(n + 1): planned \(p.orders.count) orders / \(p.tickets.count) tickets, wanted \(wantOrders) / \(wantTickets)")
            try writeCustomer(p.c, customers)
            for o in p.orders { try writeOrder(o, customer: p.c, orders) }
            for t in p.tickets {
                let id = "HD-" + GenFormat.padded(nextTicket, ticketWidth)
                nextTicket += 1
                try writeTicket(t, id: id, planner: p, ticketsFile)
                for m in t.messages.sorted(by: { $0.at < $1.at }) {
                    messages.beginLine()
                    messages.field("ticket_id", id)
                    messages.field("at", time: m.at, .china)
                    messages.field("author", m.author)
                    messages.field("author_id", m.authorID)
                    messages.field("visibility", m.isInternal ? "internal" : "public")
                    messages.field("body", m.body)
                    try messages.endLine()
                    messageCount += 1
                }
            }
            nextOrder += p.orders.count
            if let progress, n % 2000 == 1999 { progress(nextTicket - 1, tickets) }
        }
        for f in files { try f.close() }
        // Hidden, so `heatdesk import DIR/*` names only data files.
        let baseFile = url(".base_time")
        try Data((GenTime.timestamp(base, .china) + "\n").utf8).write(to: baseFile)
        progress?(tickets, tickets)

        var counts = Counts()
        counts.suppliers = suppliers.rows; counts.agents = agents.rows; counts.customers = customers.rows
        counts.orders = orders.rows; counts.tickets = ticketsFile.rows; counts.messages = messageCount
        return GeneratedFiles(directory: directory, suppliers: suppliers.url, agents: agents.url, customers: customers.url,
                              orders: orders.url, tickets: ticketsFile.url, messages: messages.url, baseTime: baseFile,
                              counts: counts, bytes: files.reduce(0) { $0 + $1.bytesWritten })
    }

    /// Customer `j`'s share of `total` over `count` customers: even shares, then moved between
    /// the two customers of each pair by a random amount, so some travel a lot and some little,
    /// while the sum stays exact and each share is computed alone.
    func share(_ j: Int, _ total: Int, _ count: Int, stream: UInt64, minimum: Int) -> Int {
        func even(_ i: Int) -> Int { (i + 1) * total / count - i * total / count }
        let pair = j / 2
        guard 2 * pair + 1 < count else { return even(j) }
        let a = even(2 * pair), b = even(2 * pair + 1)
        var r = GenRandom(seed: seed, stream: stream, index: UInt64(pair))
        let lo = -(a - minimum), hi = b - minimum
        let d = lo <= hi ? r.int(lo...hi) / (r.percent(50) ? 1 : 2) : 0
        return j % 2 == 0 ? a + d : b - d
    }

    private func writeCustomer(_ c: GenCustomer, _ out: GenFile) throws {
        out.beginLine()
        out.field("customer_id", c.id); out.field("name", c.name); out.field("language", c.zh ? "zh" : "en")
        out.field("tier", c.tier); out.field("phone", c.phone); out.field("email", c.email)
        out.field("flags", strings: c.flags)
        try out.endLine()
    }

    private func writeOrder(_ o: GenOrder, customer c: GenCustomer, _ out: GenFile) throws {
        out.beginLine()
        out.field("order_id", o.id); out.field("customer_id", c.id); out.field("product", o.product.rawValue)
        out.field("status", o.status); out.field("booked_at", time: o.bookedAt, .china)
        if let f = o.flight {
            out.beginObject("flight")
            out.field("carrier", c.zh ? GenCatalog.carriers[f.carrier].zh : GenCatalog.carriers[f.carrier].en)
            out.field("number", f.number)
            out.field("origin", GenCatalog.airports[f.origin].code); out.field("destination", GenCatalog.airports[f.destination].code)
            out.field("departure", time: f.departure, f.originZone); out.field("arrival", time: f.arrival, f.destinationZone)
            out.field("pnr", f.pnr)
            out.endObject()
        }
        if let h = o.hotel {
            let city = GenCatalog.cities[h.city]
            out.beginObject("hotel")
            out.field("name", c.zh ? h.def.zh : h.def.en); out.field("city", c.zh ? city.zh : city.en)
            out.field("checkin", time: h.checkIn, h.zone); out.field("checkout", time: h.checkOut, h.zone)
            out.field("room", h.room); out.field("supplier_id", GenCatalog.suppliers[h.def.supplier].id)
            out.endObject()
        }
        if let car = o.car {
            let comp = GenCatalog.carCompanies[car.company]
            out.beginObject("car")
            out.field("company", c.zh ? comp.zh : comp.en)
            out.field("pickup_place", car.pickupPlace); out.field("pickup_at", time: car.pickupAt, car.zone)
            out.field("return_place", car.returnPlace); out.field("return_at", time: car.returnAt, car.zone)
            out.field("supplier_id", comp.supplier.map { GenCatalog.suppliers[$0].id })
            out.endObject()
        }
        out.beginArray("events")
        for e in o.events {
            out.beginElement()
            out.field("at", time: e.at, .china); out.field("kind", e.kind); out.field("detail", e.detail)
            out.endElement()
        }
        out.endArray()
        try out.endLine()
    }

    private func writeTicket(_ t: GenTicket, id: String, planner p: GenPlanner, _ out: GenFile) throws {
        let c = p.c
        out.csv(id, first: true)
        out.csv(time: t.createdAt, .china)
        out.csv(t.channel); out.csv(t.product.rawValue); out.csv(t.category); out.csv(t.priority); out.csv(t.status)
        out.csv(c.id); out.csv(c.name); out.csv(c.zh ? "zh" : "en"); out.csv(c.tier)
        out.csv(c.phone ?? ""); out.csv(c.email ?? ""); out.csv(c.flags.joined(separator: ";"))
        out.csv(t.orders.map { p.orders[$0].id }.joined(separator: ";"))
        out.csv(t.subject); out.csv(t.message); out.csv(t.botSummary)
        out.csv(time: t.slaDue, .china)
        out.csv(t.agent ?? "")
        out.csv(time: t.firstResponse, .china)
        out.csv(time: t.resolvedAt, .china)
        out.csv(t.disposition ?? "")
        try out.endCSVRow()
    }
}
