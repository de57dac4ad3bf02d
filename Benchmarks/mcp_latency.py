#!/usr/bin/env python3
"""How fast `commons mcp` answers, on a generated commons, with the official MCP client (PyPI `mcp`).

The baseline, measured in the same run on the same repository, is `commons bundle`: the server builds
the same document in memory before its first answer, so its start should cost about the same. Then
each tool's time from the client's call to its answer, the median of `--repeat` calls, and
`changes_since` once cold (it parses the older commit) and once warm.

    mcp_latency.py --commons .build/release/commons [--notes 10000] [--commits 20000] [--repeat 5]
"""
import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

HERE = os.path.dirname(os.path.abspath(__file__))


def seconds(command, **options):
    start = time.perf_counter()
    subprocess.run(command, check=True, **options)
    return time.perf_counter() - start


async def measure(commons, repository, repeat):
    rows = []
    start = time.perf_counter()
    parameters = StdioServerParameters(command=commons, args=["mcp", repository])
    async with stdio_client(parameters, errlog=open(os.devnull, "w")) as (read, write):
        async with ClientSession(read, write) as session:
            await session.initialize()
            rows.append(("start to first answer", time.perf_counter() - start))

            async def timed(tool, arguments):
                begin = time.perf_counter()
                result = await session.call_tool(tool, arguments)
                if result.is_error:
                    raise SystemExit(f"{tool}: {result.content[0].text}")
                return time.perf_counter() - begin, json.loads(result.content[0].text)

            _, listing = await timed("list_notes", {})
            note = listing["notes"][len(listing["notes"]) // 2]["id"]
            _, history = await timed("note_history", {"id": note})
            older = history["history"][-1]["commit"] if history["history"] else "HEAD"
            rows.append(("changes_since HEAD~10, cold", (await timed("changes_since", {"commit": "HEAD~10"}))[0]))
            calls = [("search_notes, two common words", "search_notes", {"query": "knowledge graph"}),
                     ("search_notes, a prefix", "search_notes", {"query": "writ"}),
                     ("read_note", "read_note", {"id": note}),
                     ("neighbourhood, depth 2", "neighbourhood", {"id": note, "depth": 2}),
                     ("note_at_revision, oldest revision", "note_at_revision", {"id": note, "commit": older}),
                     ("diff since oldest revision", "diff", {"id": note, "from": older}),
                     ("list_notes", "list_notes", {}),
                     ("changes_since HEAD~10, warm", "changes_since", {"commit": "HEAD~10"})]
            for label, tool, arguments in calls:
                rows.append((label, statistics.median([(await timed(tool, arguments))[0] for _ in range(repeat)])))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commons", required=True)
    parser.add_argument("--notes", type=int, default=10000)
    parser.add_argument("--commits", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    commons = os.path.abspath(arguments.commons)
    with tempfile.TemporaryDirectory(prefix="commons-mcp-bench") as folder:
        repository = os.path.join(folder, "commons")
        subprocess.run([sys.executable, os.path.join(HERE, "generate_commons.py"), repository, "--notes", str(arguments.notes),
                        "--commits", str(arguments.commits)], check=True, stdout=subprocess.DEVNULL)
        # The history cache is made once, so that neither side pays for it.
        subprocess.run([commons, "bundle", "-q", "-o", os.path.join(folder, "warm.json"), repository], check=True)
        baseline = seconds([commons, "bundle", "-q", "-o", os.path.join(folder, "commons.json"), repository])
        rows = asyncio.run(measure(commons, repository, arguments.repeat))
    print(f"commons mcp on {arguments.notes} notes / {arguments.commits} commits")
    print(f"  {'commons bundle (baseline)':40} {baseline:9.3f} s   1.00 x")
    for label, value in rows:
        print(f"  {label:40} {value:9.3f} s   {value / baseline:.3f} x")


main()
