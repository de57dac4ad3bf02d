import CommonsMarkdown
import Testing

/// Obsidian's `%%comments%%` are removed before anything reads a note; `%%` in code is text.
@Suite struct CommentsTests {
    @Test(arguments: [
        ("Before %%hidden%% after.", "Before  after."),
        ("%%\nA block\nof comment\n%%\nShown.", "\n\n\n\nShown."),
        ("- item %%aside%%\n> quote %%x%% end\n> [!note] Title %%y%%", "- item \n> quote  end\n> [!note] Title "),
        ("Starts %%here\nand ends%% there.", "Starts \n there."),
        ("`%%code%%` and %%gone%%", "`%%code%%` and "),
        ("``a `%%` b`` %%x%%", "``a `%%` b`` "),
        ("```\n%%kept%%\n```\n%%gone%%", "```\n%%kept%%\n```\n"),
        ("~~~~md\n%% kept\n~~~\n%% still kept\n~~~~\n%%x%%", "~~~~md\n%% kept\n~~~\n%% still kept\n~~~~\n"),
        ("Never %%closed\n\n# Heading\nText", "Never \n\n\n"),
        ("Windows %%x%%\r\nlines %%\r\ny\r\n%%\r\nend", "Windows \r\nlines \r\n\r\n\r\nend"),
        ("No comment: 100% sure, 50 % off.", "No comment: 100% sure, 50 % off."),
        ("`unclosed %%gone%%", "`unclosed "),
    ])
    func commentsAreRemoved(text: String, expected: String) {
        #expect(Comments.removed(from: text) == expected)
    }

    @Test func lineBreaksInsideAreKept() {
        let text = "one\n%%\ntwo\nthree\n%%\nfour [[x]]"
        #expect(Comments.removed(from: text).split(separator: "\n", omittingEmptySubsequences: false).count == 6)
    }
}
