import Foundation

/// `T.unbacked-claim`: a customer reply that reports what a hotel, a rental branch or a refund
/// did must rest on a fact in the record (`RecordFact`, a flag of the context). A small, fixed
/// set of claim phrases in Chinese and English, each mapped to the one fact that backs it
/// (Docs/templates.md, "Claims the record must back").
extension HEATChecker {
    /// The first claim in `text` whose fact the context does not hold, as written in the draft.
    static func unbackedClaim(_ text: Text, context: TemplateContext) -> String? {
        for claim in ClaimPhrases.all where !context.isPresent(claim.fact.rawValue) {
            if let hit = claim.find(in: text.lower) { return hit }
        }
        return nil
    }

    /// Which fact a claim found in `text` needs, for tests and the screen: every unbacked one.
    public static func unbackedClaims(_ draft: String, context: TemplateContext) -> [(fact: RecordFact, phrase: String)] {
        let trimmed = draft.trimmingCharacters(in: .whitespacesAndNewlines)
        let lang = LanguageDetector.detect(trimmed) ?? context.customerLanguage ?? .zh
        let text = Text(trimmed, language: lang)
        return ClaimPhrases.all.compactMap { c in
            guard !context.isPresent(c.fact.rawValue), let hit = c.find(in: text.lower) else { return nil }
            return (c.fact, hit)
        }
    }
}

/// One kind of claim: exact phrases, and phrase pairs where the second follows the first within a
/// few words ("moved your Hertz pick-up").
struct ClaimPhrases {
    let fact: RecordFact
    let phrases: [Bytes]
    let pairs: [(Bytes, [Bytes])]

    /// Bytes between the end of a pair's first phrase and the start of its second.
    static let pairWindow = 60

    func find(in lower: Bytes) -> String? {
        for p in phrases where lower.has(p) { return String(decoding: p.bytes, as: UTF8.self) }
        for (lead, tails) in pairs {
            var from = 0
            while let at = lower.find(lead.bytes, from: from) {
                from = at + lead.bytes.count
                let end = min(lower.bytes.count, from + ClaimPhrases.pairWindow)
                let window = Bytes(Array(lower.bytes[from..<end]))
                for tail in tails {
                    guard let t = window.find(tail.bytes) else { continue }
                    // Not across a sentence: "moved. Your pick-up…" is two statements.
                    let between = Bytes(Array(window.bytes[0..<t]))
                    if between.has(Phrases.b([".", "。", "\n", "；", ";"])) { continue }
                    return String(decoding: lower.bytes[at..<(from + t + tail.bytes.count)], as: UTF8.self)
                }
            }
        }
        return nil
    }

    static let all: [ClaimPhrases] = [
        ClaimPhrases(fact: .hotelHeld, phrases: Phrases.b([
            "酒店已确认", "已确认为您保留", "已为您保留房", "已为您保留了房", "房间已保留", "已保留房间", "酒店会为您保留", "酒店将为您保留",
            "holding your room", "your room is held", "your room is being held", "kept your room", "held your room",
            "the hotel has confirmed", "the hotel confirmed", "room has been held",
        ]), pairs: []),
        ClaimPhrases(fact: .carMoved, phrases: Phrases.b([
            "取车时间已", "已同步顺延", "已顺延", "门店已确认", "已确认保留车辆", "车辆已保留", "已保留车辆", "已为您保留车辆",
            "pick-up has been moved", "pick-up was moved", "pick-up is moved", "rebooked your car", "rebooked the car",
            "holding the car", "holding your car", "car is held", "car is being held", "held your car",
        ]), pairs: [(Phrases.b("moved your "), Phrases.b(["pick-up", "pickup"])), (Phrases.b("已通知"), Phrases.b(["取车时间顺延", "取车时间改"]))]),
        ClaimPhrases(fact: .refunded, phrases: Phrases.b([
            "已退款", "已为您退款", "已全额退款", "退款已到账", "已原路退回", "退款已原路", "退款已发放", "已同意退款", "已审核通过",
            "refund has been issued", "refund was issued", "issued your refund", "issued a refund", "have refunded you",
            "has been refunded", "we refunded", "refund is on its way", "refund has been paid", "refund has been approved",
            "approved your refund", "approved the refund", "refund is approved",
        ]), pairs: []),
    ]
}
