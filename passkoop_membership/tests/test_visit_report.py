# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PasskoopCase, in_french


@tagged("post_install", "-at_install")
class TestVisitReport(PasskoopCase):
    """Visitor sales per partner coop and month, on known data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coopalim = cls.env["passkoop.coop"].create(
            {"name": "Coopalim", "code": "COOPALIM", "agreement_state": "active"}
        )
        mathilde = cls.make_visitor("Mathilde")
        paul = cls.make_visitor("Paul")
        claire = cls.make_visitor("Claire", passkoop_coop_id=cls.coopalim.id)
        for visitor, date, amount in [
            (mathilde, "2026-01-05", 10.0),
            (mathilde, "2026-01-20", 15.5),
            (paul, "2026-01-21", 4.5),
            (mathilde, "2026-02-02", 20.0),
            (claire, "2026-02-03", 30.0),
        ]:
            visitor.passkoop_register_visit(amount=amount, date=date)
        paul.passkoop_register_visit(amount=99.0, date="2026-02-10").action_cancel()

    def analysis(self, groupby, domain=()):
        Report = self.env["passkoop.visit.report"].with_user(self.admin)
        return {
            tuple(getattr(key, "id", key) for key in keys): values
            for *keys, values in [
                (*group[:-3], group[-3:])
                for group in Report._read_group(
                    list(domain),
                    groupby,
                    ["visit_count:sum", "partner_id:count_distinct", "amount:sum"],
                )
            ]
        }

    def test_visits_visitors_and_sales_by_coop_and_month(self):
        hendaya, coopalim = self.coop.id, self.coopalim.id
        by_coop_month = self.analysis(["coop_id", "date:month"])
        self.assertEqual(
            {
                (coop, month.strftime("%Y-%m")): values
                for (coop, month), values in by_coop_month.items()
            },
            {
                (hendaya, "2026-01"): (3, 2, 30.0),
                (hendaya, "2026-02"): (1, 1, 20.0),
                (coopalim, "2026-02"): (1, 1, 30.0),
            },
        )

    def test_cancelled_visits_are_left_out(self):
        self.assertEqual(
            self.analysis(["company_id"]), {(self.company.id,): (5, 3, 80.0)}
        )

    def test_opened_from_the_coop(self):
        action = self.coopalim.with_user(self.admin).action_view_sales_analysis()
        self.assertEqual(action["res_model"], "passkoop.visit.report")
        rows = self.env["passkoop.visit.report"].search(action["domain"])
        self.assertEqual(rows.mapped("amount"), [30.0])

    def test_discovery_visits_are_named_when_grouped_by_coop(self):
        """The analysis and the visit log say "Découverte / essai", as the
        dashboard does, for the visits of trial visitors (no home coop)."""
        self.make_visitor("Nico", visitor_type="trial").passkoop_register_visit(
            amount=3.0, date="2026-02-04"
        )
        in_french(self.env)
        for model in ("passkoop.visit.report", "passkoop.visit"):
            groups = (
                self.env[model]
                .with_user(self.admin)
                .with_context(lang="fr_FR")
                .web_read_group([], ["amount:sum"], ["coop_id"])["groups"]
            )
            with self.subTest(model=model):
                self.assertEqual(
                    sorted(group["coop_id"][1] for group in groups),
                    ["Coopalim", "Découverte / essai", "HendayaKoop"],
                )
                [discovery] = [g for g in groups if not g["coop_id"][0]]
                self.assertEqual(discovery["amount"], 3.0)
                self.assertEqual(discovery["__domain"], [("coop_id", "=", False)])
