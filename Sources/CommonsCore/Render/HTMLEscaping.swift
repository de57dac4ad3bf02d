import Mustache

/// The theme's `{{x}}` escaping: the same five characters as Mustache's own (`< > & " '`), replaced on
/// UTF-8 bytes. Mustache's goes Character by Character through a dictionary, which made escaping a
/// tenth of a whole build on a big commons (local graphs and diffs are long attribute and text values).
struct HTMLEscaping: MustacheContentType {
    private static let name = "commons-html"
    /// Put before every template's text, so that its `{{x}}` use this escaping. A line of its own, which
    /// Mustache drops from the output as it drops any tag standing alone on a line; the line numbers of
    /// parse errors are told less this line.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}\n"
    static let pragmaLines = 1

    /// Once per process, before any template with the pragma is parsed.
    static let registered: Void = MustacheContentTypes.register(HTMLEscaping(), named: name)

    func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { replacement(for: $0) != nil }) else { return text }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            if let replacement = replacement(for: byte) {
                escaped += replacement.utf8
            } else {
                escaped.append(byte)
            }
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static func replacement(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
