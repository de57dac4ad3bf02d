"""Drives `commons mcp` with the official MCP Python client (PyPI `mcp`) over stdio, calls every tool,
reads every resource and checks each answer against the context bundle that `commons build` wrote for
the same commit: against what format 2 holds or Python derives from it exactly and, for what only a
render of the Markdown gives (link texts, backlink contexts, headings, plain text), against what that
must hold. With --since and --since-bundle (the bundle of an older commit), past versions and changes
are checked against that bundle. With --markers, no byte of any answer may hold a marker planted in a
private note. With --serve-bundle, the same questions go to servers of the bundle itself, read from its
file and over HTTP. Prints what failed and exits 1, or exits 0."""

import argparse
import asyncio
import collections
import datetime
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading

from mcp import ClientSession, StdioServerParameters, types
from mcp.client.stdio import stdio_client

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bundle"))
import derived  # noqa: E402

TOOLS = {"search_notes", "read_note", "list_notes", "list_tags", "links", "backlinks", "neighbourhood",
         "note_history", "log", "note_at_revision", "diff", "changes_since"}
# What a default page of a list-shaped answer may weigh: about 20 KB, with room for one large item.
PAGE_BYTES = 24_000
# A history row's git status letter, as the tools spell the kind of change.
KINDS = {"A": "added", "M": "modified", "R": "renamed"}


class Session:
    """One client session, keeping every answer's text for the privacy scan."""

    def __init__(self, client, failures, label):
        self.client = client
        self.failures = failures
        self.label = label
        self.texts = []

    def expect(self, condition, message):
        if not condition:
            self.failures.append(f"{self.label}: {message}")
        return condition

    async def call(self, tool, arguments, echo=None):
        result = await self.client.call_tool(tool, arguments)
        text = "".join(part.text for part in result.content if getattr(part, "text", None) is not None)
        # An answer may repeat the question; only what it adds counts for the privacy scan.
        self.texts.append(text.replace(echo, "") if echo else text)
        if result.is_error:
            return None, text
        value = json.loads(text)
        # The client has checked the structured content against the tool's output schema.
        self.expect(result.structured_content == value, f"{tool}: the structured content is the text's JSON")
        return value, None

    async def answer(self, tool, arguments, echo=None):
        value, error = await self.call(tool, arguments, echo)
        self.expect(error is None, f"{tool}({arguments}) failed: {error}")
        return value

    async def pages(self, tool, arguments, key, limit=None):
        """Every item of a list-shaped answer, following its cursors; each default page stays small."""
        items, cursor, total = [], None, None
        for _ in range(10_000):
            asked = dict(arguments, **({"cursor": cursor} if cursor else {}), **({"limit": limit} if limit else {}))
            value, error = await self.call(tool, asked)
            if not self.expect(error is None, f"{tool}({asked}) failed: {error}"):
                return items
            if limit is None:
                self.expect(len(self.texts[-1].encode()) <= PAGE_BYTES or len(value[key]) == 1,
                            f"{tool}({asked}): a default page of {len(self.texts[-1].encode())} bytes")
            else:
                self.expect(len(value[key]) <= limit, f"{tool}({asked}): more than {limit} items")
            items += value[key]
            total = value.get("total", total)
            cursor = value.get("nextCursor")
            if not cursor:
                break
            self.expect(value[key], f"{tool}({asked}): an empty page with a next cursor")
        if total is not None:
            self.expect(total == len(items), f"{tool}({arguments}): total {total} for {len(items)} items")
        return items

    async def refused(self, tool, arguments, says="", echo=None):
        value, error = await self.call(tool, arguments, echo)
        if self.expect(error is not None, f"{tool}({arguments}) should be refused, answered {str(value)[:200]}"):
            self.expect(says.lower() in error.lower(), f"{tool}({arguments}) error should mention '{says}': {error}")


def strings(value):
    """A front-matter value as commons reads `aliases` and `tags`: a list's strings and numbers, or one
    string."""
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    return [item if isinstance(item, str) else str(item) for item in items
            if isinstance(item, (str, int, float)) and not isinstance(item, bool)]


