# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import card_format


class PasskoopKeyMixin(models.AbstractModel):
    """An Ed25519 public key named by a KID, valid between two optional dates."""

    _name = "passkoop.key.mixin"
    _description = "Pass'Koop public key"
    _order = "id"
    _rec_name = "kid"

    kid = fields.Char(string="Key id", required=True, readonly=True)
    public_key = fields.Char(
        required=True, readonly=True, help="Base32 of the 32-byte Ed25519 key."
    )
    fingerprint = fields.Char(
        compute="_compute_fingerprint",
        help="Compare it with the one your partner gives you by another channel "
        "(letter, phone, website) before trusting the key.",
    )
    valid_from = fields.Date(string="From", help="First day the key is valid.")
    valid_until = fields.Date(
        string="Until",
        help="Last day the key is valid: cards it signed are refused after it.",
    )

    @api.depends("public_key")
    def _compute_fingerprint(self):
        for key in self:
            key.fingerprint = card_format.fingerprint(
                card_format.b32decode(key.public_key)
            )

    def _is_valid_on(self, day):
        self.ensure_one()
        return card_format.valid_on(self, day)

    def _entry_values(self):
        """The key as the directory entry lists it."""
        return [
            {
                "kid": key.kid,
                "public_key": key.public_key,
                "valid_from": fields.Date.to_string(key.valid_from) or None,
                "valid_until": fields.Date.to_string(key.valid_until) or None,
            }
            for key in self
        ]


class PasskoopSigningKey(models.Model):
    """One of the company's own keys: it signs the company's cards and entry."""

    _name = "passkoop.signing.key"
    _inherit = "passkoop.key.mixin"
    _description = "Pass'Koop signing key"
    _check_company_auto = True

    fingerprint = fields.Char(
        help="Give it to your partner coops by another channel than the directory "
        "(letter, phone, website): they compare it with the key they receive "
        "before trusting it."
    )

    private_key = fields.Char(
        readonly=True,
        copy=False,
        groups="base.group_system",
        help="Base32 of the 32-byte Ed25519 seed. Never shown, never exported.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    card_count = fields.Integer(
        string="Cards",
        compute="_compute_card_count",
        help="Cards signed with this key and still valid.",
    )

    _sql_constraints = [
        (
            "kid_company_unique",
            "unique(company_id, kid)",
            "Each key id is used once per company.",
        )
    ]

    def write(self, vals):
        # Its cards and the partners' trust hang on the key: only its dates change.
        if not self.env.su and set(vals) - {"valid_from", "valid_until"}:
            raise UserError(
                self.env._(
                    "A signing key cannot be changed, only its dates: add a new "
                    "key instead."
                )
            )
        return super().write(vals)

    def _compute_card_count(self):
        counts = dict(
            self.env["passkoop.card"]._read_group(
                [("key_id", "in", self.ids), ("state", "=", "active")],
                ["key_id"],
                ["__count"],
            )
        )
        for key in self:
            key.card_count = counts.get(key, 0)

    def _seed(self):
        self.ensure_one()
        return card_format.b32decode(self.sudo().private_key)

    def action_generate_key(self):
        self.env.company.passkoop_generate_key()
        return True

    def action_retire(self):
        """Stop signing with these keys, keeping them valid for their cards and a
        day past today's signatures (card-format.md, "Time zones")."""
        tomorrow = fields.Date.context_today(self) + timedelta(days=1)
        for key in self:
            cards = self.env["passkoop.card"].search(
                [("key_id", "=", key.id), ("state", "=", "active")],
                order="valid_until desc",
                limit=1,
            )
            key.valid_until = max([tomorrow, *cards.mapped("valid_until")])


class PasskoopCoopKey(models.Model):
    """A public key of a partner coop, from its directory entry."""

    _name = "passkoop.coop.key"
    _inherit = "passkoop.key.mixin"
    _description = "Partner coop's key"

    coop_id = fields.Many2one(
        "passkoop.coop",
        string="Partner coop",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="coop_id.company_id", store=True)
    state = fields.Selection(
        [("trusted", "Trusted"), ("pending", "Waiting for confirmation")],
        required=True,
        default="trusted",
        readonly=True,
        help="Cards signed with a key waiting for confirmation are not accepted "
        "until an administrator confirms the coop's new entry.",
    )
