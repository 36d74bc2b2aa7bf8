import XCTest
import HeatDeskTestSupport

/// The workstation's config file: option > environment > file, and a broken file stops every
/// command with its line named.
final class ConfigFileTests: XCTestCase {
    func testTheConfigFileSuppliesDatabaseAndAgentAndLosesToOptionsAndEnvironment() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("ws.sqlite"), other = dir.file("other.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)
        let config = dir.write("config", "# workstation 7\ndb = \(db)\nagent = AG-002\n")
        let env = ["HEATDESK_CONFIG": config, "HEATDESK_DB": "", "HEATDESK_AGENT": ""]

        let stats = try HeatDeskBinary.run(["stats", "--json"], environment: env)
        XCTAssertEqual(stats.status, 0, stats.stderr)
        XCTAssertTrue(stats.stdout.contains("\"tickets\":300") || stats.stdout.contains("\"tickets\": 300"), stats.stdout)

        let claim = try HeatDeskBinary.run(["claim-next", "--json"], environment: env)
        XCTAssertEqual(claim.status, 0, claim.stderr)
        XCTAssertTrue(claim.stdout.contains("AG-002"), claim.stdout)

        // The environment wins over the file, and the option over both.
        let fromEnv = try HeatDeskBinary.run(["stats", "--json"], environment: env.merging(["HEATDESK_DB": other]) { $1 })
        XCTAssertEqual(fromEnv.status, 2, "no database at the environment's path")
        XCTAssertTrue(fromEnv.stderr.contains(other), fromEnv.stderr)
        let fromOption = try HeatDeskBinary.run(["stats", "--json", "--db", db], environment: env.merging(["HEATDESK_DB": other]) { $1 })
        XCTAssertEqual(fromOption.status, 0, fromOption.stderr)
    }

    func testABrokenConfigFileStopsWithItsLineNamed() throws {
        let dir = TemporaryDirectory()
        let config = dir.write("config", "db = /tmp/x.sqlite\nshraed = /mnt/heatdesk\n")
        let r = try HeatDeskBinary.run(["queue"], environment: ["HEATDESK_CONFIG": config])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("\(config):2: unknown key 'shraed'"), r.stderr)
    }

    /// An empty config is a valid config: an empty file, /dev/null (a character device, whose
    /// size says 0), a file of comments. A folder is named as the mistake it is.
    func testAnEmptyConfigOrDevNullIsValid() throws {
        let dir = TemporaryDirectory()
        let db = dir.file("ws.sqlite")
        XCTAssertEqual(try HeatDeskBinary.run(["demo", "--db", db]).status, 0)
        for config in ["/dev/null", dir.write("empty", ""), dir.write("comments", "# nothing set here\n\n")] {
            let r = try HeatDeskBinary.run(["stats", "--json", "--db", db], environment: ["HEATDESK_CONFIG": config])
            XCTAssertEqual(r.status, 0, "\(config): \(r.stderr)")
        }
        let folder = try HeatDeskBinary.run(["stats", "--db", db], environment: ["HEATDESK_CONFIG": dir.path])
        XCTAssertEqual(folder.status, 2)
        XCTAssertTrue(folder.stderr.contains("\(dir.path): a folder, not a config file"), folder.stderr)
    }
}
