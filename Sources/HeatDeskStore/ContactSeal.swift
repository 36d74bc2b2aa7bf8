import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HeatDeskCore

/// The center's contact key: seals customers' real phone and email so that neither a copy of a
/// workstation's database nor a reader of the shared directory sees them (Docs/security.md).
///
/// AES-256-GCM with a synthetic nonce: the nonce is an HMAC of the customer id and the
/// plaintext, so the same contact of the same customer always seals to the same text (an import
/// run twice writes nothing, as every import must) while two customers sharing a number seal
/// differently. The customer id is the authenticated data: a sealed contact moved onto another
/// customer does not open.
public struct ContactKey: Sendable {
    /// Eight hex digits naming the key (not secret): sealed contacts carry it, so a workstation
    /// holding another key says so instead of "cannot open".
    public let id: String
    // Bytes rather than `SymmetricKey`s, which are not Sendable in swift-crypto 3.
    private let sealing: [UInt8]
    private let nonces: [UInt8]
    private let material: [UInt8]

    /// A key from its 32 secret bytes.
    public init(bytes: [UInt8]) throws(ContactKeyError) {
        guard bytes.count == 32 else { throw ContactKeyError("a contact key is 32 bytes, not \(bytes.count)") }
        material = bytes
        let master = SymmetricKey(data: bytes)
        sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Array("heatdesk contact seal v1".utf8), outputByteCount: 32)
            .withUnsafeBytes { Array($0) }
        nonces = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Array("heatdesk contact nonce v1".utf8), outputByteCount: 32)
            .withUnsafeBytes { Array($0) }
        let digest = SHA256.hash(data: Array("heatdesk contact key id v1".utf8) + bytes)
        id = digest.prefix(4).map { String(format: "%02x", $0) }.joined()
    }

    /// A new random key.
    public static func generate() -> ContactKey {
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Array($0) }
        return try! ContactKey(bytes: bytes)   // 32 bytes by construction
    }

    /// `hdc1:<key id>:<base64 of nonce, ciphertext and tag>`.
    public func seal(_ contact: ContactDetails, customerID: String) -> String {
        let plain = contact.sealedForm
        var mac = HMAC<SHA256>(key: SymmetricKey(data: nonces))
        mac.update(data: Array(customerID.utf8)); mac.update(data: [0]); mac.update(data: plain)
        let nonceBytes = Array(mac.finalize()).prefix(12)
        // Both cannot fail: a 12-byte nonce, and a key of a valid size.
        let nonce = try! AES.GCM.Nonce(data: nonceBytes)
        let box = try! AES.GCM.seal(plain, using: SymmetricKey(data: sealing), nonce: nonce, authenticating: Self.aad(customerID))
        return "hdc1:\(id):" + box.combined!.base64EncodedString()
    }

    /// The contact details a sealed contact holds, or why it does not open here.
    public func open(_ sealed: String, customerID: String) throws(ContactKeyError) -> ContactDetails {
        guard ContactDetails.isSealedShape(sealed) else { throw ContactKeyError("it is damaged (not hdc1:KEYID:BASE64)") }
        let parts = sealed.split(separator: ":")
        guard parts[1] == id else {
            throw ContactKeyError("it was sealed with center key \(parts[1]), this workstation holds key \(id)")
        }
        guard let data = Data(base64Encoded: String(parts[2])), data.count >= 12 + 16,
              let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: SymmetricKey(data: sealing), authenticating: Self.aad(customerID)),
              let contact = ContactDetails(sealedForm: Array(plain)) else {
            throw ContactKeyError("it does not open with key \(id) (damaged, or sealed for another customer)")
        }
        return contact
    }

    private static func aad(_ customerID: String) -> [UInt8] { Array("heatdesk contact v1|\(customerID)".utf8) }

    /// The key file's text: a comment and `hdk1:<base64 of the 32 bytes>`.
    public var fileText: String {
        """
        # heatdesk center contact key \(id): opens customers' sealed phone and email.
        # Readable by this workstation's user only (0600); never in the shared directory or beside the database.
        hdk1:\(Data(material).base64EncodedString())

        """
    }

    /// Reads a key file's text (comments and blank lines ignored).
    public init(fileText: String) throws(ContactKeyError) {
        let lines = fileText.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count == 1, lines[0].hasPrefix("hdk1:"),
              let data = Data(base64Encoded: String(lines[0].dropFirst(5))) else {
            throw ContactKeyError("not a heatdesk contact key (expected one line hdk1:BASE64)")
        }
        try self.init(bytes: Array(data))
    }
}

