# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import contextlib
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest.mock import patch

import freezegun

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from ..models import passkoop_coop_directory
from ..tools import card_format, fetch
from .common import PasskoopCase
from .test_card import VECTORS, entry

TODAY = date(2026, 11, 29)
OTHER_SEED = bytes(range(32, 64))


class EntryServer(ThreadingHTTPServer):
    """Partner coops' web servers, on loopback: path -> (status, type, body)."""

    daemon_threads = True

    def __init__(self):
        self.answers = {}
        super().__init__(("127.0.0.1", 0), EntryHandler)

    def url(self, path):
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class EntryHandler(BaseHTTPRequestHandler):
    def do_GET(self):
        status, kind, body = self.server.answers.get(
            self.path, (404, "text/plain", b"")
        )
        self.send_response(status)
        if status in (301, 302):
            self.send_header("Location", self.path)  # a redirect loop
        self.send_header("Content-Type", kind)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            # The client may stop reading, as it should past the size limit.
            for chunk in [body] if isinstance(body, bytes) else body:
                self.wfile.write(chunk)

    def log_message(self, *args):
        pass


def dripping(chunks=10, pause=0.3):
    """A server that answers, but a few bytes at a time."""
    for _i in range(chunks):
        time.sleep(pause)
        yield b"A" * 64


