# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PosConfig(models.Model):
    _inherit = "pos.config"

    passkoop_enabled = fields.Boolean(
        string="Pass'Koop",
        default=True,
        help="The cashier can welcome visitors from partner coops at this till.",
    )
    passkoop_welcome_partner = fields.Boolean(
        string="Members of partner coops", default=True
    )
    passkoop_welcome_trial = fields.Boolean(
        string="Discovery / trial visitors", default=True
    )
    passkoop_visitor_months = fields.Integer(
        string="Visitors kept offline (months)",
        default=12,
        help="The till loads every visitor registered or seen in these last months, "
        "so that it finds them when the internet is down.",
    )

    @api.model
    def _passkoop_loading_config(self, data):
        """The till whose data is loading, if it welcomes visitors (else empty)."""
        config = self.browse(data["pos.config"]["data"][0]["id"])
        return config.filtered("passkoop_enabled")
