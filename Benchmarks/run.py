#!/usr/bin/env python3
"""Measures commons on generated commons and prints a table of times and ratios.

Machines here are noisy, so every figure is also given as a ratio to a baseline measured in the same
run on the same repository: the floor, which is what any tool must at least do (render every note
with the `cmark-gfm` command and read the history once with `git log --raw -M`), and for the history
pass, that `git log` alone. Each time is the median of --repeat runs.

    run.py --commons .build/release/commons [--sizes 1000x2000,10000x20000] [--repeat 3]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import graph_tasks
from serve import Server

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "site"))
import browser  # noqa: E402
import page_weight  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CMARK_EXTENSIONS = ["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter", "-e", "tasklist"]
# A rebuild takes a fraction of a second, so even a single run of the benchmark takes the median of
# this many edits: one edit's time on a shared machine varies by a third.
SERVE_EDITS = 5


def timed(command, cwd=None, stdin=None, allowed_status=(0,)):
    """Runs a command to completion; returns its wall time and standard output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    output, error = process.communicate()
    seconds = time.perf_counter() - start
    if process.returncode not in allowed_status:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{error.decode(errors='replace')}")
    return seconds, output.decode(errors="replace")


def peak_memory(command):
    """The peak resident memory of a command, in bytes, as GNU time reports it."""
    result = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, capture_output=True, text=True, check=True)
    return int(result.stderr.strip().splitlines()[-1]) * 1024


def folder_size(folder, leave_out=()):
    """The bytes and the number of the files under `folder`, leaving out the top-level files and
    folders named."""
    size = count = 0
    for parent, folders, names in os.walk(folder):
        if parent == folder:
            folders[:] = [name for name in folders if name not in leave_out]
        for name in names:
            if parent == folder and name in leave_out:
                continue
            size += os.path.getsize(os.path.join(parent, name))
            count += 1
    return size, count


def target(figure, limit, unit=""):
    """`figure` against the issue's target `limit` (at most), as the table's last column says it."""
    verdict = "met" if figure <= limit else f"missed by {figure / limit:.1f} ×"
    return f"target ≤ {limit:g}{unit}: {verdict}"


def median(measure, repeat):
    return statistics.median(measure() for _ in range(repeat))


def stage_seconds(output, *prefixes):
    """The time of the build stages whose names start with one of `prefixes`, from `--verbose`."""
    line = next(line for line in output.splitlines() if line.startswith("Stages: "))
    total = 0.0
    for stage in line[len("Stages: "):].split(" · "):
        name, seconds, _ = stage.rsplit(" ", 2)
        if name.startswith(prefixes):
            total += float(seconds)
    return total


