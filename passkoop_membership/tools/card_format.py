# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The open Pass'Koop card and directory formats (shared/docs/card-format.md).

Pure functions, no Odoo: what any coop's software must do to read and write
cards and directory entries. Keys are 32-byte Ed25519 seeds and public keys.
"""

import base64
import binascii
import datetime
import hashlib
import json
import re
from collections import namedtuple

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

PREFIX = "PK1"
CODE_RE = re.compile(r"[A-Z0-9]{2,16}")
KID_RE = re.compile(r"[A-Z0-9]{1,8}")
SERIAL_RE = re.compile(r"[A-Z0-9]{1,16}")
MEMBER_RE = re.compile(r"[A-Z0-9-]{1,32}")
_UNTIL_RE = re.compile(r"[0-9]{8}")
_SIG_RE = re.compile(r"[A-Z2-7]{103}")
ENTRY_FORMAT = "passkoop-directory/1"
ENTRY_TYPE = "passkoop-directory+jws"

Card = namedtuple("Card", "issuer kid serial member until signed signature")

# The verifier's answers by reason_code (card-format.md, "Checking a card"), with
# their labels (passkoop_pos: the server's check of a card scanned at the till).
CARD_CHECKS = [
    ("ok", "Valid"),
    ("malformed", "Not a Pass'Koop card"),
    ("unknown_issuer", "Unknown coop"),
    ("unknown_key", "Unknown key"),
    ("bad_signature", "Wrong signature"),
    ("expired", "Expired"),
    ("revoked", "Revoked"),
]


# ------------------------------------------------------------------ encodings


def b32encode(data):
    """RFC 4648 base32, upper case, without padding."""
    return base64.b32encode(data).decode("ascii").rstrip("=")


def b32decode(text):
    """The reverse of b32encode; ValueError on anything else."""
    if not isinstance(text, str) or not re.fullmatch(r"[A-Z2-7]*", text):
        raise ValueError("not base32")
    try:
        return base64.b32decode(text + "=" * (-len(text) % 8))
    except binascii.Error as error:
        raise ValueError("not base32") from error


def b64url_encode(data):
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def b64url_decode(text):
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise ValueError("not base64url")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except binascii.Error as error:
        raise ValueError("not base64url") from error


# ----------------------------------------------------------------------- keys


def generate_seed():
    """A new private key: 32 random bytes."""
    return Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption()
    )


def public_key(seed):
    """The 32-byte public key of a seed."""
    return (
        Ed25519PrivateKey.from_private_bytes(seed)
        .public_key()
        .public_bytes(Encoding.Raw, PublicFormat.Raw)
    )


def sign(seed, message):
    return Ed25519PrivateKey.from_private_bytes(seed).sign(message)


def verify(public, message, signature):
    """Whether signature is public's Ed25519 signature of message."""
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public):
    """What two coops read to each other to compare a key: 8 groups of 4 hex digits."""
    digest = hashlib.sha256(public).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, 32, 4))


def valid_on(key, day):
    """Whether a key (anything with valid_from and valid_until) is valid on day."""
    valid_from, valid_until = key["valid_from"], key["valid_until"]
    return (not valid_from or valid_from <= day) and (
        not valid_until or day <= valid_until
    )


# ---------------------------------------------------------------------- cards


def card_token(seed, issuer, kid, serial, member, until):
    """The signed token of a card valid until ``until`` (a date)."""
    signed = f"{PREFIX}:{issuer}:{kid}:{serial}:{member}:{until:%Y%m%d}:"
    card = parse_card(signed + "A" * 103)
    if not card:
        raise ValueError(f"a field of {signed!r} is outside its characters")
    return signed + b32encode(sign(seed, signed.encode("ascii")))


def parse_card(token):
    """The fields of a well-formed token, or None (the verifier's ``malformed``)."""
    if not isinstance(token, str):
        return None
    fields = token.split(":")
    if len(fields) != 7 or fields[0] != PREFIX:
        return None
    _prefix, issuer, kid, serial, member, until, signature = fields
    patterns = (CODE_RE, KID_RE, SERIAL_RE, MEMBER_RE, _UNTIL_RE, _SIG_RE)
    values = (issuer, kid, serial, member, until, signature)
    if not all(p.fullmatch(v) for p, v in zip(patterns, values, strict=True)):
        return None
    try:
        until = datetime.datetime.strptime(until, "%Y%m%d").date()
        signature = b32decode(signature)
    except ValueError:
        return None
    if len(signature) != 64:
        return None
    signed = token[: token.rindex(":") + 1].encode("ascii")
    return Card(issuer, kid, serial, member, until, signed, signature)


# ---------------------------------------------------------- directory entries


def entry_document(seed, kid, payload):
    """The JWS compact serialization of a directory entry signed with ``kid``."""
    header = {"alg": "EdDSA", "kid": kid, "typ": ENTRY_TYPE}
    signing_input = ".".join(
        b64url_encode(json.dumps(part, separators=(",", ":")).encode())
        for part in (header, payload)
    )
    return f"{signing_input}.{b64url_encode(sign(seed, signing_input.encode()))}"


def read_document(document):
    """(header, payload, signing input, signature) of a JWS; ValueError if it is none.

    Only the shape is checked here: which key must have signed it is the
    reader's trust decision.
    """
    if isinstance(document, bytes):
        document = document.decode("utf-8")
    if not isinstance(document, str):
        raise ValueError("not text")
    parts = document.strip().split(".")
    if len(parts) != 3:
        raise ValueError("not a JWS compact serialization")
    try:
        header = json.loads(b64url_decode(parts[0]))
        payload = json.loads(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError("not a JWS compact serialization") from error
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise ValueError("not a JWS compact serialization")
    if header.get("alg") != "EdDSA" or not isinstance(header.get("kid"), str):
        raise ValueError("not signed with EdDSA")
    return header, payload, f"{parts[0]}.{parts[1]}".encode("ascii"), signature
