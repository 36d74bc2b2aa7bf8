import Foundation
import HeatDeskCore
import HeatDeskStore
import HeatDeskTemplates
import TerminalKit

/// The agent session's pure update: a message in, the state changed, effects out. Whatever the
/// message, the current list's selection ends on a visible row when there is one (issue 14,
/// item 7: a filter left behind by a claim, a reload that shrank the list, a view switch).
public func agentUpdate(_ s: inout AgentState, _ m: AgentMessage) -> [AgentEffect] {
    let fx = step(&s, m)
    keepSelectionOnAVisibleRow(&s)
    return fx
}

/// No rows: nothing selected (and the list says why). Rows: the selection is one of them.
func keepSelectionOnAVisibleRow(_ s: inout AgentState) {
    let n = s.visibleItems.count
    var st = s.selection[s.list, default: ListState()]
    let fixed: Int? = n == 0 ? nil : min(max(st.selected ?? 0, 0), n - 1)
    if st.selected != fixed { st.selected = fixed; s.selection[s.list] = st }
}

private func step(_ s: inout AgentState, _ m: AgentMessage) -> [AgentEffect] {
    switch m {
    case .key(let k):
        return handleKey(&s, k)
    case .paste(let text):
        if case .picker(var p, let purpose)? = s.modal { p.paste(text); s.modal = .picker(p, purpose) }
        else if case .blanks(var b)? = s.modal { b.input.insert(text.replacingOccurrences(of: "\n", with: " ")); s.modal = .blanks(b) }
        else if s.composer != nil { s.composer!.editor.insert(text); s.composer!.findings = nil; return composerEdited(&s) }
        else if s.filtering { s.filter += Sanitizer.singleLine(text); resetSelection(&s) }
        return []
    case .resize(let size):
        s.size = size
        return []
    case .tick(let now):
        s.now = now
        s.ticket?.now = now
        if let msg = s.message, msg.expired(at: .now) { s.message = nil }
        // The editor's text is kept on every tick it changed (a crash loses a second at most).
        return [.poll] + keepComposer(&s)
    case .listsLoaded(let lists, let counts):
        // Tickets that left Mine since the last read: the runtime asks the log who moved them.
        let before = s.loaded ? Set((s.lists[.mine] ?? []).map(\.key)) : []
        let gone = before.subtracting((lists[.mine] ?? []).map(\.key)).sorted()
        s.lists = lists; s.counts = counts; s.loaded = true
        for l in AgentList.allCases {
            var st = s.selection[l, default: ListState()]
            let n = l == s.list ? s.visibleItems.count : (lists[l]?.count ?? 0)
            if let sel = st.selected, sel >= n { st.selected = n == 0 ? nil : n - 1 }
            if st.selected == nil, n > 0 { st.selected = 0 }
            s.selection[l] = st
        }
        return gone.isEmpty ? [] : [.explainDepartures(gone)]
    case .ticketLoaded(let opened):
        s.busy = nil
        if s.ticket?.key == opened.detail.ticket.key { s.ticket!.reload(opened); return [] }
        // Another ticket: the editor's text is kept, and my drafts of this one are read.
        let fx = closeComposer(&s)
        s.ticket = TicketScreenState(opened, timeZone: s.timeZone)
        s.ticket!.now = s.now
        s.drafts = [:]; s.draftsFor = nil
        return fx + [.loadDrafts(opened.detail.ticket.key)]
    case .earlierLoaded(let opened):
        earlierLoaded(&s, opened)
        return []
    case .claimResult(let outcome):
        s.busy = nil
        switch outcome {
        case .claimed(let key, _)?: s.message = note("Claimed \(key)", .success)
        case .heldBy(let key, let id, let name)?:
            s.message = note("\(key) is held by \(name.map { "\($0) (\(id))" } ?? id)", .warning)
        case .notClaimable(let key, let status)?: s.message = note("\(key) is \(status.rawValue), not in the queue", .warning)
        case nil: s.message = note("Nothing queued for your skills and languages", .info)
        }
        return []
    case .workDone(let text, let leave):
        s.busy = nil
        s.message = note(text, .success)
        if leave {
            let fx = closeComposer(&s)
            s.ticket = nil; s.drafts = [:]; s.draftsFor = nil
            return fx
        }
        return []
    case .workFailed(let text):
        s.busy = nil
        s.message = note(text, .error)
        return []
    case .contactRevealed(let key, let result):
        guard s.ticket?.key == key else { return [] }
        switch result {
        case .revealed(let contact):
            s.ticket!.revealedContact = contact; s.ticket!.revealProblem = nil
            s.message = note("Contact details revealed (logged)", .success)
        case .unavailable(let why):
            s.ticket!.revealedContact = nil; s.ticket!.revealProblem = why
            s.message = note("Not revealed: " + why, .error)
        }
        return []
    case .inviteCandidates(let cands, let forTransfer):
        s.busy = nil
        let rows = cands.filter { !$0.alreadyIn }
        let items = rows.map { c -> SafeText in
            let skills = c.agent.skills.map(\.rawValue).joined(separator: ",")
            let match = c.matching.isEmpty ? "" : "  ✓ " + c.matching.map(\.rawValue).joined(separator: ",")
            return SafeText("\(c.agent.status == .available ? "●" : "○") \(c.agent.name) \(c.agent.id)\(match)  \(skills) \(c.agent.languages.joined(separator: ",")) · \(c.agent.status.rawValue)")
        }
        if forTransfer {
            let p = PickerState(title: "Transfer to", items: ["↩ back to the queue"] + items, visibleRows: pickerRows(s))
            s.modal = .picker(p, .transfer([nil] + rows.map { Optional($0.agent.id) }))
        } else {
            s.modal = .picker(PickerState(title: "Pull in a colleague (skill ✓ = covers this trip)", items: items, visibleRows: pickerRows(s)),
                              .invite(rows.map(\.agent.id)))
        }
        return []
    case .suppliers(let sups):
        s.busy = nil
        let inside = Set(s.ticket?.activeMembers ?? [])
        let free = sups.filter { !inside.contains($0.id) }
        guard !free.isEmpty else {
            s.message = note(sups.isEmpty ? "No supplier is linked to this trip's orders" : "Every supplier of this trip is already in", .info)
            return []
        }
        let items = free.map { SafeText("\($0.product.rawValue)  \($0.name) (\($0.id))  \($0.languages.joined(separator: ","))") }
        s.modal = .picker(PickerState(title: "Pull in a supplier of this trip", items: items, visibleRows: pickerRows(s)), .supplier(free.map(\.id)))
        return []
    case .statusChanged(let st):
        s.me.status = st
        s.message = note("You are \(st.rawValue)", .info)
        return []
    case .externalChange:
        var fx: [AgentEffect] = [.loadLists]
        if let t = s.ticket { fx.append(.openTicket(t.key)) }
        return fx
    case .draftsLoaded, .draftSaved, .draftNotSaved, .sent, .sendRefused, .ticketsLeft:
        return draftStep(&s, m)
    }
}

