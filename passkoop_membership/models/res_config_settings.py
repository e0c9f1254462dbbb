# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    passkoop_partner_policy_id = fields.Many2one(
        related="company_id.passkoop_partner_policy_id", readonly=False
    )
    passkoop_trial_policy_id = fields.Many2one(
        related="company_id.passkoop_trial_policy_id", readonly=False
    )
    passkoop_partner_pricelist_id = fields.Many2one(
        related="passkoop_partner_policy_id.pricelist_id",
        string="Member price list for partner-coop visitors",
        readonly=False,
    )
    passkoop_trial_pricelist_id = fields.Many2one(
        related="passkoop_trial_policy_id.pricelist_id",
        string="Member price list for trial visitors",
        readonly=False,
    )
    passkoop_nonmember_cap = fields.Float(
        related="company_id.passkoop_nonmember_cap", readonly=False
    )
