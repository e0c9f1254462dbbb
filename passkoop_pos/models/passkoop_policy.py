# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PasskoopPolicy(models.Model):
    _name = "passkoop.policy"
    _inherit = ["passkoop.policy", "passkoop.pos.load.mixin"]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [
            "id",
            "name",
            "visitor_type",
            "mode",
            "max_visits",
            "period_days",
            "limit_action",
            "proof",
            "proof_from_visit",
            "registration_required",
            "pricelist_id",
        ]