func note(_ text: String, _ kind: TransientMessage.Kind) -> TransientMessage {
    TransientMessage(SafeText(text), kind: kind, lasting: .seconds(kind == .error || kind == .warning ? 8 : 4))
}

func pickerRows(_ s: AgentState) -> Int { max(3, min(12, s.size.height - 8)) }

private func resetSelection(_ s: inout AgentState) {
    s.selection[s.list] = ListState(selected: s.visibleItems.isEmpty ? nil : 0)
}

private func handleKey(_ s: inout AgentState, _ k: KeyEvent) -> [AgentEffect] {
    if s.modal != nil { return handleModal(&s, k) }
    if s.earlier != nil { return earlierKey(&s, k) }
    if s.filtering {
        // The filter's bindings (AgentBindings.filter); every other key edits the text.
        switch AgentBindings.table.action(for: k, in: AgentBindings.filter) {
        case .endFilter?:
            s.filtering = false
            // Nothing on the loaded page matches: search the whole database for a ticket id.
            let text = s.filter.trimmingCharacters(in: .whitespaces)
            if s.visibleItems.isEmpty, !text.isEmpty, !text.contains(" ") {
                s.busy = "Looking for \(text)…"
                s.filter = ""
                resetSelection(&s)
                return [.find(text)]
            }
        case .back?: s.filtering = false; s.filter = ""; resetSelection(&s)
        case .up?, .down?: s.filtering = false; return handleKey(&s, k)
        default:
            switch k.key {
            case .backspace: if !s.filter.isEmpty { s.filter.removeLast(); resetSelection(&s) }
            case .pageUp, .pageDown: s.filtering = false; return handleKey(&s, k)
            default: if let c = k.text { s.filter.append(c); resetSelection(&s) }
            }
        }
        return []
    }
    if s.composer != nil { return handleComposer(&s, k) }
    let context = s.ticket == nil ? AgentBindings.queue : AgentBindings.ticket
    if let action = AgentBindings.table.action(for: k, in: context) { return perform(&s, action) }
    if s.ticket != nil {
        _ = s.ticket!.handleNavigation(k, in: AgentLayout(s.size, s).ticket)
    }
    return []
}

