# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PasskoopPosLoadMixin(models.AbstractModel):
    """Pass'Koop records a till loads: all those of its company.

    All the coops, not only the active ones, so that the till can say why a
    visitor of a suspended coop is refused; the dialog offers the active ones.
    """

    _name = "passkoop.pos.load.mixin"
    _inherit = "pos.load.mixin"
    _description = "Pass'Koop records loaded by the till"

    @api.model
    def _load_pos_data_domain(self, data):
        config = self.env["pos.config"]._passkoop_loading_config(data)
        return [("company_id", "=", config.company_id.id)]
