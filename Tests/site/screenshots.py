#!/usr/bin/env python3
"""Takes PNG screenshots of a built site in headless Chromium, to look at the theme: a note page, the
search dialog with results, and the graph page where there is one, each in the light and dark colour
schemes at desktop and phone widths.

    screenshots.py SITE_FOLDER OUT_FOLDER

Writes OUT_FOLDER/{note,search,graph}-{light,dark}-{desktop,phone}.png and prints each file written.
`make screenshots` builds content/ with the release binary and runs this on it.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bundle"))
import browser  # noqa: E402
import derived  # noqa: E402

QUERY = "history"


def note_path(site):
    """getting-started/ if the site has it, else its first note by path, else the home page."""
    if os.path.isfile(os.path.join(site, "getting-started", "index.html")):
        return "getting-started/"
    try:
        with open(os.path.join(site, "commons.json"), encoding="utf-8") as file:
            bundle = json.load(file)
        for note in sorted(bundle["notes"], key=derived.page_href):
            if os.path.isfile(os.path.join(site, derived.page_path(note), "index.html")):
                return derived.page_href(note)
    except (OSError, ValueError, KeyError):
        pass
    return ""


def wait_for(driver, selector, timeout):
    """The first visible element matching `selector`, waiting up to `timeout` seconds, or None."""
    from selenium.webdriver.common.by import By
    deadline = time.monotonic() + timeout
    while True:
        for element in driver.find_elements(By.CSS_SELECTOR, selector):
            if element.is_displayed():
                return element
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.1)


def open_search(session, server, page, notes):
    """Opens the search dialog with `/` on `page` and types the query; falls back to the search page,
    then to the page as it is. Returns whether results showed."""
    from selenium.webdriver.common.action_chains import ActionChains
    session.driver.execute_script("document.activeElement && document.activeElement.blur()")
    ActionChains(session.driver).send_keys("/").perform()
    field = wait_for(session.driver, 'dialog[open] input[type="search"]', 3)
    if field is None and os.path.isfile(os.path.join(server.folder, "search", "index.html")):
        notes.add("no search dialog opened on `/`: the search page instead")
        session.show(server.url("search/"))
        field = wait_for(session.driver, 'input[type="search"]', 3)
    if field is None:
        notes.add("no search field found: the page as it is")
        return False
    field.send_keys(QUERY)
    if wait_for(session.driver, ".search-results li", 5) is None:
        notes.add(f"no `.search-results li` within 5 s of typing {QUERY!r}")
        return False
    session.settle(timeout=1.5)
    return True


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    site, out = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    if not os.path.isfile(os.path.join(site, "index.html")):
        print(f"{site} has no index.html: not a built site", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    note = note_path(site)
    has_graph = os.path.isfile(os.path.join(site, "graph", "index.html"))
    written, notes = [], set()
    with browser.StaticServer(site) as server, browser.Browser() as session:
        for size in browser.SIZES:
            for scheme in browser.SCHEMES:
                suffix = f"{scheme}-{size}.png"
                session.show(server.url(note), scheme=scheme, size=size)
                written.append(session.screenshot(os.path.join(out, "note-" + suffix), full_page=True))

                # The dialog covers the viewport: that is the picture, not the page under it.
                session.show(server.url(note), scheme=scheme, size=size)
                open_search(session, server, note, notes)
                written.append(session.screenshot(os.path.join(out, "search-" + suffix), full_page=False))

                if has_graph:
                    session.show(server.url("graph/"), scheme=scheme, size=size)
                    time.sleep(1.5)  # a force layout may still be moving
                    written.append(session.screenshot(os.path.join(out, "graph-" + suffix), full_page=True))
    if not has_graph:
        notes.add("the site has no graph/ page: no graph screenshots")
    for note_text in sorted(notes):
        print(f"note: {note_text}")
    for path in written:
        print(os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())
