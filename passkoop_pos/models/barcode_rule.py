# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class BarcodeRule(models.Model):
    _inherit = "barcode.rule"

    type = fields.Selection(
        selection_add=[
            ("passkoop_card", "Pass'Koop signed card"),
            ("passkoop_visitor", "Pass'Koop visitor card number"),
        ],
        ondelete={"passkoop_card": "set default", "passkoop_visitor": "set default"},
    )
