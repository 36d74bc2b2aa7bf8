/// A person who works tickets: an agent, a supervisor, or a supplier's contact.
public struct Agent: Equatable, Sendable {
    public var id: String
    public var name: String
    public var role: Role
    public var skills: [Product]
    public var languages: [String]
    public var center: String
    /// For supplier contacts: the supplier they speak for.
    public var supplierID: String?
    public var status: AgentStatus

    public init(id: String, name: String, role: Role = .agent, skills: [Product] = [], languages: [String] = ["zh"],
                center: String = "", supplierID: String? = nil, status: AgentStatus = .offline) {
        self.id = id; self.name = name; self.role = role; self.skills = skills; self.languages = languages
        self.center = center; self.supplierID = supplierID; self.status = status
    }
}

/// A company whose staff can be pulled into a conversation: an airline, a hotel, a rental branch.
public struct Supplier: Equatable, Sendable {
    public var id: String
    public var name: String
    public var product: Product
    public var contact: String?
    public var languages: [String]

    public init(id: String, name: String, product: Product, contact: String? = nil, languages: [String] = ["zh", "en"]) {
        self.id = id; self.name = name; self.product = product; self.contact = contact; self.languages = languages
    }
}
