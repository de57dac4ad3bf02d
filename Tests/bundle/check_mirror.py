#!/usr/bin/env python3
"""Replays what an agent that mirrors a commons does, twice, and checks that both ways end where a
fresh read does. The commons is built at commit N-BACK and at N (HEAD) into two sites, each served over
HTTP from a thread.

Through the manifest: a mirror starts with nothing at N-BACK and fetches bundle/index.json and every
piece it names; then, against N, it fetches the new index and only what it does not hold (the buckets
whose hash changed, the notes they name that it lacks, the commit pieces it lacks), and drops what
the index no longer names. Every piece's git blob hash must be its name. From the pieces it writes
commons.json as format 2 lays it out, which must be N's commons.json byte for byte.

Through `commons mcp`, with the official MCP client (PyPI `mcp`): a mirror reads every note of the
server of N-BACK (list_notes, then read_note each) and keeps the commit its instructions say to
remember; then it asks the server of N changes_since that commit, reads again the notes added,
changed, renamed and relinked, drops the removed ones, renamed ones' old ids and the ids list_notes
no longer gives. Its answers must be those read_note gives of every note at N.

For each way it prints the bytes the mirror fetched: at first, for the update, and the update as a
share of the whole (N's commons.json, or reading every note of N).

    check_mirror.py --commons BINARY --repository REPO [--back 10]

Prints what differs, note by note and field by field, and exits 1 if anything does.
"""
import argparse
import asyncio
import functools
import hashlib
import http.server
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import urllib.request

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

# What is told of the differences of one note, or of one comparison, before the rest is counted only.
SHOWN = 8


def blob_hash(data):
    """The git blob hash of some bytes, as `git hash-object` gives it, which names each piece."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def differences(old, new, path=""):
    """Where two JSON values differ, as paths to their differing parts (`links[2].title`)."""
    if isinstance(old, dict) and isinstance(new, dict):
        return [found for key in sorted(old.keys() | new.keys())
                for found in ([f"{path}.{key} (only one side has it)".lstrip(".")] if (key in old) != (key in new)
                              else differences(old[key], new[key], f"{path}.{key}"))]
    if isinstance(old, list) and isinstance(new, list):
        found = [f"{path.lstrip('.')} ({len(old)} items, now {len(new)})"] if len(old) != len(new) else []
        return found + [inner for index, (a, b) in enumerate(zip(old, new)) for inner in differences(a, b, f"{path}[{index}]")]
    return [] if old == new else [f"{path.lstrip('.')}: {json.dumps(old)[:80]} != {json.dumps(new)[:80]}"]


def shown(items):
    items = list(items)
    return ", ".join(map(str, items[:SHOWN])) + (f" and {len(items) - SHOWN} more" if len(items) > SHOWN else "")


def by_bytes(id):
    """Ids in the bundle's order: by their UTF-8 bytes."""
    return id.encode()


def load(path):
    with open(path, encoding="utf-8") as file:
        return json.load(file)


