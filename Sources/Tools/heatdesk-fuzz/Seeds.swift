import Foundation
import HeatDeskCore
import HeatDeskImport
import HeatDeskTemplates

/// The valid inputs mutations start from: the demo data set and the template library in
/// `Data/`, plus small hand-made ones for what the demo does not show.
final class Seeds {
    let data: String
    /// The tickets file's header line and its rows, each as it stood (newline included).
    let ticketHeader: [UInt8]
    let ticketRows: [[UInt8]]
    /// Per ticket row: its customer id and order ids, so a case can bring the orders it needs.
    let ticketRefs: [(customer: String, orders: [String], id: String)]
    let orders: [String: [UInt8]]
    let orderLines: [[UInt8]]
    let customers: [String: [UInt8]]
    let customerLines: [[UInt8]]
    let messagesByTicket: [String: [[UInt8]]]
    let messageLines: [[UInt8]]
    let agentLines: [[UInt8]]
    let supplierLines: [[UInt8]]
    /// Template files (name, bytes) and the bodies they hold.
    let templateFiles: [(String, [UInt8])]
    let templateBodies: [String]

    init(data: String) throws {
        self.data = data
        func file(_ name: String) throws -> [UInt8] {
            let path = (data as NSString).appendingPathComponent(name)
            guard let d = FileManager.default.contents(atPath: path) else { throw OracleFailure("\(path): cannot read a seed file") }
            return [UInt8](d)
        }
        func jsonLines(_ name: String) throws -> [[UInt8]] {
            try file(name).split(separator: 0x0A).map { Array($0) + [0x0A] }
        }
        // Tickets: split with the import's own parser (rows hold quoted newlines).
        let csv = try file("demo/tickets.csv")
        var raws: [[UInt8]] = []
        var refs: [(String, [String], String)] = []
        var header: CSVHeader?
        let parser = CSVParser()
        let handle: (inout CSVRecord) -> Void = { rec in
            guard let h = header else { header = try? CSVHeader(rec); raws.append(rec.raw); return }
            let f = CSVFields(header: h, record: rec)
            raws.append(rec.raw)
            refs.append((f.text("customer_id") ?? "", (f.text("order_ids") ?? "").split(separator: ";").map(String.init), f.text("external_id") ?? ""))
        }
        csv.withUnsafeBufferPointer { parser.feed($0, handle) }
        parser.finish(handle)
        guard raws.count > 1 else { throw OracleFailure("demo/tickets.csv: no rows") }
        ticketHeader = raws[0]
        ticketRows = Array(raws.dropFirst())
        ticketRefs = refs

        func keyed(_ lines: [[UInt8]], _ key: String) -> [String: [UInt8]] {
            var out: [String: [UInt8]] = [:]
            for l in lines {
                if let o = try? JSONSerialization.jsonObject(with: Data(l)) as? [String: Any], let id = o[key] as? String { out[id] = l }
            }
            return out
        }
        orderLines = try jsonLines("demo/orders.jsonl")
        orders = keyed(orderLines, "order_id")
        customerLines = try jsonLines("demo/customers.jsonl")
        customers = keyed(customerLines, "customer_id")
        messageLines = try jsonLines("demo/messages.jsonl")
        var byTicket: [String: [[UInt8]]] = [:]
        for l in messageLines {
            if let o = try? JSONSerialization.jsonObject(with: Data(l)) as? [String: Any], let id = o["ticket_id"] as? String {
                byTicket[id, default: []].append(l)
            }
        }
        messagesByTicket = byTicket
        agentLines = try jsonLines("demo/agents.jsonl")
        supplierLines = try jsonLines("demo/suppliers.jsonl")

        let templatesDir = (data as NSString).appendingPathComponent("templates")
        let names = try FileManager.default.contentsOfDirectory(atPath: templatesDir).filter { $0.hasSuffix(".yaml") }.sorted()
        templateFiles = try names.map { ($0, try file("templates/" + $0)) }
        let library = try TemplateLibrary.load(directory: URL(fileURLWithPath: templatesDir))
        templateBodies = library.templates.map(\.body) + Self.handMadeBodies
    }

    /// Finds `Data/` upward from the working directory and from the binary (the build tree).
    static func locateData(_ given: String?) -> String? {
        if let given { return given }
        var starts = [FileManager.default.currentDirectoryPath]
        starts.append((CommandLine.arguments[0] as NSString).deletingLastPathComponent)
        for start in starts {
            var dir = URL(fileURLWithPath: start).standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("Data")
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("demo/tickets.csv").path) { return candidate.path }
                dir.deleteLastPathComponent()
            }
        }
        return nil
    }

    static let handMadeBodies: [String] = [
        "{{customer.greeting}}\n{{#order.flight.delayed}}Your flight {{order.flight.number | \"\"}} is late.{{/order.flight.delayed}}\n{{? new departure time}}",
        "您好{{customer.name | \"客户\"}}，\n  {{^order.hotel.name}}\n  无酒店\n  {{/order.hotel.name}}\n{{! a comment }}谢谢",
        "{{customer.name}} {{unknown.name}} {{#a}} {{/b}} }} {{ }} {{{x}}} {{? }} {{name | bare}} {{name | \"a\" tail}}",
        "\r\n{{#order.flight.delayed}}\r\n{{order.flight.number}}\r\n{{/order.flight.delayed}}\r\n",
    ]

    static let handMadeConfigs: [String] = [
        "# workstation 7, Shanghai night shift\ndb = /var/lib/heatdesk/ws7.sqlite\nshared = \"/mnt/heatdesk share\"\nagent = AG-002\n",
        "db=/tmp/x.sqlite\r\nshared = \"/mnt/台北 share\"\r\ndata = \"/opt/heatdesk/Data\"\r\n",
        "\n\n   # only comments\n\t\n",
        "agent = \"AG-002\"\ndb = \"/a = b/c.sqlite\"\n# agent = AG-003\n",
    ]

    static let handMadeCSV: [String] = [
        "external_id,created_at,customer_id,subject\nHD-1,2026-11-22T07:30:00Z,C-1,\"a, \"\"b\"\"\nc\"\nHD-2,yesterday,C-2,x\r\nHD-3,2026-11-22T07:30:00Z,,\n",
        "\u{FEFF}customer_id,name,language,tier\r\nC-1,王丽娜,zh,black\r\nC-2,\"Carter, Emily\",en,3\r\n",
        "agent_id,name,skills,languages\nA-1,李娜,flight;hotel,zh;en\nA-2,\"Tom\",car,en",
        "record,external_id,ticket_id,at,author,body\nmessage,,HD-1,2026-11-22T07:31:00Z,customer,\"hi\"\n",
    ]
}
