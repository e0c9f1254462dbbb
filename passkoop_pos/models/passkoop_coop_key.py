# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PasskoopCoopKey(models.Model):
    _name = "passkoop.coop.key"
    _inherit = ["passkoop.coop.key", "passkoop.pos.load.mixin"]

    @api.model
    def _load_pos_data_domain(self, data):
        # Keys waiting for an administrator are not trusted: the till never sees them.
        return super()._load_pos_data_domain(data) + [("state", "=", "trusted")]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["id", "coop_id", "kid", "public_key", "valid_from", "valid_until"]
