import ArgumentParser
import Foundation
import HeatDeskCore

/// What the supervisor's figures are measured against: the targets file and the moment.
struct MetricsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Service-level targets per channel class and priority (Docs/metrics.md).", valueName: "file"))
    var targets: String?

    @Option(help: ArgumentHelp("Measure as of this moment (ISO 8601 with offset) instead of now.", valueName: "time"))
    var now: String?

    init() {}
    init(targets: String?) { self.targets = targets }

    func serviceTargets() throws -> ServiceTargets {
        guard let targets else { return .standard }
        guard let text = try? String(contentsOfFile: targets, encoding: .utf8) else {
            throw CommandFailure(message: "\(targets): cannot read the targets file", code: 2)
        }
        do { return try ServiceTargets.parse(text) } catch {
            throw CommandFailure(message: "\(targets): \(error)", code: 2)
        }
    }

    func moment() throws -> Date {
        guard let now else { return Date() }
        do { return try Timestamp.parse(now) } catch {
            throw CommandFailure(message: "--now \(now): \(error)", code: 2)
        }
    }

    /// "Today" starts at local midnight: the supervisor's working day (TZ decides).
    static func dayStart(of date: Date) -> Date { Calendar.current.startOfDay(for: date) }
}
