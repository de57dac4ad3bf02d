import Foundation

/// Runs a program to completion and collects what it printed.
public enum Run {
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    public static func command(
        _ arguments: [String],
        in folder: URL? = nil,
        environment: [String: String] = [:],
        input: String? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let output = Pipe(), error = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        // Read both pipes before waiting, so a chatty process cannot block on a full pipe.
        let errorData = Future { error.fileHandleForReading.readDataToEndOfFile() }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.value, as: UTF8.self)
        )
    }
}

/// A value computed on another thread, for reading two pipes at once.
private final class Future<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `result` is written once before the semaphore is signalled and read only after waiting.
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            result = work()
            done.signal()
        }
    }

    var value: Value {
        done.wait()
        return result!
    }
}

extension Run {
    /// What a run cost: its wall-clock time, and the peak resident memory of the process it ran.
    public struct Cost: Sendable {
        public let result: Result
        public let seconds: Double
        public let peakMiB: Double
    }

    /// Runs a program as `command` does, measuring it from a Python process of its own, whose only child
    /// it is: the peak memory of a test process's children would include every other test's.
    public static func measured(_ arguments: [String], in folder: URL? = nil, input: String? = nil) throws -> Cost {
        let script = """
            import resource, subprocess, sys, time
            start = time.monotonic()
            status = subprocess.call(sys.argv[1:])
            seconds = time.monotonic() - start
            sys.stderr.write("\\ncost: %f %d\\n" % (seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
            sys.exit(status)
            """
        let run = try command(["python3", "-c", script] + arguments, in: folder, input: input)
        guard let line = run.standardError.split(separator: "\n").last, line.hasPrefix("cost: ") else {
            throw FixtureError("the measuring script printed no cost: \(run.standardError)")
        }
        let fields = line.dropFirst(6).split(separator: " ")
        let standardError = String(run.standardError[..<run.standardError.range(of: "\ncost: ", options: .backwards)!.lowerBound])
        return Cost(result: Result(status: run.status, standardOutput: run.standardOutput, standardError: standardError),
                    seconds: Double(fields[0]) ?? .infinity, peakMiB: (Double(fields[1]) ?? .infinity) / 1024)
    }
}
