# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import date, datetime

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import format_date, formatLang

from .passkoop_policy import VISITOR_TYPES

LIMIT_OUTCOMES = [
    ("within", "Within the limit"),
    ("confirmed", "Confirmed by the cashier"),
    ("warned", "Warned"),
    ("sold_despite_block", "Sold despite block"),
]


def label_visits_without_coop(model, rows, lazy_groupby):
    """Visits grouped by home coop: those without one are discovery / trial
    visits, and say so (not "None"), as the dashboard does."""
    if "coop_id" in lazy_groupby:
        label = model.env._("Discovery / trial")
        for row in rows:
            if row["coop_id"] is False:
                row["coop_id"] = (False, label)


class PasskoopVisit(models.Model):
    """One purchase by a visitor: a line of the digital visitors' sheet."""

    _name = "passkoop.visit"
    _description = "Pass'Koop visit"
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Visitor",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        domain="[('passkoop_visitor_type', '!=', False)]",
    )
    coop_id = fields.Many2one(
        "passkoop.coop", string="Home coop", index=True, check_company=True
    )
    visitor_type = fields.Selection(VISITOR_TYPES, required=True)
    date = fields.Date(
        required=True,
        index=True,
        default=lambda self: self.env.company._passkoop_local_today(),
    )
    amount = fields.Monetary()
    currency_id = fields.Many2one(
        related="company_id.currency_id",
        store=True,
        precompute=True,  # in the visit's INSERT, not in an UPDATE after it
        string="Currency",
    )
    policy_id = fields.Many2one("passkoop.policy", check_company=True)
    over_limit = fields.Boolean(
        readonly=True,
        help="The visit happened although the visitor's limit was reached "
        "(confirmed by the cashier, warned, or sold although the policy blocks it).",
    )
    limit_outcome = fields.Selection(
        LIMIT_OUTCOMES,
        string="At the limit",
        readonly=True,
        help="What the server established when it recorded the visit, from the "
        "policy in force and the visit's rank: within the limit; past it, "
        "confirmed by the cashier (only where the policy asks for a "
        "confirmation), warned (where the policy only warns), or sold although "
        "the policy blocks the sale (the sale is kept, flagged).",
    )
    terms = fields.Char(
        readonly=True,
        help="What the visitor was told at this visit, as the till and the receipt "
        'say it: "Member terms", "Trial visit 2 of 3"…',
    )
    origin = fields.Char(help='e.g. the point of sale order, or "paper sheet"')
    state = fields.Selection(
        [("done", "Done"), ("cancelled", "Cancelled")],
        required=True,
        default="done",
        help="Cancelled visits do not count toward the visitor's limit.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    period = fields.Char(
        compute="_compute_period",
        search="_search_period",
        help="Search the visits of some days: one day, or the first and the last "
        "separated by a dash (01/11/2026 – 30/11/2026).",
    )

    @api.depends("date")
    @api.depends_context("lang")
    def _compute_period(self):
        for visit in self:
            visit.period = format_date(self.env, visit.date)

    @api.model
    def _passkoop_period_text(self, first, last):
        """Days as the search bar shows and reads them: 01/11/2026 – 30/11/2026."""
        return f"{format_date(self.env, first)} – {format_date(self.env, last)}"

    def _search_period(self, operator, value):
        if operator not in ("ilike", "=") or not isinstance(value, str):
            raise UserError(self.env._("Search a period by its days."))
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        days = []
        for text in re.split(r"\s*(?:–|—|\.\.|\s-\s)\s*", value.strip()):
            for date_format in (lang.date_format, "%Y-%m-%d"):
                try:
                    days.append(datetime.strptime(text, date_format).date())
                    break
                except ValueError:
                    continue
            else:
                raise UserError(
                    self.env._(
                        "“%(text)s” is not a day: write a period as %(example)s.",
                        text=text,
                        example=self._passkoop_period_text(
                            date(2026, 11, 1), date(2026, 11, 30)
                        ),
                    )
                )
        if len(days) > 2:
            raise UserError(self.env._("A period is one day, or a first and a last."))
        return [("date", ">=", days[0]), ("date", "<=", days[-1])]

    @api.model
    def _read_group_format_result(self, rows_dict, lazy_groupby):
        result = super()._read_group_format_result(rows_dict, lazy_groupby)
        label_visits_without_coop(self, rows_dict, lazy_groupby)
        return result

    def init(self):
        # The analysis groups the visits that count by company and month.
        tools.create_index(
            self.env.cr,
            "passkoop_visit_company_date_done_index",
            self._table,
            ["company_id", "date"],
            where="state = 'done'",
        )

    @api.depends("partner_id", "date")
    def _compute_display_name(self):
        for visit in self:
            visit.display_name = f"{visit.partner_id.name or ''} – {visit.date or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        """Fill each visit from its visitor's profile, one at a time.

        ``limit_outcome`` and ``over_limit`` are decided from the visits
        already recorded, so a batch that holds several visits of one visitor
        must see the earlier ones; they are the server's to say, whatever the
        caller sends.
        """
        visits = self.browse()
        for vals in vals_list:
            visitor = self.env["res.partner"].browse(vals["partner_id"])
            if not visitor.passkoop_visitor_type:
                raise UserError(
                    self.env._(
                        "%(name)s is not a Pass'Koop visitor: set a visitor type "
                        "on the contact first.",
                        name=visitor.display_name,
                    )
                )
            count = visitor._passkoop_lock()[visitor]
            # A visit entered later from a paper sheet is judged on its own date.
            date = (
                fields.Date.to_date(vals.get("date"))
                or self.env.company._passkoop_local_today()
            )
            check = visitor._passkoop_evaluate(
                count, date, confirmed=self._passkoop_limit_confirmed(vals)
            )
            vals = {
                "coop_id": check["coop_id"],
                "policy_id": check["policy_id"],
                "visitor_type": visitor.passkoop_visitor_type,
                "company_id": (visitor.company_id or self.env.company).id,
                "terms": check["text"],
                **vals,
                "date": date,  # the day it was judged on, not found again
                "limit_outcome": check["limit_outcome"],
                "over_limit": check["limit_outcome"] != "within",
            }
            visit = super().create([vals])
            visitor._passkoop_counted(count + (visit.state == "done"))
            visits |= visit
        return visits

    @api.model
    def _passkoop_limit_confirmed(self, vals):
        """Whether the cashier says they confirmed this sale past the limit: a
        claim the rule weighs (_passkoop_evaluate), never the outcome itself.
        Nobody claims it here; the point of sale's orders do."""
        return False

    def write(self, vals):
        """Corrections of the visitors' sheet are said in each visitor's chatter."""
        corrected = {"amount", "date", "state", "partner_id"} & set(vals)
        before = (
            {visit: visit._passkoop_summary() for visit in self} if corrected else {}
        )
        result = super().write(vals)
        for visit, summary in before.items():
            if summary != visit._passkoop_summary():
                visit.partner_id.message_post(
                    body=self.env._(
                        "Visit corrected: %(before)s → %(after)s.",
                        before=summary,
                        after=visit._passkoop_summary(),
                    )
                )
        return result

    def _passkoop_summary(self):
        self.ensure_one()
        state = dict(self._fields["state"]._description_selection(self.env))
        return self.env._(
            "%(date)s, %(amount)s, %(state)s",
            date=format_date(self.env, self.date),
            amount=formatLang(self.env, self.amount, currency_obj=self.currency_id),
            state=state[self.state],
        )

    def action_cancel(self):
        self.state = "cancelled"

    def action_restore(self):
        self.state = "done"
