import Foundation

/// The `--json` shapes of the scriptable verbs. Scripts and later issues build on these names:
/// add keys, never rename one (Docs/cli.md).
extension QueueItem {
    public func write(to w: inout JSONWriter, now: Date) {
        w.beginObject()
        w.field("id", key.description); w.field("source", key.source); w.field("external_id", key.externalID)
        w.field("priority", priority.rawValue); w.field("status", status.rawValue); w.field("channel", channel.rawValue)
        w.field("product", product.rawValue); w.field("category", category.rawValue)
        w.field("trip", strings: tripProducts.map(\.rawValue))
        w.field("created_at", Timestamp.format(createdAt)); w.field("sla_due_at", Timestamp.format(slaDueAt))
        w.field("waiting_seconds", Int64(max(0, now.timeIntervalSince(createdAt))))
        w.field("sla", slaMark(now: now).name)
        w.field("first_response_at", firstResponseAt.map(Timestamp.format))
        w.field("customer_name", customerName); w.field("customer_tier", customerTier.rawValue)
        w.field("subject", subject); w.field("owner", ownerID)
        // Follow-ups (Docs/import-format.md): the original this row chases, and how often it was chased.
        if case .followUp(let parent, let owner)? = link {
            w.field("follow_up_of", parent.description); w.field("follow_up_owner", owner)
        } else {
            w.key("follow_up_of"); w.null()
        }
        if case .chased(let n)? = link { w.field("chased", n) } else { w.field("chased", 0) }
        w.endObject()
    }

    public static func json(_ items: [QueueItem], now: Date) -> String {
        var w = JSONWriter()
        w.beginArray(); for i in items { i.write(to: &w, now: now) }; w.endArray()
        return w.text
    }
}

extension TicketDetail {
    public func json(now: Date) -> String {
        var w = JSONWriter()
        let t = ticket
        w.beginObject()
        w.field("id", t.key.description); w.field("source", t.key.source); w.field("external_id", t.key.externalID)
        w.field("status", t.status.rawValue); w.field("priority", t.priority.rawValue); w.field("channel", t.channel.rawValue)
        w.field("product", t.product.rawValue); w.field("category", t.category.rawValue); w.field("subject", t.subject)
        w.field("created_at", Timestamp.format(t.createdAt)); w.field("sla_due_at", Timestamp.format(t.slaDueAt))
        w.field("sla", t.slaMark(now: now).name)
        w.field("owner", t.ownerID); w.field("first_response_at", t.firstResponseAt.map(Timestamp.format))
        w.field("resolved_at", t.resolvedAt.map(Timestamp.format)); w.field("disposition", t.disposition?.rawValue)
        w.field("bot_summary", t.botSummary)
        w.field("order_ids", strings: t.orderIDs)
        w.key("customer"); w.beginObject()
        w.field("id", customer.id); w.field("name", customer.name); w.field("language", customer.language)
        w.field("tier", customer.tier.rawValue); w.field("phone", customer.phoneMasked); w.field("email", customer.emailMasked)
        w.field("flags", strings: customer.flags.sorted().map(\.rawValue))
        w.endObject()
        w.key("messages"); w.beginArray()
        for m in messages {
            w.beginObject(); w.field("at", Timestamp.format(m.at)); w.field("author", m.authorKind.rawValue)
            w.field("author_id", m.authorID); w.field("visibility", m.visibility.rawValue); w.field("body", m.body)
            w.endObject()
        }
        w.endArray()
        w.key("follow_up_of")
        if let p = links.parent { Self.write(p, to: &w) } else { w.null() }
        w.key("follow_ups"); w.beginArray()
        for f in links.followUps { Self.write(f, to: &w) }
        w.endArray()
        w.key("follow_up_messages"); w.beginArray()
        for lm in links.followUpMessages {
            let m = lm.message
            w.beginObject(); w.field("from", lm.from.description); w.field("at", Timestamp.format(m.at)); w.field("author", m.authorKind.rawValue)
            w.field("author_id", m.authorID); w.field("visibility", m.visibility.rawValue); w.field("body", m.body)
            w.endObject()
        }
        w.endArray()
        w.key("participants"); w.beginArray()
        for p in participants {
            w.beginObject(); w.field("id", p.memberID); w.field("kind", p.kind.rawValue)
            w.field("joined_at", Timestamp.format(p.joinedAt)); w.field("left_at", p.leftAt.map(Timestamp.format))
            w.endObject()
        }
        w.endArray()
        w.key("orders"); w.beginArray()
        for o in orders {
            w.beginObject(); w.field("order_id", o.id); w.field("product", o.product.rawValue); w.field("status", o.status.rawValue)
            w.field("title", o.title); w.field("linked", t.orderIDs.contains(o.id))
            w.field("booked_at", Timestamp.format(o.bookedAt))
            o.detail.write(to: &w)
            w.key("events"); w.beginArray()
            for e in o.events {
                w.beginObject(); w.field("at", Timestamp.format(e.at)); w.field("kind", e.kind.rawValue); w.field("detail", e.detail); w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("service_trail"); w.beginArray()
        for e in serviceTrail {
            w.beginObject(); w.field("id", e.key.description); w.field("created_at", Timestamp.format(e.createdAt))
            w.field("channel", e.channel.rawValue); w.field("category", e.category.rawValue); w.field("subject", e.subject)
            w.field("status", e.status.rawValue); w.field("disposition", e.disposition?.rawValue)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text
    }
}

extension TicketCounts {
    public var json: String {
        var w = JSONWriter()
        w.beginObject()
        w.field("tickets", total)
        w.key("by_status"); w.beginObject(); for s in TicketStatus.allCases { w.field(s.rawValue, byStatus[s] ?? 0) }; w.endObject()
        w.key("by_product"); w.beginObject(); for p in Product.allCases { w.field(p.rawValue, byProduct[p] ?? 0) }; w.endObject()
        w.key("by_priority"); w.beginObject(); for p in Priority.allCases { w.field(p.rawValue, byPriority[p] ?? 0) }; w.endObject()
        w.field("customers", customers); w.field("orders", orders); w.field("agents", agents); w.field("events", events)
        w.endObject()
        return w.text
    }
}

extension TicketDetail {
    static func write(_ l: LinkedTicket, to w: inout JSONWriter) {
        w.beginObject()
        w.field("id", l.key.description); w.field("status", l.status.rawValue); w.field("owner", l.ownerID)
        w.field("reason", l.reason.rawValue); w.field("merged", l.merged); w.field("created_at", Timestamp.format(l.createdAt))
        w.field("subject", l.subject)
        w.endObject()
    }
}