// MARK: actions

private func perform(_ s: inout AgentState, _ a: AgentAction) -> [AgentEffect] {
    switch a {
    case .quit:
        // `q` on the lists asks first (C-c, the terminal's own interrupt, leaves at once).
        if s.ticket == nil && s.composer == nil {
            let inHand = s.counts.mine
            s.modal = .confirm(ConfirmState(
                title: "Leave the session",
                message: SafeText("Quit heatdesk? Your status goes offline" + (inHand > 0
                    ? "; the \(inHand) ticket\(inHand == 1 ? "" : "s") you hold stay yours until a supervisor requeues them." : ".")),
                yes: "Quit", no: "Stay"), .quit)
            return []
        }
        // Elsewhere (C-c): at once, once the editor's text is kept.
        return requestQuit(&s)
    case .help: s.modal = .help(scroll: 0); return []
    case .reload:
        var fx: [AgentEffect] = [.loadLists]
        if let t = s.ticket { fx.append(.openTicket(t.key)) }
        return fx
    case .toggleStatus:
        return [.setStatus(s.me.status == .available ? .away : .available)]
    default: break
    }
    if s.ticket != nil { return performTicket(&s, a) }
    let items = s.visibleItems
    let rows = max(1, AgentLayout(s.size, s).list.height - 1)
    var st = s.selection[s.list, default: ListState()]
    defer { s.selection[s.list] = st }
    switch a {
    case .down: st.move(by: 1, count: items.count, visibleRows: rows)
    case .up: st.move(by: -1, count: items.count, visibleRows: rows)
    case .pageDown: st.pageDown(count: items.count, visibleRows: rows)
    case .pageUp: st.pageUp(count: items.count, visibleRows: rows)
    case .home: st.home(count: items.count, visibleRows: rows)
    case .end: st.end(count: items.count, visibleRows: rows)
    case .nextView, .prevView, .view:
        let all = AgentList.allCases
        let i = all.firstIndex(of: s.list)!
        let next: Int
        if case .view(let n) = a { next = n } else { next = (i + (a == .nextView ? 1 : all.count - 1)) % all.count }
        s.selection[s.list] = st
        s.list = all[min(max(0, next), all.count - 1)]
        s.filter = ""; s.filtering = false
        st = s.selection[s.list, default: ListState(selected: (s.lists[s.list] ?? []).isEmpty ? nil : 0)]
    case .filter: s.filtering = true
    case .back:
        s.filter = ""
        st = ListState(selected: s.visibleItems.isEmpty ? nil : 0)
    case .claimNext:
        s.busy = "Claiming the next best ticket…"
        return [.claimNext]
    case .open, .claim:
        guard let item = s.selectedItem else {
            // Nothing to act on: say why rather than doing nothing.
            s.message = note(!s.loaded ? "The list is still loading" : !s.filter.isEmpty
                             ? "No ticket matches “\(s.filter)”; Esc clears the filter" : "This view is empty", .info)
            return []
        }
        if item.status == .queued {
            s.busy = "Claiming \(item.key)…"
            return [.claim(item.key, open: a == .open)]
        }
        if a == .claim {
            s.message = note("\(item.key) is \(item.status.rawValue)" + (item.ownerID.map { ", held by \($0)" } ?? ""), .warning)
            return []
        }
        s.busy = "Opening \(item.key)…"
        return [.openTicket(item.key)]
    default: break
    }
    return []
}

