import Foundation
import Testing
import TestSupport
@testable import CommonsCore

/// `FolderListing` reads `readdir`'s records, whose length is the name's, not the declared 256 bytes:
/// reading a whole record reads past the last one in glibc's buffer. Under `make sanitize` that is a
/// heap overflow, and a folder of thousands of short names fills the buffer many times over.
@Suite struct FolderListingTests {
    @Test func aFolderOfManyNamesIsListedWhole() throws {
        let folder = try TemporaryFolder.make(prefix: "commons-listing")
        defer { try? FileManager.default.removeItem(at: folder) }
        var random = SplitMix(seed: 24)
        var expected: [String: LocalFile.Kind] = [:]
        for index in 0..<3000 {
            // Mostly short names, so that a record that would fit the buffer's tail is often a short one.
            let length = random.next() % 8 == 0 ? Int(random.next() % 100) + 1 : Int(random.next() % 3) + 1
            let name = "\(index)-" + String(repeating: "é", count: length)
            let path = folder.appending(path: name).path
            switch index % 50 {
            case 0:
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                expected[name] = .folder
            case 1:
                try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: "elsewhere")
                expected[name] = .symlink
            default:
                #expect(FileManager.default.createFile(atPath: path, contents: Data()))
                expected[name] = .file
            }
        }

        let entries = try FolderListing.entries(in: folder.path)

        #expect(entries.count == expected.count)
        for entry in entries {
            #expect(expected[entry.name] == entry.kind ?? LocalFile.kind(atPath: folder.appending(path: entry.name).path))
            var status = stat()
            #expect(lstat(folder.appending(path: entry.name).path, &status) == 0)
            #expect(entry.inode == UInt64(status.st_ino))
        }
    }

    @Test func aMissingFolderIsAnErrorThatNamesIt() throws {
        let error = try #require(throws: BuildError.self) {
            try FolderListing.entries(in: "/nonexistent-commons-folder")
        }
        #expect("\(error)" == "cannot read the folder '/nonexistent-commons-folder': No such file or directory")
    }
}
