#!/usr/bin/env python3
"""Drives the theme's script in Chromium as a reader would, on a built site:

- `/` opens the search dialog with its field focused, typing finds notes, the arrow key moves into
  the results, Escape closes it;
- hovering a link to another note shows that note's preview, with its title;
- the explorer opens at the page's folder with the page marked;
- on a note with code and sections, each code block has a copy button that copies the code, and each
  section heading a link to itself;
- the theme toggle switches to the other theme, and the choice outlives a reload;
- a note's own graph and the whole graph draw a canvas, and the page has no script errors.

    check_reading.py SITE [--code]

With --code, a site without such a note fails.

Prints `reading ok: ...`, or what failed and exits 1.
"""
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402
from browser import wait  # noqa: E402


def linked_note(site):
    """A note page with a link, in its text, to another note and with a graph: the one with the most links."""
    data = json.load(open(os.path.join(site, "graph", "data.json"), encoding="utf-8"))
    degree = [0] * len(data["nodes"])
    for node in data["links"]:
        degree[node] += 1
    best = max(range(len(degree)), key=lambda node: (degree[node], -node))
    return urllib.parse.unquote(data["nodes"][best][1])


def note_with_code_and_sections(site):
    """The first note page, by path, with a code block and a section heading; None when none has."""
    for folder, _, files in sorted(os.walk(site)):
        if "index.html" in files and "index.json" in files:
            html = open(os.path.join(folder, "index.html"), encoding="utf-8").read()
            if "<pre><code" in html and "<h2 id=" in html:
                path = os.path.relpath(folder, site).replace(os.sep, "/")
                return "" if path == "." else path + "/"
    return None


def main():
    site = os.path.abspath(sys.argv[1])
    page = linked_note(site)
    failures = []
    check = lambda condition, message: condition or failures.append(message)

    with browser.StaticServer(site) as server, browser.Browser() as session:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys
        driver = session.driver
        find = lambda selector: driver.find_elements(By.CSS_SELECTOR, selector)
        session.set_scheme("light")
        session.show(server.url(page))

        # Search, from the keyboard.
        ActionChains(driver).send_keys("/").perform()
        field = wait(lambda: find("dialog[open] input[type=search]"))
        check(field and driver.switch_to.active_element == field[0], "/ does not open the search with its field focused")
        if field:
            title = find("main h1")[0].text
            field[0].send_keys(title.split()[0])
            results = wait(lambda: find("dialog[open] .search-results li a"))
            check(results, f"typing '{title.split()[0]}' finds nothing")
            if results:
                field[0].send_keys(Keys.ARROW_DOWN)
                check(driver.switch_to.active_element == results[0], "the down arrow does not move to the first result")
            ActionChains(driver).send_keys(Keys.ESCAPE).perform()
            check(wait(lambda: not find("dialog[open]")), "Escape does not close the search")

        # A link preview.
        links = [link for link in find(".note-body a.wikilink, .note-body a[href$='/']")
                 if link.is_displayed() and urllib.parse.urlsplit(link.get_attribute("href")).path.rstrip("/") != "/" + page.rstrip("/")]
        check(links, f"/{page} has no link to another note")
        if links:
            ActionChains(driver).move_to_element(links[0]).perform()
            preview = wait(lambda: [box for box in find(".preview") if box.is_displayed() and box.text])
            check(preview, f"hovering {links[0].get_attribute('href')} shows no preview")
            if preview:
                target = urllib.parse.urlsplit(links[0].get_attribute("href")).path
                fragment = json.load(open(os.path.join(site, urllib.parse.unquote(target).lstrip("/"), "index.json"), encoding="utf-8"))
                check(preview[0].text.startswith(fragment["title"]), f"the preview says «{preview[0].text[:60]}», not the title {fragment['title']}")
            ActionChains(driver).move_to_element(find("main h1")[0]).perform()

        # The explorer and the graphs.
        current = wait(lambda: find(".explorer a[aria-current=page]"))
        check(current and current[0].text == find("main h1")[0].text, "the explorer does not mark the page")
        # A note's own graph is drawn once the reader comes near the foot of the page.
        sections = find(".local-graph:not([hidden])")
        check(sections, "the note's graph is not offered")
        if sections:
            driver.execute_script("arguments[0].scrollIntoView()", sections[0])
        check(wait(lambda: find(".local-graph:not([hidden]) canvas")), "the note's graph is not drawn")

        # The theme toggle, remembered.
        toggle = find(".theme-toggle")
        check(toggle and toggle[0].is_displayed() and toggle[0].text == "Dark", "no theme toggle offering the dark theme")
        if toggle:
            light = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
            toggle[0].click()
            dark = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
            check(driver.execute_script("return document.documentElement.dataset.theme") == "dark" and dark != light,
                  f"the toggle does not switch to dark ({light} stays {dark})")
            session.show(server.url(page))
            check(driver.execute_script("return getComputedStyle(document.body).backgroundColor") == dark, "the dark theme is forgotten on reload")
            check(find(".theme-toggle")[0].text == "Light", "after the switch the toggle does not offer the light theme")

        # Copy buttons and section links.
        code_page = note_with_code_and_sections(site)
        check(code_page is not None or "--code" not in sys.argv, "no note has a code block and a section heading")
        if code_page is not None:
            driver.execute_cdp_cmd("Browser.grantPermissions", {
                "origin": server.url().rstrip("/"), "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})
            session.show(server.url(code_page))
            pre = find(".note-body .code-block pre")
            buttons = find(".note-body .code-block button.copy-code")
            check(pre and len(buttons) == len(find(".note-body pre:not(:has(> code.language-mermaid))")), f"/{code_page}: a code block has no copy button")
            if pre and buttons:
                ActionChains(driver).move_to_element(pre[0]).perform()
                buttons[0].click()
                copied = driver.execute_async_script("navigator.clipboard.readText().then(arguments[0], () => arguments[0](null))")
                check(copied == pre[0].get_attribute("textContent"), f"/{code_page}: the copy button copied {copied!r:.60}")
                check(wait(lambda: buttons[0].text == "Copied"), f"/{code_page}: the button does not say the code was copied")
            anchors = find(".note-body h2 > a.heading-anchor")
            check(anchors and len(anchors) == len(find(".note-body h2[id]")), f"/{code_page}: a section heading has no link to itself")
            if anchors:
                heading = anchors[0].find_element(By.XPATH, "..")
                check(urllib.parse.unquote(urllib.parse.urlsplit(anchors[0].get_attribute("href")).fragment) == heading.get_attribute("id"),
                      f"/{code_page}: a section link does not lead to its heading")

        session.show(server.url("graph/"))
        check(wait(lambda: find(".graph-whole:not([hidden]) canvas")), "the whole graph is not drawn")
        errors = session.console_errors()
        check(not errors, f"script errors: {errors}")

    browser.fail_if_any("reading", failures)
    print(f"reading ok: search from the keyboard, a link preview, the explorer, the graphs and the theme toggle work on /{page}"
          + (f"; copy buttons and section links on /{code_page}" if code_page is not None else ""))


if __name__ == "__main__":
    main()