def front_matter_tags(front_matter):
    """The tags a note's front matter gives, which come first in its tags: trimmed, without their `#`,
    each once whatever its letter case."""
    tags, seen = [], set()
    for tag in strings(front_matter.get("tags")):
        tag = tag.strip().lstrip("#")
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag)
    return tags


def moment(revision):
    return {"commit": revision["commit"], "date": revision["date"]}


def opens_wikilink(markdown, offset):
    return markdown.startswith(("[[", "![["), offset)


def expanded(bundle):
    """The bundle with its notes as the tools answer them, as far as Python derives them exactly from
    format 2 (commons.schema.json says how): revisions with their commits' full hashes, dates, authors
    and subjects; a note's dates, authors, url and aliases; each link's target and whether it embeds;
    the sources of its backlinks, by source path then place, one for each link (which links share a
    passage, and so are listed once, only a render tells); sections as the parts of the Markdown their
    spans cut."""
    prefix = bundle["provenance"]["commitPrefix"]
    commits = {full[:prefix]: {"commit": full, "date": date, "author": author, "subject": subject}
               for full, date, author, subject in bundle["commits"]}
    incoming = {}
    for note in bundle["notes"]:
        for offset, target in note.get("links", []):
            if target != note["id"]:
                incoming.setdefault(target, []).append((note["path"], offset, note["id"]))
    notes = []
    for note in bundle["notes"]:
        markdown, front_matter, truncated = note["markdown"], note.get("frontMatter", {}), note.get("historyTruncated", False)
        history = [commits[row[0]] | {"kind": KINDS[row[1]]} | ({"previousPath": row[4]} if len(row) > 4 else {})
                   | {key: count for key, count in zip(("added", "removed"), row[2:4]) if count is not None}
                   for row in note.get("history", [])]
        authors = collections.Counter(revision["author"] for revision in history)
        # The tools list a note's Markdown links before its wikilinks, each in the order of the text, as
        # its page's render meets them; the file lists them by place.
        links = sorted(note.get("links", []), key=lambda link: (opens_wikilink(markdown, link[0]), link[0]))
        notes.append({
            "id": note["id"], "path": note["path"], "url": derived.note_url(bundle, note), "title": note["title"],
            "aliases": strings(front_matter.get("aliases")), "frontMatterTags": front_matter_tags(front_matter),
            "frontMatter": front_matter, "markdown": markdown,
            "sections": [{"markdown": markdown[span[0]:span[1]]} | ({"anchor": span[2]} if len(span) > 2 else {})
                         for span in note.get("sections", [])],
            "links": [{"target": target, "embed": markdown.startswith("![[", offset), "wikilink": opens_wikilink(markdown, offset)}
                      for offset, target in links],
            "backlinks": [{"source": source} for _, _, source in sorted(incoming.get(note["id"], []))],
            "history": history, "revisions": len(history), "historyTruncated": truncated,
            "authors": [{"name": name, "revisions": count} for name, count in sorted(authors.items(), key=lambda item: (-item[1], item[0]))],
        } | ({"updated": moment(history[0])} if history else {}) | ({"created": moment(history[-1])} if history and not truncated else {}))
    return dict(bundle, notes=notes)


def made_of(text, markdown):
    """Whether each word of a text that a render made of some Markdown is in it, as a run of its letters
    and digits: markup may stand inside or around a word (`_stress_`, `[[URI]]s`)."""
    letters = re.sub(r"[\W_]+", "", markdown)
    return all(word in letters for word in re.findall(r"[^\W_]+", text))


def runs(sources):
    """Backlink sources with each run of one source counted once, as the file can tell them: a source
    that links twice from one passage is listed once."""
    return [source for index, source in enumerate(sources) if index == 0 or sources[index - 1] != source]


def search_words(text):
    return {word for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) > 3}


def held_words(note):
    """Every word search may hold of a note, and more: its plain text is made of its Markdown's words."""
    return search_words(" ".join([note["title"], note["markdown"]] + note["aliases"] + note["frontMatterTags"]))


