@testable import CommonsCore
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("Folder/My Note.md", "folder/my-note"),
        ("a.md", "a"),
        ("Über Straße.md", "über-straße"),
        ("日本語 ノート.md", "日本語-ノート"),
        ("  Lots -- of   (punctuation)!.md", "lots-of-punctuation"),
        ("snake_case.MD", "snake_case"),
        ("???.md", "note"),
        ("2024/01 Jan.md", "2024/01-jan"),
        ("image.png", "image-png"),
    ])
    func slugOfPath(path: String, slug: String) {
        #expect(Slug(path: path).value == slug)
    }

    @Test func numberingChangesTheSegmentThatClashes() {
        #expect(Slug("a/b").numbered(2, atTop: false).value == "a/b-2")
        #expect(Slug("tags/b").numbered(2, atTop: true).value == "tags-2/b")
    }
}

@Suite struct SitePathTests {
    @Test(arguments: [
        ("b.md", "x/y", "x/y/b.md"),
        ("../b.md", "x/y", "x/b.md"),
        ("./b.md", "", "b.md"),
        ("/top.md", "x/y", "top.md"),
        ("../../b.md", "x", nil),
        ("a//b.md", "", "a/b.md"),
    ] as [(String, String, String?)])
    func resolvesRelativePaths(relative: String, folder: String, expected: String?) {
        #expect(SitePath.resolve(relative, inFolder: folder) == expected)
    }

    @Test func rootPrefixClimbsOnePerFolder() {
        #expect(SitePath.root(fromPage: "") == "")
        #expect(SitePath.root(fromPage: "a/") == "../")
        #expect(SitePath.root(fromPage: "a/b/") == "../../")
    }

    @Test func encodesEverythingButUnreservedCharacters() {
        #expect(SitePath.encode("images/My Photo (1).png") == "images/My%20Photo%20%281%29.png")
        #expect(SitePath.encode("über/") == "%C3%BCber/")
    }
}
