# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from .common import PasskoopCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-15")
class TestVisits(PasskoopCase):
    """The visitors' sheet: every sale recorded, the ones past a limit flagged."""

    def test_register_visit_records_the_sale(self):
        visitor = self.make_visitor()
        visit = visitor.passkoop_register_visit(amount=42.8, origin="Shop/0001")
        self.assertRecordValues(
            visit,
            [
                {
                    "partner_id": visitor.id,
                    "coop_id": self.coop.id,
                    "visitor_type": "partner",
                    "policy_id": self.partner_policy.id,
                    "amount": 42.8,
                    "currency_id": self.company.currency_id.id,
                    "origin": "Shop/0001",
                    "date": date(2026, 3, 15),
                    "state": "done",
                    "over_limit": False,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertEqual(visitor.passkoop_visit_ids, visit)
        self.assertEqual(visitor.passkoop_check()["visit_count"], 1)

    def test_only_the_visit_past_the_limit_is_flagged(self):
        visitor = self.make_visitor("Claire", visitor_type="trial")
        visits = [visitor.passkoop_register_visit(amount=10) for _i in range(4)]
        self.assertEqual([v.over_limit for v in visits], [False, False, False, True])
        check = visitor.passkoop_check()
        self.assertEqual((check["action"], check["visit_count"]), ("block", 4))
        self.assertEqual(visitor.passkoop_status, "limit_reached")

    def test_cancelled_visits_do_not_count(self):
        visitor = self.make_visitor("Claire", visitor_type="trial")
        first, *_others = self.add_visits(visitor, 3)
        self.assertFalse(visitor.passkoop_check()["allowed"])
        first.action_cancel()
        check = visitor.passkoop_check()
        self.assertEqual((check["allowed"], check["visit_count"]), (True, 2))
        self.assertEqual(visitor.passkoop_status, "last_visit")
        self.assertFalse(visitor.passkoop_register_visit().over_limit)
        first.action_restore()
        self.assertEqual(visitor.passkoop_check()["visit_count"], 4)

    def test_a_sale_that_happened_is_never_refused(self):
        self.coop.policy_id = self.env["passkoop.policy"].create(
            {"name": "No visitors", "visitor_type": "partner", "mode": "refused"}
        )
        visitor = self.make_visitor()
        self.assertEqual(visitor.passkoop_check()["action"], "block")
        visit = visitor.passkoop_register_visit(amount=5.0, origin="offline till")
        self.assertTrue(visit.over_limit)
        self.assertEqual(visit.state, "done")

    def test_warned_visit_is_flagged_but_allowed(self):
        self.trial_policy.limit_action = "warn"
        visitor = self.make_visitor("Nico", visitor_type="trial")
        self.add_visits(visitor, 3)
        check = visitor.passkoop_check()
        self.assertEqual((check["allowed"], check["action"]), (True, "warn"))
        self.assertTrue(visitor.passkoop_register_visit().over_limit)

    def test_limit_outcome_is_the_servers_to_say(self):
        """Within the limit, then what the policy in force says past it; what a
        caller sends (any RPC client may create a visit) does not change it."""
        visitor = self.make_visitor("Claire", visitor_type="trial")
        visits = self.add_visits(
            visitor, 4, limit_outcome="within", over_limit=False
        ).sorted("id")
        self.assertEqual(
            visits.mapped("limit_outcome"),
            ["within", "within", "within", "sold_despite_block"],
        )
        self.assertEqual(visits.mapped("over_limit"), [False, False, False, True])
        for limit_action, outcome in (
            ("warn", "warned"),
            # Nobody confirmed it: a confirmation the policy asks is missing.
            ("confirm", "sold_despite_block"),
            ("block", "sold_despite_block"),
        ):
            with self.subTest(limit_action=limit_action):
                self.trial_policy.limit_action = limit_action
                visit = (
                    self.env["passkoop.visit"]
                    .with_user(self.cashier)
                    .create(
                        {
                            "partner_id": visitor.id,
                            "limit_outcome": "confirmed",
                            "over_limit": False,
                        }
                    )
                )
                self.assertRecordValues(
                    visit, [{"limit_outcome": outcome, "over_limit": True}]
                )

    def test_anonymous_visit_under_a_policy_with_a_limit_is_flagged(self):
        """One contact carries every traveller's anonymous visits: under a limit
        it would count nobody's. The sale is kept, flagged, the reason in words."""
        self.coop.policy_id = self.env["passkoop.policy"].create(
            {
                "name": "Three visits",
                "visitor_type": "partner",
                "mode": "limited",
                "max_visits": 3,
            }
        )
        anonymous = self.coop._get_anonymous_partner()
        reason = (
            "No anonymous visit under a policy with a limit: register the "
            "visitor, so that their own visits are counted."
        )
        check = anonymous.passkoop_check()
        self.assertEqual((check["action"], check["reason"]), ("block", reason))
        visit = anonymous.passkoop_register_visit(amount=8.0, origin="Shop/0002")
        self.assertRecordValues(
            visit,
            [
                {
                    "state": "done",
                    "amount": 8.0,
                    "over_limit": True,
                    "limit_outcome": "sold_despite_block",
                    "terms": reason,
                }
            ],
        )
        self.assertEqual(anonymous.passkoop_status_text, reason)
        # A visitor of that coop who registered is counted as the policy says.
        self.assertFalse(self.make_visitor().passkoop_register_visit().over_limit)

    def test_paper_sheet_visit_is_judged_on_its_own_date(self):
        self.trial_policy.write({"max_visits": 0, "period_days": 60})
        visitor = self.make_visitor(
            "Léa", visitor_type="trial", passkoop_registration_date="2025-12-01"
        )
        self.assertEqual(visitor.passkoop_check()["action"], "block")
        in_time = visitor.passkoop_register_visit(
            date="2026-01-10", origin="paper sheet"
        )
        too_late = visitor.passkoop_register_visit(
            date="2026-02-15", origin="paper sheet"
        )
        self.assertEqual((in_time.over_limit, too_late.over_limit), (False, True))

    def test_contact_who_is_not_a_visitor_cannot_get_a_visit(self):
        contact = self.env["res.partner"].create({"name": "Supplier"})
        self.assertEqual(contact.passkoop_check()["action"], "allow")
        with self.assertRaises(UserError):
            contact.passkoop_register_visit(amount=3)
        self.assertFalse(
            self.env["passkoop.visit"].search([("partner_id", "=", contact.id)])
        )

    def test_anonymous_visits_share_one_contact_per_coop(self):
        anonymous = self.coop._get_anonymous_partner()
        self.assertEqual(anonymous.name, "Visitors – HendayaKoop")
        self.assertEqual(anonymous.passkoop_coop_id, self.coop)
        self.assertEqual(self.coop._get_anonymous_partner(), anonymous)
        anonymous.passkoop_register_visit(amount=8.0)
        anonymous.passkoop_register_visit(amount=12.0)
        self.assertEqual(anonymous.passkoop_check()["visit_count"], 2)

    def test_coop_counters(self):
        mathilde, nico = self.make_visitor(), self.make_visitor("Nico")
        mathilde.passkoop_register_visit(amount=10.0)
        nico.passkoop_register_visit(amount=32.5)
        nico.passkoop_register_visit(amount=100.0).action_cancel()
        self.assertRecordValues(
            self.coop, [{"visitor_count": 2, "visit_count": 2, "visit_amount": 42.5}]
        )
        self.assertEqual(
            self.coop.action_view_visits()["domain"], [("coop_id", "=", self.coop.id)]
        )
        self.assertEqual(
            self.env["res.partner"].search(self.coop.action_view_visitors()["domain"]),
            mathilde | nico,
        )

    def test_manual_entry_by_a_cashier_fills_the_visit_from_the_visitor(self):
        visitor = self.make_visitor("Nico", visitor_type="trial")
        self.add_visits(visitor, 3)
        with Form(self.env["passkoop.visit"].with_user(self.cashier)) as sheet:
            sheet.partner_id = visitor
            sheet.date = date(2026, 3, 14)
            sheet.amount = 23.4
            sheet.origin = "paper sheet"
        visit = sheet.record
        self.assertRecordValues(
            visit,
            [
                {
                    "visitor_type": "trial",
                    "policy_id": self.trial_policy.id,
                    "over_limit": True,
                }
            ],
        )

    def test_convert_to_member_keeps_the_history(self):
        visitor = self.make_visitor("Nico", visitor_type="trial")
        visits = self.add_visits(visitor, 2)
        action = visitor.with_user(self.admin).action_passkoop_convert_to_member()
        self.assertFalse(visitor.passkoop_visitor_type)
        self.assertFalse(visitor.passkoop_status)
        self.assertEqual(visitor.passkoop_visit_ids, visits)
        self.assertEqual(action["res_model"], "membership.invoice")
        self.assertIn("Converted from Pass'Koop visitor", visitor.message_ids[0].body)