def shown_words(note):
    """Words search surely holds of a note, as its plain text is not in the file: those of its title and
    aliases, and of its Markdown's paragraphs that hold nothing that may not show (a link's target, an
    HTML tag, an entity, an escape, a block id, a comment, a code fence's language)."""
    markdown = re.sub(r"%%.*?%%|<!--.*?-->", "\n\n", note["markdown"], flags=re.S)
    plain = [block for block in re.split(r"\n[ \t]*\n", markdown) if not re.search(r"[\[<&\\^`]", block)]
    return search_words(" ".join([note["title"]] + note["aliases"] + plain))


def tags_of(notes):
    counts = {}
    for note in notes:
        for tag in set(note["tags"]):
            counts[tag] = counts.get(tag, 0) + 1
    return counts


def as_published_now(markdown, notes):
    """A past version as it is published now: a wikilink to a note that is no longer published, deleted
    or private alike, reads as its text, as on today's pages."""
    names = set()
    for note in notes.values():
        names.add(note["path"].rsplit("/", 1)[-1][:-3].lower())
        names.update(alias.lower() for alias in note.get("aliases", []))

    def text_of(match):
        inner = match.group(1)
        target, _, display = inner.partition("|")
        name, _, fragment = target.partition("#")
        base = name.strip().rsplit("/", 1)[-1]
        base = base[:-3] if base.lower().endswith(".md") else base
        if not name.strip() or base.lower() in names:
            return match.group(0)
        return display.strip() or (f"{name.strip()} > {fragment.strip()}" if fragment.strip() else name.strip())

    return re.sub(r"(?<!\\)!?\[\[([^\[\]\n]+)\]\]", text_of, markdown)


