import Foundation
import HeatDeskCore
import HeatDeskStore
import HeatDeskTemplates
import TerminalKit

public typealias AgentList = AppDatabase.AgentList

/// The whole agent session as one value: `agentUpdate` changes it, `agentView` draws it.
public struct AgentState: Sendable {
    public var me: Agent
    public var theme: Theme
    public var library: TemplateLibrary
    public var timeZone: TimeZone
    /// The session's clock, advanced by ticks (tests set it).
    public var now: Date
    /// The terminal size as last reported (for page sizes in `update`).
    public var size: Size

    public var list: AgentList = .queue
    public var lists: [AgentList: [QueueItem]] = [:]
    public var selection: [AgentList: ListState] = [:]
    public var counts = AppDatabase.AgentCounts()
    public var loaded = false
    /// Type-to-filter on the visible list; `filtering` while the agent types it.
    public var filter = ""
    public var filtering = false

    /// The opened ticket (nil: the lists are shown).
    public var ticket: TicketScreenState?
    public var composer: ComposerState?
    /// An earlier contact of the customer, opened read-only from the service trail over the
    /// ticket being worked (which, with its composer, stays as it was until Esc).
    public var earlier: TicketScreenState?
    /// The earlier contact asked for with Enter, until it loads.
    public var openingEarlier: TicketKey?
    public var modal: AgentModal?
    public var message: TransientMessage?
    /// What an effect in flight is doing (shown on the message line until it answers).
    public var busy: String?
    public var quit = false

    // Drafts (issue 14, item 2; Agent/AgentDrafts.swift).
    /// My kept drafts of the open ticket by visibility, as read when it opened and kept in step
    /// with every save since (the state is what is newest; a later read is not taken over it).
    public var drafts: [Visibility: AppDatabase.Draft] = [:]
    /// The ticket `drafts` were read for (nil: not read yet).
    public var draftsFor: TicketKey?
    /// The composer whose text is on its way: back in the editor when the send is refused.
    public var sending: ComposerState?
    /// Draft saves asked for and not answered yet (a quit waits for them).
    public var draftWritesInFlight = 0
    /// Quit asked while drafts were being saved: the session ends once they are.
    public var quitAfterSave = false
    /// A draft save failed: a second quit leaves without waiting for it.
    public var draftSaveFailed = false
    /// Numbers draft writes, so the runtime drops a save overtaken by a newer one or by the send.
    public var draftRevision = 0

    public init(me: Agent, library: TemplateLibrary, theme: Theme = .monochrome, timeZone: TimeZone = .current,
                now: Date = Date(), size: Size = Size(width: 80, height: 24)) {
        self.me = me; self.library = library; self.theme = theme; self.timeZone = timeZone; self.now = now; self.size = size
    }

    /// The rows of the current list after the filter: what the table shows and Enter acts on.
    public var visibleItems: [QueueItem] {
        let all = lists[list] ?? []
        let words = filter.lowercased().split(separator: " ")
        guard !words.isEmpty else { return all }
        return all.filter { i in
            let hay = [i.key.description, i.customerName, i.subject, i.product.rawValue, i.category.rawValue,
                       i.priority.rawValue, i.channel.rawValue, i.tripProducts.map(\.rawValue).joined(separator: " ")]
                .joined(separator: " ").lowercased()
            return words.allSatisfy { hay.contains($0) }
        }
    }

    public var selectedItem: QueueItem? {
        let items = visibleItems
        guard let i = selection[list, default: ListState()].selected, i < items.count else { return nil }
        return items[i]
    }

    /// Am I the one who may move the open ticket on?
    public var ownsTicket: Bool { ticket?.detail.ticket.ownerID == me.id || me.role == .supervisor }

    /// The ticket's data as templates and the HEAT checker see it, with this agent as the writer.
    public var templateContext: TemplateContext? {
        guard let d = ticket?.detail else { return nil }
        return TemplateContext(ticket: d.ticket, customer: d.customer, orders: d.orders, agent: me, messages: d.messages, now: now)
    }
}

/// The reply or note being written.
public struct ComposerState: Sendable {
    public var editor = EditorState()
    public var visibility: Visibility
    public var audience: Audience = .customer
    public var templateID: String?
    /// The text the last template rendered, to tell it from the agent's own words: a template
    /// chosen over words the agent typed keeps them below it (issue 14: a draft is never lost).
    public var renderedTemplate: String?
    /// HEAT findings of the current text; nil until checked (editing clears them).
    public var findings: [Finding]? { didSet { findingsFrom = nil } }
    /// Nil: the findings take at most three rows under the text. Otherwise the composer grows over
    /// the ticket and shows the findings in full from this one on (`C-r` pages, then closes).
    public var findingsFrom: Int?
    /// The ticket the text is for (its draft is kept under it).
    public var ticket: TicketKey?
    /// The visibility the draft is kept under in the database (nil: not kept yet).
    public var keptAs: Visibility?
    /// The text as last kept, and when.
    public var savedText: String?
    public var savedAt: Date?
    /// Edits since the last save (a save every `ComposerState.saveEvery` edits, and on each tick).
    public var editsSinceSave = 0
    public static let saveEvery = 40

    public init(visibility: Visibility, ticket: TicketKey? = nil) { self.visibility = visibility; self.ticket = ticket }

    /// The text (or its kind) changed since it was last kept.
    public var dirty: Bool { editor.text != (savedText ?? "") || (keptAs != nil && keptAs != visibility) }
    /// Only whitespace: nothing worth keeping.
    public var isBlank: Bool { editor.text.allSatisfy(\.isWhitespace) }
}

