# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A phone opening the public pages (the member's card, the card checker) in
Chromium, and losing the network: what both pages promise to survive; and the
pages saved as one file (the kit, the checker) opened from the disk offline."""

import base64
import tempfile
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, ChromeBrowser

SCREENSHOTS = Path(__file__).parents[2] / "var" / "screenshots"
# The words a page shows, one text per element that has no child, with the
# placeholders of its fields (to find English left in a French page).
VISIBLE_TEXTS = """[...document.querySelectorAll("body *")]
    .filter((e) => e.checkVisibility() && !e.children.length)
    .flatMap((e) => [e.textContent, e.placeholder || ""])
    .map((text) => text.replace(/\\s+/g, " ").trim())
    .filter(Boolean)"""


def server_down(app, environ, start_response):
    """What a phone sees of a shop's server that cannot be reached."""
    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
    return [b"down"]


class PhoneCase(HttpCase):
    @contextmanager
    def phone(self, url, ready):
        """A browser without login that opened ``url`` and waited for ``ready``
        (a JS expression), stopped at the end."""
        browser = ChromeBrowser(self, headless=True, success_signal="test successful")
        try:
            self.http_request_key = self.canonical_tag + "_browser_js"
            self.authenticate(None, None, browser=browser)
            self.cr.flush()
            self.cr.clear()
            browser.navigate_to(url, wait_stop=True)
            self.assertTrue(browser._wait_ready(ready))
            yield browser
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag
            self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key

    @contextmanager
    def offline_file(self, html, name):
        """A browser without network, and the URL of ``html`` saved on the disk
        as ``name`` (the server unreachable too); stopped at the end."""
        path = Path(tempfile.mkdtemp(prefix="passkoop-")) / name
        path.write_text(html, encoding="utf-8")
        browser = ChromeBrowser(self, headless=True, success_signal="test successful")
        try:
            self.http_request_key = self.canonical_tag + "_browser_js"
            self.authenticate(None, None, browser=browser)
            # Odoo's test browser answers 404 to any URL but the test server's:
            # the page is opened from the disk.
            browser._websocket_request("Fetch.disable")
            with self.network_cut(browser):
                yield browser, path.as_uri()
        finally:
            browser.stop()
            self._wait_remaining_requests()
            self.http_request_key = self.canonical_tag
            self.opener.cookies[TEST_CURSOR_COOKIE_NAME] = self.http_request_key

    def open_at_size(self, browser, url, ready, width=1366, height=768):
        """Open ``url`` on a screen of that size (a phone's below 500 pixels)."""
        browser._websocket_request(
            "Emulation.setDeviceMetricsOverride",
            params={
                "width": width,
                "height": height,
                "deviceScaleFactor": 1,
                "mobile": width < 500,
            },
        )
        browser.navigate_to(url, wait_stop=True)
        self.assertTrue(browser._wait_ready(ready))

    def screenshot(self, browser, name):
        """The whole page as var/screenshots/``name``, for a person to look at;
        its size in CSS pixels."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        size = browser._websocket_request("Page.getLayoutMetrics")["cssContentSize"]
        shot = browser._websocket_request(
            "Page.captureScreenshot",
            params={
                "captureBeyondViewport": True,
                "clip": {
                    "x": 0,
                    "y": 0,
                    "width": size["width"],
                    "height": min(size["height"], 4000),
                    "scale": 1,
                },
            },
        )
        (SCREENSHOTS / name).write_bytes(base64.b64decode(shot["data"]))
        return size

    @contextmanager
    def network_cut(self, browser):
        """The network goes: the browser is offline, and the server unreachable."""
        browser._websocket_request("Network.enable")
        browser._websocket_request(
            "Network.emulateNetworkConditions",
            params={
                "offline": True,
                "latency": 0,
                "downloadThroughput": -1,
                "uploadThroughput": -1,
            },
        )
        with patch.object(http.Application, "__call__", server_down):
            yield

    def evaluate(self, browser, expression, timeout=10.0):
        """The value of a JS expression in the page, its promise awaited up to
        ``timeout`` seconds; the test fails on an exception."""
        answer = browser._websocket_request(
            "Runtime.evaluate",
            params={
                "expression": expression,
                "awaitPromise": True,
                "returnByValue": True,
            },
            timeout=timeout,
        )
        if "exceptionDetails" in answer:
            self.fail(answer["exceptionDetails"])
        return answer["result"].get("value")
