"""What commons.json (format 2) leaves out for its readers to derive, as commons.schema.json says,
for the checkers that compare it with the site."""
from urllib.parse import quote


def page_path(note):
    """The note's page, from the site root: its id and a slash, or "" for the home page (id `index`)."""
    return "" if note["id"] == "index" else note["id"] + "/"


def page_href(note):
    """The page's path as commons writes it in a URL: percent-encoded as UTF-8 but for letters, digits
    and -._~/."""
    return quote(page_path(note))


def note_url(bundle, note):
    """The note's URL: below the base URL when there is one, from the site root otherwise."""
    return (bundle["provenance"].get("baseURL") or "/") + page_href(note)
