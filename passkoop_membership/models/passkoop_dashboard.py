# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.safe_eval import safe_eval

# The statuses the visitors list shows at or near the limit.
CLOSE_TO_LIMIT = ("last_visit", "limit_reached", "expired")
SHOWN = 10
# What the dashboard gets of res.company._passkoop_nonmember_share() (its dates
# are the fiscal year's, not the dashboard's period).
CAP_SHOWN = (
    "share",
    "cap",
    "state",
    "share_text",
    "message",
    "visitor_sales",
    "total_sales",
)


class PasskoopDashboard(models.AbstractModel):
    """What the administrator sees first: a period's visits, the cap, who is near a
    limit; each figure opens the visits behind it."""

    _name = "passkoop.dashboard"
    _description = "Pass'Koop dashboard"

    @api.model
    def get_data(self, period="this_month", date_from=None, date_to=None):
        """The dashboard's figures over a period: ``this_month``, ``last_month``,
        ``fiscal_year`` or ``custom`` (``date_from`` to ``date_to``, ISO dates)."""
        company = self.env.company
        today = self.env.company._passkoop_local_today()
        date_from, date_to = self._period_dates(period, date_from, date_to)
        domain = self._visits_domain(date_from, date_to)
        report = self.env["passkoop.visit.report"]
        groups = report._read_group(
            domain,
            ["coop_id"],
            ["visit_count:sum", "partner_id:count_distinct", "amount:sum"],
            order="amount:sum desc",
        )
        coops = [
            {
                "id": coop.id,
                "name": coop.name or self.env._("Discovery / trial"),
                "visits": visits,
                "visitors": visitors,
                "sales": sales,
            }
            for coop, visits, visitors, sales in groups
        ]
        [(visitors,)] = report._read_group(domain, [], ["partner_id:count_distinct"])
        cap = company._passkoop_nonmember_share(today)
        return {
            "date_from": fields.Date.to_string(date_from),
            "date_to": fields.Date.to_string(date_to),
            "currency_id": company.currency_id.id,
            "visits": sum(c["visits"] for c in coops),
            "visitors": visitors,
            "sales": sum(c["sales"] for c in coops),
            "coops": coops,
            "cap": {key: cap[key] for key in CAP_SHOWN},
            "close_to_limit": self._close_to_limit(today),
        }

    @api.model
    def action_open_visits(
        self, period="this_month", date_from=None, date_to=None, coop=None, by=None
    ):
        """The visits behind a figure of the dashboard: those of the period, of
        one home coop (``coop``: its id, or 0 for discovery / trial visits), or
        grouped by visitor (``by="visitor"``)."""
        date_from, date_to = self._period_dates(period, date_from, date_to)
        Visit = self.env["passkoop.visit"]
        # The figure's filters, in the search bar: seen, and removable.
        context = {
            "search_default_period": Visit._passkoop_period_text(date_from, date_to),
            "search_default_done": 1,
        }
        if coop:
            context["search_default_coop_id"] = coop
        elif coop is not None:
            context["search_default_trial"] = 1
        if by == "visitor":
            context["search_default_group_partner"] = 1
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "passkoop_membership.action_passkoop_visits"
        )
        action["context"] = {**safe_eval(action.get("context") or "{}"), **context}
        return action

    def _period_dates(self, period, date_from=None, date_to=None):
        """First and last day of a period of the dashboard."""
        today = self.env.company._passkoop_local_today()
        if period == "this_month":
            first = today.replace(day=1)
            return first, first + relativedelta(months=1, days=-1)
        if period == "last_month":
            first = today.replace(day=1) - relativedelta(months=1)
            return first, first + relativedelta(months=1, days=-1)
        if period == "fiscal_year":
            year = self.env.company.compute_fiscalyear_dates(today)
            return year["date_from"], year["date_to"]
        if period == "custom":
            try:
                first, last = map(fields.Date.to_date, (date_from, date_to))
            except (TypeError, ValueError, AttributeError):
                first = last = None
            if first and last and first <= last:
                return first, last
            raise UserError(self.env._("Give a first day before the last day."))
        raise UserError(self.env._("Choose a period."))

    def _visits_domain(self, date_from, date_to):
        """The company's visits of a period (the report holds only the visits
        that count; on passkoop.visit, add state done)."""
        return [
            ("company_id", "=", self.env.company.id),
            ("date", ">=", date_from),
            ("date", "<=", date_to),
        ]

    def _close_to_limit(self, today):
        """The visitors the visitors list shows at or near their limit (its
        filters "Last trial visit" and "Limit reached or expired"), with the
        list's words: their status and its details."""
        visitors = self.env["res.partner"].search(
            [
                ("passkoop_visitor_type", "!=", False),
                ("company_id", "=", self.env.company.id),
            ],
            order="name, id",
        )
        labels = dict(
            visitors._fields["passkoop_status"]._description_selection(self.env)
        )
        close = visitors.filtered(lambda v: v.passkoop_status in CLOSE_TO_LIMIT)
        return {
            "count": len(close),
            "visitors": [
                {
                    "id": visitor.id,
                    "name": visitor.name,
                    "state": visitor.passkoop_status,
                    "label": labels[visitor.passkoop_status],
                    "status": visitor.passkoop_status_text,
                }
                for visitor in close[:SHOWN]
            ],
        }

    @api.model
    def action_open_close_to_limit(self):
        """The visitors list, filtered as the dashboard counts them."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "passkoop_membership.action_passkoop_visitors"
        )
        action["context"] = {
            **safe_eval(action.get("context") or "{}"),
            "search_default_last_visit": 1,
            "search_default_over_limit": 1,
        }
        return action