private func performTicket(_ s: inout AgentState, _ a: AgentAction) -> [AgentEffect] {
    guard let t = s.ticket else { return [] }
    let key = t.key
    let status = t.detail.ticket.status
    let isParticipant = t.activeMembers.contains(s.me.id)
    func needOwner(_ verb: String) -> Bool {
        if s.ownsTicket { return true }
        s.message = note("Only the owner or a supervisor can \(verb) \(key)", .warning)
        return false
    }
    func needActive(_ verb: String) -> Bool {
        if status != .resolved { return true }
        s.message = note("\(key) is resolved; o reopens it before you \(verb)", .warning)
        return false
    }
    switch a {
    case .back:
        s.ticket = nil; s.drafts = [:]; s.draftsFor = nil
        return [.loadLists]
    case .nextView: s.ticket!.nextPane()
    case .prevView: s.ticket!.nextPane(backwards: true)
    case .open: return openEarlier(&s)
    case .reply, .note, .template:
        guard needActive("write") else { return [] }
        guard s.ownsTicket || isParticipant else {
            s.message = note("Claim \(key) first (c), or be pulled in, to write in it", .warning); return []
        }
        openComposer(&s, a == .note ? .internal : .public)
        if a == .template { openTemplatePicker(&s) }
    case .claim:
        guard status == .queued else {
            s.message = note("\(key) is \(status.rawValue)" + (t.detail.ticket.ownerID.map { ", held by \(t.names[$0] ?? $0)" } ?? ""), .warning)
            return []
        }
        s.busy = "Claiming \(key)…"
        return [.claim(key, open: true)]
    case .invite:
        guard needActive("pull people in"), needOwner("pull people into") else { return [] }
        s.busy = "Looking for colleagues…"
        return [.loadInviteCandidates(key, t.detail.orders.map(\.product), forTransfer: false)]
    case .inviteSupplier:
        guard needActive("pull people in"), needOwner("pull people into") else { return [] }
        s.busy = "Looking up the trip's suppliers…"
        return [.loadSuppliers(key)]
    case .leave:
        var members = t.activeMembers
        if !s.ownsTicket { members = members.filter { $0 == s.me.id } }
        guard !members.isEmpty else { s.message = note("Nobody to leave: no participant in \(key)", .info); return [] }
        let items = members.map { SafeText(($0 == s.me.id ? "myself: " : "") + (t.names[$0] ?? $0) + " (" + $0 + ")") }
        s.modal = .picker(PickerState(title: "Who leaves the conversation", items: items, visibleRows: pickerRows(s)), .leave(members))
    case .transfer:
        guard needOwner("transfer") else { return [] }
        guard status == .open || status == .pending else { s.message = note("\(key) is \(status.rawValue); only a worked ticket moves", .warning); return [] }
        s.busy = "Looking for agents…"
        return [.loadInviteCandidates(key, t.detail.orders.map(\.product), forTransfer: true)]
    case .priority:
        guard needOwner("change the priority of") else { return [] }
        let all = Priority.allCases
        var p = PickerState(title: "Priority (now \(t.detail.ticket.priority.rawValue))", items: all.map { SafeText($0.rawValue) }, visibleRows: all.count)
        p.list.select(all.firstIndex(of: t.detail.ticket.priority), count: all.count, visibleRows: all.count)
        s.modal = .picker(p, .priority(all))
    case .pending:
        guard needOwner("set pending"), needActive("set it pending") else { return [] }
        let choices: [String?] = status == .pending ? [nil, "customer", "supplier"] : ["customer", "supplier"]
        let items = choices.map { SafeText($0.map { "waiting for the \($0)" } ?? "resume work (no longer pending)") }
        s.modal = .picker(PickerState(title: "Pending", items: items, visibleRows: items.count), .pending(choices))
    case .resolve:
        guard needOwner("resolve"), needActive("resolve it") else { return [] }
        let all = Disposition.allCases
        let items = all.map { SafeText($0.rawValue) }
        s.modal = .picker(PickerState(title: "Resolve \(key) as", items: items, visibleRows: all.count), .resolve(all))
    case .reopen:
        guard status == .resolved else { s.message = note("\(key) is \(status.rawValue), not resolved", .info); return [] }
        s.busy = "Reopening \(key)…"
        return [.reopen(key)]
    case .merge:
        return askMerge(&s, t)
    case .reveal:
        if s.ticket!.revealed && s.ticket!.revealProblem == nil { return [] }
        s.ticket!.revealed = true
        return [.reveal(key)]
    default: break
    }
    return []
}

