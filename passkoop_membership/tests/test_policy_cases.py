# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import date, timedelta

from odoo.tests import freeze_time, tagged
from odoo.tools.misc import file_open

from ..tools import card_format
from .common import PasskoopCase

TODAY = date(2026, 3, 15)


def load_card_vectors():
    with file_open("passkoop_membership/static/tests/card_vectors.json") as vectors:
        return json.load(vectors)


def load_cases():
    with file_open("passkoop_membership/static/tests/policy_cases.json") as cases:
        return json.load(cases)


def card_tokens():
    """The cards the cases name, by name: the vectors' and the cases' own."""
    cards = load_card_vectors()["cards"] + load_cases()["cards"]
    return {card["name"]: card["token"] for card in cards}


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestPolicyCases(PasskoopCase):
    """Every policy seen in real coops, from the cases the till's tests share."""

    def setup_case(self, index, case):
        policy = self.env["passkoop.policy"]
        if case["policy"]:
            policy = policy.create({"name": case["name"], **case["policy"]})
        visitor_vals = dict(case["visitor"])
        visitor_type = visitor_vals.pop("visitor_type")
        card, card_coop = (
            visitor_vals.pop("card", None),
            visitor_vals.pop("card_coop", None),
        )
        days_ago = visitor_vals.pop("registered_days_ago", 0)
        anonymous = visitor_vals.pop("anonymous", False)
        vals = {
            "passkoop_registration_date": TODAY - timedelta(days=days_ago),
            **{f"passkoop_{key}": value for key, value in visitor_vals.items()},
        }
        if "name" in visitor_vals:
            vals["name"] = vals.pop("passkoop_name")
        if "email" in visitor_vals:
            vals["email"] = vals.pop("passkoop_email")
        if card:
            vectors = load_card_vectors()
            issuer = self.env["passkoop.coop"].passkoop_import_directory(
                vectors["directory"]["jws"]
            )
            vals["passkoop_card_ref"] = card_tokens()[card]
            # Each case stands alone: an earlier case's visitor gives the card back.
            self.env["res.partner"].search(
                [("passkoop_card_ref", "=", vals["passkoop_card_ref"])]
            ).passkoop_card_ref = False
        if case["coop"] is not None:
            if card and card_coop != "other":
                coop = issuer  # the card's own coop
                coop.write(case["coop"])
            else:
                coop = self.env["passkoop.coop"].create(
                    {"name": case["name"][:40], "code": f"CASE{index}", **case["coop"]}
                )
            coop.policy_id = policy if visitor_type == "partner" else False
            vals["passkoop_coop_id"] = coop.id
        if visitor_type == "trial":
            self.company.passkoop_trial_policy_id = policy
        self.company.passkoop_code = case.get("our_code", False)
        visitor = self.make_visitor(visitor_type=visitor_type, **vals)
        if anonymous:  # the coop's shared "Visitors – <coop>" contact
            visitor.passkoop_coop_id.anonymous_partner_id = visitor
        self.add_visits(visitor, case["visits"])
        return visitor, policy

    def text(self, case, visitor):
        """The case's words, with its expiry date and the visitor's coop."""
        days = case["expect"]["expiry_in_days"]
        expiry = "" if days is None else (TODAY + timedelta(days=days))
        return case["expect"]["text"].format(
            expiry=expiry and expiry.strftime("%m/%d/%Y"),
            coop=visitor.passkoop_coop_id.name,
        )

    def test_policy_cases(self):
        cases = load_cases()["cases"]
        self.assertGreaterEqual(len(cases), 20)
        card_reasons = set()
        for index, case in enumerate(cases):
            with self.subTest(case=case["name"]):
                visitor, policy = self.setup_case(index, case)
                if visitor.passkoop_card_ref:
                    card = visitor.passkoop_verify_card(visitor.passkoop_card_ref)
                    card_reasons.add(card["reason_code"])
                expect = case["expect"]
                check = visitor.passkoop_check()
                expiry = expect["expiry_in_days"]
                self.assertEqual(
                    {key: check[key] for key in ("allowed", "action", "visits_left")},
                    {key: expect[key] for key in ("allowed", "action", "visits_left")},
                )
                self.assertEqual(
                    check["expiry_date"],
                    expiry is not None
                    and (TODAY + timedelta(days=expiry)).isoformat()
                    or None,
                )
                self.assertEqual(check["visit_count"], case["visits"])
                self.assertEqual(bool(check["reason"]), expect["reason"], check)
                self.assertEqual(check["policy_id"], policy.id)
                self.assertEqual(check["coop_id"], visitor.passkoop_coop_id.id)
                self.assertEqual(visitor.passkoop_status, expect["status"])
                self.assertEqual(visitor.passkoop_status_text, self.text(case, visitor))
                self.assertEqual(visitor.passkoop_visit_count, case["visits"])
                result = visitor._passkoop_evaluate(case["visits"], TODAY)
                if "missing" in expect:
                    self.assertEqual(
                        visitor._passkoop_missing(result), expect["missing"]
                    )
                if "anonymous_visit" in expect:
                    refusal = visitor.passkoop_coop_id._passkoop_anonymous_refusal()
                    self.assertEqual(not refusal, expect["anonymous_visit"], refusal)
        # Each reason a card fails for is said in words by a case, its text
        # compared with the till's by the same case (passkoop_policy_cases tour).
        self.assertEqual(
            card_reasons, {code for code, _label in card_format.CARD_CHECKS}
        )
        self.assertTrue(any(case.get("our_code") for case in cases))
