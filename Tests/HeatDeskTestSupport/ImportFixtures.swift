import Foundation

/// Small, readable import files for tests: a trip of three orders and ticket rows built from
/// named fields, so each test changes only the field it is about.
public enum ImportFixtures {
    public static let ticketColumns = ["external_id", "created_at", "channel", "product", "category", "priority",
                                       "customer_id", "customer_name", "customer_language", "customer_tier",
                                       "order_ids", "subject", "message", "bot_summary"]

    public static func ticket(_ id: String, _ overrides: [String: String] = [:]) -> [String: String] {
        var row = ["external_id": id, "created_at": "2026-11-22T07:30:00+08:00", "channel": "chat", "product": "flight",
                   "category": "delay", "priority": "urgent", "customer_id": "C-1", "customer_name": "王丽娜",
                   "customer_language": "zh", "customer_tier": "black", "order_ids": "O-1;O-2",
                   "subject": "航班延误，酒店入住怎么办", "message": "我的航班MU523延误了，\n酒店今晚还能入住吗？",
                   "bot_summary": "客户航班MU523延误约4小时，担心东京酒店入住。"]
        for (k, v) in overrides { row[k] = v }
        return row
    }

    /// A CSV file of ticket rows with the standard header.
    public static func csv(_ rows: [[String: String]], columns: [String] = ticketColumns, newline: String = "\n") -> String {
        var out = columns.joined(separator: ",") + newline
        for r in rows { out += columns.map { quote(r[$0] ?? "") }.joined(separator: ",") + newline }
        return out
    }

    public static func quote(_ s: String) -> String {
        s.contains(where: { ",\"\n\r".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// Orders O-1 (flight), O-2 (hotel) of customer C-1 and O-9 (car) of customer C-2.
    public static let orders = """
        {"order_id":"O-1","customer_id":"C-1","product":"flight","status":"delayed","booked_at":"2026-11-01T10:00:00+08:00","flight":{"carrier":"MU","number":"MU523","origin":"PVG","destination":"NRT","departure":"2026-11-22T09:00:00+08:00","arrival":"2026-11-22T13:00:00+09:00","pnr":"K7XQ2M"},"events":[{"at":"2026-11-01T10:00:00+08:00","kind":"booked"},{"at":"2026-11-22T07:10:00+08:00","kind":"delayed","detail":"新起飞时间 13:10"}]}
        {"order_id":"O-2","customer_id":"C-1","product":"hotel","status":"booked","booked_at":"2026-11-01T10:05:00+08:00","hotel":{"name":"Hilton Tokyo","city":"Tokyo","checkin":"2026-11-22T15:00:00+09:00","checkout":"2026-11-25T11:00:00+09:00","room":"King"},"events":[{"at":"2026-11-01T10:05:00+08:00","kind":"booked"}]}
        {"order_id":"O-9","customer_id":"C-2","product":"car","status":"booked","booked_at":"2026-11-02T10:05:00+08:00","car":{"company":"Hertz","pickup_place":"LHR T5","pickup_at":"2026-11-23T09:00:00Z","return_place":"LHR T5","return_at":"2026-11-26T09:00:00Z"}}

        """
}
