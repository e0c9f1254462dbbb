# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

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
        self.assertEqual(
            [(v["name"], v["status"]) for v in data["close_to_limit"]],
            [("Claire", "Trial visit 3 of 3 (the last)")],
        )
        self.assertEqual(data["cap"]["cap"], 20.0)

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
            visits = Visit.search(action["domain"])
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
        self.assertEqual(action["context"], {"group_by": ["partner_id"]})
        visits, _action = opened("custom", "2026-01-01", "2026-01-31")
        self.assertEqual(visits, [("Mathilde", 7.0)])
