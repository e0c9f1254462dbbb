"""Two coops, no centre: one Odoo on loopback serves coop A's and coop B's databases.

A publishes its directory entry, B adds A from its URL over HTTP, A issues a card
that B accepts (its server, its phone checker and its till, offline), A revokes it
and B's next sync refuses it (the same three); A's old entry replayed is ignored;
an entry re-signed by a key nobody trusts waits for B's administrator.
The host name picks the database: http://localhost:PORT is A, http://127.0.0.1:PORT
is B (Odoo's --db-filter with %d, the first label of the host name).
"""

import importlib.util
import itertools
import json
import os
import subprocess
import time
from datetime import date
from unittest import mock

import pytest
import requests
import websocket

from setup.odoo_runner import (
    PROJECT,
    addons_template_db,
    create_db,
    drop_db,
    free_port,
    odoo_command,
    odoo_test_results,
    run_odoo,
    unique_db,
)

spec = importlib.util.spec_from_file_location(
    "card_format", PROJECT / "passkoop_membership" / "tools" / "card_format.py"
)
card_format = importlib.util.module_from_spec(spec)
spec.loader.exec_module(card_format)


class Coop:
    """A coop's database, reached over HTTP as its administrator."""

    def __init__(self, db, base_url):
        self.db, self.base_url = db, base_url

    def __call__(self, model, method, *args, **kwargs):
        response = requests.post(
            f"{self.base_url}/jsonrpc",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "service": "object",
                    "method": "execute_kw",
                    "args": [self.db, 2, "admin", model, method, list(args), kwargs],
                },
            },
            timeout=60,
        ).json()
        if "error" in response:
            raise RuntimeError(response["error"]["data"]["message"])
        return response["result"]

    def verify(self, token):
        return self("res.partner", "passkoop_verify_card", token)["reason_code"]


