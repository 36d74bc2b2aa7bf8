import Foundation

/// `heatdesk stats --json`: the monitor's figures for scripts and wallboards. Seconds for
/// durations, shares as fractions (0.95), times as ISO 8601 UTC; absent figures are null.
extension MetricsReport {
    public var json: String {
        var w = JSONWriter()
        func share(_ k: String, _ v: Double?) { w.key(k); if let v { w.double(v) } else { w.null() } }
        func int(_ k: String, _ v: Int?) { w.key(k); if let v { w.int(v) } else { w.null() } }
        func ticket(_ t: MetricsRecord.TicketLine) {
            w.field("ticket", t.key.description); w.field("product", t.product.rawValue); w.field("channel", t.channel.rawValue)
            w.field("category", t.category.rawValue); w.field("priority", t.priority.rawValue); w.field("status", t.status.rawValue)
            w.key("owner"); if let o = t.ownerID { w.string(o) } else { w.null() }
            w.field("customer", t.customerName); w.field("subject", t.subject)
            w.key("created_at"); w.timestamp(t.createdAt); w.key("sla_due_at"); w.timestamp(t.slaDueAt)
        }
        func level(_ l: Level) { w.field("offered", l.offered); w.field("met", l.met); w.field("missed", l.missed); share("level", l.share) }

        w.beginObject()
        w.key("now"); w.timestamp(now); w.key("day_start"); w.timestamp(dayStart)
        w.key("waiting"); w.beginObject()
        w.field("total", waitingTotal); w.field("longest_wait", longestWait)
        w.key("by_priority"); w.beginObject(); for p in Priority.allCases { w.field(p.rawValue, waitingByPriority[p] ?? 0) }; w.endObject()
        w.key("by_product"); w.beginArray()
        for q in queues {
            w.beginObject(); w.field("product", q.product.rawValue); w.field("total", q.total); w.field("longest_wait", q.longestWait)
            w.key("by_priority"); w.beginObject(); for p in Priority.allCases { w.field(p.rawValue, q.byPriority[p] ?? 0) }; w.endObject()
            w.endObject()
        }
        w.endArray()
        w.key("pinned"); w.beginArray()
        for p in pinned { w.beginObject(); ticket(p.ticket); w.field("wait", p.wait); w.endObject() }
        w.endArray()
        w.endObject()

        w.key("service_level"); w.beginObject()
        level(serviceOverall)
        w.key("by_product"); w.beginArray()
        for (p, l) in serviceByProduct { w.beginObject(); w.field("product", p.rawValue); level(l); w.endObject() }
        w.endArray()
        w.key("by_channel"); w.beginArray()
        for (c, l, goal) in serviceByChannel { w.beginObject(); w.field("channel", c.rawValue); level(l); w.key("goal"); w.double(goal); w.endObject() }
        w.endArray()
        w.endObject()

        w.key("sla"); w.beginObject()
        w.field("past", pastDue); w.field("near", nearDue)
        w.key("tickets"); w.beginArray()
        for r in atRisk { w.beginObject(); ticket(r.ticket); w.field("standing", r.standing.rawValue); w.field("due_in", r.dueIn); w.endObject() }
        w.endArray()
        w.endObject()

        w.key("staff"); w.beginObject()
        w.key("presence"); w.beginObject(); for p in Presence.allCases { w.field(p.rawValue, presenceCounts[p] ?? 0) }; w.endObject()
        w.field("handled_today", handledToday); int("average_handling", averageHandling); share("first_contact_resolution", firstContactShare)
        w.field("stale_claims", staleClaims)
        w.key("list"); w.beginArray()
        for a in agents {
            w.beginObject(); w.field("id", a.id); w.field("name", a.name); w.field("presence", a.presence.rawValue)
            w.field("in_hand", a.inHand); w.field("handled_today", a.handledToday); int("average_handling", a.averageHandling)
            share("first_contact_resolution", a.firstContactShare); w.field("stale_claims", a.staleClaims)
            w.endObject()
        }
        w.endArray()
        w.endObject()

        w.key("hourly"); w.beginObject()
        w.key("created"); w.beginArray(); for v in createdPerHour { w.int(v) }; w.endArray()
        w.key("resolved"); w.beginArray(); for v in resolvedPerHour { w.int(v) }; w.endArray()
        w.key("average_wait"); w.beginArray(); for v in averageWaitPerHour { if let v { w.int(v) } else { w.null() } }; w.endArray()
        w.endObject()
        w.endObject()
        return w.text
    }
}
