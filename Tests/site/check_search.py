#!/usr/bin/env python3
"""Checks the site's search, as a reader runs it in Chromium, against `commons mcp`'s search_notes.

For one-word queries, stems of the index that start no longer stem (so no prefix matches add to the
ranking), the theme's script must list the same notes in the same order as the MCP server answers
from the site's own bundle, each opening on the same section's heading with the same snippet, the
words of that stem marked in it. A word no note holds must find nothing. And a question about a word
("how do I …"), and the word with another no note holds, find the notes the word alone finds, on the
site and from commons mcp: the small words of a question are not required, and when no note has every
word, the notes with any are found, in the same order on both; a typing slip ranks alike on both; and
a word with an s of its own stem (a plural) lists what the word lists.

    check_search.py SITE --commons BINARY [--queries 8]

Prints `search ok: ...`, or each disagreement and exits 1.
"""
import argparse
import asyncio
import html
import json
import os
import re
import sys
import time
import unicodedata
import urllib.parse

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402


def vocabulary(site):
    """Every stem of the index, with how many notes hold it."""
    words = {}
    folder = os.path.join(site, "search", "words")
    for name in os.listdir(folder):
        for word, flat in json.load(open(os.path.join(folder, name), encoding="utf-8")).items():
            words[word] = len(flat) // 3
    return words


def sample(words, count):
    """Stems of three letters or more that start no longer stem, from the commonest to the rarest."""
    ordered = sorted(words)
    alone = [word for index, word in enumerate(ordered) if len(word) >= 3 and not (index + 1 < len(ordered) and ordered[index + 1].startswith(word))]
    alone.sort(key=lambda word: (-words[word], word))
    if len(alone) <= count:
        return alone
    return [alone[round(index * (len(alone) - 1) / (count - 1))] for index in range(count)]


def near(slip, stem):
    """Whether `stem` is within the edits a slip of its length is forgiven (Levenshtein), as Typos.swift measures."""
    allowed = 2 if len(slip) >= 8 else 1
    previous = list(range(len(stem) + 1))
    for row, letter in enumerate(slip):
        current = [row + 1]
        for column, other in enumerate(stem):
            current.append(min(previous[column + 1] + 1, current[column] + 1, previous[column] + (letter != other)))
        previous = current
    return previous[-1] <= allowed


def fold(word):
    """Without case or accents, as the index's words are."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)).lower()


def breadcrumbs(site, page):
    """The folders a note's page names above it, as the commons names them (not by their URL's slugs):
    the folders a search result shows."""
    text = open(os.path.join(site, page, "index.html"), encoding="utf-8").read()
    nav = re.search(r'<nav class="breadcrumbs".*?</nav>', text, re.S)
    return [html.unescape(name) for name in re.findall(r'<li><a href="[^"]*">([^<]*)</a></li>', nav.group(0))[1:]] if nav else []


def site_path(url, base):
    """A result's page, as a path from the site root without its fragment."""
    path = urllib.parse.urlsplit(url).path
    return urllib.parse.unquote(path[len(base):] if path.startswith(base) else path.lstrip("/"))


async def server_hits(commons, bundle, queries):
    parameters = StdioServerParameters(command=commons, args=["mcp", "--bundle", bundle])
    answers = {}
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write) as client:
            await client.initialize()
            for query in queries:
                result = await client.call_tool("search_notes", {"query": query, "limit": 10})
                answers[query] = json.loads("".join(part.text for part in result.content if getattr(part, "text", None)))["hits"]
    return answers


