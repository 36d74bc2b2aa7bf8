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

    public var element: Finding.Element {
        switch self {
        case .empty, .placeholder, .language: return .general
        case .greeting, .empathy: return .H
        case .nextStep, .asksKnown, .internalCode, .tooLong: return .E
        case .proactive: return .A
        case .timeCommitment, .policy, .forbiddenPromise: return .T
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

        if trimmed.contains("{{") || trimmed.contains("}}") || trimmed.contains("【待填") || trimmed.contains("[to fill:") {
            add(.placeholder)
        }
        if audience == .customer, let want = context.customerLanguage, let got = detected, got != want {
            add(.language, want.rawValue)
        }

        let text = Text(trimmed, language: lang)

        if elements.contains(.H) {
            if !greets(text, context: context, audience: audience) { add(.greeting) }
            if audience == .customer, !text.containsAny(lang == .zh ? Phrases.empathyZH : Phrases.empathyEN) { add(.empathy) }
        }
        if elements.contains(.E) {
            if !text.containsAny(lang == .zh ? Phrases.nextStepZH : Phrases.nextStepEN) { add(.nextStep) }
            if audience == .customer, let asked = asksKnown(text, context: context) { add(.asksKnown, asked) }
            if let code = internalCode(trimmed, context: context) { add(.internalCode, code) }
            if lang == .zh {
                let n = trimmed.unicodeScalars.reduce(0) { $0 + ($1.properties.isWhitespace ? 0 : 1) }
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
            if !text.containsAny(lang == .zh ? Phrases.policyZH : Phrases.policyEN) { add(.policy) }
            if let promise = forbiddenPromise(text) { add(.forbiddenPromise, promise) }
        }
        return out
    }

    // MARK: The text, prepared once

    struct Text {
        let raw: String
        let lower: String
        let language: ReplyLanguage
        let firstLine: String
        let words: [Substring]

        init(_ raw: String, language: ReplyLanguage) {
            self.raw = raw
            self.language = language
            lower = raw.lowercased().replacingOccurrences(of: "’", with: "'")
            let first = lower.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: true).first.map(String.init) ?? lower
            firstLine = first
            words = lower.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == ":" || $0 == "-") })
        }

        func containsAny(_ phrases: [String]) -> Bool { phrases.contains { lower.contains($0) } }
    }

    // MARK: H

    static func greets(_ text: Text, context: TemplateContext, audience: Audience) -> Bool {
        let head = String(text.firstLine.prefix(80))
        if text.language == .zh {
            if Phrases.greetingZH.contains(where: head.contains) { return true }
            if let name = context.customerName?.lowercased(), head.contains(name) { return true }
            return false
        }
        let hasGreeting = Phrases.greetingEN.contains { head.hasPrefix($0) || head.contains(" " + $0) }
        guard hasGreeting else { return false }
        guard audience == .customer, let name = context.customerName?.lowercased() else { return true }
        if Phrases.honorificsEN.contains(where: { head.contains($0) }) { return true }
        let parts = name.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," }).filter { $0.count >= 2 }
        return head.contains(name) || parts.contains { head.contains($0) }
    }

    // MARK: E

    /// The thing asked for, when the draft asks the customer for what the ticket already knows.
    static func asksKnown(_ text: Text, context: TemplateContext) -> String? {
        guard !context.linkedProducts.isEmpty else { return nil }
        let hasFlight = context.linkedProducts.contains(.flight)
        let lower = text.lower
        let nouns = text.language == .zh ? Phrases.knownNounsZH : Phrases.knownNounsEN
        let verbs = text.language == .zh ? Phrases.askVerbsZH : Phrases.askVerbsEN
        let negations = text.language == .zh ? Phrases.negationsZH : Phrases.negationsEN
        let window = text.language == .zh ? 12 : 45
        for (noun, needsFlight) in nouns where !needsFlight || hasFlight {
            var searchFrom = lower.startIndex
            while let r = lower.range(of: noun, range: searchFrom..<lower.endIndex) {
                searchFrom = r.upperBound
                let lo: String.Index = lower.index(r.lowerBound, offsetBy: -window, limitedBy: lower.startIndex) ?? lower.startIndex
                let before = String(lower[lo..<r.lowerBound])
                let after: Substring = lower[r.upperBound...]
                var asks = verbs.contains { verb in
                    guard let v = before.range(of: verb, options: .backwards) else { return false }
                    return text.language == .en || !Phrases.givingZH.contains { before[..<v.lowerBound].hasSuffix($0) }
                }
                if text.language == .zh, after.hasPrefix("是多少") || after.hasPrefix("是什么") || after.hasPrefix("是哪") { asks = true }
                guard asks else { continue }
                // Only the clause the noun sits in: a negation further back belongs to another clause.
                let stops: Set<Character> = ["，", "。", "！", "？", "；", ",", ".", "!", "?", ";", "\n"]
                let clause: String = before.split(whereSeparator: { stops.contains($0) }).last.map(String.init) ?? before
                if negations.contains(where: { clause.contains($0) }) { continue }
                return noun
            }
        }
        return nil
    }

    /// A code the customer cannot read: `REFUND_PENDING`, `SOP`, `IROP`; known codes and
    /// codes explained in brackets next to them are fine.
    static func internalCode(_ raw: String, context: TemplateContext) -> String? {
        let scalars = Array(raw.unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard isCodeScalar(scalars[i]) else { i += 1; continue }
            let start = i
            while i < scalars.count, isCodeScalar(scalars[i]) { i += 1 }
            var token = String(String.UnicodeScalarView(scalars[start..<i]))
            while token.hasSuffix("-") || token.hasSuffix("_") { token.removeLast() }
            guard !token.isEmpty, !context.knownCodes.contains(token) else { continue }
            let hasUpper = token.unicodeScalars.contains { (0x41...0x5A).contains($0.value) }
            let hasLower = token.unicodeScalars.contains { (0x61...0x7A).contains($0.value) }
            let snake = token.contains("_") && hasUpper
            let jargon = !hasLower && Phrases.jargon.contains(token)
            guard snake || jargon else { continue }
            // Explained: "(PNR)" after its meaning, or "PNR (booking reference)".
            let prev = start > 0 ? scalars[start - 1] : " "
            var k = i
            while k < scalars.count, scalars[k] == " " { k += 1 }
            let next = k < scalars.count ? scalars[k] : " "
            if prev == "(" || prev == "（" || next == "(" || next == "（" { continue }
            return token
        }
        return nil
    }

    static func isCodeScalar(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) || (0x30...0x39).contains(v) || v == 0x5F || v == 0x2D
    }

    // MARK: A

    static func proactive(_ text: Text) -> Bool {
        if text.language == .zh { return text.containsAny(Phrases.proactiveZH) }
        if text.containsAny(Phrases.proactiveEN) { return true }
        // "I have / I've / we have (already|just|also) <past participle>"
        let w = text.words
        var i = 0
        while i < w.count {
            var j = -1
            if (w[i] == "i" || w[i] == "we"), i + 1 < w.count, w[i + 1] == "have" { j = i + 2 }
            if w[i] == "i've" || w[i] == "we've" { j = i + 1 }
            if j >= 0 {
                while j < w.count, ["already", "just", "also", "personally"].contains(w[j]) { j += 1 }
                if j < w.count, w[j].hasSuffix("ed") || Phrases.irregularParticiples.contains(String(w[j])) { return true }
            }
            i += 1
        }
        return false
    }

    // MARK: T

    static func timeCommitment(_ text: Text) -> Bool {
        if text.language == .zh {
            let s = Array(text.raw)
            func numeral(_ c: Character) -> Bool { c.isNumber || "一二两三四五六七八九十半百".contains(c) }
            for unit in Phrases.timeUnitsZH {
                var from = text.raw.startIndex
                while let r = text.raw.range(of: unit, range: from..<text.raw.endIndex) {
                    from = r.upperBound
                    let after = text.raw[r.upperBound...]
                    let before = text.raw[..<r.lowerBound]
                    guard let c = before.last, numeral(c) else { continue }
                    // "30分钟内", "2小时之内"; "每30分钟" (a rhythm); "提前30分钟" (notice).
                    if after.hasPrefix("内") || after.hasPrefix("之内") || after.hasPrefix("以内") { return true }
                    var lead = before
                    while let l = lead.last, numeral(l) { lead = lead.dropLast() }
                    if lead.hasSuffix("每") || lead.hasSuffix("提前") { return true }
                }
            }
            // A clock time or a date with 前 ("今晚20:00前", "11月22日 08:30前", "18点前").
            for (idx, c) in s.enumerated() where c == "前" && idx > 0 {
                let p = s[idx - 1]
                if p.isNumber || p == "点" || p == "日" || p == "号" { return true }
            }
            return text.containsAny(["今天之内", "今晚之内", "今日内", "当天内"])
        }
        let w = text.words
        for (i, word) in w.enumerated() {
            switch word {
            case "within", "every", "next":
                var j = i + 1
                if j < w.count, ["the", "a", "an", "next"].contains(w[j]) { j += 1 }
                if j < w.count, Phrases.unitsEN.contains(String(w[j])), w[j - 1] != "next" || word == "within" { return true }
                if j < w.count, isNumberWord(w[j]), j + 1 < w.count, Phrases.unitsEN.contains(String(w[j + 1])) { return true }
            case _ where isNumberWord(word) && word != "one":
                // "30 minutes before", "2 hours ahead"
                if i + 2 < w.count, Phrases.unitsEN.contains(String(w[i + 1])), ["before", "ahead", "beforehand"].contains(w[i + 2]) { return true }
            case "by", "before", "until", "at":
                if i + 1 < w.count, isClockTime(w[i + 1]) { return true }
                if word != "at", i + 1 < w.count, ["tonight", "tomorrow", "midnight", "noon"].contains(w[i + 1]) { return true }
            default:
                break
            }
        }
        return false
    }

    static func isNumberWord(_ w: Substring) -> Bool {
        if let f = w.first, f.isNumber { return true }
        return ["one", "two", "three", "four", "five", "ten", "fifteen", "twenty", "thirty", "forty-eight", "twenty-four", "half"].contains(String(w))
    }

    /// `18:00`, `8:30`, `6pm`, `22` followed by nothing clock-like is not one.
    static func isClockTime(_ w: Substring) -> Bool {
        let t = w.hasSuffix("am") || w.hasSuffix("pm") ? w.dropLast(2) : w
        guard let f = t.first, f.isNumber else { return false }
        if t.contains(":") { return true }
        return t.count <= 2 && (w.hasSuffix("am") || w.hasSuffix("pm"))
    }

    static func forbiddenPromise(_ text: Text) -> String? {
        let promises = text.language == .zh ? Phrases.forbiddenZH : Phrases.forbiddenEN
        if let p = promises.first(where: text.lower.contains) { return p }
        if text.language == .zh {
            var from = text.raw.startIndex
            while let r = text.raw.range(of: "退一赔", range: from..<text.raw.endIndex) {
                from = r.upperBound
                if let c = text.raw[r.upperBound...].first, c != "一", c != "三" { return "退一赔\(c)" }
            }
            if text.lower.contains("不可退"), text.lower.contains("全额退款"),
               !text.containsAny(["自然灾害保障金", "先行赔付", "航司已同意", "航空公司已同意", "酒店已同意"]) {
                return "不可退 + 全额退款"
            }
        } else {
            let w = text.words
            for (i, word) in w.enumerated() where word == "compensate" && i + 1 < w.count {
                if ["two", "four", "five", "ten", "double", "twice", "triple"].contains(String(w[i + 1])) { return "compensate \(w[i + 1])" }
            }
            if text.lower.contains("non-refundable"), text.lower.contains("full refund"),
               !text.containsAny(["disaster fund", "pay-first", "has agreed", "have agreed"]) {
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
        }
        return Finding(element: rule.element, rule: rule, reason: reason, suggestion: suggestion, language: lang)
    }
}

