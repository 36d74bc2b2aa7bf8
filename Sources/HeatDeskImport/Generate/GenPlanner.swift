/// Plans one customer: who they are, their trips (orders with event trails) and their
/// contacts (tickets with messages). Everything is drawn from the customer's own random
/// stream, so customer 81,233 is the same whatever came before it.
struct GenContext {
    let base: Int64
    let directory: GenDirectory
    let seed: UInt64
}

struct GenTrip {
    var flight: Int?
    var hotel: Int?
    var car: Int?
    var back: Int?
    var city: Int
    var all: [Int] { [flight, hotel, car, back].compactMap { $0 } }
    var international: Bool
}

struct GenPlanner {
    let ctx: GenContext
    var r: GenRandom
    var c: GenCustomer
    var orders: [GenOrder] = []
    var tickets: [GenTicket] = []
    /// Every trip, the current one first; `pastTrips` are those months back.
    var trips: [GenTrip] = []
    var pastTrips: [GenTrip] = []
    let firstOrderNumber: Int

    var base: Int64 { ctx.base }
    var zh: Bool { c.zh }
    var dir: GenDirectory { ctx.directory }

    static let minute: Int64 = 60, hour: Int64 = 3600, day: Int64 = 86400

    init(ctx: GenContext, customerNumber: Int, idWidth: Int, firstOrderNumber: Int, zhShare: Int = 67) {
        self.ctx = ctx
        var r = GenRandom(seed: ctx.seed, stream: 1, index: UInt64(customerNumber))
        self.c = GenPlanner.makeCustomer(id: "CU-" + GenFormat.padded(customerNumber, idWidth), zh: r.percent(zhShare), &r)
        self.r = r
        self.firstOrderNumber = firstOrderNumber
    }

    // MARK: - Who

    static func makeCustomer(id: String, zh: Bool, _ r: inout GenRandom) -> GenCustomer {
        let male = r.percent(50)
        let tiers = ["1", "2", "3", "4", "5", "black"]
        let tier = tiers[r.weighted([24, 24, 20, 15, 11, 6])]
        if zh {
            let (family, pinyin) = r.pick(GenCatalog.surnames)
            let given = r.pick(male ? GenCatalog.givenMale : GenCatalog.givenFemale)
            let prefixes = ["138", "139", "135", "136", "150", "158", "186", "188", "177", "199"]
            let phone = r.percent(95) ? r.pick(prefixes) + GenFormat.padded(r.below(100_000_000), 8) : nil
            let email = r.percent(70) ? "\(pinyin)\(r.int(10...9999))@\(r.pick(GenCatalog.emailDomains))" : nil
            return GenCustomer(id: id, zh: true, name: family + given, family: family, given: given, male: male,
                               tier: tier, phone: phone, email: email)
        }
        let first = r.pick(male ? GenCatalog.firstMale : GenCatalog.firstFemale)
        let last = r.pick(GenCatalog.lastNames)
        // Numbers from the ranges reserved for fiction (Ofcom 07700 900xxx, NANP 555-01xx, ACMA 0491 570xxx).
        let phone: String?
        switch r.below(4) {
        case 0: phone = "+447700900" + GenFormat.padded(r.below(1000), 3)
        case 1: phone = "+1202555" + "01" + GenFormat.padded(r.below(100), 2)
        case 2: phone = "+61491570" + GenFormat.padded(r.below(1000), 3)
        default: phone = r.percent(50) ? "+447700900" + GenFormat.padded(r.below(1000), 3) : nil
        }
        let email = r.percent(92)
            ? "\(GenPlanner.ascii(first)).\(GenPlanner.ascii(last))\(r.percent(40) ? String(r.int(1...99)) : "")@\(r.pick(GenCatalog.emailDomains))"
            : nil
        return GenCustomer(id: id, zh: false, name: first + " " + last, family: last, given: first, male: male,
                           tier: tier, phone: phone, email: email)
    }

