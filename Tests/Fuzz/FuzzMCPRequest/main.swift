// Fuzzes the MCP server's reading of a request: one JSON-RPC message as it arrives on a line, read as
// the server's bookkeeping reads it and, when it is a tools/call, resources/read or resources/list
// request, answered as the server answers it; a bare JSON object is also passed as the arguments of
// every tool. The commons is a small git repository built once, with history: a note that was private
// before it was published, a private note, and a note moved out of the excluded folder.
//
// Invariants: the same request gets the same answer; and no answer, even an error, holds the
// private marker `zqsecret` unless the request itself wrote it.
import CommonsCore
@testable import CommonsMCP
import Foundation
import FuzzSupport
import MCP
import TestSupport

let marker = "zqsecret"

nonisolated(unsafe) var fixture: FixtureRepository? = try! {
    let fixture = try FixtureRepository()
    try fixture.write("Orchard.md", "---\nprivate: true\n---\n# Orchard\n\nA zqsecret draft of the orchard.\n")
    try fixture.write("Gardens.md", "# Gardens\n\nSoil.\n")
    try fixture.write("private/zqsecret.md", "# Plans\n\nzqsecret plans.\n")
    try fixture.write("private/zqsecret-pond.md", "---\ntags: [water]\n---\n# Pond\n\nStill water.\n")
    try fixture.commitAll("First notes")
    try fixture.write("Orchard.md", "---\ntags: [trees]\naliases: [Fruit]\n---\n# Orchard\n\nThe alpha trees, near [[Gardens]].\n")
    try fixture.write("Gardens.md", "# Gardens\n\nSoil and [[Orchard]] ^soil\n\n## Watering\n\nAt dawn.\n")
    try fixture.write("private/zqsecret.md", "# Plans\n\nMore zqsecret plans.\n")
    try fixture.commitAll("Publish the orchard")
    try fixture.remove("private/zqsecret-pond.md")
    try fixture.write("Pond.md", "---\ntags: [water]\n---\n# Pond\n\nStill water, by the [[Gardens#Watering]].\n")
    try fixture.commitAll("Move the pond out")
    return fixture
}()
// libFuzzer ends with exit(), which runs this; a crash leaves the temporary folder behind.
atexit { fixture = nil }

let library: NoteLibrary = {
    var plan = BuildPlan()
    plan.path = fixture!.path
    let (document, archive) = try! AgentCommons.open(plan)
    return try! NoteLibrary(document: document, origin: .repository(commit: document.provenance.commit), archive: archive)
}()
let tools = NoteTools(library: library)
let resources = NoteResources(library: library)
let toolNames = ToolCatalog.tools(gitMode: true).map(\.name) + ["no_such_tool"]

func answer(_ body: () throws -> any Encodable) -> String {
    do {
        return "answer " + (try AnswerJSON.text(body()))
    } catch {
        return "error \(error)"
    }
}

/// Every answer the server could give to `data`.
func answers(_ data: Data) -> [String] {
    var answers: [String] = []
    let decoder = JSONDecoder()
    if let call = try? decoder.decode(Request<CallTool>.self, from: data), call.method == CallTool.name {
        answers.append(answer { try tools.call(call.params.name, call.params.arguments) })
    }
    if let read = try? decoder.decode(Request<ReadResource>.self, from: data), read.method == ReadResource.name {
        answers.append(answer { try resources.read(read.params.uri) })
    }
    if let list = try? decoder.decode(Request<ListResources>.self, from: data), list.method == ListResources.name {
        answers.append(answer { try resources.list(after: list.params.cursor) })
    }
    if let arguments = try? decoder.decode([String: Value].self, from: data) {
        for name in toolNames {
            answers.append(answer { try tools.call(name, arguments) })
        }
    }
    return answers
}

/// Whether any string of the JSON, key or value, holds the marker.
func writesMarker(_ data: Data) -> Bool {
    func holds(_ value: Any) -> Bool {
        switch value {
        case let text as String: text.lowercased().contains(marker)
        case let list as [Any]: list.contains(where: holds)
        case let object as [String: Any]: object.contains { holds($0.key) || holds($0.value) }
        default: false
        }
    }
    guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
        return String(decoding: data, as: UTF8.self).lowercased().contains(marker)
    }
    return holds(value)
}

_ = library
FuzzDriver.run { bytes in
    let data = Data(bytes)
    OwedAnswers().read(data)
    let first = answers(data)
    // FUZZ_SHOW=1 prints the answers, to see what the seeds reach.
    if ProcessInfo.processInfo.environment["FUZZ_SHOW"] != nil { first.forEach { print($0.prefix(400)) } }
    let second = answers(data)
    invariant(first == second, "one request, two answers\nrequest: \(quoted(String(decoding: bytes, as: UTF8.self)))\nfirst: \(first)\nsecond: \(second)")
    if !writesMarker(data) {
        for answer in first {
            invariant(!answer.lowercased().contains(marker), "an answer holds the private marker\nrequest: \(quoted(String(decoding: bytes, as: UTF8.self)))\nanswer: \(quoted(answer, limit: 3000))")
        }
    }
}
