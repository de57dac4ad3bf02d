@testable import CommonsCore
import Mustache
import PropertyBased
import Testing

/// The theme's escaping must be Mustache's own, only faster: any value, in text and in an attribute,
/// comes out as Mustache's default escaping writes it, and the pragma line leaves no trace.
@Suite struct HTMLEscapingTests {
    static let pieces = ["<", ">", "&", "\"", "'", "&amp;", "a", " ", "\n", "é", "日本", "🙂", "\u{FEFF}", "{", "}", "=", "\\", "\u{0}"]
    static let values = Gen<String?>.element(of: pieces).array(of: 0...40).map { $0.compactMap { $0 }.joined() }
    static let template = "<p title=\"{{value}}\">{{value}}</p>\n{{#items}}\n<i>{{.}}</i>\n{{/items}}\n"

    @Test func escapesAsMustacheDoes() async throws {
        _ = HTMLEscaping.registered
        let mustache = try MustacheTemplate(string: Self.template)
        let commons = try MustacheTemplate(string: HTMLEscaping.pragma + Self.template)
        await propertyCheck(count: 500, input: Self.values) { value in
            let context: [String: Any] = ["value": value, "items": [value, "<b>"]]
            #expect(commons.render(context) == mustache.render(context))
        }
    }

    @Test func leavesTextWithoutSpecialCharactersAsItIs() {
        #expect(HTMLEscaping.escape("Notes, linked and versioned") == "Notes, linked and versioned")
        #expect(HTMLEscaping.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
    }
}
