@testable import CommonsCore
import Testing

/// `read_note` with a section answers the section's Markdown, cut where the bundle's sections split
/// the note: at its top-level headings, never at a `#` line inside code or a callout.
@Suite struct MarkdownSectionsTests {
    @Test func aNoteWithoutTitleIsCutAtItsTopLevelHeadingsWithItsCodeKept() {
        let markdown = """
        Opening words, with a [[Link|shown text]].

        ## Install
        Run this:

        ```sh
        # not a heading: a shell comment
        make install
        ```

        > [!note] A callout
        > ## Inside the callout
        > stays with its section

        ## Use

        Use it. ^use


        """
        let parts = PublishedBody(markdown).parts
        #expect(parts.map(\.anchor) == [nil, "install", "use"])
        #expect(parts[0].markdown == "Opening words, with a [[Link|shown text]].")
        #expect(parts[1].heading == "Install")
        #expect(parts[1].markdown == """
        ## Install
        Run this:

        ```sh
        # not a heading: a shell comment
        make install
        ```

        > [!note] A callout
        > ## Inside the callout
        > stays with its section
        """)
        #expect(parts[2].markdown == "## Use\n\nUse it. ^use")
    }

    @Test func repeatedHeadingsGetThePagesNumberedAnchorsAndWindowsLineEndingsAreRead() {
        let parts = PublishedBody("# Notes\r\n\r\nOne\r\n\r\n# Notes\r\nTwo\r\n").parts
        #expect(parts.map(\.anchor) == ["notes", "notes-1"])
        // Each part is a slice of the text as written, so its line endings stay.
        #expect(parts.map(\.markdown) == ["# Notes\r\n\r\nOne", "# Notes\r\nTwo"])
        #expect(parts.map(\.range) == [0..<14, 18..<30])
    }

    @Test func aNoteWithNoHeadingIsOnePart() {
        #expect(PublishedBody("Just text.\n").parts.map(\.markdown) == ["Just text."])
        #expect(PublishedBody("").parts.isEmpty)
    }
}
