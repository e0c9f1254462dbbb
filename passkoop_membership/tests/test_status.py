# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The status filters of the visitors' list ("Can shop", "Limit reached"...) find
exactly the visitors the rule finds, after each change and as days pass, although
the status is stored (for coops with tens of thousands of visitors)."""

from datetime import date, timedelta

from odoo import fields
from odoo.tests import freeze_time, tagged

from ..models.res_partner_status import STATUSES
from .common import PasskoopCase
from .test_card import VECTORS

TODAY = fields.Date.to_date(VECTORS["today"])  # the vectors' cards are read that day


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestStoredStatus(PasskoopCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.trial_policy.period_days = 60
        cls.visitors = cls.env["res.partner"]

    def visitor(self, name, visitor_type="partner", **vals):
        visitor = self.make_visitor(name, visitor_type, **vals)
        self.visitors |= visitor
        return visitor

    def assertFiltersFollowTheRule(self, expected=None):
        """Each status filter lists the visitors the rule, evaluated now, gives
        that status; and ``expected`` ({visitor: status}) holds."""
        self.env.invalidate_all()  # a new request: the time may have moved
        Partner = self.env["res.partner"].with_user(self.cashier)
        visitors = self.visitors.with_env(Partner.env)
        today = fields.Date.context_today(Partner)
        counts = visitors._passkoop_visit_counts()
        rule = {
            visitor: visitor._passkoop_decide(counts.get(visitor, 0), today)["status"]
            for visitor in visitors
        }
        for status, _label in STATUSES:
            for operator, wanted in (("=", True), ("!=", False)):
                found = Partner.search(
                    [("passkoop_status", operator, status), ("id", "in", visitors.ids)]
                )
                self.assertEqual(
                    set(found.ids),
                    {v.id for v, s in rule.items() if (s == status) == wanted},
                    f"passkoop_status {operator} {status} on {today}",
                )
        self.env.invalidate_all()
        self.assertEqual(
            {v: v.passkoop_status for v in visitors}, rule, f"read on {today}"
        )
        for visitor, status in (expected or {}).items():
            self.assertEqual(rule[visitor], status, visitor.name)

    def test_filters_follow_visits_policies_and_coops(self):
        ines = self.visitor("Inès")
        nico = self.visitor("Nico", "trial")
        lea = self.visitor("Léa", "trial")
        self.add_visits(nico, 2)
        self.assertFiltersFollowTheRule(
            {ines: "can_shop", nico: "last_visit", lea: "can_shop"}
        )
        visit = self.add_visits(nico, 1)
        self.assertFiltersFollowTheRule({nico: "limit_reached"})
        visit.action_cancel()
        self.assertFiltersFollowTheRule({nico: "last_visit"})
        self.trial_policy.max_visits = 2
        self.assertFiltersFollowTheRule({nico: "limit_reached", lea: "can_shop"})
        self.coop.agreement_state = "suspended"
        self.assertFiltersFollowTheRule({ines: "coop_suspended"})
        self.coop.agreement_state = "active"
        self.partner_policy.write({"proof": "member_ref"})
        self.assertFiltersFollowTheRule({ines: "incomplete"})
        ines.passkoop_member_ref = "4567"
        self.assertFiltersFollowTheRule({ines: "can_shop"})
        refused = self.env["passkoop.policy"].create(
            {"name": "Refused", "visitor_type": "partner", "mode": "refused"}
        )
        self.coop.policy_id = refused
        self.assertFiltersFollowTheRule({ines: "refused"})
        self.company.passkoop_trial_policy_id = refused
        self.assertFiltersFollowTheRule({nico: "refused", lea: "refused"})

    def test_a_day_passing_moves_the_status_with_nothing_written(self):
        """Le Nid's 60 days: the visitor can shop on the 60th day, not the 61st."""
        lea = self.visitor("Léa", "trial", passkoop_registration_date=TODAY)
        self.add_visits(lea, 1)
        self.assertFiltersFollowTheRule({lea: "can_shop"})
        last_day = TODAY + timedelta(days=60)
        with freeze_time(last_day):
            self.assertFiltersFollowTheRule({lea: "can_shop"})
        with freeze_time(last_day + timedelta(days=1)):
            self.assertEqual(lea.passkoop_status_stored, "can_shop")  # stale
            self.assertFiltersFollowTheRule({lea: "expired"})
            refreshed = self.env["res.partner"]._passkoop_refresh_status()
            self.assertEqual(refreshed, lea)
            self.assertEqual(lea.passkoop_status_stored, "expired")
            self.assertFiltersFollowTheRule({lea: "expired"})
            self.assertFalse(self.env["res.partner"]._passkoop_refresh_status())

    def test_signed_cards_as_the_verifier_reads_them(self):
        """Under a signed-card policy, a visitor whose card the verifier finds
        valid can shop and every other is asked for a card, on each card of the
        vectors; revocations and the cards' last days move the filters too."""
        coop = self.env["passkoop.coop"].passkoop_import_directory(
            VECTORS["directory"]["jws"]
        )
        coop.agreement_state = "active"
        self.partner_policy.proof = "signed_card"
        verdicts = {}
        for vector in VECTORS["cards"]:
            visitor = self.visitor(
                vector["name"],
                passkoop_coop_id=coop.id,
                passkoop_card_ref=vector["token"],
            )
            verdicts[visitor] = (
                "can_shop" if vector["reason_code"] == "ok" else "incomplete"
            )
        self.assertIn("can_shop", verdicts.values())
        self.assertFiltersFollowTheRule(verdicts)

        last_day = self.visitors.filtered(lambda v: v.name == "valid on its last day")
        with freeze_time(TODAY + timedelta(days=1)):
            self.assertFiltersFollowTheRule({last_day: "incomplete"})
        valid = self.visitors.filtered(lambda v: v.name == "valid")
        coop.revoked_serials = f"{coop.revoked_serials}\n000123"
        self.assertFiltersFollowTheRule({valid: "incomplete"})
        # Years later, the first key has ended: its cards no longer prove anything.
        with freeze_time(date(2029, 1, 1)):
            self.assertFiltersFollowTheRule()

    def test_status_of_visitors_of_other_days_and_zones(self):
        """The stored status was computed in Tahiti; read in Réunion, where it is
        already the next day, it is the next day's."""
        lea = self.visitor(
            "Léa", "trial", passkoop_registration_date=TODAY - timedelta(days=60)
        )
        with freeze_time(f"{TODAY} 20:00:00"):
            tahiti = self.env(context={"tz": "Pacific/Tahiti"})
            lea.with_env(tahiti)._compute_passkoop_status_stored()
            lea.flush_recordset()
            self.assertEqual(lea.passkoop_status_stored, "can_shop")
            reunion = self.env(context={"tz": "Indian/Reunion"})
            self.assertEqual(lea.with_env(reunion).passkoop_status, "expired")
            self.assertEqual(
                lea.with_env(reunion).search(
                    [("passkoop_status", "=", "expired"), ("id", "=", lea.id)]
                ),
                lea,
            )
