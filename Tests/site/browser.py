"""What the site checks share: a local static HTTP server for a built site, and a headless Chromium
driven through Selenium, with helpers for the window sizes and colour schemes the checks cover.

Only 127.0.0.1 is ever contacted: the server binds to it, and Chromium resolves every other host
name to nothing and has its background networking (updates, metrics, safe browsing) turned off.

    with StaticServer(site) as server, Browser() as browser:
        browser.show(server.url("tags/"), scheme="dark", size="phone")
"""
import functools
import os
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

# Widths the theme must work at: a common laptop viewport, and a small phone (CSS pixels).
SIZES = {"desktop": (1280, 900), "phone": (360, 740)}
SCHEMES = ("light", "dark")


def wait(condition, timeout=5):
    """The first truthy value `condition` gives within `timeout` seconds, asked every 50 ms; None after."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    return None


def fail_if_any(name, failures):
    """Prints `NAME FAILED:` and each failure, and exits 1, when there are any."""
    if failures:
        print(f"{name} FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files like a static host: no request log, and no directory listings (a folder without
    an index.html answers 404, as it would on GitHub Pages or S3, so links to it count as broken)."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".md": "text/markdown; charset=utf-8",
        ".txt": "text/plain; charset=utf-8",
        ".json": "application/json",
        ".xml": "application/xml",
        ".js": "text/javascript",
        ".css": "text/css",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # LinkChecker keeps to 10 requests a second to any server unless the server answers with this
        # header; that politeness is for other people's servers, not for this one.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def list_directory(self, path):
        self.send_error(HTTPStatus.NOT_FOUND, "No index.html in this folder")
        return None


class StaticServer:
    """Serves `folder` at http://127.0.0.1:PORT/ from a thread, on a free port."""

    def __init__(self, folder):
        self.folder = os.path.abspath(folder)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=self.folder))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.root = f"http://127.0.0.1:{self.port}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path=""):
        """The URL of a path relative to the site root ("tags/", "404.html")."""
        return self.root + path.lstrip("/")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exception):
        self.server.shutdown()
        self.server.server_close()


class Browser:
    """A headless Chromium session (Debian's chromium and chromium-driver) for the whole run."""

    def __init__(self, size="desktop"):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in [
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-domain-reliability", "--metrics-recording-only",
            "--safebrowsing-disable-auto-update", "--disable-features=Translate,OptimizationHints,MediaRouter",
            # Nothing but the local server can be reached, whatever a page links to.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "--hide-scrollbars", "--force-color-profile=srgb", "--lang=en-US",
            f"--window-size={SIZES[size][0]},{SIZES[size][1]}",
        ]:
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # The path to chromedriver is given, so Selenium Manager (which would download one) never runs.
        service = Service(executable_path=CHROMEDRIVER, log_output=os.devnull)
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(60)
        self.size = None
        self.scheme = None
        self.set_size(size)

    def __enter__(self):
        return self

    def __exit__(self, *exception):
        self.quit()

    def quit(self):
        try:
            self.driver.quit()
        except Exception:
            pass

    def set_size(self, size):
        """Sets the viewport to one of SIZES ("desktop" or "phone"). The phone is emulated as a mobile
        device, so the page's viewport meta tag applies, as on a real phone."""
        width, height = SIZES[size]
        self.driver.set_window_size(width, height)
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone",
        })
        self.driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": size == "phone"})
        self.size = size

    def set_scheme(self, scheme):
        """Emulates `prefers-color-scheme: light` or `dark`."""
        assert scheme in SCHEMES, scheme
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": scheme}],
        })
        self.scheme = scheme

    def show(self, url, scheme=None, size=None):
        """Loads `url` in the given scheme and size and waits until it has settled."""
        if size and size != self.size:
            self.set_size(size)
        if scheme and scheme != self.scheme:
            self.set_scheme(scheme)
        self.driver.get(url)
        self.settle()

    def settle(self, timeout=3.0):
        """Waits for the load event, web fonts, and for the page to stop fetching (a script may load
        more after the load event), then for two animation frames so that styles have applied."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.driver.execute_script("return document.readyState") != "complete":
            time.sleep(0.05)
        count, quiet_since = -1, time.monotonic()
        while time.monotonic() < deadline:
            now = self.driver.execute_script("return performance.getEntriesByType('resource').length")
            if now != count:
                count, quiet_since = now, time.monotonic()
            elif time.monotonic() - quiet_since >= 0.1:
                break
            time.sleep(0.05)
        self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            (document.fonts ? document.fonts.ready : Promise.resolve()).then(() =>
                requestAnimationFrame(() => requestAnimationFrame(() => done(true))));
        """)

    def console_errors(self):
        """The browser console's errors since the last call (failed loads, uncaught exceptions)."""
        try:
            return [entry["message"] for entry in self.driver.get_log("browser") if entry.get("level") == "SEVERE"]
        except Exception:
            return []

    def screenshot(self, path, full_page=True):
        """Writes a PNG of the viewport, or of the whole page when `full_page`."""
        params = {"format": "png", "captureBeyondViewport": full_page}
        if full_page:
            metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            width, _ = SIZES[self.size]
            params["clip"] = {"x": 0, "y": 0, "width": max(width, size["width"]), "height": size["height"], "scale": 1}
        import base64
        data = self.driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        return path
