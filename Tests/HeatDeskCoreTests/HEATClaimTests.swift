import XCTest
@testable import HeatDeskCore

/// `T.unbacked-claim`: a reply reports what a hotel, a rental branch or a refund did only when the
/// record shows it (Docs/templates.md, "Claims the record must back").
final class HEATClaimTests: XCTestCase {
    func claims(_ draft: String, facts: Bool, audience: Audience = .customer) -> [Finding] {
        HEATChecker.check(draft, context: TemplateSample.context(ReplyLanguage(code: draft.unicodeScalars.contains { $0.value >= 0x4E00 } ? "zh" : "en") ?? .en, facts: facts),
                          audience: audience).filter { $0.rule == .unbackedClaim }
    }

    /// Each claim fires without its fact and is silent with it, in both languages.
    func testEachClaimNeedsItsFact() {
        let cases: [(RecordFact, String)] = [
            (.hotelHeld, "尊敬的李娜，您好！我已为您联系酒店，酒店已确认为您保留房间。"),
            (.hotelHeld, "尊敬的李娜，您好！房间已保留到您入住。"),
            (.hotelHeld, "Dear Emma, the hotel is holding your room until you arrive."),
            (.hotelHeld, "Dear Emma, the hotel has confirmed your late arrival."),
            (.carMoved, "尊敬的李娜，您好！Hertz的取车时间已顺延到落地后。"),
            (.carMoved, "尊敬的李娜，您好！我也已通知Hertz，把虹桥的取车时间顺延到航班落地后。"),
            (.carMoved, "Dear Emma, I have moved your Hertz pick-up to 13:30."),
            (.carMoved, "Dear Emma, I have rebooked the car for the new flight time."),
            (.refunded, "尊敬的李娜，您好！机票已退款，请查收。"),
            (.refunded, "尊敬的李娜，您好！航司已同意退款。"),
            (.refunded, "Dear Emma, your refund has been issued to your card."),
            (.refunded, "Dear Emma, the airline has approved the refund."),
        ]
        for (fact, draft) in cases {
            let without = claims(draft, facts: false)
            XCTAssertEqual(without.count, 1, draft)
            XCTAssertEqual(without.first?.element, .T, draft)
            XCTAssertEqual(HEATChecker.unbackedClaims(draft, context: TemplateSample.context(.en, facts: false)).map(\.fact), [fact], draft)
            XCTAssertEqual(claims(draft, facts: true), [], draft)
            // Only this fact backs it.
            var others = TemplateSample.context(.en, facts: true)
            others.setFlag(fact.rawValue, false)
            XCTAssertEqual(HEATChecker.unbackedClaims(draft, context: others).map(\.fact), [fact], draft)
        }
    }

    /// Saying what we will do, or asking, is not a claim.
    func testPlansAndRequestsAreNotClaims() {
        for draft in ["尊敬的李娜，您好！我现在就联系酒店，请酒店为您保留房间，酒店答复后马上告诉您。",
                      "尊敬的李娜，您好！我会请Hertz把取车时间顺延到航班落地后，门店确认后告诉您。",
                      "尊敬的李娜，您好！退款申请在航司审核中，还没有结果。",
                      "Dear Emma, I am contacting the hotel now to ask them to keep your room.",
                      "Dear Emma, I will ask Hertz to move your pick-up. The car is booked.",
                      "Dear Emma, the refund request is with the airline, which has not decided yet."] {
            XCTAssertEqual(claims(draft, facts: false), [], draft)
        }
    }

    func testTheFindingSpeaksTheDraftsLanguageAndSkipsSuppliers() {
        let zh = claims("尊敬的李娜，您好！酒店已确认为您保留房间。", facts: false)
        XCTAssertEqual(zh.first?.language, .zh)
        XCTAssertTrue(zh.first?.reason.contains("酒店已确认") == true, "\(zh)")
        let en = claims("Dear Emma, they are holding your room.", facts: false)
        XCTAssertEqual(en.first?.language, .en)
        XCTAssertTrue(en.first?.reason.contains("holding your room") == true, "\(en)")
        // A request to a supplier ("please hold the room") is not a report to a customer.
        XCTAssertEqual(claims("您好！酒店已确认为您保留房间的客人将晚到，请继续保留。", facts: false, audience: .supplier), [])
        // Only the T rules run it.
        XCTAssertEqual(HEATChecker.check("Dear Emma, they are holding your room.", context: TemplateSample.context(.en, facts: false), elements: [.H]).filter { $0.rule == .unbackedClaim }, [])
    }
}
