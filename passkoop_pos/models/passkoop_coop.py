# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.revoked_packing import pack_revoked


class PasskoopCoop(models.Model):
    _name = "passkoop.coop"
    _inherit = ["passkoop.coop", "passkoop.pos.load.mixin"]

    revoked_packed = fields.Text(
        string="Revoked card serials, packed for the till",
        compute="_compute_revoked_packed",
        store=True,
        help="The revoked serials as tills receive them, packed: runs of cards as "
        "bitmaps, scattered ones as gaps (tools/revoked_packing.py).",
    )

    @api.depends("revoked_serials")
    def _compute_revoked_packed(self):
        for coop in self:
            coop.revoked_packed = pack_revoked((coop.revoked_serials or "").split())

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [
            "id",
            "name",
            "code",
            "city",
            "agreement_state",
            "active",
            "policy_id",
            "anonymous_partner_id",
            "revoked_packed",
        ]

    def passkoop_anonymous_partner_id(self):
        """For the till: the contact of this coop's anonymous visits, made if needed,
        for coops whose policy asks no proof and no registration (trust mode)
        and sets no limit (one contact carries every traveller's visits)."""
        self.ensure_one()
        refusal = self._passkoop_anonymous_refusal()
        if refusal:
            raise UserError(refusal)
        return self._get_anonymous_partner().id
