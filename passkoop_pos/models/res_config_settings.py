# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pos_passkoop_enabled = fields.Boolean(
        related="pos_config_id.passkoop_enabled", readonly=False
    )
    pos_passkoop_welcome_partner = fields.Boolean(
        related="pos_config_id.passkoop_welcome_partner", readonly=False
    )
    pos_passkoop_welcome_trial = fields.Boolean(
        related="pos_config_id.passkoop_welcome_trial", readonly=False
    )
    pos_passkoop_visitor_months = fields.Integer(
        related="pos_config_id.passkoop_visitor_months", readonly=False
    )
    passkoop_join_text = fields.Char(
        related="company_id.passkoop_join_text", readonly=False
    )
