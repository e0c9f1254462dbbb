# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Reading a partner coop's directory entry (card-format.md, "The directory
entry"): the signed document, its payload checked field by field in the user's
words. No Odoo in it: the caller passes its translation function, decides
whether to trust the entry, and says an InvalidEntry as its users see errors."""

import re
from datetime import datetime

from . import card_format

MAX_DOCUMENT = 2_000_000  # characters: 340 coops' worth of revoked cards fit easily


class InvalidEntry(Exception):
    """The document is not a valid directory entry; the message says why."""


def read_entry(document, translate):
    """The entry's values and the key that signed it; InvalidEntry if the
    document is not a well-formed entry that its own key signed.
    ``translate``: the caller's translation function (Odoo's ``env._``)."""
    reader = EntryReader(translate)
    _ = translate
    if isinstance(document, str | bytes) and len(document) > MAX_DOCUMENT:
        raise reader.invalid(_("the file is too large."))
    try:
        header, payload, signing_input, signature = card_format.read_document(document)
    except (ValueError, UnicodeDecodeError) as error:
        raise reader.invalid(_("it is not a signed JWS document.")) from error
    if header.get("typ") not in (None, card_format.ENTRY_TYPE):
        raise reader.invalid(_("its type is %(typ)s.", typ=header.get("typ")))
    if payload.get("format") != card_format.ENTRY_FORMAT:
        raise reader.invalid(_("its format is not %(f)s.", f=card_format.ENTRY_FORMAT))
    entry = reader.entry(payload)
    signer = next((k for k in entry["keys"] if k["kid"] == header["kid"]), None)
    if signer is None:
        raise reader.invalid(_("it is signed with a key it does not list."))
    if not card_format.valid_on(
        signer, entry["issued_at"].date()
    ) or not card_format.verify(
        card_format.b32decode(signer["public_key"]), signing_input, signature
    ):
        raise reader.invalid(_("its signature does not verify."))
    return entry, signer


class EntryReader:
    """Checks a directory entry's payload field by field, in the user's words."""

    def __init__(self, translate):
        self._ = translate

    def invalid(self, detail):
        return InvalidEntry(
            self._(
                "This is not a valid Pass'Koop directory entry: %(detail)s",
                detail=detail,
            )
        )

    def entry(self, payload):
        _ = self._
        code = self.text(payload, "code", required=True, size=16)
        if not card_format.CODE_RE.fullmatch(code):
            raise self.invalid(_("the code %(code)s is not valid.", code=code))
        try:
            issued_at = datetime.strptime(
                self.text(payload, "issued_at", required=True), "%Y-%m-%dT%H:%M:%SZ"
            )
        except ValueError as error:
            raise self.invalid(_("issued_at is not a UTC time.")) from error
        revoked = payload.get("revoked", [])
        if not isinstance(revoked, list) or not all(
            isinstance(serial, str) and card_format.SERIAL_RE.fullmatch(serial)
            for serial in revoked
        ):
            raise self.invalid(_("its list of revoked cards is wrong."))
        welcome = payload.get("welcome")
        summary = welcome.get("summary") if isinstance(welcome, dict) else None
        return {
            "code": code,
            "name": self.text(payload, "name", required=True),
            "city": self.text(payload, "city"),
            "country": self.text(payload, "country", size=2).upper(),
            "email": self.text(payload, "email"),
            "website": self.web_page(payload, "website"),
            "url": self.text(payload, "url", size=2048),
            "keys": self.keys(payload.get("keys")),
            "revoked": sorted(set(revoked)),
            "welcome": summary[:512] if isinstance(summary, str) else "",
            "issued_at": issued_at,
        }

    def text(self, payload, name, required=False, size=256):
        value = payload.get(name)
        if value is None and not required:
            return ""
        if (
            not isinstance(value, str)
            or len(value) > size
            or (required and not value.strip())
        ):
            raise self.invalid(
                self._("the field %(field)s is missing or wrong.", field=name)
            )
        return value.strip()

    def web_page(self, payload, name):
        """An address shown as a link on our pages and in our emails: http(s)
        only. Another ("javascript:…" would run on our Odoo's address) is left
        out, the entry kept."""
        value = self.text(payload, name)
        return value if re.match(r"https?://", value, re.IGNORECASE) else ""

    def day(self, value, field):
        if value is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError(value)
            return datetime.strptime(value, "%Y-%m-%d").date()
        except (TypeError, ValueError) as error:
            raise self.invalid(
                self._("%(field)s is not a date (YYYY-MM-DD).", field=field)
            ) from error

    def keys(self, keys):
        _ = self._
        if not isinstance(keys, list) or not keys or len(keys) > 100:
            raise self.invalid(_("it lists no keys."))
        entry_keys = []
        for key in keys:
            if not isinstance(key, dict) or not card_format.KID_RE.fullmatch(
                str(key.get("kid"))
            ):
                raise self.invalid(_("a key has no valid key id."))
            try:
                raw = card_format.b32decode(key.get("public_key"))
            except ValueError:
                raw = b""
            if len(raw) != 32:
                raise self.invalid(
                    _("the key %(kid)s is not a 32-byte Ed25519 key.", kid=key["kid"])
                )
            entry_keys.append(
                {
                    "kid": key["kid"],
                    "public_key": key["public_key"],
                    "valid_from": self.day(key.get("valid_from"), "valid_from"),
                    "valid_until": self.day(key.get("valid_until"), "valid_until"),
                }
            )
        if len({key["kid"] for key in entry_keys}) != len(entry_keys):
            raise self.invalid(_("two keys have the same key id."))
        return entry_keys
