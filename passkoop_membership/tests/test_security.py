# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.misc import file_open

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

    def company_b_and_its_admin(self, login):
        """A second coop in the database, Au Baudet, and its Pass'Koop admin."""
        company_b = self.env["res.company"].create({"name": "Au Baudet"})
        admin_b = new_test_user(
            self.env,
            login=login,
            company_id=company_b.id,
            company_ids=[company_b.id],
            groups="base.group_user,passkoop_membership.group_passkoop_manager",
        )
        return company_b, admin_b

    def test_company_b_never_sees_company_a(self):
        company_b, admin_b = self.company_b_and_its_admin("admin_baudet")
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

    def test_cards_keys_and_partners_keys_stay_in_their_company(self):
        """Company A's cards, signing keys and partners' keys: invisible to a user
        of company B, visible to a user of both in A only."""
        self.company.passkoop_code = "COOPA"
        card = self.env["res.partner"].create({"name": "Lucie"}).passkoop_issue_card()
        # A partner's keys, held in A (our own entry is no partner's: refused).
        with file_open("passkoop_membership/static/tests/card_vectors.json") as file:
            self.env["passkoop.coop"].passkoop_import_directory(
                json.load(file)["directory"]["jws"]
            )
        company_b, admin_b = self.company_b_and_its_admin("admin_b_cards")
        admin_ab = new_test_user(
            self.env,
            login="admin_ab_cards",
            company_id=company_b.id,
            company_ids=[self.company.id, company_b.id],
            groups="base.group_user,passkoop_membership.group_passkoop_manager",
        )
        models = ("passkoop.card", "passkoop.signing.key", "passkoop.coop.key")
        for model in models:
            with self.subTest(model=model):
                self.assertFalse(self.env[model].with_user(admin_b).search([]))
                self.assertTrue(self.env[model].search([]))
        with self.assertRaises(AccessError):
            card.with_user(admin_b).token  # noqa: B018
        with self.assertRaises(AccessError):
            card.with_user(admin_b).action_revoke()
        # B's check knows nothing of A's cards until B imports A's entry.
        b_check = self.env["res.partner"].with_user(admin_b).passkoop_verify_card
        self.assertEqual(b_check(card.token)["reason_code"], "unknown_issuer")
        # A user of both sees A's card only with A among the allowed companies.
        both = self.env(user=admin_ab, context={"allowed_company_ids": [company_b.id]})
        self.assertFalse(both["passkoop.card"].search([]))
        both_a = both(context={"allowed_company_ids": [self.company.id, company_b.id]})
        self.assertEqual(both_a["passkoop.card"].search([]), card)
        self.assertEqual(card.with_user(admin_b).sudo().state, "active")

    def test_audit_trail_of_policies_and_visit_corrections(self):
        # Tracking is written when a transaction ends: end the one that made it.
        self.env.cr.flush()
        policy = self.trial_policy.with_user(self.admin)
        policy.max_visits = 5
        self.env.flush_all()
        self.env.cr.flush()
        self.env.invalidate_all()
        tracked = policy.sudo().message_ids.tracking_value_ids
        self.assertEqual(tracked.field_id.name, "max_visits")
        self.assertEqual((tracked.old_value_integer, tracked.new_value_integer), (3, 5))
        self.assertEqual(policy.message_ids[:1].author_id, self.admin.partner_id)
        visitor = self.make_visitor()
        visit = visitor.passkoop_register_visit(amount=12.0)
        visit.with_user(self.admin).amount = 10.0
        visit.with_user(self.admin).action_cancel()
        said = visitor.message_ids.mapped(lambda m: str(m.body))
        self.assertTrue(
            any("Visit corrected" in body and "10.00" in body for body in said)
        )
        self.assertTrue(any("Cancelled" in body for body in said))
