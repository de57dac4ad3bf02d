#!/usr/bin/env python3
"""Checks a built site's context bundle (format 2): valid against its schema (with formats checked),
whole (every link target is one of its notes, every history row names a commit of its commit table,
which is newest first and lists each commit once), with its sections and links where they can be in
each note's Markdown, and saying what the pages say: each note's page exists, shows backlinks from the
notes whose links target it, and its history page lists the same revisions in the same order.

    check_bundle.py SITE_FOLDER
    check_bundle.py --alone BUNDLE SCHEMA     a bundle written by `commons bundle`: no pages to compare

Prints each problem and exits 1 if there is any.
"""
import collections
import datetime
import json
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import derived  # noqa: E402


class PageReader(HTMLParser):
    """The backlinks' hrefs and the revision ids of a page."""

    def __init__(self):
        super().__init__()
        self.backlinks = []
        self.revisions = []
        self.in_backlinks = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "backlinks" in (attrs.get("class") or "").split():
            self.in_backlinks = True
        elif self.in_backlinks and tag == "a":
            self.backlinks.append(attrs["href"])
        elif tag == "li" and "revision" in (attrs.get("class") or "").split():
            self.revisions.append(attrs["id"][2:])

    def handle_endtag(self, tag):
        if tag == "section":
            self.in_backlinks = False


def read_page(site, page_path):
    reader = PageReader()
    with open(os.path.join(site, page_path, "index.html"), encoding="utf-8") as page:
        reader.feed(page.read())
    return reader