async def check_reading(session, bundle, server):
    """What both kinds of server answer: notes, search, graph, history, resources."""
    notes = {note["id"]: note for note in bundle["notes"]}
    expect = session.expect

    info = server.server_info
    expect(info.name == "commons", f"server name {info.name}")
    commit = bundle["provenance"].get("commit")
    if commit:
        expect(commit in (server.instructions or ""), "the instructions name the build commit")

    listed = await session.client.list_tools()
    names = {tool.name for tool in listed.tools}
    expect(names == TOOLS, f"tools {sorted(names)}")
    for tool in listed.tools:
        schema = tool.input_schema
        expect(schema.get("type") == "object" and schema.get("additionalProperties") is False,
               f"{tool.name} has a closed object schema")
        expect(set(schema.get("required", [])) <= set(schema.get("properties", {})), f"{tool.name} requires what it declares")
        expect((tool.output_schema or {}).get("type") == "object", f"{tool.name} declares its answer's schema")
    templates = (await session.client.list_resource_templates()).resource_templates
    expect([template.uri_template for template in templates] == ["commons://note/{id}"], f"resource templates {templates}")

    # Resources, page by page: each note once, its Markdown as in the bundle.
    uris, cursor = [], None
    while True:
        page = await session.client.list_resources(params=None if cursor is None else types.PaginatedRequestParams(cursor=cursor))
        uris += [str(resource.uri) for resource in page.resources]
        cursor = page.next_cursor
        if not cursor:
            break
    expect(len(uris) == len(notes), f"{len(uris)} resources for {len(notes)} notes")
    for uri, note in zip(uris, bundle["notes"]):
        contents = (await session.client.read_resource(uri)).contents
        session.texts.append(contents[0].text)
        expect(contents[0].text == note["markdown"], f"resource {uri} is the note's Markdown")

    ids = [note["id"] for note in bundle["notes"]]
    listing = await session.pages("list_notes", {}, "notes")
    expect([note["id"] for note in listing] == ids, "list_notes lists every note, by id")
    expect([note["id"] for note in await session.pages("list_notes", {}, "notes", limit=3)] == ids, "list_notes three at a time")
    await session.refused("list_notes", {"cursor": "x1"}, "unknown cursor")
    await session.refused("list_notes", {"cursor": str(len(ids) + 1)}, "unknown cursor")
    # A note's tags end with the #tags that a render finds in its Markdown: the listed tags are counted
    # here and held to what the file says of each note below.
    listed_tags = {note["id"]: note["tags"] for note in listing}
    tags = tags_of(listing)
    answer = await session.pages("list_tags", {}, "tags")
    expect({entry["tag"]: entry["notes"] for entry in answer} == tags, "list_tags counts each tag's notes")
    if tags:
        tag = max(sorted(tags), key=lambda name: tags[name])
        tagged = await session.pages("list_notes", {"tag": "#" + tag}, "notes")
        expect({note["id"] for note in tagged} == {note["id"] for note in listing if tag in note["tags"]}, "list_notes by tag")
    folders = sorted({note["path"].rsplit("/", 1)[0] for note in bundle["notes"] if "/" in note["path"]})
    if folders:
        inside = await session.pages("list_notes", {"folder": folders[0]}, "notes")
        expect({note["id"] for note in inside} == {note["id"] for note in bundle["notes"] if note["path"].startswith(folders[0] + "/")},
               "list_notes by folder")
    moments = sorted({datetime.datetime.fromisoformat(note["updated"]["date"]) for note in bundle["notes"] if "updated" in note})
    if len(moments) > 1:
        middle = moments[len(moments) // 2]
        recent = await session.pages("list_notes", {"updated_since": middle.isoformat()}, "notes")
        expect({note["id"] for note in recent} == {note["id"] for note in bundle["notes"] if "updated" in note
                                                   and datetime.datetime.fromisoformat(note["updated"]["date"]) >= middle},
               "list_notes updated since a time")

    # The log: every revision of every note, read the other way, newest first.
    log = await session.pages("log", {}, "commits")
    expect(log == await session.pages("log", {}, "commits", limit=2), "the log two commits at a time")
    expected = {}
    for note in bundle["notes"]:
        for revision in note["history"]:
            entry = expected.setdefault(revision["commit"], {key: revision[key] for key in ("commit", "date", "author", "subject")} | {"notes": []})
            entry["notes"].append({"id": note["id"], "kind": revision["kind"]} | ({"previousPath": revision["previousPath"]} if "previousPath" in revision else {}))
    expect({entry["commit"]: entry for entry in log} == expected, "log lists each commit with the notes it changed")
    dates = [datetime.datetime.fromisoformat(entry["date"]) for entry in log]
    expect(dates == sorted(dates, reverse=True), "log is newest first")
    expect([entry["commit"] for entry in log] == [commit[0] for commit in bundle["commits"]], "the log lists the bundle's commit table, in its order")

    for note in bundle["notes"]:
        read = await session.answer("read_note", {"id": note["id"]})
        for field in ("path", "url", "title", "aliases", "frontMatter", "markdown", "authors", "revisions", "historyTruncated"):
            expect(read[field] == note[field], f"read_note {note['id']}: {field}")
        tagged = note["frontMatterTags"]
        expect(read["tags"] == listed_tags[note["id"]] and read["tags"][:len(tagged)] == tagged
               and len({tag.lower() for tag in read["tags"]}) == len(read["tags"])
               and all("#" + tag.lower() in note["markdown"].lower() for tag in read["tags"][len(tagged):]),
               f"read_note {note['id']}: tags, its front matter's and then #tags of its Markdown, each once: {read['tags']}")
        # Headings come from a render: each is made of words of the Markdown, and the sections' anchors
        # are among theirs, in order.
        anchors = [section["anchor"] for section in note["sections"] if "anchor" in section]
        expect(all(made_of(heading["text"], note["markdown"]) for heading in read["headings"])
               and [heading["anchor"] for heading in read["headings"] if heading["anchor"] in anchors] == anchors,
               f"read_note {note['id']}: headings")
        expect(runs([link["source"] for link in read["backlinks"]]) == runs([link["source"] for link in note["backlinks"]])
               and len(read["backlinks"]) <= len(note["backlinks"]), f"read_note {note['id']}: backlinks")
        expect(read.get("created") == note.get("created") and read.get("updated") == note.get("updated"), f"read_note {note['id']}: dates")
        by_path = await session.answer("read_note", {"path": note["path"]})
        expect(by_path["id"] == note["id"], f"read_note by path {note['path']}")
        if sum(1 for other in bundle["notes"] if other["title"].lower() == note["title"].lower() or note["title"].lower() in map(str.lower, other["aliases"])) == 1:
            by_title = await session.answer("read_note", {"title": note["title"].upper()})
            expect(by_title["id"] == note["id"], f"read_note by title {note['title']}")
        headed = [section for section in note["sections"] if "anchor" in section]
        for section in headed[-2:]:
            part = await session.answer("read_note", {"id": note["id"], "section": section["anchor"]})
            if not part:
                continue
            markdown, heading = part["section"]["markdown"], part["section"]["heading"]
            expect(set(part) == {"id", "title", "url", "section"}, f"read_note {note['id']} one section: only the section, not the note")
            expect(markdown == section["markdown"] and markdown.lstrip().startswith("#"),
                   f"read_note {note['id']}#{section['anchor']}: the section's Markdown, from its heading: {markdown[:200]!r}")
            # The heading's text comes from a render: it is the note's heading of that anchor, made of
            # words of the section's first line.
            expect(part["section"]["anchor"] == section["anchor"] and part["url"].endswith("#" + section["anchor"]),
                   f"read_note {note['id']}#{section['anchor']}: its anchor and link")
            expect(heading in [other["text"] for other in read["headings"] if other["anchor"] == section["anchor"]]
                   and made_of(heading, markdown.split("\n", 1)[0]), f"read_note {note['id']}#{section['anchor']}: its heading {heading!r}")

        links = await session.pages("links", {"id": note["id"]}, "links")
        expect([(link["target"], link["embed"]) for link in links] == [(link["target"], link["embed"]) for link in note["links"]],
               f"links of {note['id']}")
        # Link texts come from a render: a wikilink's is made of words of the Markdown; a Markdown link has
        # none, its text being Markdown.
        expect(all(bool(link["text"]) == placed["wikilink"] and made_of(link["text"], note["markdown"]) for link, placed in zip(links, note["links"])),
               f"links of {note['id']}: their texts {[link['text'] for link in links]}")
        backlinks = await session.pages("backlinks", {"id": note["id"]}, "backlinks")
        passages = [(link["source"], link["context"]) for link in backlinks]
        expect(passages == [(link["source"], link["context"]) for link in read["backlinks"]], f"backlinks of {note['id']}")
        # Contexts come from a render of their sources: each is a passage of its source, once.
        expect(all(source in notes and context and made_of(context, notes[source]["markdown"]) for source, context in passages)
               and all(one != other for one, other in zip(passages, passages[1:])), f"backlinks of {note['id']}: their contexts")
        around = await session.pages("neighbourhood", {"id": note["id"]}, "nodes")
        near = {link["target"] for link in note["links"]} | {link["source"] for link in note["backlinks"]}
        near.discard(note["id"])
        expect({node["id"] for node in around if node["depth"] == 1} == near, f"neighbourhood of {note['id']}")
        inside = {node["id"] for node in around}
        expect(all({link["target"] for link in notes[node["id"]]["links"]} & inside - {node["id"]} == set(node["links"]) for node in around),
               f"neighbourhood of {note['id']}: each node's links within it")
        around = await session.pages("neighbourhood", {"id": note["id"], "depth": 2}, "nodes", limit=2)
        reach = {note["id"]: 0}
        for step in (1, 2):
            for id in [id for id, depth in reach.items() if depth == step - 1]:
                for other in [link["target"] for link in notes[id]["links"]] + [link["source"] for link in notes[id]["backlinks"]]:
                    reach.setdefault(other, step)
        expect({node["id"]: node["depth"] for node in around} == reach, f"neighbourhood of {note['id']} at depth 2")
        history = await session.answer("note_history", {"id": note["id"], "limit": 2})
        expect(history["history"] == note["history"][:2] and history["revisions"] == note["revisions"], f"note_history of {note['id']}")
        expect(await session.pages("note_history", {"id": note["id"]}, "history", limit=1) == note["history"], f"note_history of {note['id']}, one at a time")

    # Search: a word that few notes hold finds each of them.
    holders = {}
    for note in bundle["notes"]:
        for word in held_words(note):
            holders.setdefault(word, set()).add(note["id"])
    checked = 0
    for note in bundle["notes"][:20]:
        rare = sorted(word for word in shown_words(note) if len(holders[word]) <= 3)
        if not rare:
            continue
        found = await session.answer("search_notes", {"query": rare[0], "limit": 10})
        expect(note["id"] in [hit["id"] for hit in found["hits"]], f"search_notes '{rare[0]}' finds {note['id']}")
        expect(all(hit["id"] in notes and hit["snippet"] for hit in found["hits"]), "hits are published notes with snippets")
        checked += 1
    expect(checked > 0 or len(notes) < 3, "some searches were checked")
    for _ in range(2):
        await session.call("search_notes", {"query": "note text", "limit": 50})
    expect(session.texts[-1] == session.texts[-2], "the same question gets the same bytes")
    whole = await session.answer("search_notes", {"query": "note text", "limit": 50})
    paged = await session.pages("search_notes", {"query": "note text"}, "hits", limit=3)
    expect([hit["id"] for hit in paged][:50] == [hit["id"] for hit in whole["hits"]],
           "search_notes a page at a time gives the hits in the same order")

    # Wrong calls are answered with errors, and the server keeps answering.
    await session.refused("search_notes", {}, "'query' is required")
    await session.refused("search_notes", {"query": 7}, "must be a string")
    await session.refused("search_notes", {"query": "x", "limit": 0}, "from 1 to 50")
    await session.refused("search_notes", {"query": "x", "limit": 2.5}, "integer")
    await session.refused("search_notes", {"query": "x", "colour": "red"}, "unknown argument 'colour'")
    await session.refused("read_note", {}, "exactly one")
    first = bundle["notes"][0]
    await session.refused("read_note", {"id": first["id"], "path": first["path"]}, "exactly one")
    await session.refused("read_note", {"id": first["id"], "section": "no-such-section-here"}, "no section")
    await session.refused("read_note", {"id": "no/such/note"}, "no published note")
    await session.refused("neighbourhood", {"id": first["id"], "depth": 9}, "from 1 to 3")
    await session.refused("list_notes", {"updated_since": "last tuesday"}, "updated_since")
    await session.refused("no_such_tool", {}, "unknown tool")
    await session.refused("changes_since", {"commit": "not a commit!"}, "commit")
    try:
        await session.client.read_resource("commons://note/no/such/note")
        session.expect(False, "reading an unknown resource should fail")
    except Exception as error:
        session.texts.append(str(error))
    again = await session.answer("list_tags", {})
    expect(again is not None, "the server still answers after the errors")


async def check_archive(session, bundle, repository, since, old_bundle, exact_removals, markers):
    """What only a server of the repository answers: past versions, diffs and changes. Removals are
    exact when no note was made private since; otherwise the notes made private go unnamed."""
    expect = session.expect
    notes = {note["id"]: note for note in bundle["notes"]}
    old = {note["id"]: note for note in old_bundle["notes"]}

    changes = await session.answer("changes_since", {"commit": since})
    renamed_to = {rename["to"]: rename for rename in changes["renamed"]}
    renamed_from = {rename["from"] for rename in changes["renamed"]}
    added, changed, removed = set(changes["added"]), set(changes["changed"]), set(changes["removed"])
    unchanged = set(notes) - added - changed - set(renamed_to)
    expect(not (added & changed) and not (set(renamed_to) & (added | changed)), "each note is listed once")
    expect(unchanged <= set(old), "every note not listed was in the older bundle")
    accounted = unchanged | changed | removed | renamed_from
    expect(accounted <= set(old), "changes name only notes of the older bundle as removed or renamed")
    if exact_removals:
        expect(set(old) == accounted, "every note of the older bundle is accounted for")
    else:
        expect(not ((set(old) - accounted) & set(notes)), "a note not accounted for is not published now")
    expect(not (added & set(old) - renamed_from), "an added note was not in the older bundle under its id")
    for id in unchanged:
        expect(old[id]["markdown"] == notes[id]["markdown"] and old[id]["frontMatter"] == notes[id]["frontMatter"], f"{id} is unchanged")
    for id in changed:
        expect(old[id]["markdown"] != notes[id]["markdown"] or old[id]["frontMatter"] != notes[id]["frontMatter"], f"{id} changed")
    for rename in changes["renamed"]:
        expect(rename["from"] in old and rename["to"] in notes, f"rename {rename}")
        edited = old[rename["from"]]["markdown"] != notes[rename["to"]]["markdown"] or old[rename["from"]]["frontMatter"] != notes[rename["to"]]["frontMatter"]
        expect(rename["changed"] == edited, f"rename {rename} says whether the note changed")
    # git's own rename detection between the two commits, for the notes of both bundles: each is a rename here too.
    old_by_path = {note["path"]: note["id"] for note in old_bundle["notes"]}
    new_by_path = {note["path"]: note["id"] for note in bundle["notes"]}
    renames = subprocess.run(["git", "-C", repository, "diff", "--name-status", "-M", since, bundle["provenance"]["commit"]],
                             capture_output=True, text=True, check=True).stdout
    for line in renames.splitlines():
        fields = line.split("\t")
        if fields[0].startswith("R") and fields[1] in old_by_path and fields[2] in new_by_path and old_by_path[fields[1]] != new_by_path[fields[2]]:
            expect(renamed_to.get(new_by_path[fields[2]], {}).get("from") == old_by_path[fields[1]], f"git sees {fields[1]} renamed to {fields[2]}")
    expect(len(changed) + len(added) + len(removed) + len(renamed_to) > 0, "the commits since changed something")
    nothing = await session.answer("changes_since", {"commit": bundle["provenance"]["commit"]})
    expect(not (nothing["added"] or nothing["changed"] or nothing["renamed"] or nothing["removed"]), "nothing changed since the built commit")

    compared = 0
    for id, note in notes.items():
        if note["history"]:
            newest = await session.answer("note_at_revision", {"id": id, "commit": note["history"][0]["commit"]})
            expect(newest["markdown"] == note["markdown"] and newest["frontMatter"] == note["frontMatter"],
                   f"{id} at its newest revision is the published note")
        if id in old and old[id]["path"] == note["path"]:
            then = await session.answer("note_at_revision", {"id": id, "commit": since})
            # A link to a note that was published then and is private now is dropped from past versions too.
            if not any(marker in json.dumps(old[id]) for marker in markers):
                expect(then["markdown"] == as_published_now(old[id]["markdown"], notes) and then["frontMatter"] == old[id]["frontMatter"],
                       f"{id} at {since[:7]} is as that commit's bundle has it")
            diff = await session.answer("diff", {"id": id, "from": since})
            lines = diff["diff"].splitlines()
            expect(all(line[1:] in note["markdown"].split("\n") for line in lines if line.startswith("+")), f"diff of {id}: added lines are now there")
            expect(all(line[1:] in then["markdown"].split("\n") for line in lines if line.startswith("-")), f"diff of {id}: removed lines were there")
            expect((diff["diff"] == "") == (then["markdown"] == note["markdown"]), f"diff of {id} is empty exactly when the text did not change")
            expect(diff["frontMatterChanged"] == (then["frontMatter"] != note["frontMatter"]), f"diff of {id} says whether the front matter changed")
            compared += 1
        elif id not in old and id in added:
            await session.refused("note_at_revision", {"id": id, "commit": since}, "no published version")
    expect(compared > 0, "some past versions were compared")
    first = bundle["notes"][0]
    await session.refused("note_at_revision", {"id": first["id"], "commit": "no-such-branch"}, "names no commit")
    await session.refused("diff", {"id": first["id"]}, "'from' is required")


async def check_bundle_changes(session, bundle, server):
    """A bundle's server answers changes from its commit table and the histories that name its
    commits, and the commit its instructions say to remember is one it knows."""
    latest = [commit[0] for commit in bundle["commits"][:2]]
    if len(latest) < 2:
        return
    session.expect(latest[0] in server.instructions, "the instructions name the latest commit of the bundle's table")
    nothing = await session.answer("changes_since", {"commit": latest[0]})
    session.expect(not (nothing["added"] or nothing["changed"]), "nothing changed since the bundle's latest commit")
    changes = await session.answer("changes_since", {"commit": latest[1][:10]})
    expect = session.expect
    touched = {note["id"] for note in bundle["notes"] if any(revision["commit"] == latest[0] for revision in note["history"])}
    expect(set(changes["added"]) | set(changes["changed"]) == touched, "changes since the second latest commit")
    expect(changes.get("incomplete"), "a bundle says that it cannot list removals")
    await session.refused("note_at_revision", {"id": bundle["notes"][0]["id"], "commit": latest[0]}, "repository")


async def run_session(command, label, failures, work):
    parameters = StdioServerParameters(command=command[0], args=command[1:])
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write) as client:
            server = await client.initialize()
            session = Session(client, failures, label)
            await work(session, server)
            return session.texts


