import CommonsCore
import CommonsMarkdown

/// What `serve` adds to every HTML page it sends, and never `build`: a script that reloads the page
/// after each build, and the build's errors, so that an author sees them where they look.
enum ReloadScript {
    /// Where a page listens for builds, as server-sent events. Hidden names are never a note's page.
    static let eventsPath = "/.commons/events"

    static let script = """
        <script>(() => { const events = new EventSource("\(eventsPath)"); \
        events.addEventListener("reload", () => location.reload()); })();</script>
        """

    /// `html` with the script, and a panel listing the site's errors, before `</body>`.
    static func inject(into html: [UInt8], site: LiveSite) -> [UInt8] {
        let addition = Array((errorPanel(shown: site.publishedErrors, total: site.errors.count) + script + "\n").utf8)
        let closing = Array("</body>".utf8)
        guard let end = lastRange(of: closing, in: html) else { return html + addition }
        return Array(html[..<end]) + addition + Array(html[end...])
    }

    /// A page for when there is no site to show: the build failed, or has not finished yet.
    static func page(title: String, message: String) -> [UInt8] {
        Array("""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(HTMLEscape.text(title))</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem">
            <h1>\(HTMLEscape.text(title))</h1>
            <pre style="white-space: pre-wrap; background: #fff0f0; color: #5c0000; padding: 1rem; border-left: 4px solid #c00">\(HTMLEscape.text(message))</pre>
            <p>This page reloads when the build is done.</p>
            \(script)
            </body>
            </html>

            """.utf8)
    }

    /// At most this many errors are listed on a page; the count says how many more there are.
    static let listedProblems = 20

    /// Lists where the errors of published notes are, not what they say: a message may quote a private
    /// link, and anyone who reaches the server sees the panel. The terminal has the whole message.
    private static func errorPanel(shown errors: [Diagnostic], total: Int) -> String {
        guard total > 0 else { return "" }
        let items = errors.prefix(listedProblems).map { "<li><code>\(HTMLEscape.text($0.location)): error [\($0.rule.rawValue)]</code></li>" }.joined()
        let unlisted = total - min(errors.count, listedProblems)
        let more = unlisted > 0 ? "<p>\(unlisted) more: see the terminal, or run <code>commons check</code></p>" : ""
        return """
            <aside role="alert" style="position: fixed; bottom: 0; left: 0; right: 0; max-height: 40vh; overflow: auto; margin: 0; \
            padding: 0.5rem 1rem; background: #fff0f0; color: #5c0000; border-top: 4px solid #c00; font: 0.9rem system-ui, sans-serif">\
            <strong>\(total == 1 ? "1 error" : "\(total) errors") in the commons</strong><ul>\(items)</ul>\(more)</aside>
            """
    }

    private static func lastRange(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        return stride(from: haystack.count - needle.count, through: 0, by: -1).first { start in
            haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }
}
