# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.tools import SQL


class PasskoopVisitReport(models.Model):
    _inherit = "passkoop.visit.report"

    config_id = fields.Many2one("pos.config", string="Till", readonly=True)

    def _select(self):
        return SQL("%s, o.config_id AS config_id", super()._select())

    def _amount(self):
        # Partial refunds lower the visit's sales (a full refund cancels the visit).
        return SQL("%s + COALESCE(refund.amount, 0)", super()._amount())

    def _from(self):
        return SQL(
            """
            %s
            LEFT JOIN pos_order o ON o.id = v.pos_order_id
            LEFT JOIN (
                SELECT sold_line.order_id,
                       SUM(refund_line.price_subtotal_incl) AS amount
                  FROM pos_order_line refund_line
                  JOIN pos_order_line sold_line
                    ON sold_line.id = refund_line.refunded_orderline_id
                  JOIN pos_order refund_order ON refund_order.id = refund_line.order_id
                 WHERE refund_order.state IN ('paid', 'done', 'invoiced')
              GROUP BY sold_line.order_id
            ) refund ON refund.order_id = v.pos_order_id
            """,
            super()._from(),
        )
