import XCTest
@testable import HeatDeskApp