def browser_hits(session, server, query):
    """The results the search page lists for `query`: each link's page, fragment, folders and snippet marks."""
    from selenium.webdriver.common.by import By
    session.show(server.url("search/?q=" + urllib.parse.quote(query)))
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        status = session.driver.find_element(By.CSS_SELECTOR, ".search-status").text
        if status:
            break
        time.sleep(0.05)
    results = []
    for item in session.driver.find_elements(By.CSS_SELECTOR, ".search-results li"):
        link = item.find_element(By.CSS_SELECTOR, "a")
        snippet = item.find_element(By.CSS_SELECTOR, "p")
        folders = item.find_elements(By.CSS_SELECTOR, ".search-folder")
        results.append({
            "url": link.get_attribute("href"),
            "folders": folders[0].text if folders else "",
            "snippet": " ".join(snippet.text.split()),
            "marks": [mark.text for mark in snippet.find_elements(By.CSS_SELECTOR, "mark")],
        })
    return status, results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site")
    parser.add_argument("--commons", required=True)
    parser.add_argument("--queries", type=int, default=8)
    arguments = parser.parse_args()
    site = os.path.abspath(arguments.site)

    words = vocabulary(site)
    # And two letters as a reader starts typing, which are no stem: they find the stems they start.
    starts = list(dict.fromkeys(word[:2] for word in sorted(words, key=lambda word: (-words[word], word))
                                if len(word) > 2 and word[:2].isalpha() and word[:2] not in words))[:2]
    queries = sample(words, arguments.queries) + starts
    missing = "zzqxnotaword"
    answers = asyncio.run(server_hits(os.path.abspath(arguments.commons), os.path.join(site, "commons.json"), queries + [missing]))
    # Words that few enough notes hold for one page of results, asked as a question and beside a word
    # no note holds.
    few = [query for query in queries if 0 < len(answers[query]) < 10][:2]
    # And a word of five letters or more, one letter dropped after its third: a typing slip near no other
    # stem, so that what it finds is what the word finds.
    slips = {query: query[:3] + query[4:] for query in sorted(words, key=lambda word: (-words[word], word))
             if len(query) >= 5 and query[:3] + query[4:] not in words
             and [stem for stem in words if stem[:2] == query[:2] and near(query[:3] + query[4:], stem)] == [query]}
    slips = dict(list(slips.items())[:2])
    variants = {word: [f"how do I {word}", f"{word} {missing}"] for word in few}
    answers.update(asyncio.run(server_hits(os.path.abspath(arguments.commons), os.path.join(site, "commons.json"),
                                           [query for pair in slips.items() for query in pair])))
    answers.update(asyncio.run(server_hits(os.path.abspath(arguments.commons), os.path.join(site, "commons.json"),
                                           [variant for word in few for variant in variants[word]])))
    bundle = json.load(open(os.path.join(site, "commons.json"), encoding="utf-8"))
    bundle_base = urllib.parse.urlsplit(bundle["provenance"].get("baseURL") or "/").path

    failures = []
    with browser.StaticServer(site) as server, browser.Browser() as session:
        for query in queries + [missing]:
            status, results = browser_hits(session, server, query)
            expected = answers[query]
            ours = [site_path(result["url"], "/") for result in results]
            theirs = [site_path(hit["url"], bundle_base) for hit in expected]
            if ours != theirs:
                failures.append(f"'{query}': the site lists {ours}, commons mcp {theirs}")
                continue
            for result, hit in zip(results, expected):
                folders = " › ".join(breadcrumbs(site, site_path(result["url"], "/")))
                if result["folders"] != folders:
                    failures.append(f"'{query}': {site_path(result['url'], '/')} is shown in «{result['folders']}», not «{folders}»")
                fragment = urllib.parse.unquote(urllib.parse.urlsplit(result["url"]).fragment)
                if fragment != (hit.get("anchor") or ""):
                    failures.append(f"'{query}': {site_path(result['url'], '/')} opens at #{fragment}, commons mcp at #{hit.get('anchor')}")
                if result["snippet"] != " ".join(hit["snippet"].split()):
                    failures.append(f"'{query}': {site_path(result['url'], '/')} shows «{result['snippet']}», commons mcp «{hit['snippet']}»")
                # The page's own stemmer, which check_stemmer.py holds to libstemmer's.
                stems = session.driver.execute_script("return arguments[0].map((word) => window.commonsStem(word))", [fold(mark) for mark in result["marks"]])
                query_stem = session.driver.execute_script("return window.commonsStem(arguments[0])", query)
                # A stem of the index need not be its own stem ("organis" is "organi"): then the query
                # stands for the stems it starts, and marks their words.
                if any(stem != query_stem and not stem.startswith(query) for stem in stems):
                    failures.append(f"'{query}': {site_path(result['url'], '/')} marks {result['marks']}")
            if query == missing and (results or "No note" not in status):
                failures.append(f"'{missing}' should find nothing: {status}")
        # A plural, or another word of a stem, finds what the stem finds, in the same order.
        plurals = [query for query in queries if session.driver.execute_script(
            "return window.commonsStem(arguments[0] + 's') === window.commonsStem(arguments[0])", query)][:2]
        for word in plurals:
            _, results = browser_hits(session, server, word + "s")
            _, alone = browser_hits(session, server, word)
            if [result["url"] for result in results] != [result["url"] for result in alone]:
                failures.append(f"'{word}s' lists {[site_path(r['url'], '/') for r in results]}, '{word}' {[site_path(r['url'], '/') for r in alone]}")
        if not plurals:
            failures.append("no sampled word takes an s of its own stem, to search as a plural")
        for word, slip in slips.items():
            _, results = browser_hits(session, server, slip)
            ours = [site_path(result["url"], "/") for result in results]
            theirs = [site_path(hit["url"], bundle_base) for hit in answers[slip]]
            alone = {site_path(hit["url"], bundle_base) for hit in answers[word]}
            if ours != theirs or not (alone & set(ours)):
                failures.append(f"'{slip}', a slip of '{word}': the site lists {ours}, commons mcp {theirs}, '{word}' finds {sorted(alone)}")
        for word in few:
            alone = {site_path(hit["url"], bundle_base) for hit in answers[word]}
            for variant in variants[word]:
                _, results = browser_hits(session, server, variant)
                ours = [site_path(result["url"], "/") for result in results]
                theirs = [site_path(hit["url"], bundle_base) for hit in answers[variant]]
                if ours != theirs or set(ours) != alone:
                    failures.append(f"'{variant}': the site lists {ours}, commons mcp {theirs}, '{word}' alone finds {sorted(alone)}")

    for start in starts:
        if not answers[start]:
            failures.append(f"'{start}', two letters being typed, finds nothing")
    browser.fail_if_any("search", failures)
    if not few or not slips or len(starts) < 2:
        print("search FAILED: no sampled word is held by fewer than ten notes, or has five letters to slip on, or two letters that are no stem")
        sys.exit(1)
    print(f"search ok: {len(queries)} one-word queries, {len(starts)} of them two letters being typed, rank as commons mcp ranks them, a word no note holds finds nothing, "
          f"{len(few) * 2} questions and half-missing queries find what their word finds, {len(slips)} typing slips rank alike, "
          f"and {len(plurals)} plurals find what their word finds")


if __name__ == "__main__":
    main()
