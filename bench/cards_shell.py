"""Inside `odoo-bin shell` (see bench_cards.py): what Pass'Koop cards cost.

Issues and verifies 1,000 cards (against raw Ed25519 verification, measured here),
imports 340 partner coops' entries (2 keys and 1,000 revoked cards each, the size of
the French network), syncs them from URLs served on loopback, and opens a till with
and without those coops' keys, the revoked lists sent packed (as now) and as text
(as before), and refreshes it.
Prints one JSON line.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from unittest.mock import patch

from odoo.addons.passkoop_membership.tools import card_format

CARDS = 1000
COOPS = 340
REVOKED = 1000

env = env(user=env.ref("base.user_admin").id)  # noqa: F821 - given by odoo-bin shell
company = env.company
company.passkoop_code = "BENCHCOOP"
result = {}


def timed(func):
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start, env.cr.sql_log_count - queries


# Issuing, in batch from the members list.
members = env["res.partner"].create([{"name": f"Member {n}"} for n in range(CARDS)])
env.cr.flush()
_value, seconds, queries = timed(lambda: members.action_passkoop_issue_cards())
result["issue"] = {"seconds": seconds, "queries": queries}

# Verifying: this company's cards, as a partner coop (a second company) does.
cards = env["passkoop.card"].search([("company_id", "=", company.id)])
host = env["res.company"].create({"name": "Host coop"})
env.user.company_ids |= host
host_env = env(context={"allowed_company_ids": [host.id]})
host_env["passkoop.coop"].passkoop_import_directory(company.passkoop_export_directory())
Partner = host_env["res.partner"]
tokens = cards.mapped("token")
env.invalidate_all()
answers, seconds, queries = timed(
    lambda: [Partner.passkoop_verify_card(t) for t in tokens]
)
assert all(answer["valid"] for answer in answers)
key = card_format.b32decode(company.passkoop_signing_key_ids.public_key)
parsed = [card_format.parse_card(token) for token in tokens]
_v, raw_seconds, _q = timed(
    lambda: [card_format.verify(key, card.signed, card.signature) for card in parsed]
)
result["verify"] = {
    "seconds": seconds,
    "queries": queries,
    "raw_seconds": raw_seconds,
}

# Importing the French network's entries.
documents = []
for n in range(COOPS):
    seeds = [bytes([n % 256, n // 256, k]) * 10 + b"\x00\x00" for k in (1, 2)]
    payload = {
        "format": card_format.ENTRY_FORMAT,
        "code": f"COOP{n:04d}",
        "name": f"Coop {n}",
        "city": "Somewhere",
        "country": "FR",
        "keys": [
            {
                "kid": f"K{k + 1}",
                "public_key": card_format.b32encode(card_format.public_key(seed)),
                "valid_from": "2026-01-01",
                "valid_until": None,
            }
            for k, seed in enumerate(seeds)
        ],
        "revoked": [f"{s:06d}" for s in range(REVOKED)],
        "welcome": {"summary": "Members of partner coops shop on member terms."},
        "issued_at": "2026-11-29T10:00:00Z",
    }
    documents.append(card_format.entry_document(seeds[0], "K1", payload))
Coop = env["passkoop.coop"]
_v, seconds, queries = timed(
    lambda: [Coop.passkoop_import_directory(d) for d in documents]
)
result["import"] = {
    "seconds": seconds,
    "queries": queries,
    "bytes": sum(map(len, documents)) // COOPS,
}
Coop.search([("code", "=like", "COOP%")]).agreement_state = "active"

# Syncing them from their URLs: each coop's next entry, served on loopback.
newer = {}
for n, document in enumerate(documents):
    _h, payload, _i, _s = card_format.read_document(document)
    payload["revoked"].append("999999")
    payload["issued_at"] = "2026-11-30T10:00:00Z"
    newer[f"/coop{n}.jws"] = card_format.entry_document(
        bytes([n % 256, n // 256, 1]) * 10 + b"\x00\x00", "K1", payload
    ).encode()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/jose")
        self.end_headers()
        self.wfile.write(newer[self.path])

    def log_message(self, *args):
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
for n, coop in enumerate(Coop.search([("code", "=like", "COOP%")], order="code")):
    coop.directory_url = f"http://127.0.0.1:{server.server_address[1]}/coop{n}.jws"
env.invalidate_all()
_v, seconds, queries = timed(lambda: Coop._passkoop_sync_all())
server.shutdown()
synced = Coop.search_count(
    [("code", "=like", "COOP%"), ("revoked_serials", "like", "999999")]
)
assert synced == COOPS, synced
result["sync"] = {"seconds": seconds, "queries": queries}

# Opening a till with those coops' keys and revoked cards, and without.
config = env["pos.config"].create({"name": "Bench till"})
session = env["pos.session"].create({"config_id": config.id, "user_id": env.uid})
session.set_opening_control(0, "")
session.load_data([])  # warm-up


def opening():
    best = None
    for _i in range(3):
        env.invalidate_all()
        data, seconds, queries = timed(lambda: session.load_data([]))
        size = len(json.dumps(data, default=str))
        best = min(best or (seconds, queries, size), (seconds, queries, size))
    return dict(zip(("seconds", "queries", "bytes"), best, strict=True))


def refreshes():
    """Bytes of a till's refresh: nothing changed, and after one revocation
    (the till then receives every partner's list again)."""
    config.invalidate_recordset(["passkoop_directory_version"])
    version = config.passkoop_directory_version
    quiet = session.passkoop_refresh_directory(version)
    changed = session.passkoop_refresh_directory("an older version")
    return {
        "unchanged": len(json.dumps(quiet, default=str)),
        "changed": len(json.dumps(changed, default=str)),
    }


# Before: the lists as text (the field the till loaded until issue 25, item 2).
fields_sent = Coop._load_pos_data_fields(config.id)
as_text = [name.replace("revoked_packed", "revoked_serials") for name in fields_sent]
with patch.object(type(Coop), "_load_pos_data_fields", lambda self, c: as_text):
    result["opening_text"] = opening()
    result["refresh_text"] = refreshes()
result["opening_with"] = opening()
result["refresh"] = refreshes()
env.cr.execute("UPDATE passkoop_coop SET active = false WHERE code LIKE 'COOP%%'")
env.invalidate_all()
result["opening_without"] = opening()
print("BENCH " + json.dumps(result))
env.cr.rollback()
