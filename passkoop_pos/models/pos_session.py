# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

# What an open till refreshes while online: its partners' coops and trusted keys.
DIRECTORY_MODELS = ["passkoop.coop", "passkoop.coop.key"]


class PosSession(models.Model):
    _inherit = "pos.session"

    def _load_pos_data_models(self, config_id):
        models_to_load = super()._load_pos_data_models(config_id)
        if self.env["pos.config"].browse(config_id).passkoop_enabled:
            models_to_load += ["passkoop.policy", *DIRECTORY_MODELS]
        return models_to_load

    def passkoop_refresh_directory(self, version=None):
        """For an open till, every quarter of an hour while online: its partner
        coops and their trusted keys as it loaded them at opening (today's
        revocations included), or only their version when its copy is current,
        so that a refresh that finds nothing new costs a few bytes."""
        self.ensure_one()
        current = self.config_id.passkoop_directory_version
        if version == current:
            return {"version": current}
        data = self.load_data(["pos.config", *DIRECTORY_MODELS], only_data=True)
        return {
            "version": current,
            **{model: data[model]["data"] for model in DIRECTORY_MODELS},
        }
