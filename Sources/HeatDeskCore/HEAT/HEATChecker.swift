import Foundation

/// One thing the HEAT checker found missing or wrong in a draft reply.
public struct Finding: Equatable, Hashable, Sendable, Codable, CustomStringConvertible {
    /// The HEAT element a finding belongs to, or `general` (empty, placeholders, language).
    public enum Element: String, Sendable, Codable, CaseIterable, Comparable {
        case H, E, A, T, general
        public var heat: HEATElement? { HEATElement(rawValue: rawValue) }
        public static func < (a: Element, b: Element) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public var element: Element
    public var rule: HEATRule
    /// Why, in the draft's language.
    public var reason: String
    /// What to do about it, in the draft's language.
    public var suggestion: String
    /// The language `reason` and `suggestion` are written in.
    public var language: ReplyLanguage

    public init(element: Element, rule: HEATRule, reason: String, suggestion: String, language: ReplyLanguage) {
        self.element = element; self.rule = rule; self.reason = reason; self.suggestion = suggestion; self.language = language
    }

    public var description: String { "[\(element.rawValue)] \(rule.rawValue): \(reason) → \(suggestion)" }
}

/// The checker's rules; the raw value is the stable code scripts see (`heatdesk check --json`).
public enum HEATRule: String, Sendable, Codable, CaseIterable {
    case empty = "empty-reply"
    case placeholder = "leftover-placeholder"
    case language = "wrong-language"
    case greeting = "H.greeting"
    case empathy = "H.empathy"
    case nextStep = "E.next-step"
    case asksKnown = "E.asks-known"
    case internalCode = "E.internal-code"
    case tooLong = "E.too-long"
    case proactive = "A.proactive"
    case timeCommitment = "T.time-commitment"
    case policy = "T.policy"
    case forbiddenPromise = "T.forbidden-promise"
    case unbackedClaim = "T.unbacked-claim"

    public var element: Finding.Element {
        switch self {
        case .empty, .placeholder, .language: return .general
        case .greeting, .empathy: return .H
        case .nextStep, .asksKnown, .internalCode, .tooLong: return .E
        case .proactive: return .A
        case .timeCommitment, .policy, .forbiddenPromise, .unbackedClaim: return .T
        }
    }
}

/// Reads a draft reply and says which HEAT elements it lacks (Docs/templates.md, "The checker").
/// Phrase lists, not a language model: fast (well under a millisecond), predictable, and each
/// finding names the rule so an agent knows what to change.
public enum HEATChecker {
    /// Longest reply that still reads as effortless: characters (without spaces) for Chinese, words for English.
    public static let maxChineseCharacters = 450
    public static let maxEnglishWords = 230

