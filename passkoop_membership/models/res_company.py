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

    passkoop_cap_partner = fields.Boolean(
        string="Partner-coop members count as non-members",
        default=True,
        help="Sales to members of partner coops count toward the non-member cap.",
    )
    passkoop_cap_trial = fields.Boolean(
        string="Trial visitors count as non-members",
        default=True,
        help="Sales to discovery / trial visitors count toward the non-member cap.",
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

    def _passkoop_total_sales(self, date_from, date_to):
        """Sales of the period, taxes included: customer invoices less credit notes,
        plus the visits recorded by hand (those sales are recorded nowhere else)."""
        self.ensure_one()
        groups = (
            self.env["account.move"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("state", "=", "posted"),
                    ("move_type", "in", ("out_invoice", "out_refund")),
                    ("invoice_date", ">=", date_from),
                    ("invoice_date", "<=", date_to),
                ],
                [],
                ["amount_total_signed:sum"],
            )
        )
        invoiced = groups[0][0] or 0.0
        [(by_hand,)] = (
            self.env["passkoop.visit.report"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                    *self._passkoop_visits_by_hand_domain(),
                ],
                [],
                ["amount:sum"],
            )
        )
        return invoiced + (by_hand or 0.0)

    def _passkoop_visits_by_hand_domain(self):
        """The visits entered by hand (paper sheets): without a till, all of them."""
        return []

    def _passkoop_nonmember_share(self, date=None):
        """Loi 1947, art. 3: the fiscal year's sales to visitors against the cap."""
        self.ensure_one()
        fiscal_year = self.compute_fiscalyear_dates(
            date or fields.Date.context_today(self)
        )
        date_from, date_to = fiscal_year["date_from"], fiscal_year["date_to"]
        types = [
            visitor_type
            for visitor_type, counted in (
                ("partner", self.passkoop_cap_partner),
                ("trial", self.passkoop_cap_trial),
            )
            if counted
        ]
        [(visitor_sales,)] = (
            self.env["passkoop.visit.report"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", self.id),
                    ("visitor_type", "in", types),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                [],
                ["amount:sum"],
            )
        )
        visitor_sales = visitor_sales or 0.0
        total = self._passkoop_total_sales(date_from, date_to)
        share = 100.0 * visitor_sales / total if total else 0.0
        return {
            "date_from": date_from,
            "date_to": date_to,
            "total_sales": total,
            "visitor_sales": visitor_sales,
            "share": share,
            "cap": self.passkoop_nonmember_cap,
            # Warn once 80 % of the cap is used.
            "warning": share >= 0.8 * self.passkoop_nonmember_cap,
        }
