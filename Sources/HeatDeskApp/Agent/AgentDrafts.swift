import Foundation
import HeatDeskCore
import HeatDeskStore
import TerminalKit

// Drafts (issue 14, item 2): what the agent types is kept in the workstation's database, per
// agent, ticket and visibility, as they type (on every tick while it changed, and every
// `ComposerState.saveEvery` edits), and always when the editor closes, the ticket changes or the
// session quits. It is offered again when the ticket opens, dropped once sent, and kept when a
// send is refused. Agent notices (item 12) are here too: a ticket of mine that someone else
// moved on is named on the message line, with who did it.

/// The effect that keeps the composer's text, when it changed since it was last kept (a blank
/// text removes the kept draft). The state records the save at once: `drafts` and the composer
/// are what is newest, whatever order the runtime answers in.
func keepComposer(_ s: inout AgentState) -> [AgentEffect] {
    guard var c = s.composer, let key = c.ticket, c.dirty else { return [] }
    s.draftRevision += 1
    let fx: AgentEffect
    if c.isBlank {
        let gone = Array(Set([c.visibility] + (c.keptAs.map { [$0] } ?? []))).sorted { $0.rawValue < $1.rawValue }
        fx = .deleteDraft(key, gone, revision: s.draftRevision)
        if s.draftsFor == key { for v in gone { s.drafts[v] = nil } }
        c.keptAs = nil
    } else {
        let d = draft(of: c, key, s)
        fx = .saveDraft(d, moving: c.keptAs == c.visibility ? nil : c.keptAs, revision: s.draftRevision)
        if s.draftsFor == key {
            if let old = c.keptAs { s.drafts[old] = nil }
            s.drafts[c.visibility] = d
        }
        c.keptAs = c.visibility
    }
    c.savedText = c.editor.text
    c.savedAt = s.now
    c.editsSinceSave = 0
    s.composer = c
    s.draftWritesInFlight += 1
    return [fx]
}

func draft(of c: ComposerState, _ key: TicketKey, _ s: AgentState) -> AppDatabase.Draft {
    AppDatabase.Draft(agentID: s.me.id, ticket: key, visibility: c.visibility, body: c.editor.text,
                      templateID: c.templateID, audience: c.audience, savedAt: s.now)
}

/// After an edit: counts it, and keeps the text every `saveEvery` edits (the ticks keep it too).
func composerEdited(_ s: inout AgentState) -> [AgentEffect] {
    guard s.composer != nil else { return [] }
    s.composer!.editsSinceSave += 1
    return s.composer!.editsSinceSave >= ComposerState.saveEvery ? keepComposer(&s) : []
}

/// Closes the editor, keeping its text.
func closeComposer(_ s: inout AgentState) -> [AgentEffect] {
    let fx = keepComposer(&s)
    s.composer = nil
    return fx
}

/// A new composer for the open ticket, holding my kept draft of that kind when there is one.
func openComposer(_ s: inout AgentState, _ visibility: Visibility) {
    guard let key = s.ticket?.key else { return }
    var c = ComposerState(visibility: visibility, ticket: key)
    if s.draftsFor == key, let d = s.drafts[visibility] {
        fill(&c, with: d)
        s.message = TransientMessage(SafeText("Your draft from \(draftTime(d.savedAt, s)) · Esc keeps it, C-x throws it away"), kind: .info,
                                     lasting: .seconds(8))
    }
    s.composer = c
}

func fill(_ c: inout ComposerState, with d: AppDatabase.Draft) {
    c.editor = EditorState(text: d.body)
    c.editor.moveToEnd()
    c.visibility = d.visibility
    c.templateID = d.templateID
    c.audience = d.audience
    c.keptAs = d.visibility
    c.savedText = d.body
    c.savedAt = d.savedAt
}

/// `14:32` today, `11-21 14:32` another day (the session's time zone).
func draftTime(_ d: Date, _ s: AgentState) -> String {
    let t = Format.dayTime(d, s.timeZone)
    return Format.day(d, s.timeZone) == Format.day(s.now, s.timeZone) ? String(t.suffix(5)) : t
}