    /// Checks `draft` for `context`'s ticket. `elements` limits the H/E/A/T rules run (the
    /// general rules always run); `audience` is who reads it (customer-facing rules such as the
    /// customer's language and greeting by name apply to customer replies).
    public static func check(_ draft: String, context: TemplateContext, audience: Audience = .customer,
                             elements: Set<HEATElement> = HEATElement.all) -> [Finding] {
        let trimmed = draft.trimmingCharacters(in: .whitespacesAndNewlines)
        let detected = LanguageDetector.detect(trimmed)
        let lang = detected ?? context.customerLanguage ?? .zh
        var out: [Finding] = []
        func add(_ rule: HEATRule, _ detail: String = "") { out.append(finding(rule, lang, detail)) }

        guard !trimmed.isEmpty else { add(.empty); return out }
        let text = Text(trimmed, language: lang)

        if text.raw.has(Phrases.placeholderMarks) { add(.placeholder) }
        if audience == .customer, let want = context.customerLanguage, let got = detected, got != want {
            add(.language, want.rawValue)
        }

        if elements.contains(.H) {
            if !greets(text, context: context, audience: audience) { add(.greeting) }
            if audience == .customer, !text.lower.has(lang == .zh ? Phrases.empathyZH : Phrases.empathyEN) { add(.empathy) }
        }
        if elements.contains(.E) {
            if !text.lower.has(lang == .zh ? Phrases.nextStepZH : Phrases.nextStepEN) { add(.nextStep) }
            if audience == .customer, let asked = asksKnown(text, context: context) { add(.asksKnown, asked) }
            if let code = internalCode(text.raw, context: context) { add(.internalCode, code) }
            if lang == .zh {
                let n = visibleCharacterCount(text.raw)
                if n > maxChineseCharacters { add(.tooLong, "\(n)") }
            } else if text.words.count > maxEnglishWords {
                add(.tooLong, "\(text.words.count)")
            }
        }
        if elements.contains(.A) {
            if !proactive(text) { add(.proactive) }
        }
        if elements.contains(.T) {
            if !timeCommitment(text) { add(.timeCommitment) }
            if !text.lower.has(lang == .zh ? Phrases.policyZH : Phrases.policyEN) { add(.policy) }
            if let promise = forbiddenPromise(text) { add(.forbiddenPromise, promise) }
            if audience == .customer, let claim = unbackedClaim(text, context: context) { add(.unbackedClaim, claim) }
        }
        return out
    }

    // MARK: The text, prepared once (UTF-8 bytes: the rules search with memmem)

    struct Text {
        /// The draft as written.
        let raw: Bytes
        /// Lower-cased, typographic apostrophes made plain.
        let lower: Bytes
        let language: ReplyLanguage
        /// The first line of `lower`, at most 240 bytes: where a greeting stands.
        let head: Bytes
        /// English words of `lower` (letters, digits, ' : -); empty for Chinese drafts.
        let words: [ArraySlice<UInt8>]

        init(_ draft: String, language: ReplyLanguage) {
            raw = Bytes(Array(draft.utf8))
            var low = Array(draft.lowercased().utf8)
            // ’ (E2 80 99) → '
            if low.count >= 3 {
                var w = 0, r = 0
                while r < low.count {
                    if low[r] == 0xE2, r + 2 < low.count, low[r + 1] == 0x80, low[r + 2] == 0x99 { low[w] = 0x27; r += 3 } else { low[w] = low[r]; r += 1 }
                    w += 1
                }
                low.removeLast(low.count - w)
            }
            lower = Bytes(low)
            let nl = low.firstIndex(of: 0x0A) ?? low.count
            head = Bytes(Array(low[0..<min(nl, 240)]))
            self.language = language
            if language == .en {
                var ws: [ArraySlice<UInt8>] = []
                var start = -1
                for (i, b) in low.enumerated() {
                    let wordByte = (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x27 || b == 0x3A || b == 0x2D || (b >= 0x41 && b <= 0x5A)
                    if wordByte { if start < 0 { start = i } } else if start >= 0 { ws.append(low[start..<i]); start = -1 }
                }
                if start >= 0 { ws.append(low[start..<low.count]) }
                words = ws
            } else {
                words = []
            }
        }
    }

    /// Characters that are not white space, for the length rule.
    static func visibleCharacterCount(_ text: Bytes) -> Int {
        var n = 0
        let b = text.bytes
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { i += 1; continue }
            if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { i += 3; continue } // U+3000
            if c & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    // MARK: H

    /// Whether the first line greets: a Chinese greeting phrase, or (in a Chinese draft) the
    /// customer's name, or an English greeting word with the name (or an honorific). Both
    /// languages' greetings count whatever the draft's language: "Dear Emily," above Chinese
    /// text, or "您好 Emily" above English, greet all the same.
    static func greets(_ text: Text, context: TemplateContext, audience: Audience) -> Bool {
        let head = text.head
        let name = context.customerName.map { Bytes(Array($0.lowercased().utf8)) }
        if head.has(Phrases.greetingZH) { return true }
        if text.language == .zh, let name, !name.bytes.isEmpty, head.has(name) { return true }
        let hasGreeting = Phrases.greetingEN.contains { head.bytes.starts(with: $0.bytes) || head.has(Bytes([0x20] + $0.bytes)) }
        guard hasGreeting else { return false }
        guard audience == .customer, let name else { return true }
        if head.has(Phrases.honorificsEN) { return true }
        if head.has(name) { return true }
        let parts = name.bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x2D || $0 == 0x2C }).filter { $0.count >= 2 }
        return parts.contains { head.has(Bytes(Array($0))) }
    }

