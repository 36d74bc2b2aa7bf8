import Foundation
import GRDB
import HeatDeskCore
import HeatDeskStore

/// Ids accepted earlier in a dry run, which wrote nothing the database could answer for.
final class DryRunMemory {
    var orders: [String: String] = [:]      // order id → customer id
    var tickets: Set<TicketKey> = []
    var agents: Set<String> = []
    var suppliers: Set<String> = []

    func remember(_ item: Importer.Item) {
        switch item {
        case .order(let o): orders[o.id] = o.customerID
        case .ticket(let t): tickets.insert(t.ticket.key)
        case .agent(let a): agents.insert(a.id)
        case .supplier(let s): suppliers.insert(s.id)
        case .customer, .message: break
        }
    }
}

/// Checks that what a record refers to exists: a ticket's orders (and that they are this
/// customer's), its agent, a message's ticket, an agent's or order's supplier.
struct ReferenceChecker {
    let lookup: RecordLookup
    let memory: DryRunMemory?

    init(db: Database, memory: DryRunMemory?) {
        lookup = RecordLookup(db)
        self.memory = memory
    }

    func check(_ item: Importer.Item) throws {
        switch item {
        case .ticket(let r):
            for id in r.ticket.orderIDs {
                guard let owner = try orderCustomer(id) else {
                    throw FieldError(field: "order_ids", reason: "unknown order '\(id)' (import the orders file first or in the same run)")
                }
                if owner != r.ticket.customerID {
                    throw FieldError(field: "order_ids", reason: "order '\(id)' belongs to customer '\(owner)', not '\(r.ticket.customerID)'")
                }
            }
            if let agent = r.ticket.ownerID, !(try lookup.agentExists(agent) || memory?.agents.contains(agent) == true) {
                throw FieldError(field: "agent_id", reason: "unknown agent '\(agent)'")
            }
        case .message(let key, _):
            if try ticketExists(key) == false {
                throw FieldError(field: "ticket_id", reason: "unknown ticket '\(key)'")
            }
        case .agent(let a):
            if let s = a.supplierID, !(try lookup.supplierExists(s) || memory?.suppliers.contains(s) == true) {
                throw FieldError(field: "supplier_id", reason: "unknown supplier '\(s)'")
            }
        case .order(let o):
            let supplier: String?
            switch o.detail {
            case .hotel(let h): supplier = h.supplierID
            case .car(let c): supplier = c.supplierID
            default: supplier = nil
            }
            if let s = supplier, !(try lookup.supplierExists(s) || memory?.suppliers.contains(s) == true) {
                throw FieldError(field: "\(o.product.rawValue).supplier_id", reason: "unknown supplier '\(s)'")
            }
        case .customer, .supplier: break
        }
    }

    /// For dry runs: whether applying would change anything.
    func wouldApply(_ item: Importer.Item) throws -> EventApplier.Outcome {
        switch item {
        case .ticket(let t):
            if memory?.tickets.contains(t.ticket.key) == true { return .alreadyPresent }
            return try ticketExists(t.ticket.key) ? .alreadyPresent : .applied
        case .order(let o):
            if memory?.orders[o.id] != nil { return .alreadyPresent }
            return try lookup.orderExists(o.id) ? .alreadyPresent : .applied
        default:
            return .applied
        }
    }

    private func orderCustomer(_ id: String) throws -> String? {
        if let c = memory?.orders[id] { return c }
        return try lookup.orderCustomer(id)
    }

    private func ticketExists(_ key: TicketKey) throws -> Bool {
        if memory?.tickets.contains(key) == true { return true }
        return try lookup.ticketExists(key)
    }
}
