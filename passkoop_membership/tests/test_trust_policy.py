# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import PasskoopCase, in_french

TODAY = date(2026, 3, 15)


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestTrustPolicy(PasskoopCase):
    """ "Jouons la confiance et croyons-les lorsqu'ils nous disent être membres
    d'une coop, au moins lors de leur première visite": the proof a policy
    asks from a visit on (proof_from_visit), the first visits on trust."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner_policy.write({"proof": "member_ref", "proof_from_visit": 2})

    def test_proof_is_asked_from_the_first_visit_unless_said_otherwise(self):
        policy = self.env["passkoop.policy"].create(
            {"name": "Membership number", "proof": "member_ref"}
        )
        self.assertEqual(policy.proof_from_visit, 1)
        self.coop.policy_id = policy
        self.assertEqual(self.make_visitor().passkoop_check()["action"], "block")

    def test_proof_from_visit_zero_or_less_is_refused_in_words(self):
        for value in (0, -1):
            with (
                self.subTest(value=value),
                self.assertRaisesRegex(ValidationError, "from visit 1 on"),
            ):
                self.partner_policy.proof_from_visit = value

    def test_the_server_trusts_the_first_visit_and_flags_the_second(self):
        """passkoop_register_visit() never refuses, and says which visit went
        without the proof the policy asks, whatever a till decided."""
        visitor = self.make_visitor()
        check = visitor.passkoop_check()
        self.assertEqual((check["allowed"], check["action"]), (True, "allow"))
        self.assertEqual(
            visitor.passkoop_status_text,
            "Member terms, on trust: membership number asked from visit 2",
        )
        first = visitor.passkoop_register_visit(12.0, origin="Caisse 1")
        self.assertRecordValues(
            first,
            [
                {
                    "limit_outcome": "within",
                    "over_limit": False,
                    "terms": "Member terms, on trust: membership number asked "
                    "from visit 2",
                }
            ],
        )
        check = visitor.passkoop_check()
        self.assertEqual((check["allowed"], check["action"]), (False, "block"))
        self.assertEqual(
            check["reason"], "The membership number at the home coop is required."
        )
        self.assertEqual(visitor.passkoop_status, "incomplete")
        second = visitor.passkoop_register_visit(8.0, origin="Caisse 1, offline")
        self.assertRecordValues(
            second, [{"limit_outcome": "sold_despite_block", "over_limit": True}]
        )
        visitor.passkoop_member_ref = "4567"
        self.assertEqual(visitor.passkoop_check()["action"], "allow")
        third = visitor.passkoop_register_visit(5.0)
        self.assertRecordValues(
            third, [{"limit_outcome": "within", "terms": "Member terms"}]
        )

    def test_a_cancelled_visit_gives_the_trust_back(self):
        visitor = self.make_visitor()
        visit = visitor.passkoop_register_visit(12.0)
        self.assertEqual(visitor.passkoop_status, "incomplete")
        visit.state = "cancelled"
        self.assertEqual(visitor.passkoop_status, "can_shop")

    def test_the_administrator_sets_n_on_the_policy_form_and_in_settings(self):
        with Form(self.env["passkoop.policy"].with_user(self.admin)) as form:
            form.name = "On trust twice, then a card"
            form.proof = "signed_card"
            form.proof_from_visit = 3
        self.assertRecordValues(
            form.record, [{"proof": "signed_card", "proof_from_visit": 3}]
        )
        with Form(self.env["res.config.settings"]) as settings:
            settings.passkoop_partner_proof = "signed_card"
            settings.passkoop_partner_proof_from_visit = 4
        settings.save().execute()
        self.assertRecordValues(
            self.company.passkoop_partner_policy_id,
            [{"proof": "signed_card", "proof_from_visit": 4}],
        )

    def test_the_directory_entry_says_the_first_visits_are_on_trust(self):
        """What a partner coop reads about how its members are welcomed, in
        the company's language; the format's vocabulary (the modes) unchanged."""
        cases = [
            (
                {"proof": "member_ref", "proof_from_visit": 1},
                "Members of partner coops shop on member terms. "
                "Proof asked: membership number at their home coop. "
                "Discovery visits: 3 visits.",
                "Les membres des coops partenaires font leurs courses aux "
                "conditions des membres. Justificatif demandé : numéro de membre "
                "dans leur coop. Passages découverte : 3 passages.",
            ),
            (
                {"proof": "member_ref", "proof_from_visit": 2},
                "Members of partner coops shop on member terms. "
                "First visit on trust, then proof asked: membership number at "
                "their home coop. Discovery visits: 3 visits.",
                "Les membres des coops partenaires font leurs courses aux "
                "conditions des membres. Premier passage sur la confiance, puis "
                "justificatif demandé : numéro de membre dans leur coop. "
                "Passages découverte : 3 passages.",
            ),
            (
                {"proof": "signed_card", "proof_from_visit": 3},
                "Members of partner coops shop on member terms. "
                "First 2 visits on trust, then proof asked: signed Pass'Koop "
                "card of their home coop. Discovery visits: 3 visits.",
                "Les membres des coops partenaires font leurs courses aux "
                "conditions des membres. 2 premiers passages sur la confiance, "
                "puis justificatif demandé : carte Pass'Koop signée de leur "
                "coop. Passages découverte : 3 passages.",
            ),
            (
                {"proof": "none", "proof_from_visit": 2},
                "Members of partner coops shop on member terms. "
                "Discovery visits: 3 visits.",
                "Les membres des coops partenaires font leurs courses aux "
                "conditions des membres. Passages découverte : 3 passages.",
            ),
        ]
        in_french(self.env)
        for vals, english, french in cases:
            with self.subTest(vals=vals):
                self.partner_policy.write(vals)
                self.company.partner_id.lang = "en_US"
                welcome = self.company._passkoop_welcome()
                self.assertEqual(
                    welcome,
                    {"partner": "member_terms", "trial": "limited", "summary": english},
                )
                self.company.partner_id.lang = "fr_FR"
                self.assertEqual(self.company._passkoop_welcome()["summary"], french)