// MARK: composer

private func handleComposer(_ s: inout AgentState, _ k: KeyEvent) -> [AgentEffect] {
    guard var c = s.composer, let t = s.ticket else { s.composer = nil; return [] }
    // Printable keys are text here (`?` too): only the editor's own keys and non-text global keys act.
    switch AgentBindings.inComposer.action(for: k, in: AgentBindings.composer) {
    case .send?:
        let text = c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { s.message = note("Nothing to send yet", .info); return [] }
        if c.visibility == .public && c.findings == nil, let ctx = s.templateContext {
            c.findings = HEATChecker.check(text, context: ctx, audience: c.audience)
            s.composer = c
            if !(c.findings ?? []).isEmpty {
                s.message = note("HEAT: \(c.findings!.count) finding(s) — edit, or C-s again to send as is", .warning)
                return []
            }
        }
        // Kept until it went in: a refused send puts it back in the editor with the reason.
        if c.ticket == nil { c.ticket = t.key }
        let key = c.ticket!
        s.draftRevision += 1
        let d = draft(of: c, key, s)
        let moving = c.keptAs == c.visibility ? nil : c.keptAs
        c.keptAs = c.visibility; c.savedText = c.editor.text; c.savedAt = s.now; c.editsSinceSave = 0
        s.sending = c
        s.composer = nil
        s.busy = c.visibility == .public ? "Sending…" : "Saving the note…"
        return [.send(d, moving: moving, revision: s.draftRevision)]
    case .template?:
        openTemplatePicker(&s)
        return []
    case .toggleVisibility?:
        let other: Visibility = c.visibility == .public ? .internal : .public
        // One draft of each kind: a kept one of the other kind is not overwritten.
        if s.draftsFor == c.ticket, let kept = s.drafts[other], c.keptAs != other {
            s.message = note("You keep a \(other == .public ? "reply" : "note") draft from \(draftTime(kept.savedAt, s)) on this ticket: "
                             + "send or throw away one of them first (Esc, then \(other == .public ? "r" : "N"))", .warning)
            return []
        }
        c.visibility = other
        c.findings = nil
        s.composer = c
        return []
    case .help?:
        s.modal = .help(scroll: 0)
        return []
    case .findings?:
        guard let f = c.findings, !f.isEmpty else {
            s.message = note(c.findings == nil ? "No HEAT check yet: C-s checks the text" : "HEAT: no findings", .info)
            return []
        }
        if let from = c.findingsFrom {
            let l = AgentLayout(s.size, s)
            let pages = findingPages(f, width: l.findings.width, rows: l.findings.height)
            let page = pages.firstIndex { $0.contains(from) } ?? 0
            c.findingsFrom = page + 1 < pages.count ? pages[page + 1].lowerBound : nil
        } else {
            c.findingsFrom = 0
        }
        s.composer = c
        return []
    case .cancelCompose?:
        // Esc keeps the text (a night shift's Esc is a reflex, not a decision); C-x throws it away.
        let blank = c.isBlank
        let fx = closeComposer(&s)
        s.message = blank ? note("Editor closed", .info)
            : note("\(c.visibility == .public ? "Draft" : "Note draft") kept — \(c.visibility == .public ? "r" : "N") continues it, C-x in the editor throws it away", .info)
        return fx
    case .discardDraft?:
        if c.isBlank { return closeComposer(&s) }
        s.modal = .confirm(ConfirmState(
            title: "Throw the \(c.visibility == .public ? "reply" : "note") away",
            message: SafeText("Throw away what you wrote for \(t.key)? It cannot be brought back."),
            yes: "Throw away", no: "Keep it"), .discardDraft)
        return []
    default:
        break
    }
    let area = AgentLayout(s.size, s).editor
    if c.editor.handle(k, size: area.size) {
        c.findings = nil
        s.composer = c
        return composerEdited(&s)
    }
    if let a = AgentBindings.table.action(for: k, in: .global) { return perform(&s, a) }
    return []
}

