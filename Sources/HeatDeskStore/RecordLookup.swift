import GRDB
import HeatDeskCore

/// The look-ups an import makes for every record it checks (a ticket's orders and agent, a
/// message's ticket, an order's supplier), with statements prepared once per transaction:
/// through GRDB's `fetchOne(arguments:)` they were about half of the import writer's own work
/// (Docs/performance.md).
public final class RecordLookup {
    enum Query: Int, StatementName {
        case orderCustomer, ticket, order, agent, supplier

        var sql: String {
            switch self {
            case .orderCustomer: return "SELECT customer_id FROM travel_order WHERE id = ?"
            case .ticket: return "SELECT 1 FROM ticket WHERE source = ? AND external_id = ?"
            case .order: return "SELECT 1 FROM travel_order WHERE id = ?"
            case .agent: return "SELECT 1 FROM agent WHERE id = ?"
            case .supplier: return "SELECT 1 FROM supplier WHERE id = ?"
            }
        }
    }

    private let statement: PreparedStatements<Query>

    public init(_ db: Database) { statement = PreparedStatements(db) }

    /// The customer an order belongs to, nil when there is no such order.
    public func orderCustomer(_ id: String) throws -> String? {
        let s = try statement(.orderCustomer)
        s.bind(1, id)
        return try s.firstText()
    }

    public func ticketExists(_ key: TicketKey) throws -> Bool {
        let s = try statement(.ticket)
        s.bind(1, key.source); s.bind(2, key.externalID)
        return try s.firstInt() != nil
    }

    public func orderExists(_ id: String) throws -> Bool { try exists(.order, id) }
    public func agentExists(_ id: String) throws -> Bool { try exists(.agent, id) }
    public func supplierExists(_ id: String) throws -> Bool { try exists(.supplier, id) }

    private func exists(_ query: Query, _ id: String) throws -> Bool {
        let s = try statement(query)
        s.bind(1, id)
        return try s.firstInt() != nil
    }
}