/// The phrase lists behind the rules (Docs/templates.md lists them in prose).
enum Phrases {
    static let greetingZH = ["您好", "你好", "尊敬的", "亲爱的", "先生", "女士", "早上好", "下午好", "晚上好"]
    static let greetingEN = ["dear ", "hello", "hi ", "hi,", "good morning", "good afternoon", "good evening"]
    static let honorificsEN = ["mr ", "mr.", "ms ", "ms.", "mrs ", "mrs.", "miss ", "dr ", "dr.", "mx ", "sir", "madam"]

    static let empathyZH = ["抱歉", "歉意", "道歉", "对不起", "理解您", "能理解", "着急", "辛苦", "不便", "困扰", "担心", "遗憾", "久等", "添麻烦", "受委屈", "不愉快", "心情", "安心", "感谢您的耐心", "感谢您的理解"]
    static let empathyEN = ["sorry", "apolog", "i understand", "understandably", "frustrat", "inconvenien", "worr", "stressful", "regret", "must be", "i know how", "thank you for your patience", "disrupt", "upsetting", "difficult"]

    static let nextStepZH = ["请您", "您只需", "只需", "您可以", "您可", "下一步", "无需", "不用再", "不需要", "直接", "回复", "点击", "出示", "前往", "拨打", "请在", "请于", "请携带", "请"]
    static let nextStepEN = ["please", "you can ", "you only need", "all you need", "just ", "simply ", "next step", "no need to", "reply ", "tap ", "show ", "go to ", "call ", "bring ", "don't need to", "do not need to", "head to", "nothing to do", "you will "]