    // MARK: E

    /// The thing asked for, when the draft asks the customer for what the ticket already knows.
    static func asksKnown(_ text: Text, context: TemplateContext) -> String? {
        guard !context.linkedProducts.isEmpty else { return nil }
        let hasFlight = context.linkedProducts.contains(.flight)
        let zh = text.language == .zh
        let nouns = zh ? Phrases.knownNounsZH : Phrases.knownNounsEN
        let verbs = zh ? Phrases.askVerbsZH : Phrases.askVerbsEN
        let negations = zh ? Phrases.negationsZH : Phrases.negationsEN
        let window = zh ? 36 : 45 // bytes: about 12 Chinese characters, or 45 letters
        let b = text.lower.bytes
        for (noun, needsFlight) in nouns where !needsFlight || hasFlight {
            var from = 0
            while let at = text.lower.find(noun.bytes, from: from) {
                from = at + noun.bytes.count
                let lo = max(0, at - window)
                let before = Bytes(Array(b[lo..<at]))
                var asks = false
                for verb in verbs {
                    guard let v = before.findLast(verb.bytes) else { continue }
                    // "为您提供" gives; "提供您的订单号" asks.
                    if zh, Phrases.givingZH.contains(where: { Array(before.bytes[0..<v]).ends(with: $0.bytes) }) { continue }
                    asks = true; break
                }
                if zh, !asks {
                    let after = Array(b[from..<min(b.count, from + 9)])
                    asks = Phrases.askTailsZH.contains { after.starts(with: $0.bytes) }
                }
                guard asks else { continue }
                // Only the clause the noun sits in: a negation further back belongs to another clause.
                var cut = 0
                for stop in Phrases.clauseStops { if let p = before.findLast(stop.bytes) { cut = max(cut, p + stop.bytes.count) } }
                let clause = Bytes(Array(before.bytes[cut...]))
                if clause.has(negations) { continue }
                return String(decoding: noun.bytes, as: UTF8.self)
            }
        }
        return nil
    }

    /// A code the customer cannot read: `REFUND_PENDING`, `SOP`, `IROP`; known codes and
    /// codes explained in brackets next to them are fine.
    static func internalCode(_ text: Bytes, context: TemplateContext) -> String? {
        let b = text.bytes
        func isCode(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D }
        var i = 0
        while i < b.count {
            guard isCode(b[i]) else { i += 1; continue }
            let start = i
            var hasUpper = false, hasLower = false, hasUnderscore = false
            while i < b.count, isCode(b[i]) {
                let c = b[i]
                if c >= 0x41 && c <= 0x5A { hasUpper = true } else if c >= 0x61 && c <= 0x7A { hasLower = true } else if c == 0x5F { hasUnderscore = true }
                i += 1
            }
            guard hasUpper else { continue }
            var end = i
            while end > start, b[end - 1] == 0x2D || b[end - 1] == 0x5F { end -= 1 }
            let token = String(decoding: b[start..<end], as: UTF8.self)
            let snake = hasUnderscore
            let jargon = !hasLower && Phrases.jargon.contains(token)
            guard snake || jargon, !context.knownCodes.contains(token) else { continue }
            // Explained: "(PNR)" after its meaning, or "PNR (booking reference)".
            if start > 0, b[start - 1] == 0x28 { continue }
            if start >= 3, b[start - 3] == 0xEF, b[start - 2] == 0xBC, b[start - 1] == 0x88 { continue } // （
            var k = i
            while k < b.count, b[k] == 0x20 { k += 1 }
            if k < b.count, b[k] == 0x28 { continue }
            if k + 2 < b.count, b[k] == 0xEF, b[k + 1] == 0xBC, b[k + 2] == 0x88 { continue }
            return token
        }
        return nil
    }

