#!/usr/bin/env python3
"""Checks a built site's llms.txt with the convention's own parser (the llms-txt package of
llmstxt.org), then serves the site over HTTP and fetches every link it lists: each must answer with
a note's Markdown, or be the llms.txt of a folder, read the same way, so that every note is listed
across them. The root llms.txt must stay under 100 KB. Also checks that llms-full.txt heads
every note with its URL and source path under one H1, and that no wikilink is left outside code in
the Markdown files, whose links to the site must lead to its pages.

    check_llms.py SITE_FOLDER

Prints each problem and exits 1 if there is any.
"""
import functools
import json
import os
import re
import sys
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from llms_txt import parse_llms_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import derived  # noqa: E402


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


INDEX_BUDGET = 100_000


def outside_code(markdown):
    """The Markdown without fenced code blocks and inline code spans, where a wikilink is text."""
    kept, fence = [], None
    for line in markdown.split("\n"):
        opened = re.match(r" {0,3}(`{3,}|~{3,})", line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if opened and not (opened.group(1)[0] == "`" and "`" in line.strip()[len(opened.group(1)):]):
            fence = opened.group(1)
            continue
        kept.append(re.sub(r"(`+)(?:(?!\1).)*?\1", "", line))
    return "\n".join(kept)


def wikilinks(markdown):
    return re.findall(r"(?<!\\)!?\[\[[^\[\]\n]*\]\]", outside_code(markdown))


def main():
    site = sys.argv[1]
    with open(os.path.join(site, "commons.json"), encoding="utf-8") as file:
        bundle = json.load(file)
    with open(os.path.join(site, "llms.txt"), encoding="utf-8") as file:
        root_text = file.read()
    llms = parse_llms_file(root_text)
    with open(os.path.join(site, "llms-full.txt"), encoding="utf-8") as file:
        full = file.read()
    problems = []
    if len(root_text.encode()) > INDEX_BUDGET:
        problems.append(f"llms.txt is {len(root_text.encode())} bytes, over {INDEX_BUDGET}")
    if llms["title"] != bundle["provenance"]["title"]:
        problems.append(f"llms.txt is titled {llms['title']!r}, the commons {bundle['provenance']['title']!r}")
    if not llms["summary"]:
        problems.append("llms.txt has no summary")

    base = bundle["provenance"].get("baseURL") or "/"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"

    def fetch(url):
        with urllib.request.urlopen(root + url[len(base):]) as response:
            return response.read()

    notes_listed, indexes, twins = [], 1, {}
    try:
        pending = [link for section in llms["sections"].values() for link in section]
        while pending:
            link = pending.pop(0)
            url = link["url"]
            if not url.startswith(base):
                problems.append(f"{url} is not below the base URL {base}")
                continue
            try:
                text = fetch(url).decode("utf-8")
            except Exception as error:
                problems.append(f"{url}: {error}")
                continue
            if url.endswith("/llms.txt"):
                indexes += 1
                folder = parse_llms_file(text)
                if not folder["title"] or not folder["summary"]:
                    problems.append(f"{url} has no title or summary")
                pending += [entry for section in folder["sections"].values() for entry in section]
                continue
            notes_listed.append(url)
            twins[url] = text
            if not text.startswith("# "):
                problems.append(f"{url} does not open with the note's title")
        # A note may be listed twice: at the top of the root index and in the full list it links to.
        twins_expected = {derived.note_url(bundle, note) + "index.html.md" for note in bundle["notes"]}
        if set(notes_listed) != twins_expected:
            problems.append(f"{indexes} llms.txt files list {len(set(notes_listed))} notes, the bundle {len(bundle['notes'])}: "
                            f"{sorted(set(notes_listed) ^ twins_expected)[:5]}")

        # The Markdown files' own links to the site lead to its pages.
        for url, text in list(twins.items())[:400]:
            left = wikilinks(text)
            if left:
                problems.append(f"{url} keeps wikilinks: {left[:3]}")
            for target in re.findall(r"\]\((" + re.escape(base) + r"[^)\s#]*)", outside_code(text)):
                try:
                    fetch(target)
                except Exception as error:
                    problems.append(f"{url} links to {target}: {error}")
    finally:
        server.shutdown()

    entries = full.split("\n---\n\n")
    if len(entries) != len(bundle["notes"]):
        problems.append(f"llms-full.txt has {len(entries)} notes, the bundle {len(bundle['notes'])}")
    for note in bundle["notes"]:
        if f"URL: {derived.note_url(bundle, note)}\nSource: {note['path']}\n" not in full:
            problems.append(f"llms-full.txt has no heading for {note['id']}")
    for entry in entries:
        title = entry.split("\n", 1)[0]
        if not title.startswith("# ") or ("\n" + title + "\n") in outside_code(entry.split("\n", 1)[1] + "\n"):
            problems.append(f"llms-full.txt does not head a note with one H1: {entry[:120]!r}")
    left = wikilinks(full)
    if left:
        problems.append(f"llms-full.txt keeps {len(left)} wikilinks, e.g. {left[:3]}")

    for problem in problems:
        print(problem)
    print(f"{len(set(notes_listed))} notes and {indexes} llms.txt files fetched, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
