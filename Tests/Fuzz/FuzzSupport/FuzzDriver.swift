import Foundation
#if COMMONS_FUZZ
import CFuzzerDriver
#endif

/// Runs a fuzz target's check on inputs. Built with `-DCOMMONS_FUZZ` (by `make fuzz`), the inputs come
/// from libFuzzer, which takes its usual arguments; built without, the arguments are files or folders
/// of inputs, each checked once: that is how a crash file is replayed under a debugger or in a test.
public enum FuzzDriver {
    // Set once, before libFuzzer starts, which then calls it on the main thread.
    @MainActor private static var check: (@MainActor ([UInt8]) -> Void)?

    /// Runs `check` on each input; a broken invariant traps inside it.
    @MainActor public static func run(_ check: @escaping @MainActor ([UInt8]) -> Void) -> Never {
        Self.check = check
        #if COMMONS_FUZZ
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
            MainActor.assumeIsolated { FuzzDriver.check?(bytes) }
            return 0
        })
        #else
        exit(replay(CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }))
        #endif
    }

    /// Checks each file named, and each file in each folder named, in name order.
    @MainActor private static func replay(_ paths: some Collection<String>) -> Int32 {
        guard !paths.isEmpty else {
            print("usage: \(CommandLine.arguments[0]) FILE-OR-FOLDER...  (built without COMMONS_FUZZ: checks each input once)")
            return 2
        }
        var count = 0
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                print("\(path): no such file or folder")
                return 1
            }
            let files = isFolder.boolValue
                ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
                : [path]
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                check?(Array(data))
                count += 1
            }
        }
        print("\(count) input\(count == 1 ? "" : "s") checked, every invariant held")
        return 0
    }
}

/// Traps, with a message libFuzzer prints next to the crash, when a property the target checks breaks.
public func invariant(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                      file: StaticString = #fileID, line: UInt = #line) {
    if !condition() {
        fatalError("invariant broken: \(message())", file: file, line: line)
    }
}

/// `text` as a Swift string literal, for messages that must show invisible characters.
public func quoted(_ text: String, limit: Int = 300) -> String {
    let shown = text.count > limit ? String(text.prefix(limit)) + "…" : text
    return "\"" + shown.unicodeScalars.map { $0.escaped(asASCII: true) }.joined() + "\""
}

/// Known failures to step over, named in `FUZZ_KNOWN` (a comma-separated list): while a failure
/// waits for its fix, the fuzzer would find it again and again instead of looking further. A target
/// returns early on an input that may show a failure `skips(name)` says to step over.
public enum KnownFailures {
    static let names = Set((ProcessInfo.processInfo.environment["FUZZ_KNOWN"] ?? "").split(separator: ",").map(String.init))

    public static func skips(_ name: String) -> Bool {
        names.contains(name)
    }
}