    // MARK: A

    static func proactive(_ text: Text) -> Bool {
        if text.language == .zh { return text.lower.has(Phrases.proactiveZH) }
        if text.lower.has(Phrases.proactiveEN) { return true }
        // "I have / I've / we have (already|just|also) <past participle>"
        let w = text.words
        var i = 0
        while i < w.count {
            var j = -1
            if w[i].elementsEqual(Phrases.i) || w[i].elementsEqual(Phrases.we), i + 1 < w.count, w[i + 1].elementsEqual(Phrases.have) { j = i + 2 }
            if w[i].elementsEqual(Phrases.ive) || w[i].elementsEqual(Phrases.weve) { j = i + 1 }
            if j >= 0 {
                while j < w.count, Phrases.adverbs.contains(where: { w[j].elementsEqual($0) }) { j += 1 }
                if j < w.count, w[j].count > 3, w[j].suffix(2).elementsEqual([0x65, 0x64]) || Phrases.irregularParticiples.contains(String(decoding: w[j], as: UTF8.self)) { return true }
            }
            i += 1
        }
        return false
    }

    // MARK: T

    /// The scalar that ends just before byte `i`, and where it starts.
    static func scalar(before i: Int, in b: [UInt8]) -> (Unicode.Scalar, Int)? {
        guard i > 0 else { return nil }
        var s = i - 1
        while s > 0, b[s] & 0xC0 == 0x80 { s -= 1 }
        var it = b[s..<i].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let u) = decoder.decode(&it) { return (u, s) }
        return nil
    }

    static func isNumeral(_ u: Unicode.Scalar) -> Bool {
        (0x30...0x39).contains(u.value) || "一二两三四五六七八九十半百".unicodeScalars.contains(u)
    }

    static func timeCommitment(_ text: Text) -> Bool {
        let b = text.raw.bytes
        if text.language == .zh {
            for unit in Phrases.timeUnitsZH {
                var from = 0
                while let at = text.raw.find(unit.bytes, from: from) {
                    from = at + unit.bytes.count
                    guard let (u, s) = scalar(before: at, in: b), isNumeral(u) else { continue }
                    // "30分钟内", "2小时之内"; "每30分钟" (a rhythm); "提前30分钟" (notice).
                    let after = b[from...]
                    if Phrases.withinZH.contains(where: { after.starts(with: $0.bytes) }) { return true }
                    var lead = s
                    while let (p, ps) = scalar(before: lead, in: b), isNumeral(p) { lead = ps }
                    let prefix = Array(b[max(0, lead - 6)..<lead])
                    if prefix.ends(with: Phrases.every.bytes) || prefix.ends(with: Phrases.inAdvance.bytes) { return true }
                }
            }
            // A clock time or a date with 前 ("今晚20:00前", "11月22日 08:30前", "18点前").
            var from = 0
            while let at = text.raw.find(Phrases.before.bytes, from: from) {
                from = at + Phrases.before.bytes.count
                if let (p, _) = scalar(before: at, in: b), (0x30...0x39).contains(p.value) || "点日号".unicodeScalars.contains(p) { return true }
            }
            return text.raw.has(Phrases.todayZH)
        }
        let w = text.words.map { String(decoding: $0, as: UTF8.self) }
        for (i, word) in w.enumerated() {
            switch word {
            case "within", "every", "next":
                var j = i + 1
                if j < w.count, ["the", "a", "an", "next"].contains(w[j]) { j += 1 }
                if j < w.count, Phrases.unitsEN.contains(w[j]), w[j - 1] != "next" || word == "within" { return true }
                if j < w.count, isNumberWord(w[j]), j + 1 < w.count, Phrases.unitsEN.contains(w[j + 1]) { return true }
            case _ where isNumberWord(word) && word != "one":
                // "30 minutes before", "2 hours ahead"
                if i + 2 < w.count, Phrases.unitsEN.contains(w[i + 1]), ["before", "ahead", "beforehand"].contains(w[i + 2]) { return true }
            case "by", "before", "until", "at":
                if i + 1 < w.count, isClockTime(w[i + 1]) { return true }
                if word != "at", i + 1 < w.count, ["tonight", "tomorrow", "midnight", "noon"].contains(w[i + 1]) { return true }
            default:
                break
            }
        }
        return false
    }

