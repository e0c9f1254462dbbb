# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.osv import expression


class ProductPricelist(models.Model):
    _inherit = "product.pricelist"

    @api.model
    def _load_pos_data_domain(self, data):
        """Also the member price lists the policies apply to visitors."""
        domain = super()._load_pos_data_domain(data)
        config = self.env["pos.config"]._passkoop_loading_config(data)
        if not config:
            return domain
        policies = self.env["passkoop.policy"].search(
            [("company_id", "=", config.company_id.id)]
        )
        return expression.OR([domain, [("id", "in", policies.pricelist_id.ids)]])
