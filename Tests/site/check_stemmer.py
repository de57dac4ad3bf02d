#!/usr/bin/env python3
"""Holds the theme's stemmer (commonsStem, in assets/search.js) to libstemmer's, word for word: the
site's search index is stemmed by libstemmer at build time, and a reader's query by the script, so any
word they stem apart is a word search cannot find.

    check_stemmer.py STEMS.json

STEMS.json maps each word to libstemmer's stem. The script runs in headless Chromium, on a page that
loads the theme's stemmer as search loads it. Prints `stemmer ok: ...`, or the words stemmed apart
and exits 1.
"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402

THEME = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "site-template", "assets", "search.js")


def main():
    expected = json.load(open(sys.argv[1], encoding="utf-8"))
    words = sorted(expected)
    with tempfile.TemporaryDirectory() as site:
        os.makedirs(os.path.join(site, "assets"))
        shutil.copy(THEME, os.path.join(site, "assets", "search.js"))
        with open(os.path.join(site, "index.html"), "w", encoding="utf-8") as page:
            page.write('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Stems</title>'
                       '<link rel="icon" href="data:,"><script src="assets/search.js" defer></script></head><body><main></main></body></html>')
        with browser.StaticServer(site) as server, browser.Browser() as session:
            session.show(server.url(""))
            stems = session.driver.execute_script("return arguments[0].map((word) => window.commonsStem(word))", words)
            errors = session.console_errors()
    apart = [f"{word}: libstemmer {expected[word]}, the script {ours}" for word, ours in zip(words, stems) if ours != expected[word]]
    if errors:
        apart.append(f"script errors: {errors}")
    if apart:
        print(f"stemmer FAILED: {len(apart)} of {len(words)} words\n  " + "\n  ".join(apart[:60]))
        sys.exit(1)
    print(f"stemmer ok: the script stems {len(words)} words as libstemmer does")


if __name__ == "__main__":
    main()
