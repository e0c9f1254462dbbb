# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shared directory entry cases (static/tests/entry_vectors.json), written
from the card vectors' keys: every reader of entries (the server, the till, the
phone checker) must give each case's outcome. TestEntryVectors checks that the
file is what ``build()`` writes. To write it again, in the addon's tests folder,
with Python and ``cryptography`` (card_format is loaded from its file, no Odoo):
``python -c "import entry_vectors; entry_vectors.write()"``."""

import copy
import importlib.util
import json
from pathlib import Path

ADDON = Path(__file__).resolve().parent.parent
FILE = ADDON / "static" / "tests" / "entry_vectors.json"


def _card_format():
    path = ADDON / "tools" / "card_format.py"
    spec = importlib.util.spec_from_file_location("passkoop_card_format", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build():
    """The cases, in the order of the file."""
    card_format = _card_format()
    vectors = json.loads((ADDON / "static/tests/card_vectors.json").read_text())
    seeds = {kid: bytes.fromhex(k["seed_hex"]) for kid, k in vectors["keys"].items()}
    stranger = bytes(range(32))
    stranger_key = card_format.b32encode(card_format.public_key(stranger))
    held = vectors["directory"]["entry"]  # issued 2026-11-29T10:00:00Z
    short_key = card_format.b32encode(bytes(range(1, 32)))  # 31 bytes

    def signed(kid="K1", seed=None, header=None, **changes):
        payload = {**copy.deepcopy(held), **changes}
        seed = seed or seeds[kid]
        if header is None:
            return card_format.entry_document(seed, kid, payload)
        signing_input = ".".join(
            card_format.b64url_encode(json.dumps(part, separators=(",", ":")).encode())
            for part in (header, payload)
        )
        signature = card_format.sign(seed, signing_input.encode())
        return f"{signing_input}.{card_format.b64url_encode(signature)}"

    def by_stranger(kid, issued_at):
        """The coop's entry, its only key one nobody trusts, named ``kid``."""
        key = {"kid": kid, "public_key": stranger_key}
        return signed(kid, seed=stranger, issued_at=issued_at, keys=[key])

    def keys(*changes):
        """The held entry's keys, K1 changed by the first dict, then others."""
        first, *others = changes or ({},)
        return [{**held["keys"][0], **first}, held["keys"][1], *others]

    valid = vectors["directory"]["jws"]
    head, payload, signature = valid.split(".")
    forged = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    typ = "passkoop-directory+jws"
    cases = [
        ("valid entry", False, valid, "applied"),
        ("bad signature", False, f"{head}.{payload}.{forged}", "invalid"),
        (
            "signer key not valid yet on issued_at",
            False,
            signed("K2", issued_at="2026-05-01T10:00:00Z"),
            "invalid",
        ),
        (
            "signer key no longer valid on issued_at",
            False,
            signed(keys=keys({"valid_until": "2026-11-28"})),
            "invalid",
        ),
        (
            "a key of the wrong length",
            False,
            signed(keys=keys({}, {"kid": "K3", "public_key": short_key})),
            "invalid",
        ),
        (
            "wrong format version",
            False,
            signed(format="passkoop-directory/2"),
            "invalid",
        ),
        (
            "signed with a key it does not list",
            False,
            signed("K9", seed=stranger),
            "invalid",
        ),
        (
            "wrong type",
            False,
            signed(header={"alg": "EdDSA", "kid": "K1", "typ": "JWT"}),
            "invalid",
        ),
        (
            "not signed with EdDSA",
            False,
            signed(header={"alg": "ES256", "kid": "K1", "typ": typ}),
            "invalid",
        ),
        ("not a JWS", False, "Bonjour HendayaKoop", "invalid"),
        ("code not valid", False, signed(code="hendayakoop"), "invalid"),
        ("no name", False, signed(name=" "), "invalid"),
        (
            "issued_at not a UTC time",
            False,
            signed(issued_at="2026-11-29 10:00"),
            "invalid",
        ),
        ("revoked list not a list", False, signed(revoked="000045"), "invalid"),
        (
            "a key date not YYYY-MM-DD",
            False,
            signed(keys=keys({"valid_from": "01/01/2026"})),
            "invalid",
        ),
        (
            "two keys with the same key id",
            False,
            signed(keys=keys({}, {**held["keys"][1], "kid": "K1"})),
            "invalid",
        ),
        (
            "members it does not know are ignored",
            False,
            signed(opening_hours="Mo-Sa 09:00-19:00", place={"lat": 43.37}),
            "applied",
        ),
        (
            "newer, signed by a trusted key",
            True,
            signed(
                "K2", issued_at="2026-11-30T08:00:00Z", revoked=["000045", "000123"]
            ),
            "applied",
        ),
        ("the same entry again", True, valid, "applied"),
        ("older", True, signed(issued_at="2026-11-01T00:00:00Z"), "stale"),
        (
            "newer, signed by a key not trusted",
            True,
            by_stranger("K9", "2026-11-30T08:00:00Z"),
            "pending",
        ),
        (
            "older, signed by a key not trusted",
            True,
            by_stranger("K9", "2026-11-01T00:00:00Z"),
            "pending",
        ),
        (
            "a trusted key id with another public key",
            True,
            by_stranger("K1", "2026-11-30T08:00:00Z"),
            "pending",
        ),
        (
            "signed by a trusted key past the validity held for it",
            True,
            signed(issued_at="2029-01-02T00:00:00Z", keys=keys({"valid_until": None})),
            "pending",
        ),
    ]
    return {
        "_comment": (
            "Directory entries (card-format.md) and what every reader makes of "
            "them: the server (passkoop.coop.passkoop_import_directory), the till "
            "and the phone checker (static/src/card/passkoop_directory.js). held: "
            "the coop's entry of card_vectors.json was read before (its keys "
            "trusted). outcome: invalid (not an entry), applied, pending (waits "
            "for an administrator: not signed by a key held as trusted and valid "
            "on issued_at) or stale (older than the one held). Keys are the card "
            "vectors': never use them for real. Written by tests/entry_vectors.py."
        ),
        "entries": [
            {"name": name, "held": held_first, "document": document, "outcome": outcome}
            for name, held_first, document, outcome in cases
        ],
    }


def write():
    FILE.write_text(json.dumps(build(), indent=4, ensure_ascii=False) + "\n")