def measure(commons, notes, commits, repeat, work):
    repository = os.path.join(work, f"commons-{notes}x{commits}")
    subprocess.run([sys.executable, os.path.join(HERE, "generate_commons.py"), repository,
                    "--notes", str(notes), "--commits", str(commits)], check=True)

    # The floor: every note through the cmark-gfm command in one process, and one pass of git log.
    checkout = os.path.join(work, f"notes-{notes}x{commits}")
    os.makedirs(checkout)
    archive = subprocess.Popen(["git", "archive", "HEAD"], cwd=repository, stdout=subprocess.PIPE)
    # The generator's commits run into the future at the largest sizes; tar need not say so for each file.
    subprocess.run(["tar", "-x", "--warning=no-timestamp", "-C", checkout], stdin=archive.stdout, check=True)
    archive.wait()
    files = sorted(os.path.join(folder, name) for folder, _, names in os.walk(checkout) for name in names if name.endswith(".md"))
    everything = os.path.join(work, "all-notes.md")
    with open(everything, "wb") as joined:
        for path in files:
            with open(path, "rb") as note:
                joined.write(note.read() + b"\n\n")

    def render_all():
        with open(everything, "rb") as source:
            return timed(["cmark-gfm"] + CMARK_EXTENSIONS, stdin=source)[0]

    log = ["git", "log", "--raw", "-M", "--no-merges", "--format=%H %an %at %s"]
    git_log = median(lambda: timed(log, cwd=repository)[0], repeat)
    floor = median(render_all, repeat) + git_log

    output_folder = os.path.join(work, f"site-{notes}x{commits}")
    build = [commons, "build", repository, "-o", output_folder, "--base-url", "https://example.org/", "-v"]
    builds = []
    cache = os.path.join(repository, ".git", "commons")
    for _ in range(repeat):
        remove_site(output_folder)
        shutil.rmtree(cache, ignore_errors=True)
        builds.append(timed(build))
    cold = statistics.median(seconds for seconds, _ in builds)
    history = statistics.median(stage_seconds(output, "Reading history", "Reading past versions") for _, output in builds)
    remove_site(output_folder)
    shutil.rmtree(cache, ignore_errors=True)
    memory = peak_memory(build)
    # The site's own bytes: the context bundle, whole and in pieces, is the agents' copy of the notes,
    # not the site.
    site_bytes, site_files = folder_size(output_folder, leave_out=("commons.json", "commons.schema.json", "bundle"))
    # What a reader downloads from the site that build wrote: the heaviest note page, and a search.
    pages = list(page_weight.note_pages(output_folder))
    heaviest = max(page_weight.page_weight(output_folder, page) for page in pages)
    word = page_weight.commonest_word(output_folder)
    search_bytes, _ = page_weight.search_download(output_folder, word)
    stalls = graph_stalls(output_folder, repeat)
    # The bundle's pieces a mirror holds, to measure what it fetches after the next commit.
    held = set(os.listdir(os.path.join(output_folder, "bundle", "objects")))
    next_commit = next_commit_build(build, repository, repeat)
    mirror_update = mirror_update_bytes(output_folder, held)
    hugo, hugo_bytes, hugo_files = hugo_build(repository, work, repeat)
    bundle_file = os.path.join(work, f"bundle-{notes}x{commits}.json")
    bundle = [commons, "bundle", repository, "-o", bundle_file, "--base-url", "https://example.org/", "-q"]
    bundled = median(lambda: timed(bundle)[0], repeat)
    bundle_memory = peak_memory(bundle)
    bundle_size = os.path.getsize(bundle_file)
    markdown_bytes, bundle_tokens = bundle_measures(bundle, bundle_file)
    # Exit status 1 only says the generated notes have errors; the time is what counts.
    checked = median(lambda: timed([commons, "check", repository, "-q"], allowed_status=(0, 1))[0], repeat)
    first_serve, rebuild = serve_rebuild(commons, repository, repeat)
    discard(checkout)
    hugo_rows = [("hugo with enableGitInfo, same notes", hugo, f"{hugo / floor:.2f} × floor", ""),
                 ("  its site: bytes and files", None, f"{hugo_bytes / 2**20:.1f} MiB, {hugo_files} files", "")] if hugo else [
        ("hugo with enableGitInfo: not installed, not measured", None, "", "")]
    versus_hugo = f", {cold / hugo:.2f} × hugo" if hugo else ""
    # The targets of the performance issue; memory's depends on the size.
    memory_limit = 512 if notes <= 10_000 else 4096
    return [
        ("floor: cmark-gfm on all notes + git log --raw -M", floor, "1.00 × floor", ""),
        ("git log --raw -M --no-merges", git_log, f"{git_log / floor:.2f} × floor", ""),
        *hugo_rows,
        ("commons build, cold (no site, no history cache)", cold, f"{cold / floor:.2f} × floor{versus_hugo}",
         (target(cold / hugo, 1.0, " × hugo") + "; " if hugo else "") + target(cold / floor, 5.0, " × floor")),
        ("  per note", None, f"{cold / notes * 1000:.2f} ms", ""),
        ("  of which the history pass (walk, past versions, diffs)", history, f"{history / git_log:.2f} × git log", ""),
        ("peak memory of the cold build", None, f"{memory / 2**20:.0f} MiB", target(memory / 2**20, memory_limit, " MiB")),
        ("  per note", None, f"{memory / notes / 1024:.1f} KiB", ""),
        ("  its site, bundle aside: bytes and files", None, f"{site_bytes / 2**20:.1f} MiB, {site_files} files",
         target(site_bytes / hugo_bytes, 2.0, " × hugo's bytes") if hugo else ""),
        ("  its heaviest note page, with CSS, JS and explorer", None, f"{heaviest / 1000:.0f} KB", ""),
        (f"  a search for its commonest word, '{word}'", None, f"{search_bytes / 1000:.0f} KB downloaded", ""),
        ("  its graph page settling: the longest main-thread task", None,
         f"{stalls[0]} ms, {stalls[1]} over 100 ms in {repeat} loads" if stalls[0] else f"none over 50 ms in {repeat} loads",
         target(stalls[0], 100, " ms")) if stalls else ("  its graph page: Chromium not installed, not measured", None, "", ""),
        ("commons build of the next commit, one note changed", next_commit, f"{next_commit / cold:.2f} × cold build",
         target(next_commit / cold, 0.15, " × cold")),
        ("commons bundle, history cache warm", bundled, f"{bundled / floor:.2f} × floor", ""),
        ("  its commons.json, and its peak memory", None, f"{bundle_size / 2**20:.1f} MiB, {bundle_memory / 2**20:.0f} MiB", ""),
        ("  its bytes and tokens per byte of the notes' Markdown", None,
         f"{bundle_size / markdown_bytes:.2f} bytes, {bundle_tokens / markdown_bytes:.3f} tokens", target(bundle_size / markdown_bytes, 1.6, " × the Markdown")),
        ("  a mirror's update after the one-note commit", None, f"{mirror_update / 1000:.1f} KB, {mirror_update / bundle_size:.2%} of commons.json",
         target(mirror_update / bundle_size * 100, 1.0, " %")),
        ("commons check", checked, f"{checked / floor:.2f} × floor", ""),
        ("commons serve, first build of the working tree", first_serve, f"{first_serve / floor:.2f} × floor", ""),
        ("  its rebuild after a one-note edit", rebuild, f"{rebuild / cold:.3f} × cold build", target(rebuild * 1000, 150, " ms")),
    ]


