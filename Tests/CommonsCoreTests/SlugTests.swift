@testable import CommonsCore
import Foundation
import PropertyBased
import Testing

@Suite struct SlugTests {
    @Test(arguments: [
        ("Folder/My Note.md", "folder/my-note"),
        ("a.md", "a"),
        ("Über Straße.md", "über-straße"),
        ("日本語 ノート.md", "日本語-ノート"),
        ("  Lots -- of   (punctuation)!.md", "lots-of-punctuation"),
        ("snake_case.MD", "snake_case"),
        ("???.md", "question-question-question"),
        ("....md", "full-stop-full-stop-full-stop"),
        ("-.md", "hyphen-minus"),
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

    /// The split by `Character` that `resolve` was first written as: the fast path for plain paths
    /// must give what it gives, marks glued to slashes and all.
    static func oracle(_ relative: String, inFolder folder: String) -> String? {
        var segments = relative.hasPrefix("/") ? [] : folder.split(separator: "/").map(String.init)
        for segment in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        return segments.joined(separator: "/")
    }

    static let paths = Gen<String?>.element(of: ["/", ".", "..", "a", "b.md", " ", "\u{301}", "\u{0600}", "\u{200D}", "é"])
        .array(of: 0...8).map { $0.compactMap { $0 }.joined() }

    @Test func resolvesAsTheCharacterSplitDid() async {
        await propertyCheck(count: 5000, input: Self.paths, Self.paths) { relative, folder in
            // By bytes: `==` on strings would call a mark's two spellings equal.
            #expect(SitePath.resolve(relative, inFolder: folder).map { Array($0.utf8) } == Self.oracle(relative, inFolder: folder).map { Array($0.utf8) },
                    "\(relative) in \(folder)")
        }
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

    static let encodable = Gen<String?>.element(of: ["a", "Z", "9", "-", ".", "_", "~", "/", " ", "%", "#", "?", "+", "é", "e\u{301}", "\u{1F600}", "\u{0}", "\u{7F}", "ß", "日"])
        .array(of: 0...10).map { $0.compactMap { $0 }.joined() }

    /// The byte loop must write what Foundation's `addingPercentEncoding` wrote, which it replaced.
    @Test func encodesAsFoundationDid() async {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~/")
        await propertyCheck(count: 5000, input: Self.encodable) { text in
            #expect(SitePath.encode(text) == text.addingPercentEncoding(withAllowedCharacters: allowed), "\(text)")
        }
    }
}
