#!/usr/bin/env python3
"""Scores search on a built site with queries whose answers are known, through `commons mcp`'s
search_notes, which ranks as the site's search does (check_search.py holds the two together).

- With --queries FILE (search_queries.json), each query with the notes that answer it, best first.
- With --titles N, for a generated commons: N notes' titles ("Note 4711"), each of which must find its
  own note, among thousands that share the word "note".

hits@1 counts a query whose first result is its best answer; hits@3, one with an answer among the
first three. Each must reach its floor.

    search_quality.py SITE --commons BINARY (--queries FILE | --titles N) [--floor-1 0.6] [--floor-3 0.8]

Prints `search quality ok: ...` with the scores and the queries missed, or `search quality FAILED`
and exits 1.
"""
import argparse
import asyncio
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_search import server_hits  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site")
    parser.add_argument("--commons", required=True)
    parser.add_argument("--queries")
    parser.add_argument("--titles", type=int)
    parser.add_argument("--floor-1", type=float, default=0.6)
    parser.add_argument("--floor-3", type=float, default=0.8)
    arguments = parser.parse_args()
    bundle = os.path.join(os.path.abspath(arguments.site), "commons.json")

    if arguments.queries:
        expected = dict((query, ids) for query, ids in json.load(open(arguments.queries, encoding="utf-8"))["queries"])
    else:
        notes = json.load(open(bundle, encoding="utf-8"))["notes"]
        chosen = random.Random(26).sample(notes, min(arguments.titles, len(notes)))
        expected = {note["title"]: [note["id"]] for note in chosen}
    hits = asyncio.run(server_hits(os.path.abspath(arguments.commons), bundle, list(expected)))
    found = {query: [hit["id"] for hit in hits[query]] for query in expected}

    first = [query for query in expected if found[query][:1] == expected[query][:1]]
    three = [query for query in expected if set(found[query][:3]) & set(expected[query])]
    at1, at3 = len(first) / len(expected), len(three) / len(expected)
    missed = [f"'{query}' finds {found[query]}, wants {expected[query][0]}" for query in expected if query not in three]
    summary = f"hits@1 {at1:.2f} (floor {arguments.floor_1}), hits@3 {at3:.2f} (floor {arguments.floor_3}) over {len(expected)} queries"
    if at1 < arguments.floor_1 or at3 < arguments.floor_3:
        print(f"search quality FAILED: {summary}\n  " + "\n  ".join(missed))
        sys.exit(1)
    print(f"search quality ok: {summary}" + ("; missed: " + "; ".join(missed) if missed else ""))


if __name__ == "__main__":
    main()