    static func ascii(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() {
            switch ch {
            case "ü": out += "ue"
            case "ö": out += "oe"
            case "ä": out += "ae"
            case "é", "è", "ë": out += "e"
            case "á", "à": out += "a"
            case "í": out += "i"
            case "ó": out += "o"
            case "ñ": out += "n"
            default: if ch.isASCII && ch.isLetter { out.append(ch) }
            }
        }
        return out
    }

    // MARK: - Text helpers

    func city(_ i: Int) -> String { zh ? GenCatalog.cities[i].zh : GenCatalog.cities[i].en }
    func airportCity(_ a: Int) -> String { city(GenCatalog.airports[a].city) }
    func airportName(_ a: Int) -> String { zh ? GenCatalog.airports[a].zh : GenCatalog.airports[a].en }
    func carrierName(_ i: Int) -> String { zh ? GenCatalog.carriers[i].zh : GenCatalog.carriers[i].en }

    /// `CA925（北京PEK→东京NRT）` / `CA925 (Beijing PEK → Tokyo NRT)`
    func flightLabel(_ f: GenFlight) -> String {
        let o = GenCatalog.airports[f.origin], d = GenCatalog.airports[f.destination]
        return zh ? "\(f.number)（\(airportCity(f.origin))\(o.code)→\(airportCity(f.destination))\(d.code)）"
                  : "\(f.number) (\(airportCity(f.origin)) \(o.code) → \(airportCity(f.destination)) \(d.code))"
    }

    func hotelName(_ h: GenHotel) -> String { zh ? h.def.zh : h.def.en }
    func carCompany(_ car: GenCar) -> String {
        zh ? GenCatalog.carCompanies[car.company].zh : GenCatalog.carCompanies[car.company].en
    }
    func when(_ t: Int64, _ zone: GenZone) -> String { GenTime.dateClock(t, zone, zh: zh) }
    func clock(_ t: Int64, _ zone: GenZone) -> String { GenTime.clock(t, zone) }
    func date(_ t: Int64, _ zone: GenZone) -> String { GenTime.date(t, zone, zh: zh) }
    func center(_ t: Int64) -> String { GenTime.dateClock(t, .china, zh: zh) }

    /// Draws one of the texts in the customer's language (advances the stream).
    mutating func say(_ zhTexts: [String], _ enTexts: [String]) -> String {
        zh ? r.pick(zhTexts) : r.pick(enTexts)
    }

    // MARK: - Trips

    mutating func newOrder(_ product: GenProduct, booked: Int64) -> Int {
        orders.append(GenOrder(number: firstOrderNumber + orders.count, product: product, bookedAt: booked))
        return orders.count - 1
    }

    /// A route for this customer: Chinese travellers mostly start at home, English-speaking ones
    /// come and go. `international` nil leaves it to chance.
    mutating func chooseRoute(international: Bool?) -> (route: Int, reverse: Bool) {
        let intl = international ?? (zh ? r.percent(45) : r.percent(80))
        let list = intl ? GenCatalog.internationalRoutes : GenCatalog.domesticRoutes
        let route = r.pick(list)
        let reverse: Bool
        if !intl { reverse = r.percent(50) }
        else {
            let fromMainland = GenCatalog.isMainland(GenCatalog.routes[route].from)
            reverse = fromMainland ? (zh ? r.percent(12) : r.percent(50)) : r.percent(50)
        }
        return (route, reverse)
    }

    mutating func makeFlight(route: Int, reverse: Bool, departure: Int64, carrier: Int? = nil) -> GenFlight {
        let def = GenCatalog.routes[route]
        let carrier = carrier ?? r.pick(def.carriers)
        let from = reverse ? def.to : def.from, to = reverse ? def.from : def.to
        let number = GenCatalog.flightNumber(route: route, reverse: reverse, carrier: carrier)
        let dep = departure - ((departure % 300) + 300) % 300
        let arr = dep + Int64(def.minutes + r.int(-2...3) * 5) * GenPlanner.minute
        return GenFlight(carrier: carrier, number: number, origin: from, destination: to, departure: dep, arrival: arr,
                         pnr: pnr())
    }

    mutating func pnr() -> String {
        let letters = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var s = ""
        for _ in 0..<6 { s.append(r.pick(letters)) }
        return s
    }