def build(commons, repository, commit, folder, cache):
    subprocess.run([commons, "build", "--rev", commit, "-q", "--cache-dir", cache, "-o", folder, repository], check=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class Site:
    """A built site served over HTTP from a thread; the bytes of the bodies fetched through `get` are
    the mirror's traffic."""

    def __init__(self, folder):
        handler = functools.partial(QuietHandler, directory=folder)
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def get(self, path):
        with urllib.request.urlopen(self.url + path) as response:
            return response.read()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Mirror:
    """The pieces of a bundle an agent holds, named by their hashes, and what it fetched for them."""

    def __init__(self, problems):
        self.problems = problems
        self.index_bytes = None
        self.index = {"buckets": {}, "commits": []}
        self.buckets = {}  # bucket piece hash -> its [id, note hash] pairs
        self.objects = {}  # note and commit piece hash -> bytes
        self.fetched = self.requests = 0

    def fetch(self, site, path):
        data = site.get(path)
        self.fetched += len(data)
        self.requests += 1
        return data

    def piece(self, site, hash):
        data = self.fetch(site, f"bundle/objects/{hash}.json")
        if blob_hash(data) != hash:
            self.problems.append(f"manifest: bundle/objects/{hash}.json has the blob hash {blob_hash(data)}")
        return data

    def notes(self):
        return {id: hash for bucket in self.index["buckets"].values() for id, hash in self.buckets[bucket]}

    def update(self, site):
        """Brings the mirror to the site's bundle, fetching only the pieces it does not hold: from
        nothing, that is every piece."""
        self.index_bytes = self.fetch(site, "bundle/index.json")
        self.index = json.loads(self.index_bytes)
        digits = {len(prefix) for prefix in self.index["buckets"]}
        for prefix, hash in self.index["buckets"].items():
            if hash not in self.buckets:
                self.buckets[hash] = json.loads(self.piece(site, hash))
                # A note in the wrong bucket would be missed by a mirror that looks it up by its id.
                misplaced = [id for id, _ in self.buckets[hash] if blob_hash(id.encode())[:len(prefix)] != prefix]
                if misplaced:
                    self.problems.append(f"manifest: bucket {prefix} lists {shown(misplaced)}, whose ids' hashes do not start with {prefix}")
        if len(digits) > 1:
            self.problems.append(f"manifest: bucket prefixes of {sorted(digits)} digits in one index")
        notes = self.notes()
        if len(notes) != sum(len(self.buckets[hash]) for hash in self.index["buckets"].values()):
            self.problems.append("manifest: an id is listed in two buckets, or twice in one")
        if len(notes) != self.index["notes"]:
            self.problems.append(f"manifest: the index counts {self.index['notes']} notes, its buckets list {len(notes)}")
        wanted = set(notes.values()) | set(self.index["commits"])
        ids = {hash: id for id, hash in notes.items()}
        for hash in sorted(wanted - self.objects.keys()):
            self.objects[hash] = self.piece(site, hash)
            if hash in ids and json.loads(self.objects[hash]).get("id") != ids[hash]:
                self.problems.append(f"manifest: a bucket lists {ids[hash]} with the piece {hash}, which is another note's line")
        # What the index no longer names is dropped: the mirror holds one bundle, not its past.
        self.buckets = {hash: self.buckets[hash] for hash in self.index["buckets"].values()}
        self.objects = {hash: self.objects[hash] for hash in wanted}

    def provenance_bytes(self):
        """The provenance as the index spells it: its bytes, not a re-encoding that might escape or order
        otherwise."""
        text = self.index_bytes.decode()
        start = text.index('"provenance":') + len('"provenance":')
        _, end = json.JSONDecoder().raw_decode(text, start)
        return text[start:end].encode()

    def commons_json(self):
        """commons.json as format 2 lays it out: the provenance, the notes' lines by id, and the commit
        table, newest first, which is the rows of the commit pieces from the last piece to the first."""
        notes = self.notes()
        lines = [self.objects[notes[id]] for id in sorted(notes, key=by_bytes)]
        rows = [self.objects[hash][1:-1] for hash in reversed(self.index["commits"])]
        table = b"[" + b",".join(row for row in rows if row) + b"]"
        return b'{"provenance":' + self.provenance_bytes() + b',\n"notes":[\n' + b",\n".join(lines) + b'\n],\n"commits":' + table + b"}\n"


def bundle_differences(mine, theirs):
    """What a reassembled commons.json gets wrong, told by the parts of format 2: the provenance, which
    notes, each note's fields, the commit table; or the first differing byte when they parse alike."""
    try:
        old, new = json.loads(mine), json.loads(theirs)
    except json.JSONDecodeError as error:
        return [f"the reassembled commons.json is not JSON: {error}"]
    found = [f"provenance: {difference}" for difference in differences(old["provenance"], new["provenance"])]
    old_notes, new_notes = ({note.get("id"): note for note in bundle["notes"]} for bundle in (old, new))
    if old_notes.keys() != new_notes.keys():
        found.append(f"notes the mirror lacks: {shown(sorted(new_notes.keys() - old_notes.keys()))}; "
                     f"notes it holds that N has not: {shown(sorted(old_notes.keys() - new_notes.keys()))}")
    for id in sorted(old_notes.keys() & new_notes.keys(), key=by_bytes):
        fields = differences(old_notes[id], new_notes[id])
        if fields:
            found.append(f"note {id}: {shown(fields)}")
    if old["commits"] != new["commits"]:
        first = next((index for index, (a, b) in enumerate(zip(old["commits"], new["commits"])) if a != b),
                     min(len(old["commits"]), len(new["commits"])))
        found.append(f"commits: {len(old['commits'])} rows, N has {len(new['commits'])}; first differing row {first}")
    if not found:
        offset = next((index for index, (a, b) in enumerate(zip(mine, theirs)) if a != b), min(len(mine), len(theirs)))
        found.append(f"the same JSON in other bytes: first difference at byte {offset}: "
                     f"{mine[max(0, offset - 20):offset + 40]!r} != {theirs[max(0, offset - 20):offset + 40]!r}")
    return found


def percent(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def check_manifest(old_site, new_site, problems):
    """The mirror by manifest, from nothing at N-BACK, then brought to N."""
    mirror = Mirror(problems)
    mirror.update(old_site)
    initial, initial_requests = mirror.fetched, mirror.requests
    mirror.fetched = mirror.requests = 0
    held = set(mirror.objects) | set(mirror.buckets)
    mirror.update(new_site)
    # The file compared with is fetched aside: it is the reference, not the mirror's traffic.
    expected = new_site.get("commons.json")
    mine = mirror.commons_json()
    if mine != expected:
        problems += [f"manifest: {difference}" for difference in bundle_differences(mine, expected)]
    kept = (set(mirror.objects) | set(mirror.buckets)) & held
    notes = mirror.notes()
    print(f"manifest: {len(notes)} notes; initial mirror {initial} bytes in {initial_requests} requests; "
          f"update {mirror.fetched} bytes in {mirror.requests} requests "
          f"({len(set(mirror.index['buckets'].values()) - held)} buckets, {len(set(notes.values()) - held)} notes, "
          f"{len(set(mirror.index['commits']) - held)} of {len(mirror.index['commits'])} commit pieces; "
          f"{len(kept)} pieces kept), "
          f"{percent(mirror.fetched, len(expected))} of commons.json's {len(expected)} bytes; "
          + ("reassembled commons.json equal byte for byte" if mine == expected else "reassembled commons.json DIFFERS"))


class Server:
    """A `commons mcp` session through the official client, counting the bytes of the JSON answers."""

    def __init__(self, client, instructions, label, problems):
        self.client = client
        self.instructions = instructions or ""
        self.label = label
        self.problems = problems
        self.fetched = self.answers = 0

    async def call(self, tool, arguments):
        result = await self.client.call_tool(tool, arguments)
        text = "".join(part.text for part in result.content if getattr(part, "text", None) is not None)
        if result.is_error:
            raise SystemExit(f"mcp ({self.label}): {tool}({arguments}) failed: {text}")
        self.fetched += len(text.encode())
        self.answers += 1
        if result.structured_content != json.loads(text):
            self.problems.append(f"mcp ({self.label}): {tool}({arguments}): the structured content is not the text's JSON")
        return result.structured_content

    async def ids(self):
        ids, cursor = [], None
        while True:
            page = await self.call("list_notes", {"cursor": cursor} if cursor else {})
            ids += [note["id"] for note in page["notes"]]
            cursor = page.get("nextCursor")
            if not cursor:
                return ids

    async def read(self, ids):
        return {id: await self.call("read_note", {"id": id}) for id in ids}


async def serve(commons, arguments, label, problems, work):
    parameters = StdioServerParameters(command=commons, args=["mcp", *arguments])
    async with stdio_client(parameters) as (read, write):
        async with ClientSession(read, write) as client:
            initialized = await client.initialize()
            return await work(Server(client, initialized.instructions, label, problems))


async def check_mcp(commons, repository, cache, commits, built, problems):
    """The mirror through `commons mcp`, read whole at N-BACK, then brought to N by changes_since.
    `commits` are the two commits served, `built` the provenance commits of their bundles: the latest
    that changed what is published, which is what the server names."""
    old_commit, new_commit = commits

    async def read_all(server):
        remembered = re.search(r"remember commit ([0-9a-f]{40})", server.instructions)
        if not remembered:
            raise SystemExit(f"mcp (N-BACK): the instructions name no commit to remember: {server.instructions!r}")
        if remembered.group(1) != built[0]:
            problems.append(f"mcp (N-BACK): the instructions say to remember {remembered.group(1)}, its bundle's provenance.commit is {built[0]}")
        return remembered.group(1), await server.read(await server.ids()), server.fetched, server.answers

    since, mirror, initial, initial_answers = await serve(
        commons, [repository, "--rev", old_commit, "--cache-dir", cache], "N-BACK", problems, read_all)

    async def update(server):
        changes = await server.call("changes_since", {"commit": since})
        # What "to" names is what the agent remembers next: the commit N's bundle and instructions name.
        if changes["since"] != since:
            problems.append(f"mcp: changes_since answers since {changes['since']}, asked since {since}")
        if changes.get("to") != built[1]:
            problems.append(f"mcp: changes_since answers to {changes.get('to')}, N's bundle names {built[1]} (provenance.commit)")
        renamed = changes["renamed"]
        for id in changes["removed"] + [rename["from"] for rename in renamed]:
            mirror.pop(id, None)
        mirror.update(await server.read(changes["added"] + changes["changed"] + [rename["to"] for rename in renamed] + changes["relinked"]))
        # changes_since may leave a note made private unnamed: what list_notes no longer gives goes.
        listed = await server.ids()
        for id in set(mirror) - set(listed):
            del mirror[id]
        update, update_answers = server.fetched, server.answers
        # The reference: a fresh read of every note, not the mirror's traffic.
        fresh = await server.read(listed)
        return changes, update, update_answers, fresh, server.fetched - update

    changes, update, update_answers, fresh, whole = await serve(
        commons, [repository, "--rev", new_commit, "--cache-dir", cache], "N", problems, update)
    if mirror.keys() != fresh.keys():
        problems.append(f"mcp: notes the mirror lacks: {shown(sorted(fresh.keys() - mirror.keys(), key=by_bytes))}; "
                        f"notes it holds that N has not: {shown(sorted(mirror.keys() - fresh.keys(), key=by_bytes))}")
    stale = [id for id in sorted(mirror.keys() & fresh.keys(), key=by_bytes) if mirror[id] != fresh[id]]
    for id in stale:
        problems.append(f"mcp: the mirror's {id}, not named by changes_since, differs from read_note at N: "
                        f"{shown(differences(mirror[id], fresh[id]))}")
    counts = {key: len(changes[key]) for key in ("added", "changed", "renamed", "removed", "relinked")}
    print(f"mcp: {len(fresh)} notes; initial mirror {initial} bytes in {initial_answers} answers; "
          f"changes_since {since[:12]}: {', '.join(f'{count} {key}' for key, count in counts.items())}"
          + (f" (incomplete: {changes['incomplete']})" if "incomplete" in changes else "")
          + f"; update {update} bytes in {update_answers} answers, {percent(update, whole)} of reading every note at N ({whole} bytes); "
          + ("the mirror equals read_note at N" if mirror == fresh else f"the mirror DIFFERS ({len(stale)} notes stale)"))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commons", required=True)
    parser.add_argument("--repository", required=True)
    parser.add_argument("--back", type=int, default=10)
    arguments = parser.parse_args()
    commons, repository = os.path.abspath(arguments.commons), os.path.abspath(arguments.repository)

    def commit(revision):
        found = subprocess.run(["git", "-C", repository, "rev-parse", "--verify", "--quiet", revision + "^{commit}"],
                               capture_output=True, text=True)
        if found.returncode != 0:
            raise SystemExit(f"{repository} has no commit {revision}")
        return found.stdout.strip()

    # Hashes, not HEAD~n: both builds and both servers name the same two commits, whatever moves HEAD.
    old_commit, new_commit = commit(f"HEAD~{arguments.back}"), commit("HEAD")
    print(f"N-{arguments.back} = {old_commit[:12]}, N = {new_commit[:12]}")
    problems = []
    with tempfile.TemporaryDirectory() as work:
        # The build cache goes with the sites, so that the repository is left as it was.
        cache = os.path.join(work, "cache")
        sites = [os.path.join(work, name) for name in ("old", "new")]
        for revision, folder in zip((old_commit, new_commit), sites):
            build(commons, repository, revision, folder, cache)
        old_site, new_site = Site(sites[0]), Site(sites[1])
        try:
            check_manifest(old_site, new_site, problems)
        finally:
            old_site.close()
            new_site.close()
        built = [load(os.path.join(folder, "commons.json"))["provenance"]["commit"] for folder in sites]
        asyncio.run(check_mcp(commons, repository, cache, (old_commit, new_commit), built, problems))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