    static func isNumberWord(_ w: String) -> Bool {
        if let f = w.utf8.first, f >= 0x30 && f <= 0x39 { return true }
        return ["one", "two", "three", "four", "five", "ten", "fifteen", "twenty", "thirty", "forty-eight", "twenty-four", "half"].contains(w)
    }

    /// `18:00`, `8:30`, `6pm`.
    static func isClockTime(_ w: String) -> Bool {
        let ampm = w.hasSuffix("am") || w.hasSuffix("pm")
        let t = ampm ? w.dropLast(2) : Substring(w)
        guard let f = t.utf8.first, f >= 0x30 && f <= 0x39 else { return false }
        if t.contains(":") { return true }
        return t.count <= 2 && ampm
    }

    static func forbiddenPromise(_ text: Text) -> String? {
        let promises = text.language == .zh ? Phrases.forbiddenZH : Phrases.forbiddenEN
        if let p = promises.first(where: { text.lower.has($0) }) { return String(decoding: p.bytes, as: UTF8.self) }
        let b = text.raw.bytes
        if text.language == .zh {
            var from = 0
            while let at = text.raw.find(Phrases.refundOneCompensate.bytes, from: from) {
                from = at + Phrases.refundOneCompensate.bytes.count
                let rest = String(decoding: b[from..<min(b.count, from + 4)], as: UTF8.self)
                if let c = rest.first, c != "一", c != "三" { return "退一赔\(c)" }
            }
            if text.lower.has(Phrases.nonRefundableZH), text.lower.has(Phrases.fullRefundZH), !text.lower.has(Phrases.refundAllowedZH) {
                return "不可退 + 全额退款"
            }
        } else {
            let w = text.words
            for (i, word) in w.enumerated() where word.elementsEqual(Phrases.compensate) && i + 1 < w.count {
                let next = String(decoding: w[i + 1], as: UTF8.self)
                if ["two", "four", "five", "ten", "double", "twice", "triple"].contains(next) { return "compensate \(next)" }
            }
            if text.lower.has(Phrases.nonRefundableEN), text.lower.has(Phrases.fullRefundEN), !text.lower.has(Phrases.refundAllowedEN) {
                return "non-refundable + full refund"
            }
        }
        return nil
    }

    // MARK: Messages