private func openTemplatePicker(_ s: inout AgentState) {
    guard let t = s.ticket else { return }
    let lang = ReplyLanguage(code: t.detail.customer.language) ?? .zh
    // The customer's language first, best situations for the ticket's category first; the
    // other language after, so an agent can still choose it by typing "en" or "zh".
    let templates = s.library.suggestions(for: t.detail.ticket, language: lang)
        + s.library.suggestions(for: t.detail.ticket, language: lang.other)
    let items = templates.map { SafeText("\($0.id)  \($0.title)  · \($0.situation.rawValue) \($0.elementsLabel)") }
    s.modal = .picker(PickerState(title: "HEAT template for \(t.detail.ticket.product.rawValue)/\(t.detail.ticket.category.rawValue), \(lang.rawValue)",
                                  items: items, visibleRows: pickerRows(s)), .template(templates))
}

/// Renders `template` into the composer (asking for blanks first when it has any).
func applyTemplate(_ s: inout AgentState, _ template: Template, values: [String: String]) {
    guard let ctx = s.templateContext else { return }
    let reply = TemplateRenderer.render(template, context: ctx, overrides: values)
    if !reply.isComplete {
        var prompt = BlankPrompt(template: template, missing: reply.missing)
        prompt.values = values
        s.modal = .blanks(prompt)
        return
    }
    var c = s.composer ?? ComposerState(visibility: .public, ticket: s.ticket?.key)
    let rendered = reply.text ?? ""
    // The agent's own words (a restored draft, text typed before choosing) stay, below the
    // template; only an untouched earlier template is replaced.
    let typed = c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines)
    let keepTyped = !typed.isEmpty && c.editor.text != c.renderedTemplate
    c.editor = EditorState(text: keepTyped ? rendered + "\n\n" + typed : rendered)
    c.editor.moveToEnd()
    c.renderedTemplate = rendered
    if keepTyped { s.message = note("Template \(template.id) above; the text you had written is kept below it", .info) }
    c.templateID = template.id
    c.audience = template.audience
    c.visibility = .public
    // The checker's findings are shown before anything is sent.
    c.findings = HEATChecker.check(c.editor.text, context: ctx, audience: template.audience)
    s.composer = c
    s.modal = nil
}

// MARK: modals

private func handleModal(_ s: inout AgentState, _ k: KeyEvent) -> [AgentEffect] {
    switch s.modal! {
    case .help(let scroll):
        switch k.key {
        case .down, .char("j"): s.modal = .help(scroll: scroll + 1)
        case .up, .char("k"): s.modal = .help(scroll: max(0, scroll - 1))
        case .pageDown, .char(" "): s.modal = .help(scroll: scroll + 10)
        case .pageUp: s.modal = .help(scroll: max(0, scroll - 10))
        default: s.modal = nil
        }
        return []
    case .blanks(var b):
        switch (k.key, k.modifiers) {
        case (.escape, _):
            s.modal = nil
            s.message = note("Template not applied", .info)
        case (.enter, _):
            let v = b.input.text.trimmingCharacters(in: .whitespaces)
            guard !v.isEmpty else { s.message = note("Fill “\(b.missing[b.index].prompt)” (Esc cancels)", .warning); return [] }
            b.values[b.missing[b.index].key] = v
            b.index += 1
            b.input = EditorState()
            if b.index >= b.missing.count { applyTemplate(&s, b.template, values: b.values) }
            else { s.modal = .blanks(b) }
        default:
            if k.key == .enter { return [] }
            _ = b.input.handle(k, size: Size(width: 60, height: 1))
            s.modal = .blanks(b)
        }
        return []
    case .confirm(var c, let action):
        switch c.handle(k) {
        case .open: s.modal = .confirm(c, action); return []
        case .cancelled, .chosen(false):
            s.modal = nil
            s.message = note("Nothing changed", .info)
            return []
        case .chosen(true):
            s.modal = nil
            switch action {
            case .quit: return requestQuit(&s)
            case .discardDraft:
                guard let c = s.composer else { return [] }
                s.composer!.editor = EditorState()
                s.composer!.templateID = nil
                let fx = closeComposer(&s)
                s.message = note(c.visibility == .public ? "Reply thrown away" : "Note thrown away", .info)
                return fx
            case .setPriority(let key, let p): return [.setPriority(key, p)]
            case .resolve(let key, let d):
                s.busy = "Resolving \(key)…"
                return [.resolve(key, d)]
            case .merge(let followUps, let original, let shown):
                s.busy = "Merging into \(original)…"
                return followUps.map { .merge($0, into: original, reload: shown) }
            }
        }
    case .picker(var p, let purpose):
        switch p.handle(k) {
        case .open: s.modal = .picker(p, purpose); return []
        case .cancelled: s.modal = nil; return []
        case .chosen(let i):
            s.modal = nil
            return choose(&s, purpose, i)
        }
    }
}

