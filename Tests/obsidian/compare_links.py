#!/usr/bin/env python3
"""Compares the links between notes that commons published with the ones obsidiantools finds.

Usage: compare_links.py VAULT SITE

obsidiantools is an independent reader of Obsidian vaults. It lists each note's wikilinks, embeds and
Markdown links as written; commons resolves them as Obsidian does. The documented, intended differences
are applied to obsidiantools' side before comparing:
  - targets are resolved as Obsidian resolves them: letter case does not matter, and a path names the
    note with that file name ([[folder/Note]] and [[note]] are both Note);
  - embeds of notes count as links (commons shows them in backlinks); embeds of files do not;
  - targets that name no note are left out (commons lists them on its wanted page instead);
  - a note's links to itself are left out (they are not backlinks).
commons' side is read from the built pages: the links in each note's body, not in embedded notes.
Exits 0 when both sides hold the same (source, target) pairs, 1 otherwise, listing the differences.
"""
import html.parser
import pathlib
import posixpath
import sys
import urllib.parse

import obsidiantools.api as otools


def obsidiantools_pairs(vault_path):
    vault = otools.Vault(vault_path).connect()
    notes = {stem.lower(): stem for stem in vault.wikilinks_index}
    pairs = set()
    indexes = [vault.wikilinks_index, vault.embedded_files_index, vault.md_links_index]
    for index in indexes:
        for source, targets in index.items():
            for target in targets:
                name = urllib.parse.unquote(target).split("#")[0].split("|")[0]
                name = posixpath.basename(name)
                if name.lower().endswith(".md"):
                    name = name[:-3]
                resolved = notes.get(name.lower())
                if resolved and resolved != source:
                    pairs.add((source, resolved))
    return pairs


class NotePage(html.parser.HTMLParser):
    """Collects a note page's source path and the hrefs of the links its body makes: its own links and
    the title links of the notes it embeds, but not the links inside what it embeds."""

    def __init__(self):
        super().__init__()
        self.source = None
        self.hrefs = []
        self._divs = []
        self._in_source = False
        self._in_embed_title = False

    def _inside(self, kind):
        return kind in self._divs

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "div":
            self._divs.append("body" if "note-body" in classes else "embed" if "embed" in classes else "other")
        elif tag == "p":
            self._in_source = "note-source" in classes
            self._in_embed_title = "embed-title" in classes and self._divs.count("embed") == 1
        elif tag == "a" and attributes.get("href") and self._inside("body"):
            if not self._inside("embed") or self._in_embed_title:
                self.hrefs.append(attributes["href"])

    def handle_endtag(self, tag):
        if tag == "div" and self._divs:
            self._divs.pop()
        elif tag == "p":
            self._in_source = self._in_embed_title = False

    def handle_data(self, data):
        if self._in_source and data.strip() not in ("", "Source:"):
            self.source = data.strip()


def commons_pairs(site_path):
    pages = {}
    for page in site_path.rglob("index.html"):
        parser = NotePage()
        parser.feed(page.read_text(encoding="utf-8"))
        if parser.source:
            url = "/" + page.parent.relative_to(site_path).as_posix() + "/"
            pages[url.replace("/./", "/").replace("//", "/")] = (parser.source, parser.hrefs)
    stems = {url: posixpath.splitext(posixpath.basename(source))[0] for url, (source, _) in pages.items()}
    pairs = set()
    for url, (source, hrefs) in pages.items():
        for href in hrefs:
            parsed = urllib.parse.urlparse(href)
            if parsed.scheme or parsed.netloc or not parsed.path:
                continue
            target = posixpath.normpath(posixpath.join(url, urllib.parse.unquote(parsed.path)))
            target = target.rstrip("/") + "/" if target != "/" else "/"
            if target in stems and stems[target] != stems[url]:
                pairs.add((stems[url], stems[target]))
    return pairs


def main():
    vault, site = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    expected, actual = obsidiantools_pairs(vault), commons_pairs(site)
    if expected == actual:
        print(f"{len(actual)} links agree with obsidiantools")
        return 0
    for pair in sorted(expected - actual):
        print(f"only obsidiantools: {pair[0]} -> {pair[1]}")
    for pair in sorted(actual - expected):
        print(f"only commons: {pair[0]} -> {pair[1]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
