import XCTest
import HeatDeskCore
@testable import HeatDeskTemplates

/// The shipped library: every template lints clean, carries what it declares, and renders
/// against a realistic ticket with flight, hotel and car orders.
final class LibraryTests: XCTestCase {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Data/templates")

    func testLibraryLintsClean() {
        let report = TemplateLinter.lint(directory: Self.directory)
        XCTAssertEqual(report.issues, [], report.text)
        XCTAssertEqual(report.exitCode, 0)
    }
}

final class LibraryDumpTests: XCTestCase {
    /// Prints every template rendered for the sample ticket (run by hand: --filter LibraryDumpTests).
    func testDump() throws {
        guard ProcessInfo.processInfo.environment["DUMP_TEMPLATES"] != nil else { return }
        let lib = try TemplateLibrary.load(directory: LibraryTests.directory)
        for t in lib.templates {
            let ctx = TemplateSample.context(t.language)
            let r = TemplateRenderer.render(t, context: ctx, overrides: TemplateLinter.sampleFill(t))
            print("=== \(t.id) [\(t.elementsLabel)]\n\(r.preview)")
            print(TemplateLinter.heatFindings(t).map(\.description).joined(separator: "\n"))
        }
    }
}