    /// Builds a trip: the flight leaves at `start` (or the hotel's check-in day / pick-up is then).
    mutating func addTrip(products: [GenProduct], start: Int64, booked: Int64, international: Bool? = nil,
                          withReturn: Bool = false, route fixedRoute: (Int, Bool)? = nil, city fixedCity: Int? = nil) -> GenTrip {
        var trip = GenTrip(city: fixedCity ?? 0, international: false)
        var arrival: Int64? = nil
        var arrivalAirport: Int? = nil
        var routeUsed: (Int, Bool)? = nil
        var carrierUsed: Int? = nil
        if products.contains(.flight) {
            let (route, reverse) = fixedRoute ?? chooseRoute(international: international)
            let f = makeFlight(route: route, reverse: reverse, departure: start)
            let i = newOrder(.flight, booked: booked)
            orders[i].flight = f
            trip.flight = i
            trip.city = GenCatalog.airports[f.destination].city
            trip.international = f.international
            arrival = f.arrival
            arrivalAirport = f.destination
            routeUsed = (route, reverse)
            carrierUsed = f.carrier
        } else if fixedCity == nil {
            let intl = international ?? (zh ? r.percent(30) : r.percent(75))
            let candidates = GenCatalog.cities.indices.filter { GenCatalog.cities[$0].domestic != intl }
            trip.city = r.pick(candidates)
            trip.international = intl
        } else {
            trip.international = !GenCatalog.cities[trip.city].domestic
        }
        let cityDef = GenCatalog.cities[trip.city]
        let zone = cityDef.zone
        var checkOut: Int64? = nil
        if products.contains(.hotel) {
            var day: Int
            if let arrival {
                let (d, m) = zone.local(arrival)
                day = m < 6 * 60 ? d - 1 : d
            } else {
                day = zone.local(start).day
            }
            let nights = [1, 2, 3, 4, 5, 7][r.weighted([18, 26, 24, 14, 10, 8])]
            let budgetChoices = cityDef.hotels.indices.filter { cityDef.hotels[$0].budget }
            let luxury = cityDef.hotels.indices.filter { !cityDef.hotels[$0].budget }
            let wantsBudget = c.tierRank <= 2 ? r.percent(55) : r.percent(12)
            let hotel = wantsBudget && !budgetChoices.isEmpty ? r.pick(budgetChoices) : r.pick(luxury.isEmpty ? Array(cityDef.hotels.indices) : luxury)
            let rooms = cityDef.hotels[hotel].budget ? GenCatalog.roomsBudget : GenCatalog.roomsLuxury
            let room = r.pick(rooms)
            let checkIn = zone.instant(day: day, minuteOfDay: r.percent(70) ? 15 * 60 : 14 * 60)
            let out = zone.instant(day: day + nights, minuteOfDay: 12 * 60)
            let i = newOrder(.hotel, booked: booked + Int64(r.int(2...40)) * GenPlanner.minute)
            orders[i].hotel = GenHotel(city: trip.city, hotel: hotel, checkIn: checkIn, checkOut: out,
                                       room: zh ? room.0 : room.1, nights: nights)
            trip.hotel = i
            checkOut = out
        }
        var backDeparture: Int64? = nil
        if withReturn, let (route, reverse) = routeUsed, let out = checkOut {
            let number = GenCatalog.flightNumber(route: route, reverse: !reverse, carrier: carrierUsed!)
            let dayOut = zone.local(out).day
            var dep = zone.instant(day: dayOut, minuteOfDay: max(GenCatalog.departureMinute(number), 13 * 60))
            if let arrival, dep < arrival + 20 * GenPlanner.hour { dep = arrival + 30 * GenPlanner.hour }
            let f = makeFlight(route: route, reverse: !reverse, departure: dep, carrier: carrierUsed)
            let i = newOrder(.flight, booked: booked + Int64(r.int(0...3)) * GenPlanner.minute)
            orders[i].flight = f
            trip.back = i
            backDeparture = f.departure
        }
        if products.contains(.car) {
            let company = r.pick(cityDef.cars)
            let comp = GenCatalog.carCompanies[company]
            let model = cityDef.domestic ? r.pick(GenCatalog.carModelsDomestic) : r.pick(GenCatalog.carModelsIntl)
            let place: String
            if let a = arrivalAirport {
                place = zh ? "\(GenCatalog.airports[a].zh)\(comp.zh)门店" : "\(GenCatalog.airports[a].en), \(comp.en) counter"
            } else {
                place = zh ? "\(cityDef.zh)市区\(comp.zh)门店" : "\(comp.en) \(cityDef.en) Downtown"
            }
            var pickup: Int64
            if let arrival {
                let t = arrival + Int64(r.int(60...90)) * GenPlanner.minute
                pickup = t + (1800 - ((t % 1800) + 1800) % 1800) % 1800
            } else {
                let d = zone.local(start).day
                pickup = zone.instant(day: d, minuteOfDay: [9 * 60, 10 * 60, 10 * 60 + 30, 14 * 60][r.below(4)])
            }
            var ret: Int64
            if let out = checkOut {
                ret = zone.instant(day: zone.local(out).day, minuteOfDay: 10 * 60)
            } else {
                ret = pickup + Int64(r.int(2...5)) * GenPlanner.day
            }
            if let b = backDeparture, ret > b - 2 * GenPlanner.hour { ret = b - 2 * GenPlanner.hour - 30 * GenPlanner.minute }
            if ret < pickup + 4 * GenPlanner.hour { ret = pickup + GenPlanner.day }
            let i = newOrder(.car, booked: booked + Int64(r.int(3...90)) * GenPlanner.minute)
            let oneWay = r.percent(15) && !(arrivalAirport == nil)
            let returnPlace = oneWay ? (zh ? "\(cityDef.zh)市区\(comp.zh)门店" : "\(comp.en) \(cityDef.en) Downtown") : place
            orders[i].car = GenCar(city: trip.city, company: company, model: zh ? model.0 : model.1, pickupPlace: place,
                                   pickupAt: pickup, returnPlace: returnPlace, returnAt: ret)
            trip.car = i
        }
        for i in trip.all { addBaseEvents(i) }
        trips.append(trip)
        return trip
    }