public struct ContactKeyError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a database was opened with: the contact key, or why there is none (said on a reveal).
public enum ContactKeyAccess: Sendable {
    case key(ContactKey)
    case unavailable(String)

    public var key: ContactKey? { if case .key(let k) = self { return k } else { return nil } }

    /// A database opened without a key file in mind (tests, tools, snapshots).
    public static let notConfigured = ContactKeyAccess.unavailable("no contact key on this workstation")
}

/// The key file: one per workstation user, mode 0600, outside the database's folder and the shared
/// directory. `heatdesk demo` and `heatdesk import` make it when it is missing; every other command
/// only reads it.
public enum ContactKeyFile {
    /// Reads the key at `path`. Never throws: a missing, unreadable, malformed or too widely
    /// readable file gives `.unavailable` with what to do, and the workstation shows masked contacts.
    public static func load(path: String) -> ContactKeyAccess {
        do { return .key(try read(path: path)) } catch { return .unavailable(error.message) }
    }

    /// Reads the key at `path`, or makes one there when no file exists (its folder too, 0700).
    /// Two processes making it at once end with the same key: the file is linked into place, and
    /// the loser reads the winner's.
    public static func loadOrCreate(path: String) throws(ContactKeyError) -> (key: ContactKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) { return (try read(path: path), false) }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) }
        catch { throw ContactKeyError("\(folder): cannot create the contact key's folder: \(error.localizedDescription)") }
        let key = ContactKey.generate()
        let temp = folder + "/.contact-key-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw ContactKeyError("\(folder): cannot write the contact key: \(String(cString: strerror(errno)))") }
        let bytes = Array(key.fileText.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        defer { unlink(temp) }
        guard written == bytes.count, synced else { throw ContactKeyError("\(temp): cannot write the contact key") }
        if link(temp, path) != 0 {
            if errno == EEXIST { return (try read(path: path), false) }
            throw ContactKeyError("\(path): cannot create the contact key: \(String(cString: strerror(errno)))")
        }
        return (key, true)
    }

    static func read(path: String) throws(ContactKeyError) -> ContactKey {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT {
                throw ContactKeyError("no contact key on this workstation (\(path) is missing; copy the center's key there, mode 0600)")
            }
            throw ContactKeyError("\(path): cannot read the contact key: \(String(cString: strerror(errno)))")
        }
        guard st.st_mode & S_IFMT == S_IFREG else { throw ContactKeyError("\(path): the contact key must be a plain file") }
        guard st.st_mode & 0o077 == 0 else {
            throw ContactKeyError("\(path): the contact key is readable by others (mode \(String(st.st_mode & 0o777, radix: 8))): run chmod 600 \(path)")
        }
        guard st.st_uid == geteuid() else { throw ContactKeyError("\(path): the contact key belongs to another user") }
        guard st.st_size <= 4096, let data = FileManager.default.contents(atPath: path) else {
            throw ContactKeyError("\(path): cannot read the contact key")
        }
        do { return try ContactKey(fileText: String(decoding: data, as: UTF8.self)) } catch {
            throw ContactKeyError("\(path): \(error.message)")
        }
    }

    /// Where the key lives by default: beside the workstation's config file
    /// (`$XDG_CONFIG_HOME/heatdesk/contact.key`, else `~/.config/heatdesk/contact.key`), away from
    /// the database (a copied data folder does not carry it).
    public static var defaultPath: String {
        let env = ProcessInfo.processInfo.environment
        let base = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() as NSString).appendingPathComponent(".config")
        return (base as NSString).appendingPathComponent("heatdesk/contact.key")
    }
}