def graph_stalls(site, repeat):
    """The longest of the main thread's tasks, in ms, while the whole commons' graph settles on its page,
    and how many took over 100 ms, over `repeat` loads in headless Chromium (see graph_tasks.py)."""
    if not os.path.exists(browser.CHROMEDRIVER):
        return None
    with browser.StaticServer(site) as server:
        runs = [graph_tasks.run(server, seconds=25) for _ in range(repeat)]
    return max(figures["longest"] for figures in runs), sum(figures["over100"] for figures in runs)


def discard(path):
    """Moves a folder out of the way, into a trash folder beside it, which goes when the benchmark
    ends. Removing it now would skew what follows: ext4 without a journal (as on this machine) skips
    inodes freed in the last minute, or five when their block is not yet written back, when it makes
    a file, and a build right after removing a site of 60,000 files spent seconds on that alone."""
    if os.path.exists(path):
        trash = os.path.join(os.path.dirname(path), "trash")
        os.makedirs(trash, exist_ok=True)
        os.rename(path, os.path.join(trash, f"{len(os.listdir(trash))}-{os.path.basename(path)}"))


def remove_site(folder):
    """Removes a site and the spare site commons keeps beside it, for a build from nothing."""
    discard(folder)
    discard(os.path.join(os.path.dirname(folder), "." + os.path.basename(folder) + ".spare"))


