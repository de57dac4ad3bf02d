#!/usr/bin/env python3
"""Checks a built site's llms.txt with the convention's own parser (the llms-txt package of
llmstxt.org), then serves the site over HTTP and fetches every link it lists: each must answer with
a note's Markdown. Also checks that llms-full.txt heads every note with its URL and source path.

    check_llms.py SITE_FOLDER

Prints each problem and exits 1 if there is any.
"""
import functools
import json
import os
import sys
import threading
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from llms_txt import parse_llms_file


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main():
    site = sys.argv[1]
    with open(os.path.join(site, "commons.json"), encoding="utf-8") as file:
        bundle = json.load(file)
    with open(os.path.join(site, "llms.txt"), encoding="utf-8") as file:
        llms = parse_llms_file(file.read())
    with open(os.path.join(site, "llms-full.txt"), encoding="utf-8") as file:
        full = file.read()
    problems = []
    if llms["title"] != bundle["provenance"]["title"]:
        problems.append(f"llms.txt is titled {llms['title']!r}, the commons {bundle['provenance']['title']!r}")
    if not llms["summary"]:
        problems.append("llms.txt has no summary")
    links = [link for section in llms["sections"].values() for link in section]
    if len(links) != len(bundle["notes"]):
        problems.append(f"llms.txt lists {len(links)} notes, the bundle {len(bundle['notes'])}")

    base = bundle["provenance"].get("baseURL") or "/"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    root = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        for link in links:
            if not link["url"].startswith(base):
                problems.append(f"{link['url']} is not below the base URL {base}")
                continue
            try:
                with urllib.request.urlopen(root + link["url"][len(base):]) as response:
                    text = response.read().decode("utf-8")
                if not text.startswith("# "):
                    problems.append(f"{link['url']} does not open with the note's title")
            except Exception as error:
                problems.append(f"{link['url']}: {error}")
    finally:
        server.shutdown()

    for note in bundle["notes"]:
        if f"URL: {note['url']}\nSource: {note['path']}\n" not in full:
            problems.append(f"llms-full.txt has no heading for {note['id']}")

    for problem in problems:
        print(problem)
    print(f"{len(links)} links fetched, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