    static func finding(_ rule: HEATRule, _ lang: ReplyLanguage, _ detail: String) -> Finding {
        let zh = lang == .zh
        let (reason, suggestion): (String, String)
        switch rule {
        case .empty:
            (reason, suggestion) = zh ? ("回复是空的", "写一条回复，或从模板库选一个模板") : ("the reply is empty", "write a reply or start from a library template")
        case .placeholder:
            (reason, suggestion) = zh ? ("回复里还有未填的占位符", "填好所有【待填】和 {{…}} 处再发送") : ("the reply still has placeholders", "fill every [to fill] and {{…}} before sending")
        case .language:
            let want = detail == "zh" ? (zh ? "中文" : "Chinese") : (zh ? "英文" : "English")
            (reason, suggestion) = zh ? ("回复语言与客户语言不一致（客户使用\(want)）", "改用\(want)回复，可选用该模板的\(want)版本") : ("the reply is not in the customer's language (\(want))", "reply in \(want); the template's \(want) twin is in the library")
        case .greeting:
            (reason, suggestion) = zh ? ("开头没有称呼客户", "以“尊敬的…，您好”或客户姓名开头") : ("the reply does not greet the customer by name", "open with \"Dear …\" or \"Hello …\" and the customer's name")
        case .empathy:
            (reason, suggestion) = zh ? ("没有体谅客户遇到的麻烦", "先表达理解与歉意，例如“非常抱歉给您的行程带来不便”") : ("the reply does not acknowledge the customer's trouble", "acknowledge it first, e.g. \"I'm sorry this has disrupted your trip\"")
        case .nextStep:
            (reason, suggestion) = zh ? ("没有说明客户下一步怎么做", "写清楚具体的下一步，例如“您只需…”或“您无需任何操作”") : ("the reply gives no concrete next step", "say exactly what happens next, e.g. \"all you need to do is…\" or \"you don't need to do anything\"")
        case .asksKnown:
            (reason, suggestion) = zh ? ("向客户索要工单已有的信息（\(detail)）", "工单已关联订单，直接引用，不要让客户重复提供") : ("the reply asks for what the ticket already knows (\(detail))", "the order is linked to the ticket: quote it instead of asking")
        case .internalCode:
            (reason, suggestion) = zh ? ("出现客户看不懂的内部代码（\(detail)）", "删掉或换成客户能理解的说法") : ("the reply uses an internal code the customer cannot read (\(detail))", "remove it or say what it means in plain words")
        case .tooLong:
            (reason, suggestion) = zh ? ("回复过长（\(detail)字，建议不超过\(maxChineseCharacters)字）", "删去重复和客户不需要的内容") : ("the reply is too long (\(detail) words; keep it under \(maxEnglishWords))", "cut repetition and what the customer does not need")
        case .proactive:
            (reason, suggestion) = zh ? ("没有说明您已经主动做了什么", "写出已主动采取的行动，例如“已为您联系酒店”") : ("the reply does not say what you have already done", "state the action you took, e.g. \"I have already contacted the hotel\"")
        case .timeCommitment:
            (reason, suggestion) = zh ? ("没有带时间的承诺", "给出明确时间，例如“30分钟内回复您”") : ("the reply makes no commitment with a time", "commit to a time, e.g. \"I will update you within 30 minutes\"")
        case .policy:
            (reason, suggestion) = zh ? ("没有说明适用的政策或保障", "写明适用的规定或保障，如退一赔三、先行赔付、自然灾害保障金、24小时全球紧急救援") : ("the reply does not state the policy or guarantee that applies", "name it: price guarantee (refund one, compensate three), pay-first compensation, natural-disaster fund, 24-hour global SOS")
        case .forbiddenPromise:
            (reason, suggestion) = zh ? ("做出了政策不允许的承诺（\(detail)）", "只承诺政策与保障范围内的内容") : ("the reply promises what the policy does not allow (\(detail))", "promise only what the policy and the guarantees cover")
        case .unbackedClaim:
            (reason, suggestion) = zh ? ("说了记录里没有的事（“\(detail)”）：订单事件、供应商回复和备注都没有显示", "改成正在办理并给出回复时间，或等供应商确认并记录后再这样说") : ("the reply reports something the record does not show (\"\(detail)\"): no order event, supplier reply or note says so", "say you are arranging it and when you will confirm, or record the supplier's confirmation first")
        }
        return Finding(element: rule.element, rule: rule, reason: reason, suggestion: suggestion, language: lang)
    }
}

/// The phrase lists behind the rules (Docs/templates.md lists them in prose).
enum Phrases {
    static func b(_ list: [String]) -> [Bytes] { list.map { Bytes(Array($0.utf8)) } }
    static func b(_ s: String) -> Bytes { Bytes(Array(s.utf8)) }

