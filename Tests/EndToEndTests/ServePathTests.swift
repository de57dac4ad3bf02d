@testable import CommonsServe
import Testing

/// The served-path parser reads a request as a file system or a proxy would: by byte.
@Suite struct ServePathTests {
    // fuzz-serve-path: `/` followed by a combining mark is one Character, so splitting by Character
    // found `../́x` to be one segment, not `..` and `́x`. Fixed: split by byte.
    @Test(arguments: ["/../\u{301}x", "/a/..\u{301}/../b", "/./\u{200D}", "/a//\u{301}b", "/a\\\u{301}b", "/a\r\u{301}"])
    func aMarkAfterADelimiterDoesNotHideIt(_ request: String) {
        #expect(ServePath.sitePath(request) == nil)
    }

    @Test(arguments: ["/", "/notes/caf\u{E9}/", "/notes/cafe\u{301}/index.html", "/a/..\u{301}b"])
    func namesWithMarksAreServed(_ request: String) {
        #expect(ServePath.sitePath(request) == String(request.dropFirst()))
    }
}
