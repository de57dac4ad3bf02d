#!/usr/bin/env python3
"""Drives the explorer in Chromium on a built site that has a folder of more notes than the explorer
lists, as a reader of a big commons meets it:

- on a note far down such a folder, the explorer lists the folder's first notes, then this note,
  marked, then a "more" link to the folder's page;
- beside the page (desktop width) the explorer stays in place and scrolls on its own, with the marked
  note in its view, so the page is no taller than its own content;
- on a phone the explorer comes after the page and the page does not jump to it.

    check_explorer.py SITE

Prints `explorer ok: ...`, or what failed and exits 1.
"""
import glob
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser  # noqa: E402
from browser import wait  # noqa: E402


def big_folder(site):
    """The folder data with the most notes left out, and its number."""
    best = None
    for path in glob.glob(os.path.join(site, "all-notes", "folders", "*.json")):
        data = json.load(open(path, encoding="utf-8"))
        if data.get("more") and (best is None or data["more"]["count"] > best[1]["more"]["count"]):
            best = (int(os.path.basename(path)[:-5]), data)
    return best


def main():
    site = os.path.abspath(sys.argv[1])
    found = big_folder(site)
    if not found:
        print(f"explorer FAILED: no folder of {site} has more notes than the explorer lists")
        sys.exit(1)
    number, data = found
    failures = []
    check = lambda condition, message: condition or failures.append(message)

    with browser.StaticServer(site) as server, browser.Browser() as session:
        from selenium.webdriver.common.by import By
        driver = session.driver
        find = lambda selector: driver.find_elements(By.CSS_SELECTOR, selector)
        folder_page = server.url(urllib.parse.unquote(data["more"]["page"]))

        # The folder's last page lists its last note: one the explorer does not list.
        session.show(folder_page)
        last_page = [link.get_attribute("href") for link in find("nav.pager a[rel=next]")]
        while last_page:
            session.show(last_page[0])
            last_page = [link.get_attribute("href") for link in find("nav.pager a[rel=next]")]
        notes = find("main ul.note-list a")
        check(notes, f"{folder_page} lists no notes")
        if not notes:
            browser.fail_if_any("explorer", failures)
        note = notes[-1].get_attribute("href")
        listed = {urllib.parse.urljoin(server.url(), path) for _, path in data["notes"]}
        check(note not in listed, f"{note} is among the notes the explorer lists")

        for size in ("desktop", "phone"):
            session.set_size(size)
            session.show(note)
            current = wait(lambda: find(".explorer a[aria-current=page]"))
            check(current and current[0].text == find("main h1")[0].text, f"{size}: the explorer does not mark the page")
            more = find(".explorer .explorer-more a")
            check(more and more[0].get_attribute("href") == folder_page and more[0].text == f"{data['more']['count']} more…",
                  f"{size}: no link to the folder's page after its first notes ({[m.text for m in more]})")
            explorer_height = driver.execute_script("return document.querySelector('.explorer').scrollHeight")
            page_height = driver.execute_script("return document.documentElement.scrollHeight")
            main_height = driver.execute_script("return document.querySelector('main').getBoundingClientRect().height")
            if size == "desktop":
                check(driver.execute_script("return getComputedStyle(document.querySelector('.explorer')).position") == "sticky",
                      "desktop: the explorer does not stay in place")
                check(page_height < main_height + 400, f"desktop: the page is {page_height}px tall for {main_height}px of content")
                if current:
                    box = driver.execute_script(
                        "const e = document.querySelector('.explorer').getBoundingClientRect(), c = arguments[0].getBoundingClientRect();"
                        "return c.top >= e.top && c.bottom <= e.bottom;", current[0])
                    check(box, f"desktop: the marked note is out of the explorer's view ({explorer_height}px of list)")
            else:
                check(driver.execute_script("return window.scrollY") == 0, "phone: the page scrolled away from its top")
        errors = session.console_errors()
        check(not errors, f"script errors: {errors}")

    browser.fail_if_any("explorer", failures)
    print(f"explorer ok: {urllib.parse.unquote(note)} is marked after the first {len(data['notes'])} notes of its folder, "
          f"before a link to the {data['more']['count']} more, and the explorer stays in place beside it")


if __name__ == "__main__":
    main()
