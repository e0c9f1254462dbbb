# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from .common import PasskoopCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-20")
class TestDashboard(PasskoopCase):
    """The figures of the dashboard, on known data."""

    def test_this_month_the_cap_and_who_is_close_to_a_limit(self):
        mathilde = self.make_visitor("Mathilde")
        mathilde.passkoop_register_visit(amount=10.0, date="2026-03-02")
        mathilde.passkoop_register_visit(amount=5.0, date="2026-03-10")
        mathilde.passkoop_register_visit(amount=50.0, date="2026-02-27")  # last month
        claire = self.make_visitor("Claire", visitor_type="trial")
        self.add_visits(claire, 2, date="2026-03-05")  # 1 visit left of 3
        self.make_visitor("Nico", visitor_type="trial")  # 3 left: not close
        # At the limit: the visitors list shows them so, the dashboard too
        # (it said "Nobody." while two visitors were at "Limit reached").
        ines = self.make_visitor("Inès", visitor_type="trial")
        self.add_visits(ines, 3, date="2026-01-05")
        data = self.env["passkoop.dashboard"].with_user(self.admin).get_data()
        self.assertEqual(
            (data["date_from"], data["date_to"]), ("2026-03-01", "2026-03-31")
        )
        self.assertEqual(
            (data["visits"], data["visitors"], data["sales"]), (4, 2, 35.0)
        )
        self.assertEqual(
            [
                (c["name"], c["visits"], c["visitors"], c["sales"])
                for c in data["coops"]
            ],
            [("Discovery / trial", 2, 1, 20.0), ("HendayaKoop", 2, 1, 15.0)],
        )
        close = data["close_to_limit"]
        self.assertEqual(
            [(v["name"], v["label"], v["status"]) for v in close["visitors"]],
            [
                ("Claire", "Last trial visit", "Trial visit 3 of 3 (the last)"),
                ("Inès", "Limit reached", "Limit reached: 3 of 3 visits."),
            ],
        )
        self.assertEqual(close["count"], 2)
        # The list it opens holds the same visitors, its filters in sight.
        action = self.env["passkoop.dashboard"].with_user(self.admin)
        action = action.action_open_close_to_limit()
        domain, _groupby = self.searched(action)
        listed = self.env["res.partner"].with_user(self.admin).search(domain)
        self.assertEqual(sorted(listed.mapped("name")), ["Claire", "Inès"])
        self.assertEqual(data["cap"]["cap"], 20.0)

    def searched(self, action):
        """What the list an action opens finds, from the filters its search bar
        shows (the ``search_default_*`` of its context, as Odoo's search view
        reads them) within the action's own scope: its domain and its groups.
        The dashboard adds no hidden domain to the action: whatever the list
        shows, the person sees it in the search bar and can remove it."""
        plain = self.env["ir.actions.act_window"]._for_xml_id(action["xml_id"])
        self.assertEqual(action.get("domain"), plain.get("domain"))
        Model = self.env[action["res_model"]]
        view_id = action.get("search_view_id") and action["search_view_id"][0]
        arch = etree.fromstring(Model.get_view(view_id, "search")["arch"])
        filters, domains, groupby = {}, [], []
        for key, value in action["context"].items():
            if not key.startswith("search_default_") or not value:
                continue
            name = key.removeprefix("search_default_")
            [node] = arch.xpath(f"//*[@name='{name}']")
            if node.tag == "filter" and node.get("context"):
                groupby.append(safe_eval(node.get("context"))["group_by"])
            elif node.tag == "filter":
                # Filters side by side (no separator between them) are ORed.
                group = node.getparent().index(node)
                while group and node.getparent()[group - 1].tag == "filter":
                    group -= 1
                filters.setdefault(group, []).append(safe_eval(node.get("domain")))
            elif Model._fields[name].type == "many2one":
                domains.append([(name, "=", value)])
            else:
                domains.append([(name, "ilike", value)])
        domains += [expression.OR(ors) for ors in filters.values()]
        if action.get("domain"):
            domains.append(safe_eval(action["domain"]))
        return expression.AND(domains or [[]]), groupby

    def _dashboard_visits(self):
        mathilde = self.make_visitor("Mathilde")
        mathilde.passkoop_register_visit(amount=10.0, date="2026-03-02")
        mathilde.passkoop_register_visit(amount=50.0, date="2026-02-27")
        mathilde.passkoop_register_visit(amount=7.0, date="2026-01-15")
        cancelled = mathilde.passkoop_register_visit(amount=99.0, date="2026-02-10")
        cancelled.action_cancel()
        claire = self.make_visitor("Claire", visitor_type="trial")
        claire.passkoop_register_visit(amount=4.0, date="2026-02-03")
        return mathilde, claire

    def test_periods(self):
        """Last month, the fiscal year, any days: the figures follow the period."""
        self._dashboard_visits()
        dashboard = self.env["passkoop.dashboard"].with_user(self.admin)
        figures = {
            args: (data["date_from"], data["date_to"], data["visits"], data["sales"])
            for args in (
                ("this_month",),
                ("last_month",),
                ("fiscal_year",),
                ("custom", "2026-01-01", "2026-02-05"),
            )
            for data in [dashboard.get_data(*args)]
        }
        self.assertEqual(
            figures,
            {
                ("this_month",): ("2026-03-01", "2026-03-31", 1, 10.0),
                ("last_month",): ("2026-02-01", "2026-02-28", 2, 54.0),
                ("fiscal_year",): ("2026-01-01", "2026-12-31", 4, 71.0),
                ("custom", "2026-01-01", "2026-02-05"): (
                    "2026-01-01",
                    "2026-02-05",
                    2,
                    11.0,
                ),
            },
        )

    def test_a_wrong_period_is_refused_in_words(self):
        dashboard = self.env["passkoop.dashboard"].with_user(self.admin)
        for args in (
            ("next_century",),
            ("custom", "2026-03-10", "2026-03-01"),
            ("custom", "yesterday", "2026-03-01"),
            ("custom", 12, None),
            ("custom",),
        ):
            with self.subTest(args=args), self.assertRaises(UserError):
                dashboard.get_data(*args)
            with self.subTest(args=args), self.assertRaises(UserError):
                dashboard.action_open_visits(*args)

    def test_each_figure_opens_the_visits_behind_it(self):
        """The visits opened are those the figure counts: of the period, done,
        of the coop clicked (discovery / trial visits for the bar without coop)."""
        mathilde, claire = self._dashboard_visits()
        dashboard = self.env["passkoop.dashboard"].with_user(self.admin)
        Visit = self.env["passkoop.visit"].with_user(self.admin)

        def opened(*args, **kwargs):
            action = dashboard.action_open_visits(*args, **kwargs)
            self.assertEqual(action["res_model"], "passkoop.visit")
            domain, _groupby = self.searched(action)
            visits = Visit.search(domain)
            return sorted((v.partner_id.name, v.amount) for v in visits), action

        visits, _action = opened("last_month")
        self.assertEqual(visits, [("Claire", 4.0), ("Mathilde", 50.0)])
        data = dashboard.get_data("last_month")
        self.assertEqual(len(visits), data["visits"])
        self.assertEqual(sum(amount for _name, amount in visits), data["sales"])
        visits, _action = opened("last_month", coop=self.coop.id)
        self.assertEqual(visits, [("Mathilde", 50.0)])
        visits, _action = opened("last_month", coop=0)
        self.assertEqual(visits, [("Claire", 4.0)])
        visits, action = opened("fiscal_year", by="visitor")
        self.assertEqual(len(visits), 4)
        self.assertEqual(self.searched(action)[1], ["partner_id"])
        visits, _action = opened("custom", "2026-01-01", "2026-01-31")
        self.assertEqual(visits, [("Mathilde", 7.0)])

    def test_the_filters_are_in_the_search_bar(self):
        """A list opened from a figure says what it shows, in the words of its
        search bar, and the person can remove each filter."""
        self._dashboard_visits()
        dashboard = self.env["passkoop.dashboard"].with_user(self.admin)
        action = dashboard.action_open_visits("last_month", coop=self.coop.id)
        self.assertEqual(
            action["context"],
            {
                "search_default_period": "02/01/2026 – 02/28/2026",
                "search_default_done": 1,
                "search_default_coop_id": self.coop.id,
            },
        )
        action = dashboard.action_open_visits("this_month", coop=0, by="visitor")
        self.assertEqual(
            action["context"],
            {
                "search_default_period": "03/01/2026 – 03/31/2026",
                "search_default_done": 1,
                "search_default_trial": 1,
                "search_default_group_partner": 1,
            },
        )

    def test_a_period_typed_in_the_search_bar(self):
        self._dashboard_visits()
        Visit = self.env["passkoop.visit"].with_user(self.admin)
        for text, amounts in (
            ("02/01/2026 – 02/28/2026", [4.0, 50.0, 99.0]),
            ("2026-01-15", [7.0]),
            ("01/01/2026 - 02/05/2026", [4.0, 7.0]),
        ):
            with self.subTest(text=text):
                visits = Visit.search([("period", "ilike", text)])
                self.assertEqual(sorted(visits.mapped("amount")), amounts)
        with self.assertRaises(UserError):
            Visit.search([("period", "ilike", "yesterday")])
