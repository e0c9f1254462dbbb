# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


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
    passkoop_partner_proof = fields.Selection(
        related="passkoop_partner_policy_id.proof",
        string="Proof asked of partner-coop visitors",
        readonly=False,
    )
    passkoop_partner_proof_from_visit = fields.Integer(
        related="passkoop_partner_policy_id.proof_from_visit",
        string="Proof asked of partner-coop visitors from visit",
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
    passkoop_cap_partner = fields.Boolean(
        related="company_id.passkoop_cap_partner", readonly=False
    )
    passkoop_cap_trial = fields.Boolean(
        related="company_id.passkoop_cap_trial", readonly=False
    )
    passkoop_code = fields.Char(related="company_id.passkoop_code", readonly=False)
    passkoop_retention_months = fields.Integer(
        related="company_id.passkoop_retention_months", readonly=False
    )
    passkoop_cap_state = fields.Selection(
        [
            ("fine", "Under the cap"),
            ("warning", "Close to the cap"),
            ("over", "Over the cap"),
        ],
        string="Non-member cap",
        compute="_compute_passkoop_nonmember_share",
    )
    passkoop_cap_message = fields.Char(
        string="Non-member share", compute="_compute_passkoop_nonmember_share"
    )

    def action_passkoop_download_directory(self):
        """Our signed directory entry as a file, for partners who get it by email."""
        self.ensure_one()
        company = self.company_id
        company._passkoop_ensure_code()
        return {
            "type": "ir.actions.act_url",
            "url": f"/passkoop/directory.jws?code={company.passkoop_code}&download=1",
            "target": "download",
        }

    @api.depends("company_id", "passkoop_nonmember_cap")
    def _compute_passkoop_nonmember_share(self):
        for settings in self:
            # Against the cap being typed, before it is saved.
            share = settings.company_id._passkoop_nonmember_share(
                cap=settings.passkoop_nonmember_cap
            )
            settings.passkoop_cap_state = share["state"]
            settings.passkoop_cap_message = share["message"]
