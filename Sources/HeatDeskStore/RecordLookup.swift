import GRDB
import HeatDeskCore

/// The look-ups an import makes for every record it checks (a ticket's orders and agent, a
/// message's ticket, an order's supplier), with statements prepared once per transaction:
/// through GRDB's `fetchOne(arguments:)` they were about half of the import writer's own work
/// (Docs/performance.md).
public final class RecordLookup {
    private let db: Database
    private var prepared: [String: RawStatement] = [:]

    public init(_ db: Database) { self.db = db }

    private func statement(_ sql: String) throws -> RawStatement {
        if let s = prepared[sql] { return s }
        let s = try RawStatement(db, sql: sql)
        prepared[sql] = s
        return s
    }

    /// The customer an order belongs to, nil when there is no such order.
    public func orderCustomer(_ id: String) throws -> String? {
        let s = try statement(Self.orderCustomerSQL)
        s.bind(1, id)
        return try s.firstText()
    }

    public func ticketExists(_ key: TicketKey) throws -> Bool {
        let s = try statement(Self.ticketSQL)
        s.bind(1, key.source); s.bind(2, key.externalID)
        return try s.firstInt() != nil
    }

    public func orderExists(_ id: String) throws -> Bool { try exists(Self.orderSQL, id) }
    public func agentExists(_ id: String) throws -> Bool { try exists(Self.agentSQL, id) }
    public func supplierExists(_ id: String) throws -> Bool { try exists(Self.supplierSQL, id) }

    private func exists(_ sql: String, _ id: String) throws -> Bool {
        let s = try statement(sql)
        s.bind(1, id)
        return try s.firstInt() != nil
    }

    private static let orderCustomerSQL = "SELECT customer_id FROM travel_order WHERE id = ?"
    private static let ticketSQL = "SELECT 1 FROM ticket WHERE source = ? AND external_id = ?"
    private static let orderSQL = "SELECT 1 FROM travel_order WHERE id = ?"
    private static let agentSQL = "SELECT 1 FROM agent WHERE id = ?"
    private static let supplierSQL = "SELECT 1 FROM supplier WHERE id = ?"
}
