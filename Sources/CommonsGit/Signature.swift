import CGit2

/// Who made a commit and when, with the time zone they recorded.
public struct Signature: Hashable, Sendable {
    public let name: String
    public let email: String
    /// Seconds since the Unix epoch.
    public let time: Int64
    /// Minutes east of UTC.
    public let offsetMinutes: Int32

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = value.name.map { String(cString: $0) } ?? ""
        email = value.email.map { String(cString: $0) } ?? ""
        time = value.when.time
        offsetMinutes = value.when.offset
    }

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }
}
