# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PasskoopCase


@tagged("post_install", "-at_install")
class TestSecurity(PasskoopCase):
    """Who may do what, and companies never see each other's visitors."""

    def test_user_outside_the_groups_is_refused(self):
        clerk = new_test_user(
            self.env, login="accounting_clerk", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.env["passkoop.coop"].with_user(clerk).search([])
        with self.assertRaises(AccessError):
            self.env["passkoop.policy"].with_user(clerk).search([])
        with self.assertRaises(AccessError):
            self.env["passkoop.visit"].with_user(clerk).search([])

    def test_cashier_registers_visitors_and_visits_but_configures_nothing(self):
        coop = self.coop.with_user(self.cashier)
        self.assertEqual(coop.name, "HendayaKoop")
        self.assertTrue(self.partner_policy.with_user(self.cashier).name)
        visitor = (
            self.env["res.partner"]
            .with_user(self.cashier)
            .create(
                {
                    "name": "Mathilde",
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": coop.id,
                    "passkoop_consent": True,
                }
            )
        )
        self.assertTrue(visitor.passkoop_check()["allowed"])
        visit = visitor.passkoop_register_visit(amount=12.0)
        self.assertEqual(visit.create_uid, self.cashier)
        with self.assertRaises(AccessError):
            coop.agreement_state = "suspended"
        with self.assertRaises(AccessError):
            self.env["passkoop.policy"].with_user(self.cashier).create(
                {"name": "Everything free", "visitor_type": "trial"}
            )
        with self.assertRaises(AccessError):
            visit.with_user(self.cashier).amount = 0.0
        with self.assertRaises(AccessError):
            visit.with_user(self.cashier).unlink()

    def test_administrator_configures(self):
        coop = (
            self.env["passkoop.coop"]
            .with_user(self.admin)
            .create({"name": "Coopalim", "code": "coopalim"})
        )
        coop.agreement_state = "active"
        policy = (
            self.env["passkoop.policy"]
            .with_user(self.admin)
            .create(
                {
                    "name": "Coopalim card",
                    "visitor_type": "partner",
                    "mode": "member_terms",
                }
            )
        )
        coop.policy_id = policy
        visit = self.make_visitor(passkoop_coop_id=coop.id).passkoop_register_visit()
        visit.with_user(self.admin).action_cancel()
        self.assertEqual(visit.state, "cancelled")

    def test_company_b_never_sees_company_a(self):
        company_b = self.env["res.company"].create({"name": "Au Baudet"})
        admin_b = new_test_user(
            self.env,
            login="admin_baudet",
            company_id=company_b.id,
            company_ids=[company_b.id],
            groups="base.group_user,passkoop_membership.group_passkoop_manager",
        )
        visitor = self.make_visitor(passkoop_card_ref="PK-1")
        visitor.passkoop_register_visit(amount=5.0)
        env_b = self.env(user=admin_b)
        self.assertFalse(env_b["passkoop.coop"].search([]))
        self.assertFalse(env_b["passkoop.visit"].search([]))
        self.assertFalse(
            env_b["res.partner"].search([("passkoop_card_ref", "=", "PK-1")])
        )
        self.assertFalse(
            env_b["passkoop.policy"].search([("company_id", "=", self.company.id)])
        )
        with self.assertRaises(AccessError):
            env_b["passkoop.coop"].browse(self.coop.id).name  # noqa: B018
        # Company B's own defaults were made when it was created.
        self.assertEqual(
            env_b["passkoop.policy"].search([]).mapped("visitor_type"),
            ["partner", "trial"],
        )