    static let greetingZH: [Bytes] = b(["您好", "你好", "尊敬的", "亲爱的", "先生", "女士", "早上好", "下午好", "晚上好"])
    static let greetingEN: [Bytes] = b(["dear ", "hello", "hi ", "hi,", "good morning", "good afternoon", "good evening"])
    static let honorificsEN: [Bytes] = b(["mr ", "mr.", "ms ", "ms.", "mrs ", "mrs.", "miss ", "dr ", "dr.", "mx ", "sir", "madam"])

    static let empathyZH: [Bytes] = b(["抱歉", "歉意", "道歉", "对不起", "理解您", "能理解", "着急", "辛苦", "不便", "困扰", "担心", "遗憾", "久等", "添麻烦", "受委屈", "不愉快", "心情", "安心", "感谢您的耐心", "感谢您的理解"])
    static let empathyEN: [Bytes] = b(["sorry", "apolog", "i understand", "understandably", "frustrat", "inconvenien", "worr", "stressful", "regret", "must be", "i know how", "thank you for your patience", "disrupt", "upsetting", "difficult"])

    static let nextStepZH: [Bytes] = b(["请您", "您只需", "只需", "您可以", "您可", "下一步", "无需", "不用再", "不需要", "直接", "回复", "点击", "出示", "前往", "拨打", "请在", "请于", "请携带", "请"])
    static let nextStepEN: [Bytes] = b(["please", "you can ", "you only need", "all you need", "just ", "simply ", "next step", "no need to", "reply ", "tap ", "show ", "go to ", "call ", "bring ", "don't need to", "do not need to", "head to", "nothing to do", "you will "])

    /// Known-to-the-ticket nouns; `true` when only a linked flight makes it known.
    static let knownNounsZH: [(Bytes, Bool)] = [(b("订单号"), false), (b("订单编号"), false), (b("预订号"), false), (b("确认号"), false), (b("航班号"), true), (b("航班信息"), true), (b("入住日期"), false), (b("出发日期"), false), (b("出行日期"), false), (b("起飞时间"), true), (b("行程日期"), false)]
    static let knownNounsEN: [(Bytes, Bool)] = [(b("order number"), false), (b("booking number"), false), (b("booking reference"), false), (b("reservation number"), false), (b("confirmation number"), false), (b("itinerary number"), false), (b("flight number"), true), (b("flight details"), true), (b("travel dates"), false), (b("check-in date"), false), (b("departure date"), false), (b("your dates"), false)]
    static let askVerbsZH: [Bytes] = b(["提供", "告知我", "告诉我", "请告知", "麻烦告知", "发送", "发一下", "发给我", "报一下", "确认一下", "输入", "填写", "补充"])
    /// Before a verb, these make the agent the giver: "为您提供", "向您发送".
    static let givingZH: [Bytes] = b(["为您", "向您", "给您", "帮您"])
    static let askVerbsEN: [Bytes] = b(["provide", "send ", "send me", "tell me", "tell us", "give me", "give us", "share", "confirm your", "confirm the", "let me know", "let us know", "what is", "what's", "remind me", "need your", "need the"])
    static let negationsZH: [Bytes] = b(["无需", "无须", "不用", "不必", "不需要", "免去", "省去"])
    static let negationsEN: [Bytes] = b(["no need", "don't need", "do not need", "don't have to", "do not have to", "without", "won't need", "never need", "not need"])

    /// All-capital tokens that are jargon to a traveller.
    static let jargon: Set<String> = ["SOP", "CRM", "GDS", "ADM", "ACM", "OSI", "SSR", "EMD", "NDC", "IROP", "IRROP", "IRROPS", "NOSHOW", "OTA", "B2B", "KPI", "SLA", "QC", "TKT", "PNR", "RQ", "HK", "UN", "UC", "HX", "TK", "CRS", "PMS", "FOC"]

