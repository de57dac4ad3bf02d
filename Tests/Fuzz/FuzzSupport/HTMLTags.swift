/// The tags of an HTML text as a browser's tokenizer reads them (start tags and their attributes;
/// comments, end tags and text skipped), for checking what a page would run. Attribute values come
/// with their character references resolved, as the browser resolves them before using a URL.
public struct HTMLTag: Equatable, Sendable {
    public let name: String
    public let attributes: [(name: String, value: String)]

    public static func == (lhs: HTMLTag, rhs: HTMLTag) -> Bool {
        lhs.name == rhs.name && lhs.attributes.elementsEqual(rhs.attributes) { $0.name == $1.name && $0.value == $1.value }
    }

    public func value(of attribute: String) -> String? {
        attributes.first { $0.name == attribute }?.value
    }

    /// Every start tag of `html`, in order.
    public static func scan(_ html: String) -> [HTMLTag] {
        let bytes = Array(html.utf8)
        var tags: [HTMLTag] = []
        var index = 0
        while let open = bytes[index...].firstIndex(of: ascii("<")) {
            index = open + 1
            guard index < bytes.count else { break }
            let next = bytes[index]
            if next == ascii("!") {
                if bytes[index...].starts(with: Array("!--".utf8)) {
                    // A comment ends at `-->`; `<!-->` and `<!--->` are empty comments.
                    let body = index + 3
                    if bytes[body...].starts(with: Array(">".utf8)) { index = body + 1; continue }
                    if bytes[body...].starts(with: Array("->".utf8)) { index = body + 2; continue }
                    index = find("-->", in: bytes, from: body).map { $0 + 3 } ?? bytes.count
                } else {
                    index = bytes[index...].firstIndex(of: ascii(">")).map { $0 + 1 } ?? bytes.count
                }
            } else if next == ascii("?") {
                index = bytes[index...].firstIndex(of: ascii(">")).map { $0 + 1 } ?? bytes.count
            } else if next == ascii("/") {
                guard index + 1 < bytes.count, isLetter(bytes[index + 1]) else {
                    index = bytes[index...].firstIndex(of: ascii(">")).map { $0 + 1 } ?? bytes.count
                    continue
                }
                // An end tag's attributes are read only to find where it ends.
                index = readTag(bytes, from: index + 1).end
            } else if isLetter(next) {
                let (tag, end) = readTag(bytes, from: index)
                tags.append(tag)
                index = end
            }
        }
        return tags
    }

    /// The tag whose name starts at `start`, and the index after its `>`.
    private static func readTag(_ bytes: [UInt8], from start: Int) -> (HTMLTag, end: Int) {
        var index = start
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != ascii("/"), bytes[index] != ascii(">") { index += 1 }
        let name = lowercased(bytes[start..<index])
        var attributes: [(name: String, value: String)] = []
        while index < bytes.count {
            while index < bytes.count, isSpace(bytes[index]) || bytes[index] == ascii("/") { index += 1 }
            guard index < bytes.count, bytes[index] != ascii(">") else { break }
            let nameStart = index
            // The first character of a name may be `=`, as in the HTML standard.
            index += 1
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != ascii("/"), bytes[index] != ascii(">"), bytes[index] != ascii("=") {
                index += 1
            }
            let attributeName = lowercased(bytes[nameStart..<index])
            var afterName = index
            while afterName < bytes.count, isSpace(bytes[afterName]) { afterName += 1 }
            guard afterName < bytes.count, bytes[afterName] == ascii("=") else {
                attributes.append((attributeName, ""))
                continue
            }
            index = afterName + 1
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            var value: ArraySlice<UInt8> = []
            if index < bytes.count, bytes[index] == ascii("\"") || bytes[index] == ascii("'") {
                let quote = bytes[index]
                let close = bytes[(index + 1)...].firstIndex(of: quote) ?? bytes.count
                value = bytes[(index + 1)..<close]
                index = min(close + 1, bytes.count)
            } else {
                let valueStart = index
                while index < bytes.count, !isSpace(bytes[index]), bytes[index] != ascii(">") { index += 1 }
                value = bytes[valueStart..<index]
            }
            attributes.append((attributeName, resolvingReferences(String(decoding: value, as: UTF8.self))))
        }
        return (HTMLTag(name: name, attributes: attributes), min(index + 1, bytes.count))
    }

    /// Numeric references (with or without `;`, as browsers accept them) and the named ones that can
    /// spell a URL scheme or hide its separators.
    public static func resolvingReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n",
            "sol": "/", "period": ".", "lpar": "(", "rpar": ")", "num": "#", "quest": "?", "excl": "!",
        ]
        var result = ""
        var rest = Substring(text)
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[rest.index(after: ampersand)...]
            if rest.first == "#" {
                let isHex = rest.dropFirst().first.map { $0 == "x" || $0 == "X" } ?? false
                let digits = rest.dropFirst(isHex ? 2 : 1).prefix { isHex ? $0.isHexDigit : ($0.isASCII && $0.isNumber) }
                if !digits.isEmpty, let value = UInt32(digits.prefix(8), radix: isHex ? 16 : 10) {
                    result.unicodeScalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    rest = rest[digits.endIndex...]
                    if rest.first == ";" { rest = rest.dropFirst() }
                    continue
                }
            } else {
                let name = rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
                if let value = named[name.lowercased()] {
                    result += value
                    rest = rest[name.endIndex...]
                    if rest.first == ";" { rest = rest.dropFirst() }
                    continue
                }
            }
            result += "&"
        }
        return result + rest
    }

    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
            index += 1
        }
        return nil
    }

    private static func lowercased(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 >= ascii("A") && $0 <= ascii("Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= ascii("a") && byte <= ascii("z")) || (byte >= ascii("A") && byte <= ascii("Z"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func ascii(_ character: Unicode.Scalar) -> UInt8 {
        UInt8(character.value)
    }
}
