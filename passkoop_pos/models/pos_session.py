# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PosSession(models.Model):
    _inherit = "pos.session"

    def _load_pos_data_models(self, config_id):
        models_to_load = super()._load_pos_data_models(config_id)
        if self.env["pos.config"].browse(config_id).passkoop_enabled:
            models_to_load += ["passkoop.policy", "passkoop.coop", "passkoop.coop.key"]
        return models_to_load
