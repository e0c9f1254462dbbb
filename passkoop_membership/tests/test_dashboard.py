# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
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
        self.assertEqual(data["month"], "2026-03-01")
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
