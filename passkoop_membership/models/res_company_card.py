# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# One file per concern of res.company, as core mail splits res.partner (docs/style.md).
# pylint: disable=consider-merging-classes-inherited
import hashlib
import json
import re
import unicodedata
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import AccessError

from ..tools import card_format


class ResCompany(models.Model):
    """The coop's signing keys and its signed directory entry (card-format.md):
    what partner coops need to check our members' cards."""

    _inherit = "res.company"

    passkoop_entry_date = fields.Datetime(
        string="Directory entry issued on",
        readonly=True,
        copy=False,
        help="The issued_at of the directory entry published last.",
    )
    passkoop_entry_digest = fields.Char(
        string="Directory entry fingerprint", readonly=True, copy=False
    )
    passkoop_signing_key_ids = fields.One2many(
        "passkoop.signing.key", "company_id", string="Pass'Koop signing keys"
    )

    def passkoop_generate_key(self):
        """Add a new signing key to the company; return its key id (K1, K2…).

        The newest key valid today signs the next cards; older keys stay valid
        for the cards they signed until they are retired.
        """
        self.ensure_one()
        user = self.env.user
        if not self.env.su and (
            not user.has_group("passkoop_membership.group_passkoop_manager")
            or self not in user.company_ids
        ):
            # The key signs every card the coop issues next: administrators only.
            raise AccessError(
                self.env._(
                    "Only a Pass'Koop administrator of %(company)s can add a "
                    "signing key.",
                    company=self.name,
                )
            )
        keys = self.env["passkoop.signing.key"].sudo()
        numbers = [
            int(kid[1:])
            for kid in keys.search([("company_id", "=", self.id)]).mapped("kid")
            if re.fullmatch(r"K[0-9]{1,7}", kid)
        ]
        kid = f"K{max(numbers, default=0) + 1}"
        seed = card_format.generate_seed()
        keys.create(
            {
                "kid": kid,
                "public_key": card_format.b32encode(card_format.public_key(seed)),
                "private_key": card_format.b32encode(seed),
                # The day before it first signs: a partner whose date is behind
                # ours (overseas France, another time zone) accepts today's cards
                # (card-format.md, "Time zones").
                "valid_from": fields.Date.context_today(self) - timedelta(days=1),
                "company_id": self.id,
            }
        )
        return kid

    def _passkoop_signing_key(self, newest=True):
        """A key valid today (the first one is generated), as superuser.

        The newest signs the cards. The directory entry is signed by the oldest
        (``newest=False``): the key partners already trust vouches for a new
        one, so a key change reaches them without an administrator's click.
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        keys = (
            self.env["passkoop.signing.key"]
            .sudo()
            .search([("company_id", "=", self.id)], order="id desc" if newest else "id")
        )
        key = next((key for key in keys if key._is_valid_on(today)), None)
        if key is None:
            kid = self.passkoop_generate_key()
            key = keys.search([("company_id", "=", self.id), ("kid", "=", kid)])
        return key

    def _passkoop_ensure_code(self):
        """The coop's code, made from its name the first time it is needed
        (HendayaKoop -> HENDAYAKOOP); Settings shows it and can change it
        before the first card."""
        self.ensure_one()
        if not self.passkoop_code:
            letters = unicodedata.normalize("NFKD", self.name or "").upper()
            code = re.sub(r"[^A-Z0-9]", "", letters)[:16]
            self.sudo().passkoop_code = code if len(code) >= 2 else f"COOP{self.id}"
        return self.passkoop_code

    def passkoop_export_directory(self):
        """This company's signed directory entry (JWS text, card-format.md)."""
        self.ensure_one()
        self._passkoop_ensure_code()
        signer = self._passkoop_signing_key(newest=False)
        keys, revoked = self._passkoop_published()
        payload = {
            "format": card_format.ENTRY_FORMAT,
            "code": self.passkoop_code,
            "name": self.name,
            "city": self.city or "",
            "country": self.country_id.code or "",
            "email": self.email or "",
            "website": self.website or "",
            "url": f"{self.get_base_url()}/passkoop/directory.jws"
            f"?code={self.passkoop_code}",
            "keys": keys._entry_values(),
            "revoked": revoked.mapped("serial"),
            "welcome": self._passkoop_welcome(),
        }
        payload["issued_at"] = self._passkoop_entry_issued_at(payload)
        return card_format.entry_document(signer._seed(), signer.kid, payload)

    def _passkoop_published(self):
        """What this coop tells partners about its cards: the keys still valid and
        the serials of revoked cards not expired yet (as superuser)."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        not_expired = ["|", ("valid_until", "=", False), ("valid_until", ">=", today)]
        keys = (
            self.env["passkoop.signing.key"]
            .sudo()
            .search([("company_id", "=", self.id), *not_expired])
        )
        revoked = (
            self.env["passkoop.card"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("state", "=", "revoked"),
                    ("valid_until", ">=", today),
                ],
                order="serial",
            )
        )
        return keys, revoked

    def _passkoop_entry_issued_at(self, payload):
        """The entry's issued_at: unchanged while its content is (the same entry
        is then signed again byte for byte, Ed25519 being deterministic: it can
        be cached), later than the last one as soon as it changes, even within
        the same second (partners keep the newest: an old revoked list must not
        come back)."""
        content = json.dumps(payload, sort_keys=True).encode()
        digest = hashlib.sha256(content).hexdigest()
        company = self.sudo()
        if digest != company.passkoop_entry_digest or not company.passkoop_entry_date:
            now = fields.Datetime.now().replace(microsecond=0)
            last = company.passkoop_entry_date
            company.write(
                {
                    "passkoop_entry_digest": digest,
                    "passkoop_entry_date": max(now, last + timedelta(seconds=1))
                    if last
                    else now,
                }
            )
        return company.passkoop_entry_date.strftime("%Y-%m-%dT%H:%M:%SZ")

    def _passkoop_welcome(self):
        """The entry's summary of how this coop welcomes visitors."""
        company = self.sudo()
        partner, trial = (
            company.passkoop_partner_policy_id,
            company.passkoop_trial_policy_id,
        )
        # The entry is read by other coops: in the company's own language.
        lang = company.partner_id.lang or self.env.lang
        _ = self.with_context(lang=lang).env._
        modes = {"partner": partner.mode or "refused", "trial": trial.mode or "refused"}
        limits = {
            "partner": partner.with_context(lang=lang).limits,
            "trial": trial.with_context(lang=lang).limits,
        }
        sentences = {
            ("partner", "member_terms"): _(
                "Members of partner coops shop on member terms."
            ),
            ("partner", "limited"): _(
                "Members of partner coops may shop here: %(limits)s.",
                limits=limits["partner"],
            ),
            ("partner", "refused"): _("Members of partner coops may not shop here."),
            ("trial", "member_terms"): _("Discovery visits on member terms."),
            ("trial", "limited"): _(
                "Discovery visits: %(limits)s.", limits=limits["trial"]
            ),
            ("trial", "refused"): _("No discovery visits."),
        }
        summary = []
        for kind, policy in (("partner", partner), ("trial", trial)):
            summary += [
                sentences[kind, modes[kind]],
                policy.with_context(lang=lang)._passkoop_proof_summary(),
            ]
        return {**modes, "summary": " ".join(filter(None, summary))}
