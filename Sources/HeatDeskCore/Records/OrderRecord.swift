import Foundation

/// An order line of an orders JSON Lines file, and the product object the store keeps.
public enum OrderRecord {
    public static func decode(_ f: FieldSource) throws(FieldError) -> Order {
        let id = try f.identifier("order_id")
        let customerID = try f.identifier("customer_id")
        let product = try f.choice("product", Product.self, default: nil)
        let bookedAt = try f.date("booked_at")
        let detail = try decodeDetail(f, product: product)
        var events: [OrderEvent] = []
        for (i, e) in (try f.objects("events") ?? []).enumerated() {
            do throws(FieldError) {
                events.append(OrderEvent(at: try e.date("at"), kind: try e.choice("kind", OrderEventKind.self, default: nil),
                                         detail: try e.freeText("detail", limit: FieldLimits.text) ?? ""))
            } catch { throw error.nested(in: "events[\(i)]") }
        }
        events.sort { $0.at < $1.at }
        let status = try f.choice("status", OrderStatus.self, default: .booked)
        return Order(id: id, customerID: customerID, product: product, status: status, bookedAt: bookedAt,
                     detail: detail, events: events)
    }

    /// The product object under its product's key (`flight`, `hotel`, `car`); other products
    /// carry a free `description`.
    public static func decodeDetail(_ f: FieldSource, product: Product) throws(FieldError) -> OrderDetail {
        switch product {
        case .flight:
            guard let o = try f.object("flight") else { throw FieldError(field: "flight", reason: "a flight order needs its flight object") }
            do throws(FieldError) {
                let dep = try o.date("departure"), arr = try o.date("arrival")
                if arr < dep { throw FieldError(field: "arrival", reason: "is before departure") }
                return .flight(FlightDetail(carrier: try o.required("carrier"), number: try o.identifier("number"),
                                            origin: try airport(o, "origin"), destination: try airport(o, "destination"),
                                            departure: dep, arrival: arr, pnr: try o.optionalIdentifier("pnr")))
            } catch { throw error.nested(in: "flight") }
        case .hotel:
            guard let o = try f.object("hotel") else { throw FieldError(field: "hotel", reason: "a hotel order needs its hotel object") }
            do throws(FieldError) {
                let checkIn = try o.date("checkin"), checkOut = try o.date("checkout")
                if checkOut <= checkIn { throw FieldError(field: "checkout", reason: "is not after checkin") }
                return .hotel(HotelDetail(name: try o.required("name"), city: try o.required("city"), checkIn: checkIn,
                                          checkOut: checkOut, room: try o.optional("room"),
                                          supplierID: try o.optionalIdentifier("supplier_id")))
            } catch { throw error.nested(in: "hotel") }
        case .car:
            guard let o = try f.object("car") else { throw FieldError(field: "car", reason: "a car order needs its car object") }
            do throws(FieldError) {
                let pick = try o.date("pickup_at"), ret = try o.date("return_at")
                if ret <= pick { throw FieldError(field: "return_at", reason: "is not after pickup_at") }
                return .car(CarDetail(company: try o.required("company"), pickupPlace: try o.required("pickup_place"),
                                      pickupAt: pick, returnPlace: try o.required("return_place"), returnAt: ret,
                                      supplierID: try o.optionalIdentifier("supplier_id")))
            } catch { throw error.nested(in: "car") }
        case .vacation, .other:
            return .other(try f.freeText("description", limit: FieldLimits.name) ?? product.rawValue)
        }
    }

    static func airport(_ f: FieldSource, _ name: String) throws(FieldError) -> String {
        let v = try f.required(name, limit: 8).uppercased()
        guard v.count == 3, v.allSatisfy({ $0 >= "A" && $0 <= "Z" }) else {
            throw FieldError(field: name, reason: "'\(JSONFields.shown(v))' is not a three-letter IATA airport code")
        }
        return v
    }
}

/// Reads back the product object the store wrote; data written by heatdesk itself.
public enum OrderDetailDecoding {
    public static func decode(product: Product, json: String) -> OrderDetail {
        guard let data = json.data(using: .utf8), let f = try? JSONFields.parse(line: data),
              let detail = try? OrderRecord.decodeDetail(f, product: product) else {
            return .other(product.rawValue)
        }
        return detail
    }
}
