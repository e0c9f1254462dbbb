# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PasskoopVisit(models.Model):
    _inherit = "passkoop.visit"

    pos_order_id = fields.Many2one(
        "pos.order", string="Point of sale order", index="btree_not_null", readonly=True
    )

    _sql_constraints = [
        (
            "pos_order_unique",
            "unique(pos_order_id)",
            "A point of sale order records at most one visit.",
        )
    ]

    @api.model
    def _passkoop_limit_confirmed(self, vals):
        """The till's claim, sent with the order: the cashier confirmed the sale."""
        order = self.env["pos.order"].browse(vals.get("pos_order_id") or [])
        return bool(order.passkoop_override) or super()._passkoop_limit_confirmed(vals)
