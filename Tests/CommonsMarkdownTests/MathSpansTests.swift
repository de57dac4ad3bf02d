import CommonsMarkdown
import Foundation
import Testing

/// Obsidian's `$…$` and `$$…$$`, kept intact and marked for a math renderer.
@Suite struct MathSpansTests {
    let renderer = MarkdownRenderer()

    func html(_ markdown: String) throws -> String {
        try renderer.render(markdown, wikilink: { .text($0.readerText) }, tagHref: { "/tags/\($0)/" }).html
    }

    @Test(arguments: [
        // What cmark-gfm alone would turn into emphasis, an escape or a tag stays as written.
        ("Energy $E = mc^2$ here.", #"<p>Energy <span class="math math-inline">\(E = mc^2\)</span> here.</p>"#),
        ("$a*b*c$ and $x_1 + y_1$", #"<p><span class="math math-inline">\(a*b*c\)</span> and <span class="math math-inline">\(x_1 + y_1\)</span></p>"#),
        (#"Sets $\{x \mid x > 0\}$ #tag"#, #"<p>Sets <span class="math math-inline">\(\{x \mid x &gt; 0\}\)</span> <a class="tag" href="/tags/tag/">#tag</a></p>"#),
        (#"A line $a \\ b$ break"#, #"<p>A line <span class="math math-inline">\(a \\ b\)</span> break</p>"#),
        ("Inline display $$\\sum_i i$$ too", #"<p>Inline display <span class="math math-display">\[\sum_i i\]</span> too</p>"#),
        ("$$\n\\begin{aligned}\na &= b \\\\\nc &= d\n\\end{aligned}\n$$\n",
         "<div class=\"math math-display\">\\[\\begin{aligned}\na &amp;= b \\\\\nc &amp;= d\n\\end{aligned}\\]</div>\n"),
    ])
    func mathIsKeptForARenderer(markdown: String, expected: String) throws {
        #expect(try html(markdown).trimmingCharacters(in: .newlines) == expected.trimmingCharacters(in: .newlines))
    }

    @Test(arguments: [
        "It costs $5 and $10.",
        "A dollar \\$ and $ alone.",
        "Spaced $ x $ is not math.",
        "Across `code $x` and `y$ z`.",
        "Two lines $a\n\nb$ apart.",
    ])
    func prosewithDollarsIsLeftAsCmarkGFMRendersIt(markdown: String) throws {
        #expect(try html(markdown) == MarkdownRenderer().render(markdown).html)
    }

    @Test func codeAndLinksKeepTheDollarsAsWritten() throws {
        let markdown = """
            Inline `$x_1$` code, and [a link]($x$) with math $y$ inside [the *text* $z^2$](https://example.org/$w$).

            ```sh
            echo "$HOME$PATH"
            $$
            not math in code
            $$
            ```

            | cell | $t_1$ |
            |---|---|
            """
        let rendered = try html(markdown)
        #expect(rendered.contains("<code>$x_1$</code>"))
        #expect(rendered.contains(#"<a href="$x$">a link</a>"#))
        #expect(rendered.contains(#"<span class="math math-inline">\(y\)</span>"#))
        #expect(rendered.contains(#"<a href="https://example.org/$w$">the <em>text</em> <span class="math math-inline">\(z^2\)</span></a>"#))
        #expect(rendered.contains("<code class=\"language-sh\">echo &quot;$HOME$PATH&quot;\n$$\nnot math in code\n$$\n</code>"))
        #expect(rendered.contains("$t_1$"))
        #expect(!rendered.unicodeScalars.contains { (0xE000...0xF8FF).contains($0.value) }, "a private-use character is left in \(rendered)")
    }

    @Test func plainTextAndLinesSeeTheMathAsWritten() throws {
        let rendered = try renderer.render("""
            # Euler $e^{i\\pi} + 1 = 0$

            $$
            x
            $$

            After [link](x.md) on line 7.
            """, wikilink: { .text($0.readerText) })
        #expect(rendered.headings.first?.text == "Euler $e^{i\\pi} + 1 = 0$")
        #expect(rendered.sections.first?.text == "$$\nx\n$$\nAfter link on line 7.")
        #expect(rendered.links.first?.line == 7)
    }
}
