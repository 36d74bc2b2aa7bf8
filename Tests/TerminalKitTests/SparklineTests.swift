import XCTest
@testable import TerminalKit

/// The block-character charts: levels by hand, the latest values kept when space runs out.
final class SparklineTests: XCTestCase {
    func draw(_ w: some Widget, _ width: Int, _ height: Int = 1) -> [String] {
        var b = Buffer(size: Size(width: width, height: height))
        b.render(w, in: b.area)
        return b.textLines
    }

    func testLevelsScaleToTheLargestValue() {
        // 8 is the top: 1 → one eighth (at least one), 4 → half, 8 → full; nil is blank, 0 too.
        XCTAssertEqual(Sparkline([1, 4, 8, nil, 0]).eighths(height: 1), [1, 4, 8, 0, 0])
        XCTAssertEqual(draw(Sparkline([1, 4, 8, nil, 0]), 5), ["▁▄█  "])
        XCTAssertEqual(draw(Sparkline([1, 4, 8, nil, 0], markZero: true), 5), ["▁▄█ ▁"])
        XCTAssertEqual(draw(Sparkline([2, 1], maximum: 4, columnsPerValue: 2), 4), ["▄▄▂▂"])
    }

    func testTwoRowsAndOverflowKeepTheLatest() {
        // 16 eighths in two rows: 16 fills both, 12 a full bottom and a half top, 4 half the bottom.
        XCTAssertEqual(draw(Sparkline([16, 12, 4]), 3, 2), ["█▄ ", "██▄"])
        XCTAssertEqual(draw(Sparkline([1, 2, 3, 4, 8]), 2), ["▄█"], "the right end is now")
    }

    func testMeter() {
        XCTAssertEqual(Meter(0.5).text(width: 4).filled, "██")
        XCTAssertEqual(Meter(0.55).text(width: 4).filled, "██▎", "0.55 × 32 eighths = 17.6 → 18: two cells and a quarter")
        XCTAssertEqual(draw(Meter(1.0), 3), ["███"])
        XCTAssertEqual(draw(Meter(nil), 3), ["···"])
        XCTAssertEqual(draw(Meter(-1), 3), ["···"], "clamped")
    }
}