class Phone:
    """Coop B's card checker in headless Chromium: the till's verifier with B's
    entries, driven through the DevTools protocol, network cut on demand."""

    def __init__(self, tmp_path):
        port = free_port()
        self.process = subprocess.Popen(
            [
                "chromium",
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                f"--remote-debugging-port={port}",
                f"--user-data-dir={tmp_path}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        pages = wait_for(f"http://127.0.0.1:{port}/json", self.process).json()
        page = next(page for page in pages if page["type"] == "page")
        self.socket = websocket.create_connection(page["webSocketDebuggerUrl"])
        self.ids = itertools.count(1)
        self.send("Network.enable")

    def send(self, method, **params):
        request_id = next(self.ids)
        self.socket.send(
            json.dumps({"id": request_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == request_id:
                assert "error" not in message, message
                return message["result"]

    def evaluate(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        return result["result"].get("value")

    def open(self, url, offline=False):
        self.send(
            "Network.emulateNetworkConditions",
            offline=offline,
            latency=0,
            downloadThroughput=-1,
            uploadThroughput=-1,
        )
        ready = (
            "(() => { try { return window.passkoopChecker.ready"
            " && !!navigator.serviceWorker.controller; } catch { return false; } })()"
        )
        for _attempt in range(2):  # a cold browser may miss its first service worker
            self.send("Page.navigate", url=url)
            for _i in range(80):
                if self.evaluate(
                    f"(() => {{ try {{ return {ready}; }} catch {{}} }})()"
                ):
                    return
                time.sleep(0.25)
        page = self.evaluate(
            "import('/passkoop_membership/static/src/checker/checker.js')"
            ".then(() => 'imported', (error) => String(error))"
        )
        raise AssertionError(f"{url} did not load: {page}")

    def check(self, token):
        token = json.dumps(token)
        return self.evaluate(
            f"window.passkoopChecker.check({token}).then(result => result.reason_code)"
        )

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=10)


def till_of_b(coop_b, entry_url, token, expect):
    """B's till scans A's card offline: passkoop_pos's TestNetworkTill, run by
    odoo-bin in B's database (rolled back) while the server serves it; its coop
    syncs A's entry from ``entry_url`` first. ``expect``: accepted or refused."""
    network = {"URL": entry_url, "CARD": token, "EXPECT": expect}
    with mock.patch.dict(
        os.environ, {f"PASSKOOP_NETWORK_{k}": v for k, v in network.items()}
    ):
        rc, lines = run_odoo(
            coop_b.db,
            "--test-tags=passkoop_network/passkoop_pos:TestNetworkTill",
            "--stop-after-init",
            "--log-level=test",
            log_name=f"network-till-{expect}",
        )
    failed, errors, ran = odoo_test_results(lines)
    assert (rc, failed, errors, ran) == (0, 0, 0, 1), "\n".join(lines[-60:])


def wait_for(url, process, seconds=120):
    """The first answer of a server we started; a busy machine may take a while."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return requests.get(url, timeout=10)
        except requests.RequestException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.5)


@pytest.fixture
def phone(tmp_path):
    phone = Phone(tmp_path)
    yield phone
    phone.close()


@pytest.fixture(scope="module")
def coops():
    prefix = unique_db("passkoop_net") + "_"
    a, b = f"{prefix}localhost", f"{prefix}127"
    try:
        create_db(a, template=addons_template_db())
        create_db(b, template=a)  # the same install, for the second coop
        command = odoo_command(f"{a},{b}", f"--db-filter=^{prefix}%d$")
        port = next(arg for arg in command if arg.startswith("--http-port="))[12:]
        with subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        ) as server:
            try:
                wait_for(f"http://127.0.0.1:{port}/web/health", server)
                yield (
                    Coop(a, f"http://localhost:{port}"),
                    Coop(b, f"http://127.0.0.1:{port}"),
                )
            finally:
                server.terminate()
    finally:
        drop_db(a)
        drop_db(b)


def test_two_coops_trust_each_other_with_no_centre(coops, phone):
    coop_a, coop_b = coops
    coop_a("res.company", "write", [1], {"passkoop_code": "COOPA", "name": "Coop A"})
    coop_b("res.company", "write", [1], {"passkoop_code": "COOPB", "name": "Coop B"})
    checker = f"{coop_b.base_url}/passkoop/check"
    url = f"{coop_a.base_url}/passkoop/directory.jws"
    first_entry = requests.get(url, timeout=30)
    assert first_entry.headers["Content-Type"] == "application/jose"

    # B adds A in one step, from A's URL, over HTTP.
    wizard = coop_b("passkoop.directory.import", "create", {"url": url})
    coop_b("passkoop.directory.import", "action_preview", [wizard])
    [preview] = coop_b(
        "passkoop.directory.import", "read", [wizard], ["code", "keys_text"]
    )
    assert preview["code"] == "COOPA"
    partner_coop = coop_b("passkoop.directory.import", "action_import", [wizard])[
        "res_id"
    ]
    coop_b("passkoop.coop", "write", [partner_coop], {"agreement_state": "active"})

    # A issues a card to Lucie; B's check accepts it.
    lucie = coop_a("res.partner", "create", {"name": "Lucie", "ref": "A-7"})
    coop_a("res.partner", "passkoop_issue_card", [lucie])
    [card] = coop_a(
        "passkoop.card", "search_read", [("partner_id", "=", lucie)], ["token"]
    )
    assert coop_b.verify(card["token"]) == "ok"
    # B's card checker (the till's verifier, with B's entries), network cut.
    phone.open(checker)
    phone.open(checker, offline=True)
    assert phone.check(card["token"]) == "ok"
    till_of_b(coop_b, url, card["token"], "accepted")

    # A revokes it; B syncs A's URL and refuses it.
    coop_a("passkoop.card", "action_revoke", [card["id"]])
    coop_b("passkoop.coop", "action_sync_directory", [partner_coop])
    assert coop_b.verify(card["token"]) == "revoked"
    [synced] = coop_b(
        "passkoop.coop",
        "read",
        [partner_coop],
        ["directory_sync_error", "directory_synced_at", "directory_url"],
    )
    assert synced["directory_sync_error"] is False and synced["directory_synced_at"]
    assert synced["directory_url"] == url
    phone.open(checker)
    phone.open(checker, offline=True)
    assert phone.check(card["token"]) == "revoked"
    till_of_b(coop_b, url, card["token"], "refused")

    # A's old entry, replayed, changes nothing.
    coop_b("passkoop.coop", "passkoop_import_directory", first_entry.text)
    assert coop_b.verify(card["token"]) == "revoked"

    # An entry for COOPA signed by a key nobody trusts waits for B's administrator.
    seed = bytes(range(32))
    _header, payload, _input, _sig = card_format.read_document(requests.get(url).text)
    payload["keys"] = [
        {
            "kid": "K9",
            "public_key": card_format.b32encode(card_format.public_key(seed)),
            "valid_from": None,
            "valid_until": None,
        }
    ]
    payload["revoked"] = []
    payload["issued_at"] = "2099-01-01T00:00:00Z"
    forged_card = card_format.card_token(
        seed, "COOPA", "K9", "999999", "A-7", date(2099, 1, 1)
    )
    coop_b(
        "passkoop.coop",
        "passkoop_import_directory",
        card_format.entry_document(seed, "K9", payload),
    )
    [held] = coop_b("passkoop.coop", "read", [partner_coop], ["has_pending_entry"])
    assert held["has_pending_entry"]
    assert coop_b.verify(forged_card) == "unknown_key"
    assert coop_b.verify(card["token"]) == "revoked"
