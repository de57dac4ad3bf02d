@testable import CommonsCore
import Foundation
import Testing
import TestSupport

/// `changes_since` names, besides the notes whose text changed, the notes whose backlinks did: a
/// mirror that keeps backlinks must fetch those again too.
@Suite struct ChangesSinceTests {
    @Test func aNoteThatLostABacklinkIsRelinkedAndOneThatDidNotIsNot() throws {
        let fixture = try FixtureRepository()
        try fixture.write("Hub.md", "See [[Ideas]] and [[Quiet]].\n")
        try fixture.write("Ideas.md", "Ideas, no links.\n")
        try fixture.write("Quiet.md", "Quiet, no links.\n")
        try fixture.write("Other.md", "Other links [[Ideas]].\n")
        let first = try fixture.commitAll("Four notes")
        // Hub drops its link to Ideas and keeps the one to Quiet, in the same passage: Quiet's
        // backlink reads differently, Ideas lost one. Other gains a link to Hub, which changed anyway.
        try fixture.write("Hub.md", "See [[Quiet]].\n")
        try fixture.write("Other.md", "Other links [[Ideas]] and [[Hub]].\n")
        let second = try fixture.commitAll("Fewer links")
        try fixture.write("Notes.md", "Unrelated.\n")
        try fixture.commitAll("A note that links nowhere")
        var plan = BuildPlan()
        plan.path = fixture.path
        let (document, archive) = try AgentCommons.open(plan)

        let changes = try archive.changes(since: first)
        #expect(changes.changed == ["hub", "other"])
        #expect(changes.added == ["notes"])
        #expect(changes.relinked == ["ideas", "quiet"])

        // Any commit of the history will do, one that changed a note or not.
        let later = try archive.changes(since: second)
        #expect(later.added == ["notes"] && later.changed.isEmpty && later.relinked.isEmpty)

        // A bundle knows the links notes have now, not those they dropped: it names what the changed
        // notes link to, and says its answer is incomplete.
        let fromBundle = try NoteChanges.since(first, in: document)
        #expect(fromBundle.changed == ["hub", "other"] && fromBundle.added == ["notes"])
        #expect(fromBundle.relinked == ["ideas", "quiet"])
        #expect(fromBundle.incomplete != nil)
    }
}
