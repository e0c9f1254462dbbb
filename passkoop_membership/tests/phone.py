# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A phone opening the public pages (the member's card, the card checker) in
Chromium, and losing the network: what both pages promise to survive."""

from contextlib import contextmanager
from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase
from odoo.tests.common import TEST_CURSOR_COOKIE_NAME, ChromeBrowser


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

    def evaluate(self, browser, expression):
        """The value of a JS expression in the page, its promise awaited."""
        return browser._websocket_request(
            "Runtime.evaluate",
            params={
                "expression": expression,
                "awaitPromise": True,
                "returnByValue": True,
            },
        )["result"].get("value")