    static let proactiveZH: [Bytes] = b(["已为您", "已经为您", "已帮您", "已替您", "我已", "我们已", "已同步", "已联系", "已通知", "已安排", "已申请", "已提交", "已预留", "已协调", "已确认", "已核实", "已发起", "已登记", "已备注", "我会主动", "将主动", "会主动", "第一时间", "持续跟进", "继续跟进"])
    static let proactiveEN: [Bytes] = b(["i've already", "i have already", "we've already", "we have already", "i will proactively", "i'll proactively", "without you having to", "without you needing to", "i'll keep an eye", "i will keep an eye", "i'll follow up", "i will follow up", "i'll call you", "i will call you", "i'll update you", "i will update you", "i'll keep you", "i will keep you", "i'll personally", "i will personally", "already been"])
    static let irregularParticiples: Set<String> = ["made", "sent", "held", "spoken", "told", "got", "put", "set", "taken", "written", "paid", "found", "brought", "kept", "left", "given", "done", "begun", "run", "rung", "sought", "sorted", "built", "bought", "lodged", "opened", "flagged", "arranged", "booked"]

    static let timeUnitsZH: [Bytes] = b(["分钟", "小时", "个小时", "个工作日", "工作日", "天", "日", "周"])
    static let unitsEN: Set<String> = ["minute", "minutes", "hour", "hours", "day", "days", "working", "business", "mins", "hrs"]

    static let policyZH: [Bytes] = b(["退一赔一", "退一赔三", "先行赔付", "自然灾害保障金", "全球紧急救援", "24小时", "价格保障", "保障", "政策", "规定", "规则", "条款", "退改", "服务承诺", "合作协议"])
    static let policyEN: [Bytes] = b(["refund one, compensate", "price guarantee", "pay-first", "natural-disaster fund", "natural disaster fund", "global sos", "24-hour", "guarantee", "policy", "fare rules", "rules", "terms", "entitled", "protection", "partner agreement"])

    static let forbiddenZH: [Bytes] = b(["保证不会再", "绝对不会", "百分之百", "100%保证", "保证100%", "一定不会再", "保证准时", "肯定能", "保证一定", "双倍赔偿", "十倍赔偿"])
    static let forbiddenEN: [Bytes] = b(["guarantee it will", "guarantee the flight will", "guarantee that the flight", "guarantee it won't", "100% guarantee", "guarantee 100%", "absolutely guarantee", "definitely won't be delayed", "will never happen again", "promise it will never", "double compensation"])

    static let placeholderMarks: [Bytes] = b(["{{", "}}", "【待填", "[to fill:"])
    static let askTailsZH: [Bytes] = b(["是多少", "是什么", "是哪"])
    static let clauseStops: [Bytes] = b(["，", "。", "！", "？", "；", ",", ".", "!", "?", ";", "\n"])
    static let withinZH: [Bytes] = b(["内", "之内", "以内"])
    static let every = b("每"), inAdvance = b("提前"), before = b("前")
    static let todayZH: [Bytes] = b(["今天之内", "今晚之内", "今日内", "当天内"])
    static let refundOneCompensate = b("退一赔")
    static let nonRefundableZH = b("不可退"), fullRefundZH = b("全额退款")
    static let refundAllowedZH: [Bytes] = b(["自然灾害保障金", "先行赔付", "航司已同意", "航空公司已同意", "酒店已同意"])
    static let nonRefundableEN = b("non-refundable"), fullRefundEN = b("full refund")
    static let refundAllowedEN: [Bytes] = b(["disaster fund", "pay-first", "has agreed", "have agreed"])
    static let compensate = Array("compensate".utf8)
    static let i = Array("i".utf8), we = Array("we".utf8), have = Array("have".utf8), ive = Array("i've".utf8), weve = Array("we've".utf8)
    static let adverbs: [[UInt8]] = ["already", "just", "also", "personally"].map { Array($0.utf8) }
}
