# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from ..tools import card_format
from .common import PasskoopCase
from .test_card import SEEDS, VECTORS


@tagged("post_install", "-at_install")
class TestQueryCounts(PasskoopCase):
    """The cost of the check does not grow with a visitor's history, nor with a list."""

    def add_sql_visits(self, visitor, count):
        """Bulk history (what years of visits leave behind), straight in SQL."""
        self.env.cr.execute(
            """
            INSERT INTO passkoop_visit (partner_id, coop_id, visitor_type, date,
                                        amount, state, company_id, over_limit)
            SELECT %(partner)s, %(coop)s, %(type)s, CURRENT_DATE - (n %% 700),
                   10, 'done', %(company)s, false
              FROM generate_series(1, %(count)s) n
            """,
            {
                "partner": visitor.id,
                "coop": visitor.passkoop_coop_id.id or None,
                "type": visitor.passkoop_visitor_type,
                "company": self.company.id,
                "count": count,
            },
        )

    def test_check_costs_the_same_for_1_or_10000_past_visits(self):
        # The company's default policies are cached across requests, as a till
        # finds them after its first check of the day.
        self.make_visitor("Warm-up").passkoop_check()
        for visitor_type in ("partner", "trial"):
            for count in (1, 10000):
                visitor = self.make_visitor(f"{visitor_type} {count}", visitor_type)
                self.add_sql_visits(visitor, count)
                self.env.invalidate_all()
                with self.subTest(visitor_type=visitor_type, visits=count):
                    with self.assertQueryCount(4):
                        check = visitor.passkoop_check()
                    self.assertEqual(check["visit_count"], count)

    def test_status_of_many_visitors_costs_no_query_per_visitor(self):
        self.make_visitor("Warm-up").passkoop_check()  # cached company defaults
        queries = {}
        for size in (5, 200):
            visitors = self.env["res.partner"].create(
                [
                    {
                        "name": f"Visitor {n}",
                        "passkoop_visitor_type": "trial" if n % 2 else "partner",
                        "passkoop_coop_id": self.coop.id,
                    }
                    for n in range(size)
                ]
            )
            self.add_sql_visits(visitors[0], 3)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            statuses = visitors.mapped("passkoop_status")
            queries[size] = self.cr.sql_log_count - before
            self.assertEqual(statuses.count("limit_reached"), 0)
            self.assertEqual(visitors[0].passkoop_visit_count, 3)
        self.assertEqual(queries[5], queries[200], queries)

    def test_status_of_card_holders_costs_no_query_per_visitor(self):
        """Under a signed-card policy each visitor's card is checked, against their
        coop's keys as read once for the whole list."""
        coop = self.env["passkoop.coop"].passkoop_import_directory(
            VECTORS["directory"]["jws"]
        )
        coop.agreement_state = "active"
        self.partner_policy.proof = "signed_card"
        self.make_visitor("Warm-up").passkoop_check()
        queries = {}
        for size in (4, 40):
            visitors = self.env["res.partner"].create(
                [
                    {
                        "name": f"Card holder {n}",
                        "passkoop_visitor_type": "partner",
                        "passkoop_coop_id": coop.id,
                        # valid and expired cards, half and half
                        "passkoop_card_ref": card_format.card_token(
                            SEEDS["K1"],
                            coop.code,
                            "K1",
                            f"{size}{n:04}",
                            str(n),
                            date(2027 if n % 2 else 2025, 12, 31),
                        ),
                    }
                    for n in range(size)
                ]
            )
            self.env.flush_all()
            for field in ("passkoop_status", "passkoop_status_text"):
                self.env.invalidate_all()
                before = self.cr.sql_log_count
                statuses = visitors.mapped(field)
                queries[size, field] = self.cr.sql_log_count - before
            self.assertEqual(len(set(statuses)), 2, statuses)
        for field in ("passkoop_status", "passkoop_status_text"):
            self.assertEqual(queries[4, field], queries[40, field], queries)