    static let ticketPrefix: [String] = ["999", "781", "784", "880", "160", "618", "205", "220", "125", "057", "217", "176"]

    /// Booking, payment, ticketing or confirmation, and what has happened by the base date.
    mutating func addBaseEvents(_ i: Int) {
        let o = orders[i]
        var events: [GenEvent] = []
        let booked = o.bookedAt
        let price: Int
        switch o.product {
        case .flight:
            let f = o.flight!
            price = f.international ? r.int(25...120) * 100 + r.int(0...9) * 10 : r.int(6...25) * 100 + r.int(0...9) * 10
        case .hotel:
            let h = o.hotel!
            price = (h.def.budget ? r.int(28...60) * 10 : r.int(90...350) * 10) * h.nights
        case .car:
            let car = o.car!
            let days = max(1, Int((car.returnAt - car.pickupAt + GenPlanner.day - 1) / GenPlanner.day))
            price = r.int(18...90) * 10 * days
        default: price = 1000
        }
        events.append(GenEvent(at: booked, kind: "booked", detail: zh ? "下单成功，订单金额\(GenFormat.money(price, zh: true))" : "Booked, total \(GenFormat.money(price, zh: false))"))
        let pay = booked + Int64(r.int(1...9)) * GenPlanner.minute
        let method = zh ? r.pick(["微信支付", "支付宝", "银行卡"]) : r.pick(["Visa", "Mastercard", "Alipay", "Apple Pay", "American Express"])
        events.append(GenEvent(at: pay, kind: "paid", detail: zh ? "支付成功（\(method)）" : "Paid (\(method))"))
        switch o.product {
        case .flight:
            let f = o.flight!
            let tkt = GenPlanner.ticketPrefix[f.carrier] + "-" + GenFormat.padded(r.below(1_000_000_000), 10)
            events.append(GenEvent(at: pay + Int64(r.int(2...40)) * GenPlanner.minute, kind: "ticketed",
                                   detail: zh ? "出票成功，票号\(tkt)，PNR \(f.pnr)" : "Ticketed: e-ticket \(tkt), PNR \(f.pnr)"))
            let checkin = f.departure - Int64(r.int(2...24)) * GenPlanner.hour
            if checkin <= base && checkin > pay {
                let seat = "\(r.int(11...58))\(r.pick(["A", "B", "C", "D", "E", "F", "H", "J", "K"]))"
                events.append(GenEvent(at: checkin, kind: "checked_in", detail: zh ? "已办理网上值机，座位\(seat)" : "Checked in online, seat \(seat)"))
            }
            let done = f.arrival + Int64(r.int(5...40)) * GenPlanner.minute
            if done <= base {
                events.append(GenEvent(at: done, kind: "completed", detail: zh ? "航班已落地，航段完成" : "Landed; segment flown"))
            }
        case .hotel:
            let h = o.hotel!
            let code = GenFormat.padded(r.below(100_000_000), 8)
            events.append(GenEvent(at: pay + Int64(r.int(1...90)) * GenPlanner.minute, kind: "confirmed",
                                   detail: zh ? "酒店已确认，确认号\(code)" : "Confirmed by the hotel, confirmation no. \(code)"))
            let arrive = h.checkIn + Int64(r.int(0...6 * 60)) * GenPlanner.minute
            if arrive <= base {
                events.append(GenEvent(at: arrive, kind: "checked_in", detail: zh ? "客人已入住，房型：\(h.room)" : "Guest checked in: \(h.room)"))
            }
            let leave = h.checkOut - Int64(r.int(0...180)) * GenPlanner.minute
            if leave <= base {
                events.append(GenEvent(at: leave, kind: "completed", detail: zh ? "客人已退房，住\(h.nights)晚" : "Guest checked out after \(h.nights) night\(h.nights == 1 ? "" : "s")"))
            }
        case .car:
            let car = o.car!
            events.append(GenEvent(at: pay + Int64(r.int(1...30)) * GenPlanner.minute, kind: "confirmed",
                                   detail: zh ? "租车已确认，车型：\(car.model)" : "Confirmed: \(car.model)"))
            let pick = car.pickupAt + Int64(r.int(0...40)) * GenPlanner.minute
            if pick <= base {
                let km = r.int(3_000...80_000)
                events.append(GenEvent(at: pick, kind: "picked_up", detail: zh ? "已取车，里程\(km)公里，油量满" : "Picked up, odometer \(km) km, full tank"))
            }
            let back = car.returnAt - Int64(r.int(-30...60)) * GenPlanner.minute
            if back <= base && back > pick {
                events.append(GenEvent(at: back, kind: "returned", detail: zh ? "已还车，验车无损" : "Returned, no damage found"))
                events.append(GenEvent(at: back + Int64(r.int(10...120)) * GenPlanner.minute, kind: "completed",
                                       detail: zh ? "租车订单已结算" : "Rental closed and settled"))
            }
        default: break
        }
        orders[i].events = events.filter { $0.at <= base }
        orders[i].status = orders[i].events.last?.kind == "completed" ? "completed" : "confirmed"
    }

    /// Adds an event, keeping the trail in time order.
    mutating func event(_ i: Int, _ at: Int64, _ kind: String, _ detail: String, status: String? = nil) {
        orders[i].events.append(GenEvent(at: at, kind: kind, detail: detail))
        orders[i].events.sort { $0.at < $1.at }
        if let status { orders[i].status = status }
        orders[i].touched = true
    }

    /// Drops trail entries after `t` (a cancelled flight is never flown, a no-show never checks out).
    mutating func truncateEvents(_ i: Int, after t: Int64, keeping kinds: Set<String> = ["booked", "paid", "ticketed", "confirmed"]) {
        orders[i].events.removeAll { ($0.at > t && !kinds.contains($0.kind)) || $0.kind == "completed" }
    }

    /// Rebuilds an order's ordinary trail after its times were moved.
    mutating func rebaseEvents(_ i: Int) {
        orders[i].events = []
        addBaseEvents(i)
    }
}
