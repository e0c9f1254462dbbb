# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    passkoop_join_text = fields.Char(
        string="How to join the coop",
        translate=True,
        help="Shown at the till to a visitor at their limit, beside selling at "
        "the normal price: e.g. 'Membership at the reception desk: €10'.",
    )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + [
            "passkoop_partner_policy_id",
            "passkoop_trial_policy_id",
            "passkoop_consent_text",
            "passkoop_join_text",
            "passkoop_code",  # a card of our own coop is said so at the till
        ]

    def _passkoop_total_sales(self, date_from, date_to):
        """Plus the till's sales not invoiced (invoices are counted already)."""
        total = super()._passkoop_total_sales(date_from, date_to)
        start = fields.Datetime.to_datetime(date_from)
        end = fields.Datetime.to_datetime(date_to) + timedelta(days=1)
        [(pos_sales,)] = (
            self.env["pos.order"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("state", "in", ("paid", "done")),
                    ("date_order", ">=", start),
                    ("date_order", "<", end),
                ],
                [],
                ["amount_total:sum"],
            )
        )
        return total + (pos_sales or 0.0)

    def _passkoop_visits_by_hand_domain(self):
        # A till's visits are in the till's sales already.
        return [("config_id", "=", False)]
