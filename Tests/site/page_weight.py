#!/usr/bin/env python3
"""Checks a built site against the theme's page-weight budget.

A note page with the CSS and JavaScript it loads, and the explorer's folder files its script fetches
at once, must stay under --page-budget bytes (images aside, and KaTeX, which pages with math load
besides: its weight is printed on its own). A one-word search must download at most
--search-budget bytes: the index's manifest, the pieces that can hold the word, and the title tables
and text fragments of the first ten results, found exactly as assets/commons.js finds them. The word
is the commonest of the index (the costliest to look up) unless --word names others.

    page_weight.py SITE [--page-budget 100000] [--search-budget 300000] [--word WORD ...]

Prints the figures and `page weight ok: ...`, or what is over budget, exiting 1.
"""
import argparse
import json
import os
import re
import sys
import urllib.parse


def size(site, path):
    return os.path.getsize(os.path.join(site, path))


def note_pages(site):
    """The page path of every note, from the search index's title tables."""
    tables = os.path.join(site, "search", "notes")
    for name in sorted(os.listdir(tables)):
        for row in json.load(open(os.path.join(tables, name), encoding="utf-8")):
            yield urllib.parse.unquote(row[0]).rstrip("/")


def page_weight(site, page):
    """The bytes of a note page, its stylesheet and script, and the folder files its explorer opens with."""
    html_path = os.path.join(page, "index.html") if page else "index.html"
    html = open(os.path.join(site, html_path), encoding="utf-8").read()
    total = len(html.encode())
    for asset in re.findall(r'(?:href|src)="((?:\.\./)*assets/[^"]+\.(?:css|js))"', html):
        # KaTeX, which only pages with math load, is Debian's unminified copy: reported on its own.
        if "assets/katex/" in asset:
            continue
        total += size(site, urllib.parse.unquote(os.path.normpath(os.path.join(page, asset))))
    chain = re.search(r'data-chain="([\d ]*)"', html)
    for folder in (chain.group(1).split() if chain else []):
        total += size(site, f"all-notes/folders/{folder}.json")
    return total


def utf16_key(word):
    return word.encode("utf-16-be")


def search_download(site, word):
    """The bytes one query for `word` downloads, and how many notes it finds. `word` is a stem of the
    index that is its own stem, as the commonest are: the script looks it up as it is."""
    load = lambda path: json.load(open(os.path.join(site, path), encoding="utf-8"))
    manifest = load("search/index.json")
    pieces = manifest["pieces"]
    keys = [utf16_key(piece) for piece in pieces]
    low = sum(1 for key in keys if key <= utf16_key(word))
    wanted = [max(0, low - 1)]
    next_piece = low
    while len(word) >= 3 and next_piece < len(pieces) and pieces[next_piece].startswith(word):
        wanted.append(next_piece)
        next_piece += 1
    files = ["search/index.json", "assets/search.js"] + [f"search/words/{number}.json" for number in wanted]
    scores = {}
    for number in wanted:
        for entry, flat in load(f"search/words/{number}.json").items():
            if entry != word and not (len(word) >= 3 and entry.startswith(word)):
                continue
            weight = 1 if entry == word else 0.5
            note = 0
            for index in range(0, len(flat), 3):
                note += flat[index]
                scores[note] = scores.get(note, 0) + weight * flat[index + 2]
    top = sorted(scores, key=lambda note: (-scores[note], note))[:10]
    per_table = manifest["notesPerTable"]
    tables = sorted({note // per_table for note in top})
    files += [f"search/notes/{table}.json" for table in tables]
    for note in top:
        path = load(f"search/notes/{note // per_table}.json")[note % per_table][0]
        files.append(urllib.parse.unquote(path) + "index.json")
    return sum(size(site, path) for path in files), len(scores)


def commonest_word(site):
    best, count = None, -1
    for name in os.listdir(os.path.join(site, "search", "words")):
        for word, flat in json.load(open(os.path.join(site, "search", "words", name), encoding="utf-8")).items():
            if len(flat) > count or (len(flat) == count and word < best):
                best, count = word, len(flat)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site")
    parser.add_argument("--page-budget", type=int, default=100_000)
    parser.add_argument("--search-budget", type=int, default=300_000)
    parser.add_argument("--word", action="append")
    arguments = parser.parse_args()
    site = arguments.site

    pages = list(note_pages(site))
    if not pages:
        sys.exit(f"{site} has no note pages")
    weights = {page: page_weight(site, page) for page in pages}
    heaviest = max(weights, key=lambda page: (weights[page], page))
    print(f"heaviest note page: /{heaviest} at {weights[heaviest]} bytes with its CSS, JS and explorer folders "
          f"(budget {arguments.page_budget}), of {len(pages)} note pages")
    failures = [f"/{page} weighs {weight} bytes" for page, weight in sorted(weights.items()) if weight > arguments.page_budget]
    katex = os.path.join(site, "assets", "katex")
    if os.path.isdir(katex):
        scripts = sum(os.path.getsize(os.path.join(katex, name)) for name in os.listdir(katex) if name.endswith((".css", ".js")))
        print(f"pages with math load KaTeX besides: {scripts} bytes of script and stylesheet")

    for word in arguments.word or [commonest_word(site)]:
        downloaded, found = search_download(site, word)
        print(f"search for '{word}': {downloaded} bytes downloaded, {found} notes found (budget {arguments.search_budget})")
        if downloaded > arguments.search_budget:
            failures.append(f"a search for '{word}' downloads {downloaded} bytes")

    if failures:
        print("over budget:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print(f"page weight ok: {len(pages)} note pages and {len(arguments.word or [1])} searches within budget")


if __name__ == "__main__":
    main()
