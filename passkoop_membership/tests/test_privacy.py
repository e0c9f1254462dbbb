# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import PasskoopCase, in_french

TODAY = date(2026, 11, 29)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPrivacy(PasskoopCase):
    """Visitors' data kept no longer than needed; the figures stay."""

    def visitor(self, name, registered_months_ago, visits_months_ago=(), **vals):
        registered = TODAY - relativedelta(months=registered_months_ago)
        visitor = self.make_visitor(
            name,
            email=f"{name.lower()}@example.org",
            phone="+33 5 59 00 00 00",
            passkoop_member_ref="4567",
            passkoop_card_ref=f"CARD-{name}",
            passkoop_consent=True,
            passkoop_registration_date=registered,
            **vals,
        )
        for months in visits_months_ago:
            visitor.passkoop_register_visit(
                amount=12.5, date=TODAY - relativedelta(months=months)
            )
        return visitor

    def totals(self):
        [(count, amount)] = self.env["passkoop.visit.report"]._read_group(
            [("company_id", "=", self.company.id)], [], ["__count", "amount:sum"]
        )
        return count, amount, self.company._passkoop_nonmember_share()["visitor_sales"]

    def test_anonymise_now_erases_the_person_and_keeps_the_figures(self):
        lea = self.visitor("Lea", 10, visits_months_ago=(9, 2))
        lea.message_post(body="Lea's phone is +33 6 00 00 00 00")
        before = self.totals()
        with self.assertRaises(AccessError):
            lea.with_user(self.cashier).action_passkoop_anonymize()
        lea.with_user(self.admin).action_passkoop_anonymize()
        self.assertRecordValues(
            lea,
            [
                {
                    "name": "Anonymised visitor",
                    "email": False,
                    "phone": False,
                    "passkoop_member_ref": False,
                    "passkoop_card_ref": False,
                    "passkoop_consent": False,
                    "active": False,
                    "passkoop_coop_id": self.coop.id,
                }
            ],
        )
        [trail] = lea.message_ids
        self.assertIn("Anonymised by", str(trail.body))
        self.assertNotIn("+33", str(trail.body))
        self.assertEqual(len(lea.passkoop_visit_ids), 2)
        self.assertEqual(self.totals(), before)
        member = self.env["res.partner"].create({"name": "A member"})
        with self.assertRaises(UserError):
            member.with_user(self.admin).action_passkoop_anonymize()

    def test_the_daily_action_anonymises_who_was_not_seen_for_36_months(self):
        gone = self.visitor("Gone", 48, visits_months_ago=(40, 37))
        never_came = self.visitor("Never", 37)
        regular = self.visitor("Regular", 48, visits_months_ago=(40, 2))
        newcomer = self.visitor("New", 1)
        shared = self.coop._get_anonymous_partner()
        shared.passkoop_registration_date = TODAY - relativedelta(months=60)
        before = self.totals()
        cron = self.env.ref("passkoop_membership.ir_cron_passkoop_anonymize")
        cron.method_direct_trigger()
        anonymised = (gone | never_came | regular | newcomer | shared).filtered(
            lambda p: p.name == "Anonymised visitor"
        )
        self.assertEqual(anonymised, gone | never_came)
        self.assertEqual(self.totals(), before)
        # A coop that keeps data a year only.
        self.company.passkoop_retention_months = 1
        cron.method_direct_trigger()
        self.assertEqual(regular.name, "Anonymised visitor")
        self.assertEqual(newcomer.name, "New")
        with self.assertRaises(UserError):
            self.company.passkoop_retention_months = 0

    def test_export_of_everything_held_about_a_visitor(self):
        lea = self.visitor("Lea", 10, visits_months_ago=(9, 2))
        data = lea.with_user(self.admin).passkoop_export_data()
        json.dumps(data)  # plain data, ready to hand over
        self.assertEqual(data["profile"]["email"], "lea@example.org")
        self.assertEqual(data["profile"]["passkoop_coop_id"], "HendayaKoop")
        self.assertEqual(
            [(v["date"], v["amount"]) for v in data["visits"]],
            [("2026-02-28", 12.5), ("2026-09-29", 12.5)],
        )
        self.assertEqual(data["cards"], [])
        action = lea.with_user(self.admin).action_passkoop_export_data()
        self.assertIn("/web/content/", action["url"])

    def test_consent_is_kept_with_its_date_and_the_words_shown(self):
        self.company.passkoop_retention_months = 24
        words = self.company.passkoop_consent_text
        self.assertIn("24 months", words)
        self.assertIn(self.company.name, words)
        # What a client sends as the date or the words is not believed.
        lea = self.visitor(
            "Lea",
            0,
            passkoop_consent_date="2001-01-01 00:00:00",
            passkoop_consent_text="anything",
        )
        self.assertEqual(lea.passkoop_consent_text, words)
        self.assertEqual(str(lea.passkoop_consent_date), f"{TODAY} 00:00:00")
        self.assertEqual(
            lea.passkoop_export_data()["profile"]["passkoop_consent_text"], words
        )
        # Withdrawn, then given again in French: the French words are kept.
        lea.passkoop_consent = False
        self.assertFalse(lea.passkoop_consent_date or lea.passkoop_consent_text)
        in_french(self.env)
        lea.with_context(lang="fr_FR").passkoop_consent = True
        self.assertIn("24 mois", lea.passkoop_consent_text)
        lea.with_user(self.admin).action_passkoop_anonymize()
        self.assertFalse(lea.passkoop_consent_date or lea.passkoop_consent_text)