    /// Known-to-the-ticket nouns; `true` when only a linked flight makes it known.
    static let knownNounsZH: [(String, Bool)] = [("订单号", false), ("订单编号", false), ("预订号", false), ("确认号", false), ("航班号", true), ("航班信息", true), ("入住日期", false), ("出发日期", false), ("出行日期", false), ("起飞时间", true), ("行程日期", false)]
    static let knownNounsEN: [(String, Bool)] = [("order number", false), ("booking number", false), ("booking reference", false), ("reservation number", false), ("confirmation number", false), ("itinerary number", false), ("flight number", true), ("flight details", true), ("travel dates", false), ("check-in date", false), ("departure date", false), ("your dates", false)]
    static let askVerbsZH = ["提供", "告知我", "告诉我", "请告知", "麻烦告知", "发送", "发一下", "发给我", "报一下", "确认一下", "输入", "填写", "补充"]
    /// Before a verb, these make the agent the giver: "为您提供", "向您发送".
    static let givingZH = ["为您", "向您", "给您", "帮您"]
    static let askVerbsEN = ["provide", "send ", "send me", "tell me", "tell us", "give me", "give us", "share", "confirm your", "confirm the", "let me know", "let us know", "what is", "what's", "remind me", "need your", "need the"]
    static let negationsZH = ["无需", "无须", "不用", "不必", "不需要", "免去", "省去"]
    static let negationsEN = ["no need", "don't need", "do not need", "don't have to", "do not have to", "without", "won't need", "never need", "not need"]

