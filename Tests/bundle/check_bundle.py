#!/usr/bin/env python3
"""Checks a built site's context bundle: valid against its schema (with formats checked), whole (every
id its links, backlinks, unresolved targets and commits name is one of its notes), and saying what
the pages say: each note's page exists, shows the same backlinks, and its history page lists the
same revisions in the same order.

    check_bundle.py SITE_FOLDER
    check_bundle.py --alone BUNDLE SCHEMA     a bundle written by `commons bundle`: no pages to compare

Prints each problem and exits 1 if there is any.
"""
import json
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlparse

import jsonschema


class PageReader(HTMLParser):
    """The backlinks (href and context) and revision ids of a page."""

    def __init__(self):
        super().__init__()
        self.backlinks = []
        self.revisions = []
        self.in_backlinks = False
        self.in_context = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "backlinks" in (attrs.get("class") or "").split():
            self.in_backlinks = True
        elif self.in_backlinks and tag == "a":
            self.backlinks.append([attrs["href"], ""])
        elif self.in_backlinks and tag == "p":
            self.in_context = True
        elif tag == "li" and "revision" in (attrs.get("class") or "").split():
            self.revisions.append(attrs["id"][2:])

    def handle_endtag(self, tag):
        if tag == "section":
            self.in_backlinks = False
        elif tag == "p":
            self.in_context = False

    def handle_data(self, data):
        if self.in_context:
            self.backlinks[-1][1] += data


def read_page(site, page_path):
    reader = PageReader()
    with open(os.path.join(site, page_path, "index.html"), encoding="utf-8") as page:
        reader.feed(page.read())
    return reader


def load(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def schema_and_whole(bundle, schema):
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    problems = [f"schema: {'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(bundle)]
    ids = {note["id"] for note in bundle["notes"]}
    named = [(note["id"], "links to", link["target"]) for note in bundle["notes"] for link in note["links"]]
    named += [(note["id"], "has a backlink from", link["source"]) for note in bundle["notes"] for link in note["backlinks"]]
    named += [(entry["target"], "is wanted by", source) for entry in bundle["unresolved"] for source in entry["sources"]]
    named += [(commit["commit"][:7], "touched", id) for commit in bundle["commits"] for id in commit["notes"]]
    problems += [f"{name} {relation} {id}, which is not in the bundle" for name, relation, id in named if id not in ids]
    return problems


def report(bundle, problems):
    for problem in problems:
        print(problem)
    print(f"{len(bundle['notes'])} notes checked, {len(problems)} problems")
    return 1 if problems else 0


def main():
    if sys.argv[1] == "--alone":
        bundle = load(sys.argv[2])
        return report(bundle, schema_and_whole(bundle, load(sys.argv[3])))
    site = sys.argv[1]
    bundle = load(os.path.join(site, "commons.json"))
    problems = schema_and_whole(bundle, load(os.path.join(site, "commons.schema.json")))

    base = bundle["provenance"].get("baseURL") or "/"
    ids_by_page = {}
    for note in bundle["notes"]:
        page = unquote(urlparse(urljoin(base, note["url"])).path)[len(urlparse(base).path):]
        ids_by_page[page] = note["id"]
    for note in bundle["notes"]:
        page = next(path for path, id in ids_by_page.items() if id == note["id"])
        reader = read_page(site, page)
        shown = sorted((ids_by_page.get(unquote(urljoin("/" + page, href))[1:], "?" + href), context) for href, context in reader.backlinks)
        listed = sorted((link["source"], link["context"]) for link in note["backlinks"])
        if shown != listed:
            problems.append(f"{note['id']}: the page shows backlinks {shown}, the bundle {listed}")
        if note["history"]:
            revisions = read_page(site, page + "history/").revisions
            listed = [revision["commit"][:len(revisions[0])] for revision in note["history"]] if revisions else []
            if revisions != listed:
                problems.append(f"{note['id']}: the history page lists {revisions}, the bundle {listed}")
        if note["revisions"] != len(note["history"]):
            problems.append(f"{note['id']}: {note['revisions']} revisions but {len(note['history'])} in its history")

    return report(bundle, problems)


if __name__ == "__main__":
    sys.exit(main())