def next_commit_build(build, repository, repeat):
    """A build of a new commit that edits one note, over the site and history cache the last build left.

    Each run commits its own edit, so each is a build of a commit never built before; the repository is
    then put back where it was, so that the measures after this one see the same commons."""
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=repository, check=True, capture_output=True, text=True).stdout.strip()
    subprocess.run(["git", "checkout", "--quiet", "--force", "HEAD"], cwd=repository, check=True)
    edited = edited_note(repository)
    environment = dict(os.environ, GIT_AUTHOR_NAME="Benchmark", GIT_AUTHOR_EMAIL="bench@example.org",
                       GIT_COMMITTER_NAME="Benchmark", GIT_COMMITTER_EMAIL="bench@example.org",
                       GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")
    seconds = []
    try:
        # The first is not timed: the build after a cold one makes the spare site, which every build
        # after it finds (see URLs and output), as a user's builds do.
        for number in range(repeat + 1):
            with open(edited, "a") as note:
                note.write(f"\nCommitted in the benchmark, {number}.\n")
            subprocess.run(["git", "commit", "--quiet", "--all", "--message", f"Edit one note, {number}"], cwd=repository,
                           env=environment, check=True)
            took = timed(build)[0]
            if number > 0:
                seconds.append(took)
    finally:
        subprocess.run(["git", "reset", "--quiet", "--hard", head], cwd=repository, check=True)
    return statistics.median(seconds)


def mirror_update_bytes(site, held):
    """What a mirror holding the pieces `held` fetches to bring itself to `site`'s bundle, as the
    Context bundle page tells it to: the index, the buckets it lacks, from them the notes it lacks,
    and the commit table's pieces it lacks."""
    objects = os.path.join(site, "bundle", "objects")
    with open(os.path.join(site, "bundle", "index.json"), encoding="utf-8") as file:
        index = json.load(file)
    wanted = [name for name in list(index["buckets"].values()) + index["commits"] if name + ".json" not in held]
    for bucket in index["buckets"].values():
        if bucket + ".json" not in held:
            with open(os.path.join(objects, bucket + ".json"), encoding="utf-8") as file:
                wanted += [piece for _, piece in json.load(file) if piece + ".json" not in held]
    return os.path.getsize(os.path.join(site, "bundle", "index.json")) + sum(os.path.getsize(os.path.join(objects, name + ".json")) for name in wanted)


def bundle_measures(bundle, bundle_file):
    """The bytes of the notes' Markdown in a bundle, and the tokens commons says the bundle takes."""
    with open(bundle_file, encoding="utf-8") as file:
        markdown = sum(len(note["markdown"].encode()) for note in json.load(file)["notes"])
    summary = subprocess.run([part for part in bundle if part != "-q"], capture_output=True, text=True, check=True).stderr
    return markdown, int(re.search(r"about (\d+) tokens", summary).group(1))


def hugo_build(repository, work, repeat):
    """Hugo (when installed) on the same notes, with each page's last commit from git, as commons' rival
    for a site with git dates; None when there is no `hugo`. Its layout is the least a page needs."""
    if shutil.which("hugo") is None:
        return None, 0, 0
    subprocess.run(["git", "checkout", "--quiet", "--force", "HEAD"], cwd=repository, check=True)
    site = os.path.join(work, "hugo")
    layouts = os.path.join(site, "layouts", "_default")
    os.makedirs(layouts, exist_ok=True)
    page = ("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}"
            "{{ with .GitInfo }}<p>{{ .AbbreviatedHash }} {{ .AuthorName }} {{ .AuthorDate.Format \"2006-01-02\" }}</p>{{ end }}"
            "{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n")
    for name in ("single", "list", "terms", "taxonomy"):
        with open(os.path.join(layouts, name + ".html"), "w") as layout:
            layout.write(page)
    config = os.path.join(site, "hugo.toml")
    with open(config, "w") as settings:
        settings.write(f'baseURL = "https://example.org/"\ncontentDir = "."\nenableGitInfo = true\n'
                       f'resourceDir = "{os.path.join(site, "resources")}"\n')
    output = os.path.join(site, "public")

    def run():
        discard(output)
        return timed(["hugo", "--quiet", "--noBuildLock", "--source", repository, "--config", config,
                      "--layoutDir", os.path.join(site, "layouts"), "--cacheDir", os.path.join(site, "cache"),
                      "--destination", output])[0]
    seconds = median(run, repeat)
    return (seconds, *folder_size(output))


def edited_note(repository):
    """A published note in the middle of the path order, the one the edits of the benchmark change."""
    notes = sorted(path for path in subprocess.run(["git", "ls-files", "*.md"], cwd=repository, check=True, capture_output=True,
                                                   text=True).stdout.splitlines() if not path.startswith("private/"))
    return os.path.join(repository, notes[len(notes) // 2])


def serve_rebuild(commons, repository, repeat):
    """The first build of `commons serve` on the checked-out notes, and its rebuild after an edit of one
    note, the median of `repeat` edits, and of `SERVE_EDITS` at least."""
    subprocess.run(["git", "checkout", "--quiet", "--force", "HEAD"], cwd=repository, check=True)
    edited = edited_note(repository)
    server = Server(commons, repository)
    rebuilds = []
    try:
        for number in range(max(repeat, SERVE_EDITS)):
            with open(edited, "a") as note:
                note.write(f"\nEdited in the benchmark, {number}.\n")
            rebuilds.append(Server.seconds(server.wait_for("Rebuilt", 600)))
    finally:
        server.stop()
        subprocess.run(["git", "checkout", "--quiet", "--force", "HEAD"], cwd=repository, check=True)
    return Server.seconds(server.first_build), statistics.median(rebuilds)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commons", required=True, help="the commons executable (a release build)")
    parser.add_argument("--sizes", default="1000x2000,10000x20000", help="notes x commits, comma separated")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    commons = os.path.abspath(arguments.commons)
    print(f"{'notes/commits':<14} {'measure':<58} {'time':>9}  {'ratio':<40} target")
    with tempfile.TemporaryDirectory(prefix="commons-bench-") as work:
        for size in arguments.sizes.split(","):
            notes, commits = (int(part) for part in size.split("x"))
            for name, seconds, ratio, goal in measure(commons, notes, commits, arguments.repeat, work):
                shown = f"{seconds:.2f} s" if seconds is not None else ""
                print(f"{f'{notes}/{commits}':<14} {name:<58} {shown:>9}  {ratio:<40} {goal}".rstrip(), flush=True)


if __name__ == "__main__":
    main()