def load(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def invalid(bundle, schema):
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [f"schema: {'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(bundle)]


def unnamed(bundle):
    """Link targets that are no note of the bundle, and history rows whose commit is not in its table."""
    ids = {note["id"] for note in bundle["notes"]}
    prefix = bundle["provenance"]["commitPrefix"]
    commits = {commit[0][:prefix] for commit in bundle["commits"]}
    problems = [f"{note['id']} links to {target}, which is not in the bundle"
                for note in bundle["notes"] for _, target in note.get("links", []) if target not in ids]
    problems += [f"{note['id']}: its history names {row[0]}, which is no commit of the table cut to {prefix} digits"
                 for note in bundle["notes"] for row in note.get("history", []) if row[0] not in commits]
    return problems


def table_order(commit):
    """Where a commit goes in the table: newest first by its instant (its date's text, in the author's
    offset, does not sort by time), then by hash."""
    return -datetime.datetime.fromisoformat(commit[1]).timestamp(), commit[0]


def commit_table(bundle):
    """The commit table in order, each commit once, every one named by a history row, and told
    apart by the digits the rows give."""
    commits = bundle["commits"]
    prefix = bundle["provenance"]["commitPrefix"]
    hashes = [commit[0] for commit in commits]
    problems = [f"the commit table lists {later[0]} ({later[1]}) after {earlier[0]} ({earlier[1]}), not newest first, then by hash"
                for earlier, later in zip(commits, commits[1:]) if table_order(earlier) > table_order(later)]
    problems += [f"the commit table lists {hash} {count} times" for hash, count in collections.Counter(hashes).items() if count > 1]
    if len({hash[:prefix] for hash in hashes}) < len(set(hashes)):
        problems.append(f"two commits of the table share their first {prefix} digits, provenance.commitPrefix")
    named = {row[0] for note in bundle["notes"] for row in note.get("history", [])}
    problems += [f"the commit table lists {hash}, which no history row names" for hash in hashes if hash[:prefix] not in named]
    return problems


def history_rows(note):
    """Each commit once in a note's history."""
    counts = collections.Counter(row[0] for row in note.get("history", []))
    return [f"{note['id']}: its history names {commit} {count} times" for commit, count in counts.items() if count > 1]


def sections(note):
    """Sections in order, apart, within the Markdown, each from a line's start; only the first without an anchor."""
    markdown = note["markdown"]
    problems, previous_end = [], 0
    for index, section in enumerate(note.get("sections", [])):
        start, end = section[:2]
        if not previous_end <= start <= end <= len(markdown):
            problems.append(f"{note['id']}: section {section} is not after the one before and within its {len(markdown)} characters")
        elif start and markdown[start - 1] != "\n":
            problems.append(f"{note['id']}: section {section} does not start a line")
        if index and len(section) < 3:
            problems.append(f"{note['id']}: section {section} has no anchor, yet is not the part before the first heading")
        previous_end = max(previous_end, end)
    return problems


def starts_link(markdown, offset):
    """Whether a link can start at `offset`: at a `[` or `![`, but not at the second `[` of `[[` or the
    `[` of `![`, where an offset counted in other units than Unicode scalars would land."""
    return markdown.startswith(("[", "!["), offset) and markdown[offset - 1:offset] not in ("[", "!")


def links(note):
    """Link offsets ascending, each at the start of a link of the Markdown."""
    markdown = note["markdown"]
    offsets = [offset for offset, _ in note.get("links", [])]
    problems = [f"{note['id']}: its links' offsets {offsets} are not ascending"] if any(a >= b for a, b in zip(offsets, offsets[1:])) else []
    problems += [f"{note['id']}: a link at {offset} is not within its {len(markdown)} characters, or starts no link there: {markdown[offset:offset + 20]!r}"
                 for offset in offsets if not starts_link(markdown, offset)]
    return problems


def whole(bundle):
    """What no schema can say: what the bundle names is in it, in the order it promises, at places
    that exist."""
    each_note = [problem for note in bundle["notes"] for check in (history_rows, sections, links) for problem in check(note)]
    return unnamed(bundle) + commit_table(bundle) + each_note


def backlink_sources(bundle):
    """For each note, the other notes that link to it: its backlinks' sources."""
    sources = {note["id"]: set() for note in bundle["notes"]}
    for note in bundle["notes"]:
        for _, target in note.get("links", []):
            if target != note["id"] and target in sources:
                sources[target].add(note["id"])
    return sources


def as_the_pages_say(site, bundle):
    """Each note's page shows backlinks from the notes the bundle's links make its sources (the
    contexts are not in the file), and its history page the revisions of its history."""
    problems = []
    ids_by_page = {derived.page_path(note): note["id"] for note in bundle["notes"]}
    sources = backlink_sources(bundle)
    for note in bundle["notes"]:
        page = derived.page_path(note)
        shown = sorted({ids_by_page.get(unquote(urljoin("/" + page, href))[1:], "?" + href) for href in read_page(site, page).backlinks})
        listed = sorted(sources[note["id"]])
        if shown != listed:
            problems.append(f"{note['id']}: the page shows backlinks from {shown}, the bundle's links from {listed}")
        if "history" in note:
            revisions = read_page(site, page + "history/").revisions
            listed = [row[0][:len(revisions[0])] for row in note["history"]] if revisions else []
            if revisions != listed:
                problems.append(f"{note['id']}: the history page lists {revisions}, the bundle {listed}")
    return problems


def report(bundle, problems):
    for problem in problems:
        print(problem)
    print(f"{len(bundle.get('notes', []))} notes checked, {len(problems)} problems")
    return 1 if problems else 0


def main():
    if sys.argv[1] == "--alone":
        site, bundle, schema = None, load(sys.argv[2]), load(sys.argv[3])
    else:
        site = sys.argv[1]
        bundle, schema = load(os.path.join(site, "commons.json")), load(os.path.join(site, "commons.schema.json"))
    # The other checks read the shapes the schema vouches for: on a bundle that fails it they would
    # only stumble.
    problems = invalid(bundle, schema)
    if not problems:
        problems = whole(bundle) + (as_the_pages_say(site, bundle) if site else [])
    return report(bundle, problems)


if __name__ == "__main__":
    sys.exit(main())
