# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..tools import card_format


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
        digits=(5, 1),
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

    passkoop_retention_months = fields.Integer(
        string="Keep visitors' data (months)",
        default=36,
        help="Visitors not seen for this long are anonymised every night: their "
        "visits stay, as anonymous figures. CNIL: customer data at most 3 years "
        "after the last contact.",
    )
    passkoop_consent_text = fields.Text(
        string="Consent text",
        compute="_compute_passkoop_consent_text",
        help="What the cashier reads to a visitor before keeping their data; "
        "kept with each consent.",
    )

    passkoop_code = fields.Char(
        string="Pass'Koop code",
        copy=False,
        help="Your coop's code in the Pass'Koop network, printed on your members' "
        "cards (2 to 16 capital letters or digits, e.g. HENDAYAKOOP).",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._passkoop_create_default_policies()
        return companies

    def write(self, vals):
        if vals.get("passkoop_code"):
            vals["passkoop_code"] = vals["passkoop_code"].strip().upper()
        if "passkoop_code" in vals:
            self._passkoop_check_code_change(vals["passkoop_code"])
        if {"passkoop_partner_policy_id", "passkoop_trial_policy_id"} & set(vals):
            self.env.registry.clear_cache()
        return super().write(vals)

    def _passkoop_check_code_change(self, code):
        """The code is printed on the cards: changing it would void them."""
        for company in self.filtered(lambda c: c.passkoop_code not in (False, code)):
            issued = (
                self.env["passkoop.card"]
                .sudo()
                .search_count(
                    [("company_id", "=", company.id), ("state", "=", "active")]
                )
            )
            if issued:
                raise UserError(
                    self.env._(
                        "Your cards carry the code %(code)s: partner coops would "
                        "refuse them under another code. Keep it, or revoke them "
                        "first.",
                        code=company.passkoop_code,
                    )
                )

    @api.depends("name", "passkoop_retention_months")
    @api.depends_context("lang")
    def _compute_passkoop_consent_text(self):
        for company in self:
            company.passkoop_consent_text = self.env._(
                "The visitor agrees that %(coop)s keeps their name and details to "
                "welcome them, for at most %(months)s months after their last visit, "
                "and knows they may ask for them to be erased.",
                coop=company.name,
                months=company.passkoop_retention_months,
            )

    @api.constrains("passkoop_retention_months")
    def _check_passkoop_retention_months(self):
        if any(company.passkoop_retention_months < 1 for company in self):
            raise ValidationError(
                self.env._("Visitors' data is kept at least one month.")
            )

    @api.constrains("passkoop_code")
    def _check_passkoop_code(self):
        for company in self.filtered("passkoop_code"):
            if not card_format.CODE_RE.fullmatch(company.passkoop_code):
                raise ValidationError(
                    self.env._(
                        "The Pass'Koop code %(code)s is not valid: use 2 to 16 "
                        "capital letters or digits, e.g. HENDAYAKOOP.",
                        code=company.passkoop_code,
                    )
                )

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

    def _passkoop_welcoming_coops(self):
        """The partner coops that welcome this coop's members: those it has an
        active agreement with (what they offer comes from their entries)."""
        self.ensure_one()
        return (
            self.env["passkoop.coop"]
            .sudo()
            .search(
                [("company_id", "=", self.id), ("agreement_state", "=", "active")],
                order="name",
            )
        )

    def _passkoop_today(self, moment=None):
        """The coop's own date (of ``moment``, a UTC datetime, else now), for the
        jobs that run with no user (as the system, in UTC): the time zone of its
        address, else of its first user."""
        self.ensure_one()
        tz = (
            self.partner_id.tz
            or self.env["res.users"]
            .sudo()
            .search(
                [
                    ("company_id", "=", self.id),
                    ("share", "=", False),
                    ("tz", "!=", False),
                ],
                order="id",
                limit=1,
            )
            .tz
        )
        return fields.Date.context_today(self.with_context(tz=tz or "UTC"), moment)

    def _passkoop_local_today(self, moment=None):
        """Today (or ``moment``'s day, a UTC datetime) where the acting user is:
        in their time zone, else (the system, a user with none) the coop's own;
        never UTC's, another day at night for a coop. Visits, visitors and sales
        are dated with it, and the dashboard counts its periods from it."""
        self.ensure_one()
        if self.env.context.get("tz") or self.env.user.tz:
            return fields.Date.context_today(self, moment)
        return self._passkoop_today(moment)

    def _passkoop_nonmember_share(self, date=None, cap=None):
        """Loi 1947, art. 3: the fiscal year's sales to visitors against the cap
        (``cap``: another than the company's, e.g. one being typed in Settings)."""
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
        cap = self.passkoop_nonmember_cap if cap is None else cap
        state, message = self._passkoop_cap_status(share, cap)
        return {
            "date_from": date_from,
            "date_to": date_to,
            "total_sales": total,
            "visitor_sales": visitor_sales,
            "share": share,
            "cap": cap,
            "state": state,
            "share_text": self._passkoop_percent(share),
            "message": message,
        }

    def _passkoop_percent(self, value):
        """A percentage in the user's language: "87,6" in French, "20" for 20.0."""
        return tools.formatLang(
            self.env, value, digits=0 if value == round(value) else 1
        )

    def _passkoop_cap_status(self, share, cap):
        """The state of ``share`` against ``cap`` and its words, the same in
        Settings and on the dashboard: fine under 80 % of the cap, a warning from
        there, passed above it."""
        _ = self.env._
        state = "over" if share > cap else "warning" if share >= 0.8 * cap else "fine"
        numbers = {
            "share": self._passkoop_percent(share),
            "cap": self._passkoop_percent(cap),
        }
        if state == "over":
            message = _(
                "Cap passed: %(share)s %% of sales for a cap of %(cap)s %%. To come "
                "back under it, welcome fewer visitors (a limited or refused policy) "
                "or invite them to join the coop; if your statutes allow a higher "
                "share, set it as the cap in the Pass'Koop settings.",
                **numbers,
            )
        elif state == "warning":
            message = _(
                "Visitors' sales have reached 80 %% of the cap: %(share)s %% of sales "
                "for a cap of %(cap)s %%. Check your statutes before welcoming more.",
                **numbers,
            )
        else:
            message = _(
                "Visitors' sales: %(share)s %% of sales, for a cap of %(cap)s %%.",
                **numbers,
            )
        return state, message