def serve_folder(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    handler.log_message = lambda *arguments: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commons", required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--bundle", required=True)
    parser.add_argument("--since")
    parser.add_argument("--since-bundle")
    parser.add_argument("--markers", default="")
    parser.add_argument("--serve-bundle", action="store_true")
    parser.add_argument("--exact-removals", action="store_true")
    parser.add_argument("--probe-revisions", default="", help="revisions, one per line, that must name no commit")
    arguments = parser.parse_args()
    with open(arguments.bundle, encoding="utf-8") as file:
        bundle = expanded(json.load(file))
    failures, texts = [], []

    markers = list(filter(None, arguments.markers.split(",")))

    async def repository_work(session, server):
        await check_reading(session, bundle, server)
        if arguments.since:
            with open(arguments.since_bundle, encoding="utf-8") as file:
                await check_archive(session, bundle, arguments.repository, arguments.since, expanded(json.load(file)), arguments.exact_removals, markers)
        first = bundle["notes"][0]["id"]
        for tool, key, extra in (("note_at_revision", "commit", {"id": first}), ("diff", "from", {"id": first}), ("changes_since", "commit", {})):
            answers = set()
            for probe in filter(None, arguments.probe_revisions.split("\n")):
                value, error = await session.call(tool, {**extra, key: probe}, echo=probe)
                if session.expect(error is not None, f"{tool} with {probe!r} should be refused, answered {str(value)[:200]}"):
                    answers.add(error.replace(probe, "REVISION"))
            session.expect(len(answers) <= 1, f"{tool} refuses every probe alike: {answers}")
        for marker in markers:
            found = await session.answer("search_notes", {"query": marker}, echo=marker)
            session.expect(found is not None and found["hits"] == [], f"searching a private marker finds nothing")
            await session.refused("read_note", {"title": marker + " title"}, "no published note", echo=marker + " title")
            for private in ("private/" + marker + "-file.md", "notes/" + marker + "-file.md"):
                await session.refused("read_note", {"path": private}, "no published note", echo=private)

    texts += await run_session([arguments.commons, "mcp", arguments.repository], "repository", failures, repository_work)

    if arguments.serve_bundle:
        async def bundle_work(session, server):
            await check_reading(session, bundle, server)
            await check_bundle_changes(session, bundle, server)

        texts += await run_session([arguments.commons, "mcp", "--bundle", arguments.bundle], "bundle file", failures, bundle_work)
        http_server = serve_folder(os.path.dirname(os.path.abspath(arguments.bundle)))
        url = f"http://127.0.0.1:{http_server.server_address[1]}/{os.path.basename(arguments.bundle)}"
        try:
            texts += await run_session([arguments.commons, "mcp", "--bundle", url], "bundle over HTTP", failures, bundle_work)
        finally:
            http_server.shutdown()

    for marker in markers:
        leaks = [text for text in texts if marker in text]
        if leaks:
            failures.append(f"private marker {marker} in {len(leaks)} answers, e.g. {leaks[0][:300]}")
    for failure in failures[:50]:
        print(failure)
    print(f"{len(texts)} answers checked, {len(failures)} failures")
    return 1 if failures else 0


sys.exit(asyncio.run(main()))