    /// All-capital tokens that are jargon to a traveller.
    static let jargon: Set<String> = ["SOP", "CRM", "GDS", "ADM", "ACM", "OSI", "SSR", "EMD", "NDC", "IROP", "IRROP", "IRROPS", "NOSHOW", "OTA", "B2B", "KPI", "SLA", "QC", "TKT", "PNR", "RQ", "HK", "UN", "UC", "HX", "TK", "CRS", "PMS", "FOC"]

    static let proactiveZH = ["已为您", "已经为您", "已帮您", "已替您", "我已", "我们已", "已同步", "已联系", "已通知", "已安排", "已申请", "已提交", "已预留", "已协调", "已确认", "已核实", "已发起", "已登记", "已备注", "我会主动", "将主动", "会主动", "第一时间", "持续跟进", "继续跟进"]
    static let proactiveEN = ["i've already", "i have already", "we've already", "we have already", "i will proactively", "i'll proactively", "without you having to", "without you needing to", "i'll keep an eye", "i will keep an eye", "i'll follow up", "i will follow up", "i'll call you", "i will call you", "i'll update you", "i will update you", "i'll keep you", "i will keep you", "i'll personally", "i will personally", "already been"]
    static let irregularParticiples: Set<String> = ["made", "sent", "held", "spoken", "told", "got", "put", "set", "taken", "written", "paid", "found", "brought", "kept", "left", "given", "done", "begun", "run", "rung", "sought", "sorted", "built", "bought", "lodged", "opened", "flagged", "arranged", "booked"]

    static let timeUnitsZH = ["分钟", "小时", "个小时", "个工作日", "工作日", "天", "日", "周"]
    static let unitsEN: Set<String> = ["minute", "minutes", "hour", "hours", "day", "days", "working", "business", "mins", "hrs"]

    static let policyZH = ["退一赔一", "退一赔三", "先行赔付", "自然灾害保障金", "全球紧急救援", "24小时", "价格保障", "保障", "政策", "规定", "规则", "条款", "退改", "服务承诺", "合作协议"]
    static let policyEN = ["refund one, compensate", "price guarantee", "pay-first", "natural-disaster fund", "natural disaster fund", "global sos", "24-hour", "guarantee", "policy", "fare rules", "rules", "terms", "entitled", "protection", "partner agreement"]

    static let forbiddenZH = ["保证不会再", "绝对不会", "百分之百", "100%保证", "保证100%", "一定不会再", "保证准时", "肯定能", "保证一定", "双倍赔偿", "十倍赔偿"]
    static let forbiddenEN = ["guarantee it will", "guarantee the flight will", "guarantee that the flight", "guarantee it won't", "100% guarantee", "guarantee 100%", "absolutely guarantee", "definitely won't be delayed", "will never happen again", "promise it will never", "double compensation"]
}
