# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

CLOSE_TO_LIMIT_DAYS = 7  # a trial that ends within a week is close to its limit
SHOWN = 10
# What the dashboard gets of res.company._passkoop_nonmember_share() (its dates
# are the fiscal year's, not the dashboard's month).
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
    """What the administrator sees first: this month, the cap, who is near a limit."""

    _name = "passkoop.dashboard"
    _description = "Pass'Koop dashboard"

    @api.model
    def get_data(self):
        company = self.env.company
        today = fields.Date.context_today(self)
        first_day = today.replace(day=1)
        groups = self.env["passkoop.visit.report"]._read_group(
            [("company_id", "=", company.id), ("date", ">=", first_day)],
            ["coop_id"],
            ["visit_count:sum", "partner_id:count_distinct", "amount:sum"],
            order="amount:sum desc",
        )
        coops = [
            {
                "name": coop.name or self.env._("Discovery / trial"),
                "visits": visits,
                "visitors": visitors,
                "sales": sales,
            }
            for coop, visits, visitors, sales in groups
        ]
        cap = company._passkoop_nonmember_share(today)
        return {
            "month": fields.Date.to_string(first_day),
            "currency_id": company.currency_id.id,
            "visits": sum(c["visits"] for c in coops),
            "visitors": self._distinct_visitors(company, first_day),
            "sales": sum(c["sales"] for c in coops),
            "coops": coops,
            "cap": {key: cap[key] for key in CAP_SHOWN},
            "close_to_limit": self._close_to_limit(today),
        }

    def _distinct_visitors(self, company, first_day):
        [(count,)] = self.env["passkoop.visit.report"]._read_group(
            [("company_id", "=", company.id), ("date", ">=", first_day)],
            [],
            ["partner_id:count_distinct"],
        )
        return count

    def _close_to_limit(self, today):
        """Visitors with one visit left, or whose trial ends within a week."""
        visitors = self.env["res.partner"].search(
            [
                ("passkoop_visitor_type", "!=", False),
                ("company_id", "=", self.env.company.id),
            ]
        )
        soon = today + timedelta(days=CLOSE_TO_LIMIT_DAYS)
        close = []
        for visitor in visitors:
            check = visitor._passkoop_evaluate(visitor.passkoop_visit_count, today)
            expiry = check["expiry_date"] and fields.Date.to_date(check["expiry_date"])
            if check["allowed"] and (
                check["visits_left"] == 1 or (expiry and today <= expiry <= soon)
            ):
                close.append(
                    {
                        "id": visitor.id,
                        "name": visitor.name,
                        "status": visitor.passkoop_status_text,
                    }
                )
        return close[:SHOWN]
