import Foundation
import Testing
import TestSupport
@testable import CommonsCore

/// A file written through `AtomicFile` is replaced whole or not at all.
@Suite struct AtomicFileTests {
    struct WriteFailed: Error {}

    @Test func aFailedWriteLeavesThePreviousFileAndNoPartialOne() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-atomic")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "bundle.json")
        try AtomicFile.write(to: file.path) { write in try write(Array("previous".utf8)) }

        #expect(throws: WriteFailed.self) {
            try AtomicFile.write(to: file.path) { write in
                try write(Array("half of the new".utf8))
                throw WriteFailed()
            }
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["bundle.json"])

        try AtomicFile.write(to: file.path) { write in
            try write(Array("new ".utf8))
            try write(Array("bytes".utf8))
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == "new bytes")
    }

    @Test func aMissingFolderIsAnErrorThatNamesThePath() throws {
        let path = "/nonexistent-commons-folder/bundle.json"
        let error = try #require(throws: BuildError.self) {
            try AtomicFile.write(to: path) { write in try write([1]) }
        }
        #expect("\(error)" == "cannot write '\(path)': No such file or directory")
    }
}
