import Foundation
import HeatDeskTestSupport
import XCTest

/// `heatdesk agent` refuses clearly, before taking the screen: unknown ids, supplier contacts,
/// supervisor-only accounts, a missing database, no terminal.
final class AgentCommandTests: XCTestCase {
    func testRefusals() throws {
        let dir = TemporaryDirectory("heatdesk-agent-cli")
        let db = dir.file("demo.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)

        let unknown = try HeatDeskBinary.run(["agent", "--agent", "AG-999", "--db", db])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("no agent 'AG-999'"), unknown.stderr)

        let supplier = try HeatDeskBinary.run(["agent", "--agent", "SC-03", "--db", db])
        XCTAssertEqual(supplier.status, 1)
        XCTAssertTrue(supplier.stderr.contains("supplier contact"), supplier.stderr)

        let supplierCompany = try HeatDeskBinary.run(["agent", "--agent", "SUP-HILTON", "--db", db])
        XCTAssertEqual(supplierCompany.status, 1)
        XCTAssertTrue(supplierCompany.stderr.contains("is a supplier"), supplierCompany.stderr)

        let supervisor = try HeatDeskBinary.run(["agent", "--agent", "SV-01", "--db", db])
        XCTAssertEqual(supervisor.status, 1)
        XCTAssertTrue(supervisor.stderr.contains("heatdesk monitor"), supervisor.stderr)

        let noTTY = try HeatDeskBinary.run(["agent", "--agent", "AG-002", "--db", db])
        XCTAssertEqual(noTTY.status, 2)
        XCTAssertTrue(noTTY.stderr.contains("not a terminal"), noTTY.stderr)
        XCTAssertTrue(noTTY.stdout.isEmpty, "nothing is drawn without a terminal")

        let missing = try HeatDeskBinary.run(["agent", "--agent", "AG-002", "--db", dir.file("none.sqlite")])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such database"), missing.stderr)

        // A shared directory that is not there (a share not mounted yet) does not stop the shift:
        // the session works locally and names the fault on its message line (issue 6). Here it
        // gets as far as the terminal check.
        let noShared = try HeatDeskBinary.run(["agent", "--agent", "AG-002", "--db", db, "--shared", dir.file("nowhere")])
        XCTAssertEqual(noShared.status, 2)
        XCTAssertTrue(noShared.stderr.contains("not a terminal"), noShared.stderr)
    }
}
