# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

from .common import FrenchCoop


@tagged("post_install", "-at_install")
class TestCompaniesSealed(FrenchCoop, TestPoSCommon):
    """Two coops in one database (as hosting cooperatives run it): the till's
    company, here B, and coop A. Nothing of A reaches B's users or B's till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        cls.company_b = cls.config.company_id
        env = cls.env(su=True)
        cls.company_a = env["res.company"].create({"name": "Coop A"})
        in_a = env(context={"allowed_company_ids": [cls.company_a.id]})
        cls.coop_of_a = in_a["passkoop.coop"].create(
            {"name": "Seen by A", "code": "SEENBYA", "agreement_state": "active"}
        )
        cls.visitor_of_a = in_a["res.partner"].create(
            {
                "name": "Visitor of A",
                "passkoop_visitor_type": "trial",
                "passkoop_consent": True,
            }
        )
        cls.visit_of_a = cls.visitor_of_a.passkoop_register_visit(amount=99.0)
        cls.coop_of_b = env["passkoop.coop"].create(
            {"name": "Seen by B", "code": "SEENBYB", "agreement_state": "active"}
        )
        cls.visitor_of_b = env["res.partner"].create(
            {"name": "Visitor of B", "passkoop_visitor_type": "trial"}
        )
        cls.visitor_of_b.passkoop_register_visit(amount=5.0)
        groups = "base.group_user,point_of_sale.group_pos_manager,"
        groups += "passkoop_membership.group_passkoop_manager"
        cls.user_b = new_test_user(
            env,
            login="passkoop_user_b",
            company_id=cls.company_b.id,
            company_ids=[cls.company_b.id],
            groups=groups,
        )
        cls.user_ab = new_test_user(
            env,
            login="passkoop_user_ab",
            company_id=cls.company_b.id,
            company_ids=[cls.company_a.id, cls.company_b.id],
            groups=groups,
        )

    def as_b(self, user):
        """``user``'s environment with coop B the current company."""
        return self.env(user=user, context={"allowed_company_ids": [self.company_b.id]})

    def test_b_sees_nothing_of_a_in_screens_reports_and_dashboard(self):
        for user in (self.user_b, self.user_ab):
            env = self.as_b(user)
            with self.subTest(user=user.login):
                self.assertEqual(
                    env["res.partner"].search([("passkoop_visitor_type", "!=", False)]),
                    self.visitor_of_b,
                )
                self.assertFalse(
                    env["passkoop.coop"].search([("code", "=", "SEENBYA")])
                )
                self.assertFalse(
                    env["passkoop.visit"].search(
                        [("partner_id", "=", self.visitor_of_a.id)]
                    )
                )
                [(total,)] = env["passkoop.visit.report"]._read_group(
                    [], [], ["amount:sum"]
                )
                self.assertEqual(total, 5.0)
                dashboard = env["passkoop.dashboard"].get_data()
                self.assertEqual((dashboard["visits"], dashboard["sales"]), (1, 5.0))
                with self.assertRaises(AccessError):
                    self.visitor_of_a.with_env(env).passkoop_export_data()
        # Only with A among its allowed companies does the user of both see A.
        both = self.env(
            user=self.user_ab,
            context={"allowed_company_ids": [self.company_b.id, self.company_a.id]},
        )
        self.assertIn(self.visitor_of_a, both["res.partner"].search([]))

    def test_b_till_loads_nothing_of_a(self):
        self.open_new_session()
        session = self.pos_session.with_user(self.user_ab).with_context(
            allowed_company_ids=[self.company_b.id, self.company_a.id]
        )
        data = session.load_data([])
        partner_ids = {p["id"] for p in data["res.partner"]["data"]}
        self.assertIn(self.visitor_of_b.id, partner_ids)
        self.assertNotIn(self.visitor_of_a.id, partner_ids)
        self.assertEqual(
            {c["code"] for c in data["passkoop.coop"]["data"]}, {"SEENBYB"}
        )
        policies_of_b = self.env["passkoop.policy"].search(
            [("company_id", "=", self.company_b.id)]
        )
        self.assertEqual(
            {p["id"] for p in data["passkoop.policy"]["data"]}, set(policies_of_b.ids)
        )

    def test_writes_across_companies_are_refused(self):
        env = self.as_b(self.user_b)
        with self.assertRaises(AccessError):
            self.visit_of_a.with_env(env).amount = 1.0
        with self.assertRaises(AccessError):
            self.visitor_of_a.with_env(env).name = "Renamed by B"
        with self.assertRaises(AccessError):
            self.visitor_of_a.with_env(env).action_passkoop_anonymize()
        # A user of both, working in B, cannot tie B's records to A's.
        both = self.env(
            user=self.user_ab,
            context={"allowed_company_ids": [self.company_b.id, self.company_a.id]},
        )
        with self.assertRaises(UserError):
            both["passkoop.visit"].create(
                {"partner_id": self.visitor_of_a.id, "coop_id": self.coop_of_b.id}
            )
        with self.assertRaises(UserError):
            both["res.partner"].create(
                {
                    "name": "Mixed",
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": self.coop_of_a.id,
                }
            )
        with self.assertRaises(UserError):
            both["res.partner"].passkoop_register_from_pos(
                {
                    "name": "Mixed",
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": self.coop_of_a.id,
                    "passkoop_consent": True,
                }
            )
        self.assertEqual(self.visit_of_a.amount, 99.0)
        self.assertEqual(self.visitor_of_a.name, "Visitor of A")