private func choose(_ s: inout AgentState, _ purpose: PickerPurpose, _ i: Int) -> [AgentEffect] {
    guard let key = s.ticket?.key else { return [] }
    switch purpose {
    case .template(let ts):
        if s.composer == nil { s.composer = ComposerState(visibility: .public, ticket: key) }
        applyTemplate(&s, ts[i], values: [:])
        return []
    case .invite(let ids), .supplier(let ids):
        s.busy = "Pulling in \(ids[i])…"
        return [.invite(key, ids[i])]
    case .leave(let ids):
        return [.leave(key, ids[i])]
    case .transfer(let ids):
        s.busy = "Transferring…"
        return [.transfer(key, to: ids[i])]
    case .priority(let ps):
        let now = s.ticket!.detail.ticket.priority
        if now == .sos && ps[i] != .sos {
            s.modal = .confirm(ConfirmState(
                title: "Lower an SOS",
                message: SafeText("\(key) is an SOS. Lower it to \(ps[i].rawValue)? It leaves the top of every agent's queue and its SLA clock stays as it is."),
                yes: "Lower to \(ps[i].rawValue)", no: "Keep SOS"), .setPriority(key, ps[i]))
            return []
        }
        return [.setPriority(key, ps[i])]
    case .pending(let ws):
        return [.setPending(key, waitingFor: ws[i])]
    case .resolve(let ds):
        let t = s.ticket!.detail.ticket
        // Resolving is hard to undo for the customer (the ticket leaves every queue): ask when
        // nobody answered them, and for an SOS.
        let unanswered = t.firstResponseAt == nil
        if unanswered || t.priority == .sos {
            var why: [String] = []
            if t.priority == .sos { why.append("\(key) is an SOS.") }
            if unanswered { why.append("No reply has gone to the customer: it will not count as first-contact resolution.") }
            s.modal = .confirm(ConfirmState(
                title: "Resolve \(key)",
                message: SafeText((why + ["Resolve it as \(ds[i].rawValue)?"]).joined(separator: " ")),
                yes: "Resolve", no: "Cancel"), .resolve(key, ds[i]))
            return []
        }
        s.busy = "Resolving \(key)…"
        return [.resolve(key, ds[i])]
    }
}

/// `M`: on a follow-up, merge it into its original; on an original, merge its open follow-ups
/// into it. Always asked first: the follow-ups leave every list, resolved as duplicate.
private func askMerge(_ s: inout AgentState, _ t: TicketScreenState) -> [AgentEffect] {
    let key = t.key
    let links = t.detail.links
    let open = links.followUps.filter { $0.status != .resolved }.map(\.key)
    let followUps: [TicketKey], original: TicketKey
    if let parent = links.parent, t.detail.ticket.status != .resolved {
        guard parent.status != .resolved else {
            s.message = note("\(parent.key) is resolved; reopen it first, or work \(key) on its own", .warning); return []
        }
        (followUps, original) = ([key], parent.key)
    } else if !open.isEmpty {
        guard t.detail.ticket.status != .resolved else { s.message = note("\(key) is resolved; o reopens it before merging into it", .warning); return [] }
        (followUps, original) = (open, key)
    } else {
        s.message = note("Nothing to merge: \(key) is not a follow-up and has no open follow-up", .info); return []
    }
    let names = followUps.map(\.description).joined(separator: ", ")
    s.modal = .confirm(ConfirmState(
        title: "Merge into \(original)",
        message: SafeText("\(names) will be resolved as duplicate of \(original). \(followUps.count == 1 ? "Its" : "Their") conversation is kept and shown on \(original). Merge?"),
        yes: "Merge", no: "Cancel"), .merge(followUps, into: original, from: key))
    return []
}