/// Filling a template's blanks (and any ticket value it lacks), one prompt at a time.
public struct BlankPrompt: Sendable {
    public var template: Template
    public var missing: [MissingValue]
    public var index = 0
    public var values: [String: String] = [:]
    public var input = EditorState()
    public init(template: Template, missing: [MissingValue]) { self.template = template; self.missing = missing }
}

/// What a picker chooses; each case carries the values its rows stand for.
public enum PickerPurpose: Sendable {
    case template([Template])
    case invite([String])
    case supplier([String])
    case leave([String])
    /// nil: back to the queue.
    case transfer([String?])
    case priority([Priority])
    /// nil: resume work (no longer pending).
    case pending([String?])
    case resolve([Disposition])
}

public enum AgentModal: Sendable {
    case help(scroll: Int)
    case picker(PickerState, PickerPurpose)
    case blanks(BlankPrompt)
    /// A question before an action that is hard to undo or lowers an SOS (No is the default).
    case confirm(ConfirmState, ConfirmedAction)
}

/// What a confirmation goes on to do when the agent says yes.
public enum ConfirmedAction: Sendable, Equatable {
    case quit
    case setPriority(TicketKey, Priority)
    case resolve(TicketKey, Disposition)
    /// Merge these follow-ups into `into` (resolved as duplicate, conversations kept); `from` is the ticket shown.
    case merge([TicketKey], into: TicketKey, from: TicketKey)
    /// Throw the composer's text away (its kept draft too).
    case discardDraft
}

/// Everything that reaches `agentUpdate`: keys and ticks from the terminal, answers from the runtime.
public enum AgentMessage: Sendable {
    case key(KeyEvent)
    case paste(String)
    case resize(Size)
    case tick(Date)
    case listsLoaded([AgentList: [QueueItem]], AppDatabase.AgentCounts)
    case ticketLoaded(OpenedTicket)
    /// The earlier contact asked for by `openEarlier` (nil: it is gone).
    case earlierLoaded(OpenedTicket?)
    case claimResult(AppDatabase.ClaimOutcome?)
    /// A work command succeeded; `leave` says the ticket is no longer the agent's to show.
    case workDone(String, leave: Bool)
    case workFailed(String)
    /// What `v` opened for this ticket (logged), or why it opened nothing.
    case contactRevealed(TicketKey, AppDatabase.ContactReveal)
    case inviteCandidates([AppDatabase.InviteCandidate], forTransfer: Bool)
    case suppliers([Supplier])
    case statusChanged(AgentStatus)
    /// Another process or the sync engine changed the database: reload what is shown.
    case externalChange
    /// My kept drafts of a ticket, read when it opened.
    case draftsLoaded(TicketKey, [AppDatabase.Draft])
    /// A `saveDraft` / `deleteDraft` was carried out, or failed (with the reason).
    case draftSaved(TicketKey)
    case draftNotSaved(TicketKey, String)
    /// A reply or note went in (its draft is gone), or was refused with the reason (its draft is kept).
    case sent(TicketKey, Visibility)
    case sendRefused(TicketKey, Visibility, String)
    /// Tickets that left my list because someone else acted (requeue, reassignment, …).
    case ticketsLeft([TicketLeft])
}

/// A ticket of mine that someone else moved on, and whether my draft of it is kept.
public struct TicketLeft: Equatable, Sendable {
    public var move: AppDatabase.TicketMove
    public var draftKept: Bool
    public init(move: AppDatabase.TicketMove, draftKept: Bool) { self.move = move; self.draftKept = draftKept }
}

/// Work for the runtime: database reads and commands. Data only, so flows are testable.
public enum AgentEffect: Sendable, Equatable {
    case loadLists
    /// Loads (or reloads) a ticket for the ticket screen.
    case openTicket(TicketKey)
    /// Loads an earlier contact of the service trail, to show read-only over the open ticket.
    case openEarlier(TicketKey)
    /// Finds a ticket by what the agent typed (`HD-1042`, `source:HD-1042`) beyond the loaded page, and opens it.
    case find(String)
    /// Claims, then opens when `open`.
    case claim(TicketKey, open: Bool)
    case claimNext
    /// Sends the draft's text (kept first, dropped once it went in); `revision` as `saveDraft`'s.
    case send(AppDatabase.Draft, moving: Visibility?, revision: Int)
    /// Keeps a draft (`moving`: the visibility it was kept under before); `revision` orders
    /// the writes of one ticket's drafts (an older one arriving late is dropped).
    case saveDraft(AppDatabase.Draft, moving: Visibility?, revision: Int)
    case deleteDraft(TicketKey, [Visibility], revision: Int)
    case loadDrafts(TicketKey)
    /// Asks who moved these tickets (they left my list).
    case explainDepartures([TicketKey])
    case invite(TicketKey, String)
    case leave(TicketKey, String)
    case loadInviteCandidates(TicketKey, [Product], forTransfer: Bool)
    case loadSuppliers(TicketKey)
    case transfer(TicketKey, to: String?)
    case setPriority(TicketKey, Priority)
    case setPending(TicketKey, waitingFor: String?)
    case resolve(TicketKey, Disposition)
    case reopen(TicketKey)
    /// Merges a follow-up into its original (`AppDatabase.merge`), then reloads the ticket shown.
    case merge(TicketKey, into: TicketKey, reload: TicketKey)
    case reveal(TicketKey)
    case setStatus(AgentStatus)
    /// Once a second: the background hook and `PRAGMA data_version`.
    case poll
}
