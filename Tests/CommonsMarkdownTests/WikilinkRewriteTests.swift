import CommonsMarkdown
import Testing

/// The llms.txt files turn wikilinks into Markdown links; code keeps them as written, as a page
/// teaching the syntax shows them.
@Suite struct WikilinkRewriteTests {
    private func rewritten(_ text: String) -> String {
        WikilinkRewrite.apply(to: text) { link in
            (link.isEmbed ? "EMBED" : "LINK") + "(\(link.target)|\(link.readerText))"
        }
    }

    @Test func linksAndEmbedsInTextAreRewritten() {
        #expect(rewritten("See [[Note]] and ![[Picture.png|300]], or [[Note#Part|that part]].")
                == "See LINK(Note|Note) and EMBED(Picture.png|Picture.png), or LINK(Note|that part).")
    }

    @Test func codeSpansFencesAndEscapesKeepThemAsWritten() {
        let text = """
        Write `[[Note]]` or ``a `[[Note]]` b`` to link; \\[[Not a link]] either.
        ```markdown
        [[Inside a fence]]
        ```
        ~~~
        ![[Inside tildes]]
        ~~~
        After: [[Note]]
        """
        #expect(rewritten(text) == """
        Write `[[Note]]` or ``a `[[Note]]` b`` to link; \\[[Not a link]] either.
        ```markdown
        [[Inside a fence]]
        ```
        ~~~
        ![[Inside tildes]]
        ~~~
        After: LINK(Note|Note)
        """)
    }

    @Test func anAnswerOfNilKeepsTheLinkAndTextWithoutLinksIsUnchanged() {
        #expect(WikilinkRewrite.apply(to: "[[Keep]] it\r\n[[Keep]]") { _ in nil } == "[[Keep]] it\r\n[[Keep]]")
        #expect(rewritten("No links, [one](x.md), [[unclosed") == "No links, [one](x.md), [[unclosed")
    }
}