def fifty_megabytes():
    for _i in range(50 * 16):
        yield b"A" * 65536


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestDirectorySync(PasskoopCase):
    """Partners' entries fetched from their URLs: each failure said, none fatal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = EntryServer()
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.server.server_close)
        cls.addClassCleanup(cls.server.shutdown)

    def serve(self, path, document, kind="application/jose", status=200):
        body = document.encode() if isinstance(document, str) else document
        self.server.answers[path] = (status, kind, body)
        return self.server.url(path)

    def hendaya(self, path="/hendaya.jws"):
        coop = self.env["passkoop.coop"].passkoop_import_directory(
            VECTORS["directory"]["jws"]
        )
        coop.directory_url = self.server.url(path)
        return coop

    def other_coop(self):
        """A second partner, whose entry is fine."""
        key = card_format.b32encode(card_format.public_key(OTHER_SEED))
        keys = [
            {"kid": "K1", "public_key": key, "valid_from": None, "valid_until": None}
        ]
        document = entry(seed=OTHER_SEED, code="OTHERCOOP", name="Other", keys=keys)
        coop = self.env["passkoop.coop"].passkoop_import_directory(document)
        newer = entry(
            seed=OTHER_SEED,
            code="OTHERCOOP",
            name="Other coop",
            keys=keys,
            issued_at="2026-11-30T00:00:00Z",
        )
        coop.directory_url = self.serve("/other.jws", newer)
        return coop

    def verify(self, token):
        return self.env["res.partner"].passkoop_verify_card(token)["reason_code"]

    def test_sync_applies_the_newer_entry(self):
        coop = self.hendaya()
        card = VECTORS["cards"][0]["token"]
        self.assertEqual(self.verify(card), "ok")
        self.serve(
            "/hendaya.jws",
            entry(
                kid="K2", revoked=["000045", "000123"], issued_at="2026-11-30T08:00:00Z"
            ),
        )
        action = coop.with_user(self.admin).action_sync_directory()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(self.verify(card), "revoked")
        self.assertTrue(coop.directory_synced_at)
        self.assertFalse(coop.directory_sync_error)

    def test_the_same_entry_synced_again_keeps_its_keys(self):
        coop = self.hendaya()
        self.serve("/hendaya.jws", VECTORS["directory"]["jws"])
        keys = coop.key_ids
        coop._passkoop_sync()
        self.assertFalse(coop.directory_sync_error)
        self.assertEqual(coop.key_ids, keys, "the same keys, not made again")
        self.serve("/hendaya.jws", entry(kid="K2", issued_at="2026-11-30T08:00:00Z"))
        coop._passkoop_sync()
        self.assertEqual(coop.key_ids, keys, "a newer entry with the same keys")
        newer_keys = [
            {**k, "valid_until": "2029-12-31"}
            for k in VECTORS["directory"]["entry"]["keys"]
        ]
        self.serve(
            "/hendaya.jws",
            entry(kid="K2", issued_at="2026-12-01T08:00:00Z", keys=newer_keys),
        )
        coop._passkoop_sync()
        self.assertEqual(coop.key_ids.mapped("valid_until"), [date(2029, 12, 31)] * 2)

    def test_each_failure_is_said_on_the_coop_and_changes_nothing(self):
        new_seed = bytes(range(32))
        stranger = card_format.b32encode(card_format.public_key(new_seed))
        later = "2026-12-01T00:00:00Z"
        failures = {
            "a web page": (
                self.serve("/html", "<html>Welcome</html>", "text/html"),
                "web page",
            ),
            "50 MB": (self.serve("/huge", fifty_megabytes()), "more than"),
            "a redirect loop": (self.serve("/loop", "", status=302), "redirects"),
            "not found": (self.serve("/gone", "", status=404), "404"),
            "server down": ("http://127.0.0.1:9/entry.jws", "could not be reached"),
            "another coop's entry": (
                self.serve("/other", entry(code="NOTHENDAYA", issued_at=later)),
                "NOTHENDAYA",
            ),
            "signed by a key it does not list": (
                self.serve(
                    "/unlisted",
                    entry(
                        kid="K2",
                        keys=[VECTORS["directory"]["entry"]["keys"][0]],
                        issued_at=later,
                    ),
                ),
                "does not list",
            ),
            "an older entry": (
                self.serve("/old", entry(issued_at="2026-01-01T00:00:00Z", revoked=[])),
                "older",
            ),
            "keys changed by an unknown key": (
                self.serve(
                    "/takeover",
                    entry(
                        kid="K9",
                        seed=new_seed,
                        keys=[{"kid": "K9", "public_key": stranger}],
                        revoked=[],
                        issued_at=later,
                    ),
                ),
                "confirmation",
            ),
            "not a web address": ("file:///etc/passwd", "not a web address"),
        }
        coop = self.hendaya()
        other = self.other_coop()
        for label, (url, said) in failures.items():
            with self.subTest(failure=label):
                coop.directory_url = url
                messages = len(coop.message_ids)
                self.env["passkoop.coop"]._passkoop_sync_all()
                self.assertIn(said, coop.directory_sync_error)
                self.assertEqual(len(coop.message_ids), messages + 1)
                self.assertEqual(coop.revoked_count, 1)
                self.assertEqual(self.verify(VECTORS["cards"][0]["token"]), "ok")
                self.assertEqual(
                    coop.key_ids.filtered(lambda k: k.state == "trusted").mapped("kid"),
                    ["K1", "K2"],
                )
                # The other partner is synced all the same.
                self.assertEqual(other.name, "Other coop")
                self.assertFalse(other.directory_sync_error)
        # The same failure again is not said again in the chatter.
        messages = len(coop.message_ids)
        self.env["passkoop.coop"]._passkoop_sync_all()
        self.assertEqual(len(coop.message_ids), messages)

    def test_add_a_partner_in_one_step_from_its_url(self):
        url = self.serve("/hendaya.jws", VECTORS["directory"]["jws"])
        wizard = (
            self.env["passkoop.directory.import"]
            .with_user(self.admin)
            .create({"url": url})
        )
        wizard.action_preview()
        self.assertEqual((wizard.code, wizard.city), ("HENDAYAKOOP", "Hendaye"))
        self.assertFalse(wizard.coop_id)
        coop = self.env["passkoop.coop"].browse(wizard.action_import()["res_id"])
        self.assertRecordValues(
            coop,
            [{"code": "HENDAYAKOOP", "agreement_state": "draft", "directory_url": url}],
        )
        html = self.serve("/page", "<html>Our shop</html>", "text/html")
        with self.assertRaisesRegex(UserError, "web page"):
            self.env["passkoop.directory.import"].create({"url": html}).action_preview()

    @freezegun.freeze_time(TODAY, tick=True)  # the clock runs: fetches have a deadline
    def test_a_dripping_server_or_an_unexpected_error_stops_no_other_coop(self):
        slow = self.hendaya()
        slow.directory_url = self.serve("/slow", dripping())
        other = self.other_coop()
        with patch.object(fetch, "FETCH_DEADLINE", 1):
            (slow | other)._passkoop_sync()
        self.assertIn("too slowly", slow.directory_sync_error)
        self.assertFalse(other.directory_sync_error)
        self.assertEqual(other.name, "Other coop")
        broken = self.env["passkoop.coop"].browse(other.id)
        broken.directory_url = self.serve("/other.jws", "x")
        with (
            patch.object(
                type(broken), "_passkoop_import", side_effect=KeyError("issued_at")
            ),
            self.assertLogs(passkoop_coop_directory.__name__, "ERROR"),
        ):
            broken._passkoop_sync()
        self.assertIn("Unexpected error", broken.directory_sync_error)

    def test_the_scheduled_action_syncs_every_coop(self):
        cron = self.env.ref("passkoop_membership.ir_cron_passkoop_sync_directories")
        self.assertTrue(cron.active)
        coop = self.hendaya()
        self.serve(
            "/hendaya.jws",
            entry(
                kid="K2", revoked=["000045", "000123"], issued_at="2026-11-30T08:00:00Z"
            ),
        )
        cron.method_direct_trigger()
        self.assertEqual(coop.revoked_count, 2)
