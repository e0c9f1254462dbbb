# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools


class ResCompany(models.Model):
    _inherit = "res.company"

    passkoop_partner_policy_id = fields.Many2one(
        "passkoop.policy",
        string="Partner-coop visitors policy",
        domain="[('visitor_type', '=', 'partner'), ('company_id', '=', id)]",
        ondelete="restrict",
        help="What members of partner coops get, unless their coop has its own policy.",
    )
    passkoop_trial_policy_id = fields.Many2one(
        "passkoop.policy",
        string="Trial visitors policy",
        domain="[('visitor_type', '=', 'trial'), ('company_id', '=', id)]",
        ondelete="restrict",
        help="What discovery / trial visitors get.",
    )
    passkoop_nonmember_cap = fields.Float(
        string="Non-member turnover cap (%)",
        default=20.0,
        help="French law (loi 1947, art. 3): the share of turnover made with "
        "non-members, 20 % unless your statutes say otherwise.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._passkoop_create_default_policies()
        return companies

    def write(self, vals):
        if {"passkoop_partner_policy_id", "passkoop_trial_policy_id"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    @tools.ormcache("self.id")
    def _passkoop_default_policy_ids(self):
        """{visitor type: default policy id}, cached: every check needs it."""
        self.ensure_one()
        company = self.sudo()
        return {
            "partner": company.passkoop_partner_policy_id.id,
            "trial": company.passkoop_trial_policy_id.id,
        }

    def _passkoop_create_default_policies(self):
        """Give each company the default policies it lacks, named in its language."""
        Policy = self.env["passkoop.policy"].sudo()
        for company in self:
            _ = self.with_context(lang=company.partner_id.lang or self.env.lang).env._
            if not company.passkoop_partner_policy_id:
                company.passkoop_partner_policy_id = Policy.create(
                    {
                        "name": _("Partner-coop members"),
                        "visitor_type": "partner",
                        "mode": "member_terms",
                        "company_id": company.id,
                    }
                )
            if not company.passkoop_trial_policy_id:
                company.passkoop_trial_policy_id = Policy.create(
                    {
                        "name": _("Discovery card: 3 visits"),
                        "visitor_type": "trial",
                        "mode": "limited",
                        "max_visits": 3,
                        "limit_action": "block",
                        "company_id": company.id,
                    }
                )
