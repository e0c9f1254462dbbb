# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PasskoopCoop(models.Model):
    _name = "passkoop.coop"
    _description = "Partner cooperative"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        required=True,
        tracking=True,
        help="Short code, unique in your company, stored in capitals (e.g. 400COOP).",
    )
    city = fields.Char()
    country_id = fields.Many2one("res.country")
    email = fields.Char()
    website = fields.Char()
    partner_id = fields.Many2one("res.partner", string="Contact", check_company=True)
    agreement_state = fields.Selection(
        [
            ("draft", "Under discussion"),
            ("active", "Active"),
            ("suspended", "Suspended"),
            ("ended", "Ended"),
        ],
        string="Agreement",
        required=True,
        default="draft",
        tracking=True,
        help="Only the members of coops with an active agreement are welcomed.",
    )
    agreement_date = fields.Date(tracking=True)
    agreement_note = fields.Char(tracking=True, help='e.g. "AG of 2024-06-12"')
    policy_id = fields.Many2one(
        "passkoop.policy",
        string="Policy override",
        domain="[('visitor_type', '=', 'partner')]",
        check_company=True,
        tracking=True,
        help="What this coop's members get here. Empty: the company's default "
        "policy for partner-coop visitors.",
    )
    anonymous_partner_id = fields.Many2one(
        "res.partner",
        string="Anonymous visitors contact",
        readonly=True,
        copy=False,
        help='The contact "Visitors – <coop>" used for anonymous visits, '
        "created on the first one.",
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    visitor_ids = fields.One2many("res.partner", "passkoop_coop_id", string="Visitors")
    visit_ids = fields.One2many("passkoop.visit", "coop_id", string="Visits")
    visitor_count = fields.Integer(compute="_compute_visit_figures")
    visit_count = fields.Integer(compute="_compute_visit_figures")
    visit_amount = fields.Monetary(
        string="Visit sales", compute="_compute_visit_figures"
    )

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(company_id, code)",
            "Another partner coop of your company has this code.",
        )
    ]

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_code(vals)
            self.browse()._check_code_free(
                vals.get("code"), vals.get("company_id") or self.env.company.id
            )
        return super().create(vals_list)

    def write(self, vals):
        self._normalize_code(vals)
        if vals.get("code") or vals.get("company_id"):
            for coop in self:
                coop._check_code_free(
                    vals.get("code", coop.code),
                    vals.get("company_id", coop.company_id.id),
                )
        return super().write(vals)

    @staticmethod
    def _normalize_code(vals):
        if vals.get("code"):
            vals["code"] = vals["code"].strip().upper()

    def _check_code_free(self, code, company_id):
        """Refuse a code another coop of the company has, naming it (before
        writing; two administrators at once are told apart by the database)."""
        twin = self.with_context(active_test=False).search(
            [
                ("id", "not in", self.ids),
                ("code", "=", code),
                ("company_id", "=", company_id),
            ],
            limit=1,
        )
        if twin:
            raise ValidationError(
                self.env._(
                    "The code %(code)s is already used by %(coop)s.",
                    code=code,
                    coop=twin.name,
                )
            )

    def _compute_visit_figures(self):
        visitors = dict(
            self.env["res.partner"]._read_group(
                [("passkoop_coop_id", "in", self.ids)],
                ["passkoop_coop_id"],
                ["__count"],
            )
        )
        visits = {
            coop: (count, amount)
            for coop, count, amount in self.env["passkoop.visit"]._read_group(
                [("coop_id", "in", self.ids), ("state", "=", "done")],
                ["coop_id"],
                ["__count", "amount:sum"],
            )
        }
        for coop in self:
            coop.visitor_count = visitors.get(coop, 0)
            coop.visit_count, coop.visit_amount = visits.get(coop, (0, 0.0))

    def _get_anonymous_partner(self):
        """The generic contact that carries this coop's anonymous visits."""
        self.ensure_one()
        if not self.anonymous_partner_id:
            # Any cashier may open it, though only administrators edit coops.
            self.sudo().anonymous_partner_id = self.env["res.partner"].create(
                {
                    "name": self.env._("Visitors – %(coop)s", coop=self.name),
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": self.id,
                    "company_id": self.company_id.id,
                }
            )
        return self.anonymous_partner_id

    def _passkoop_anonymous_refusal(self):
        """Why this coop's travellers may not come anonymously, on its shared
        contact ('' when they may): only where its policy lets them shop with no
        proof, no registration and no limit (one contact carries every
        traveller's visits). The till's passkoopAnonymousAllowed() says the same."""
        self.ensure_one()
        traveller = self.env["res.partner"].new(
            {
                "name": self.name,
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": self.id,
            }
        )
        result = traveller._passkoop_evaluate(0, fields.Date.context_today(self))
        if result["action"] == "block":
            return result["reason"]
        policy = traveller._passkoop_policy()
        if policy.proof != "none" or policy.registration_required:
            return self.env._(
                "No anonymous visit for %(coop)s: its visitors give a proof or "
                "their details.",
                coop=self.name,
            )
        return policy._passkoop_anonymous_refusal()

    def action_view_visitors(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "passkoop_membership.action_passkoop_visitors"
        )
        action["domain"] = [("passkoop_coop_id", "=", self.id)]
        action["context"] = {
            "default_passkoop_visitor_type": "partner",
            "default_passkoop_coop_id": self.id,
        }
        return action

    def action_view_sales_analysis(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "passkoop_membership.action_passkoop_visit_report"
        )
        action["domain"] = [("coop_id", "=", self.id)]
        action["context"] = {"pivot_row_groupby": ["date:month"]}
        return action

    def action_view_visits(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "passkoop_membership.action_passkoop_visits"
        )
        action["domain"] = [("coop_id", "=", self.id)]
        action["context"] = {"default_coop_id": self.id}
        return action
