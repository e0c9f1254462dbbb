# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Partner coops' directory entries: importing them with the trust rules of
card-format.md, and checking their members' cards."""

import logging
import threading
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import card_format, directory_entry, fetch

_logger = logging.getLogger(__name__)


class PasskoopCoop(models.Model):
    _inherit = "passkoop.coop"

    key_ids = fields.One2many("passkoop.coop.key", "coop_id", string="Keys")
    revoked_serials = fields.Text(
        string="Revoked card serials",
        readonly=True,
        help="The card serials this coop withdrew, one per line.",
    )
    revoked_count = fields.Integer(
        string="Revoked cards", compute="_compute_revoked_count"
    )
    directory_issued_at = fields.Datetime(
        string="Entry issued on",
        readonly=True,
        copy=False,
        help="When the coop signed the directory entry held here.",
    )
    directory_url = fields.Char(
        string="Directory entry URL",
        help="Where the coop publishes its entry; fetched every few hours.",
    )
    directory_synced_at = fields.Datetime(
        string="Last sync", readonly=True, copy=False, help="Last successful fetch."
    )
    directory_sync_error = fields.Char(
        string="Last sync error", readonly=True, copy=False
    )
    welcome_summary = fields.Char(
        string="How they welcome visitors", readonly=True, copy=False
    )
    directory_pending = fields.Text(
        string="Entry waiting for confirmation",
        readonly=True,
        copy=False,
        groups="passkoop_membership.group_passkoop_manager",
    )
    has_pending_entry = fields.Boolean(
        string="Key change to confirm", compute="_compute_has_pending_entry"
    )

    @api.depends("revoked_serials")
    def _compute_revoked_count(self):
        for coop in self:
            coop.revoked_count = len((coop.revoked_serials or "").split())

    @api.depends("key_ids.state")
    def _compute_has_pending_entry(self):
        for coop in self:
            coop.has_pending_entry = "pending" in coop.key_ids.mapped("state")

    # ------------------------------------------------------------ importing

    @api.model
    def passkoop_import_directory(self, document):
        """Create or update the current company's coop from a directory entry.

        The first import trusts the entry's keys; later ones apply only when
        signed by a key already trusted, else they wait for an administrator
        (``action_confirm_directory``); an older entry never replaces a newer.
        """
        return self._passkoop_import(document)[0]

    @api.model
    def _passkoop_import(self, document, code=None):
        """passkoop_import_directory(), telling what became of the entry:
        (coop, "applied" | "pending" | "stale"). ``code``: the coop expected."""
        entry, signer = self._passkoop_read_entry(document)
        self._passkoop_refuse_our_entry(entry)
        if code and entry["code"] != code:
            raise UserError(
                self.env._(
                    "The entry at this address is the one of %(other)s, not of "
                    "%(code)s.",
                    other=entry["code"],
                    code=code,
                )
            )
        coop = self.with_context(active_test=False).search(
            [("code", "=", entry["code"]), ("company_id", "=", self.env.company.id)],
            limit=1,
        )
        trusted = coop.key_ids.filtered(lambda k: k.state == "trusted")
        if not coop:
            coop = self.create(
                {
                    "name": entry["name"],
                    "code": entry["code"],
                    "company_id": self.env.company.id,
                }
            )
        elif trusted and not trusted.filtered(
            lambda k: k.kid == signer["kid"]
            and k.public_key == signer["public_key"]
            and card_format.valid_on(k, entry["issued_at"].date())
        ):
            coop._passkoop_hold_entry(document, entry)
            return coop, "pending"
        applied = coop._passkoop_apply_entry(document, entry)
        return coop, "applied" if applied else "stale"

    @api.model
    def _passkoop_refuse_our_entry(self, entry):
        """Our own coop is no partner of ours (card-format.md): its entry, with
        the code of the current company, is refused in words."""
        if entry["code"] == self.env.company.passkoop_code:
            raise UserError(
                self.env._(
                    "This is the directory entry of our own coop (%(code)s): only "
                    "partner coops' entries are imported. Our members are members "
                    "here, not visitors.",
                    code=entry["code"],
                )
            )

    def _passkoop_apply_entry(self, document, entry):
        """Apply a trusted entry; False if it is older than the one held."""
        self.ensure_one()
        if self.directory_issued_at and entry["issued_at"] < self.directory_issued_at:
            return False
        country = self.env["res.country"].search(
            [("code", "=", entry["country"])], limit=1
        )
        keys = [
            (key["kid"], key["public_key"], key["valid_from"], key["valid_until"])
            for key in entry["keys"]
        ]
        held = [
            (key.kid, key.public_key, key.valid_from or None, key.valid_until or None)
            for key in self.key_ids.filtered(lambda k: k.state == "trusted")
        ]
        # The same entry synced again every 6 hours: its keys stay as they are
        # (the till's and the phone's copies with them).
        same_keys = sorted(keys) == sorted(held) and len(held) == len(self.key_ids)
        self.write(
            {
                "name": entry["name"],
                "city": entry["city"] or self.city,
                "country_id": country.id or self.country_id.id,
                "email": entry["email"] or self.email,
                "website": entry["website"] or self.website,
                "directory_url": self.directory_url or entry["url"],
                "revoked_serials": "\n".join(entry["revoked"]),
                "directory_issued_at": entry["issued_at"],
                "welcome_summary": entry["welcome"],
            }
        )
        if not same_keys:
            self.key_ids = [fields.Command.clear()] + [
                fields.Command.create({**key, "state": "trusted"})
                for key in entry["keys"]
            ]
        self.sudo().directory_pending = False
        return True

    def _passkoop_hold_entry(self, document, entry):
        """An entry not signed by a key trusted for this coop: its new keys are
        shown with their fingerprints, and nothing applies before an
        administrator confirms it."""
        self.ensure_one()
        if self.sudo().directory_pending == document:
            return  # already waiting, and said
        trusted = {(k.kid, k.public_key) for k in self.key_ids if k.state == "trusted"}
        pending = self.key_ids.filtered(lambda k: k.state == "pending")
        self.write(
            {
                "key_ids": [fields.Command.unlink(key.id) for key in pending]
                + [
                    fields.Command.create({**key, "state": "pending"})
                    for key in entry["keys"]
                    if (key["kid"], key["public_key"]) not in trusted
                ]
            }
        )
        self.sudo().directory_pending = document
        self.message_post(
            body=self.env._(
                "New directory entry signed by a key you do not trust yet: compare "
                "the new keys' fingerprints with what %(coop)s tells you by another "
                "channel, then confirm it.",
                coop=self.name,
            )
        )

    def action_confirm_directory(self):
        """The administrator trusts the entry that waits (the coop's new keys)."""
        for coop in self.filtered("has_pending_entry"):
            document = coop.sudo().directory_pending
            entry, _signer = coop._passkoop_read_entry(document)
            coop._passkoop_apply_entry(document, entry)
            coop.key_ids.filtered(lambda k: k.state == "pending").unlink()
            coop.message_post(body=self.env._("New keys confirmed."))
        return True

    def action_discard_directory(self):
        for coop in self.filtered("has_pending_entry"):
            coop.key_ids.filtered(lambda k: k.state == "pending").unlink()
            coop.sudo().directory_pending = False
            coop.message_post(body=self.env._("New keys refused."))
        return True

    @api.model
    def _passkoop_read_entry(self, document):
        """The entry's values and the key that signed it; UserError if the
        document is not a well-formed entry that its own key signed."""
        try:
            return directory_entry.read_entry(document, self.env._)
        except directory_entry.InvalidEntry as error:
            raise UserError(str(error)) from error

    @api.model
    def _passkoop_demo_cards(self, visitor_ids, member_ids):
        """Demo data: a partner coop's entry and card, and cards of our own.

        HendayaKoop's key is made here and thrown away, as if HendayaKoop held it:
        its entry is imported as a partner's would be, and its visitors' cards
        (member numbers taken from their profiles) are signed with it.
        """
        today = fields.Date.context_today(self)
        seed = card_format.generate_seed()
        hendaya = self.env.ref("passkoop_membership.coop_hendayakoop_demo")
        entry = {
            "format": card_format.ENTRY_FORMAT,
            "code": hendaya.code,
            "name": hendaya.name,
            "city": hendaya.city,
            "country": "FR",
            "keys": [
                {
                    "kid": "K1",
                    "public_key": card_format.b32encode(card_format.public_key(seed)),
                    # The day before, as our own keys (card-format.md, "Time
                    # zones"): its entry, dated in UTC, is then valid on its own
                    # day, also when the coop's day is already tomorrow.
                    "valid_from": fields.Date.to_string(today - timedelta(days=1)),
                    "valid_until": None,
                }
            ],
            "revoked": [],
            "welcome": {
                "summary": "Les membres des coops partenaires font leurs courses "
                "aux conditions des membres."
            },
            "issued_at": fields.Datetime.now().strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        self.passkoop_import_directory(card_format.entry_document(seed, "K1", entry))
        for serial, visitor in enumerate(self.env["res.partner"].browse(visitor_ids)):
            visitor.passkoop_card_ref = card_format.card_token(
                seed,
                hendaya.code,
                "K1",
                f"{serial + 1:06d}",
                visitor.passkoop_member_ref,
                today.replace(year=today.year + 1, month=12, day=31),
            )
        for member in self.env["res.partner"].browse(member_ids):
            member.passkoop_issue_card()

    # -------------------------------------------------------------- syncing

    @api.model
    def _passkoop_sync_all(self, auto_commit=False):
        """Scheduled action: every partner coop's entry, from its URL.

        ``auto_commit`` (the scheduled action's): each coop's outcome is saved
        as soon as it is known, so that a run cut short by the workers' time
        limit (a few unreachable coops) keeps what the others brought.
        """
        auto_commit = auto_commit and not getattr(
            threading.current_thread(), "testing", False
        )  # as mail's queue does: tests never commit
        coops = self.sudo().search([("directory_url", "!=", False)])
        for coop in coops:
            coop.with_company(coop.company_id)._passkoop_sync()
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit

    def action_sync_directory(self):
        """Sync now, from the coop's form or list."""
        self._passkoop_sync()
        failed = self.filtered("directory_sync_error")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if failed else "success",
                "message": "\n".join(
                    f"{coop.name}: {coop.directory_sync_error}" for coop in failed
                )
                or self.env._("Directory entries are up to date."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _passkoop_sync(self):
        """Fetch and import each coop's entry; a failure never stops the others,
        and is shown on the coop (last error) and in its chatter."""
        _ = self.env._
        for coop in self.filtered("directory_url"):
            try:
                with self.env.cr.savepoint():
                    document = coop._passkoop_fetch_entry()
                    _coop, outcome = coop.with_company(
                        coop.company_id
                    )._passkoop_import(document, code=coop.code)
            except UserError as error:
                coop._passkoop_sync_failed(str(error))
                continue
            except Exception as error:  # noqa: BLE001 - one coop never stops the others
                _logger.exception("Pass'Koop: syncing %s failed", coop.code)
                coop._passkoop_sync_failed(
                    _("Unexpected error, see the server's log: %(error)s", error=error)
                )
                continue
            if outcome == "stale":
                coop._passkoop_sync_failed(
                    _("The entry at this address is older than the one held: ignored.")
                )
            elif outcome == "pending":  # said in the chatter when it came
                coop.directory_sync_error = _(
                    "New keys wait for an administrator's confirmation."
                )
            else:
                coop.write(
                    {
                        "directory_synced_at": fields.Datetime.now(),
                        "directory_sync_error": False,
                    }
                )

    def _passkoop_sync_failed(self, error):
        self.ensure_one()
        if error != self.directory_sync_error:  # said once, not at every sync
            self.message_post(
                body=self.env._("Directory entry not updated: %(error)s", error=error)
            )
        self.directory_sync_error = error

    def _passkoop_fetch_entry(self):
        self.ensure_one()
        return self._passkoop_fetch(self.directory_url)

    @api.model
    def _passkoop_fetch(self, url):
        """The document at a coop's URL, with the limits of a careful client."""
        try:
            return fetch.fetch_entry(url, self.env._)
        except fetch.FetchError as error:
            raise UserError(str(error)) from error

    # ------------------------------------------------------------- checking

    def _passkoop_card_reason(self, card, today):
        """The verifier's reason_code for a well-formed card of this coop."""
        if not self:
            return "unknown_issuer"
        key = self.key_ids.filtered(
            lambda k: k.state == "trusted" and k.kid == card.kid
        )[:1]
        if not key or not key._is_valid_on(today):
            return "unknown_key"
        if not card_format.verify(
            card_format.b32decode(key.public_key), card.signed, card.signature
        ):
            return "bad_signature"
        if today > card.until:
            return "expired"
        if card.serial in (self.revoked_serials or "").split():
            return "revoked"
        return "ok"
