import XCTest
import HeatDeskCore

final class WorkstationConfigTests: XCTestCase {
    func testReadsKeysCommentsAndQuotes() throws {
        let c = try WorkstationConfig.parse("""
            # set by IT for the Shanghai night shift
            db = /var/lib/heatdesk/ws7.sqlite
              shared="/mnt/heat desk"\r
            agent = AG-002

            """, file: "config")
        XCTAssertEqual(c.values, ["db": "/var/lib/heatdesk/ws7.sqlite", "shared": "/mnt/heat desk", "agent": "AG-002"])
    }

    func testEveryProblemNamesItsLine() {
        func reason(_ text: String) -> String {
            do { _ = try WorkstationConfig.parse(text, file: "/etc/heatdesk/config"); return "accepted" } catch { return error.description }
        }
        XCTAssertEqual(reason("db = a\nshraed = /mnt/x"), "/etc/heatdesk/config:2: unknown key 'shraed' (known: db, shared, agent, data, contact_key)")
        XCTAssertEqual(reason("# c\n\njust words"), "/etc/heatdesk/config:3: expected key = value")
        XCTAssertEqual(reason("agent = \"AG-1"), "/etc/heatdesk/config:1: unterminated quote in the value of agent")
        XCTAssertEqual(reason("agent ="), "/etc/heatdesk/config:1: empty value for agent")
        XCTAssertEqual(reason("agent = A\nagent = B"), "/etc/heatdesk/config:2: agent is set twice")
        XCTAssertEqual(reason("db = /tmp/\u{1B}[2Jx"), "/etc/heatdesk/config:1: control character in the value of db")
    }
}