/// What the message line says of the open ticket's kept drafts, and the key that continues each.
func draftOffer(_ s: AgentState) -> TransientMessage? {
    guard let t = s.ticket, s.draftsFor == t.key, !s.drafts.isEmpty else { return nil }
    var parts: [String] = []
    if let d = s.drafts[.public] { parts.append("Draft from \(draftTime(d.savedAt, s)) kept — r to continue") }
    if let d = s.drafts[.internal] { parts.append("Note draft from \(draftTime(d.savedAt, s)) kept — N to continue") }
    var text = parts.joined(separator: "; ")
    let mayWrite = s.ownsTicket || t.activeMembers.contains(s.me.id)
    if !mayWrite {
        text += t.detail.ticket.status == .queued ? " (claim it first: c)"
            : " (\(t.key) is \(t.detail.ticket.status.rawValue)\(t.detail.ticket.ownerID.map { ", held by \(t.names[$0] ?? $0)" } ?? ""))"
    }
    return TransientMessage(SafeText(text), kind: .info, lasting: .seconds(20))
}

/// Quit: keep the editor's text first, and leave once every draft write has been answered.
func requestQuit(_ s: inout AgentState) -> [AgentEffect] {
    let fx = keepComposer(&s)
    if s.draftWritesInFlight > 0 && !s.draftSaveFailed {
        s.quitAfterSave = true
        s.busy = "Keeping your draft…"
    } else {
        s.quit = true
    }
    return fx
}

/// The runtime's answers about drafts and sends, and the notices of tickets moved on.
func draftStep(_ s: inout AgentState, _ m: AgentMessage) -> [AgentEffect] {
    switch m {
    case .draftsLoaded(let key, let ds):
        guard s.ticket?.key == key, s.draftsFor != key else { return [] }
        s.draftsFor = key
        s.drafts = [:]
        for d in ds { s.drafts[d.visibility] = d }
        // An editor opened before the drafts arrived and still empty takes its draft.
        if var c = s.composer, c.ticket == key, c.editor.text.isEmpty, let d = s.drafts[c.visibility] {
            fill(&c, with: d)
            s.composer = c
        } else if s.composer == nil, let offer = draftOffer(s) {
            s.message = offer
        }
    case .draftSaved:
        s.draftWritesInFlight = max(0, s.draftWritesInFlight - 1)
        if s.quitAfterSave && s.draftWritesInFlight == 0 { s.quit = true }
    case .draftNotSaved(let key, let why):
        s.draftWritesInFlight = max(0, s.draftWritesInFlight - 1)
        s.draftSaveFailed = true
        // Changed again as far as the next tick is concerned: it tries again.
        if s.composer?.ticket == key { s.composer!.savedText = nil; s.composer!.keptAs = nil }
        if s.quitAfterSave {
            s.quitAfterSave = false
            s.busy = nil
            s.message = note("Draft of \(key) not kept: \(why) — C-c again leaves without it", .error)
        } else {
            s.message = note("Draft of \(key) not kept: \(why)", .error)
        }
    case .sent(let key, let visibility):
        s.sending = nil
        if s.draftsFor == key { s.drafts[visibility] = nil }
    case .sendRefused(let key, let visibility, let why):
        s.busy = nil
        let kind = visibility == .public ? "reply" : "note"
        if let c = s.sending, c.ticket == key, s.ticket?.key == key, s.composer == nil {
            s.composer = c
            s.message = note("Not sent: \(why). Your \(kind) is kept in the editor and as a draft", .error)
        } else {
            s.message = note("Your \(kind) to \(key) was not sent: \(why). It is kept as a draft", .error)
        }
        if let c = s.sending, s.draftsFor == key { s.drafts[visibility] = draft(of: c, key, s) }
        s.sending = nil
    case .ticketsLeft(let left):
        guard let first = left.first else { return [] }
        var text = departureNotice(first, s)
        if left.count > 1 { text += " · \(left.count - 1) more of your tickets moved on (2: Mine)" }
        s.message = TransientMessage(SafeText(text), kind: .warning, lasting: .seconds(30))
    default:
        break
    }
    return []
}

/// `HD-000009 was requeued by 赵雪梅 (SV-01); your draft is kept`.
func departureNotice(_ l: TicketLeft, _ s: AgentState) -> String {
    let m = l.move
    func who(_ id: String, _ name: String?) -> String { name.map { "\($0) (\(id))" } ?? id }
    let by = who(m.actorID, m.actorName)
    var text: String
    switch m.change {
    case "requeued": text = "\(m.key) was requeued by \(by)"
    case "transferred": text = "\(m.key) was reassigned by \(by)" + (m.ownerID.map { " to " + who($0, m.ownerName) } ?? "")
    case "resolved": text = "\(m.key) was resolved by \(by)"
    case "claimed", "reopened": text = "\(m.key) was taken by \(by)"
    default: text = "\(m.key) was moved on by \(by)"
    }
    let editing = s.composer.map { $0.ticket == m.key && !$0.isBlank } ?? false
    if l.draftKept || editing { text += "; your draft is kept" }
    return text
}
