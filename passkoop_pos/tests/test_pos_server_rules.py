# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestTillCallsCheckedAgain(TransactionCase):
    """What the till's dialog checks, the server checks again: any RPC client with
    a cashier's login can call what the till calls."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Policy = cls.env["passkoop.policy"]
        Coop = cls.env["passkoop.coop"]
        cls.trust = Coop.create(
            {"name": "DionyCoop", "code": "DIONY", "agreement_state": "active"}
        )
        cls.proof = Coop.create(
            {
                "name": "Coop with proof",
                "code": "PROOF",
                "agreement_state": "active",
                "policy_id": Policy.create(
                    {"name": "Number required", "proof": "member_ref"}
                ).id,
            }
        )
        cls.registration = Coop.create(
            {
                "name": "Le Nid",
                "code": "LENID",
                "agreement_state": "active",
                "policy_id": Policy.create(
                    {"name": "Registration", "registration_required": True}
                ).id,
            }
        )
        cls.suspended = Coop.create(
            {"name": "Suspended", "code": "SUSP", "agreement_state": "suspended"}
        )
        other_company = cls.env["res.company"].create({"name": "Other coop"})
        cls.foreign = Coop.create(
            {
                "name": "Not ours",
                "code": "FOREIGN",
                "agreement_state": "active",
                "company_id": other_company.id,
            }
        )
        cls.cashier = new_test_user(
            cls.env, login="volunteer", groups="point_of_sale.group_pos_user"
        )

    def register(self, vals):
        return (
            self.env["res.partner"]
            .with_user(self.cashier)
            .passkoop_register_from_pos(vals)
        )

    def test_registration_refused_in_words_and_nothing_written(self):
        base = {
            "name": "Léa",
            "passkoop_visitor_type": "partner",
            "passkoop_coop_id": self.trust.id,
            "passkoop_consent": True,
        }
        cases = {
            "no consent": ({**base, "passkoop_consent": False}, "agree"),
            "consent not a yes": ({**base, "passkoop_consent": "yes"}, "agree"),
            "no name": ({**base, "name": ""}, "name"),
            "membership number required": (
                {**base, "passkoop_coop_id": self.proof.id},
                "membership number",
            ),
            "name and email required": (
                {**base, "passkoop_coop_id": self.registration.id},
                "name and email",
            ),
            "suspended coop": (
                {**base, "passkoop_coop_id": self.suspended.id},
                "no active agreement",
            ),
            "another company's coop": (
                {**base, "passkoop_coop_id": self.foreign.id},
                "home coop",
            ),
            "a coop id that is not one": (
                {**base, "passkoop_coop_id": "1; DROP TABLE res_partner"},
                "home coop",
            ),
            "true for a coop id (found by the hostile input sweep)": (
                {**base, "passkoop_coop_id": True},
                "home coop",
            ),
            "unknown visitor type": (
                {**base, "passkoop_visitor_type": "vip"},
                "kind of visitor",
            ),
            "a name that is not text": ({**base, "name": ["Léa"]}, "not text"),
            "a huge name": ({**base, "name": "L" * 10_000}, "too long"),
            "not a dict": ("Léa", "missing"),
        }
        count = self.env["res.partner"].search_count([])
        for label, (vals, said) in cases.items():
            with self.subTest(case=label), self.assertRaisesRegex(UserError, said):
                self.register(vals)
        self.assertEqual(self.env["res.partner"].search_count([]), count)
        visitor = self.env["res.partner"].browse(
            self.register(
                {
                    **base,
                    "passkoop_coop_id": self.registration.id,
                    "email": "lea@example.org",
                    "is_company": True,  # not a key the till may send: ignored
                }
            )
        )
        self.assertRecordValues(
            visitor,
            [
                {
                    "passkoop_coop_id": self.registration.id,
                    "is_company": False,
                    "company_id": self.env.company.id,
                    "passkoop_consent": True,
                    # the words the till showed, from the server, not the till
                    "passkoop_consent_text": self.env.company.passkoop_consent_text,
                }
            ],
        )

    def test_the_same_person_registered_twice_is_found_again(self):
        lea = {
            "name": "Léa",
            "email": "lea@example.org",
            "passkoop_visitor_type": "trial",
            "passkoop_consent": True,
        }
        first = self.register(lea)
        self.assertEqual(self.register({**lea, "email": " LEA@example.org "}), first)
        # An email that only looks alike is someone else's (a name alike would
        # be the same person's: see test_one_visitor.py).
        self.assertNotEqual(
            self.register({**lea, "name": "Léo", "email": "le_@example.org"}), first
        )
        # A member of a partner coop is another kind of visitor.
        self.assertNotEqual(
            self.register(
                {
                    **lea,
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": self.trust.id,
                }
            ),
            first,
        )

    def test_the_cashier_completes_what_the_policy_asks(self):
        samir = self.env["res.partner"].create(
            {
                "name": "Samir",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": self.proof.id,
            }
        )
        self.assertEqual(samir.passkoop_status, "incomplete")
        Partner = self.env["res.partner"].with_user(self.cashier)
        Partner.passkoop_complete_from_pos(
            samir.id, {"passkoop_member_ref": " 400-77 ", "name": "Not asked"}
        )
        self.assertRecordValues(
            samir, [{"passkoop_member_ref": "400-77", "name": "Samir"}]
        )
        self.assertEqual(samir.passkoop_status, "can_shop")
        # What is filled in already stays.
        Partner.passkoop_complete_from_pos(samir.id, {"passkoop_member_ref": "999"})
        self.assertEqual(samir.passkoop_member_ref, "400-77")
        plain = self.env["res.partner"].create({"name": "Not a visitor"})
        for partner_id, vals, said in [
            (plain.id, {"email": "a@example.org"}, "visitor"),
            (True, {"email": "a@example.org"}, "visitor"),
            ("1", {"email": "a@example.org"}, "visitor"),
            (samir.id, {"email": ["a@example.org"]}, "not text"),
            (samir.id, {"email": "not an email"}, "not a valid email"),
            (samir.id, "nothing", "missing"),
        ]:
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, said):
                with self.env.cr.savepoint():
                    Partner.passkoop_complete_from_pos(partner_id, vals)
        self.assertFalse(plain.email or samir.email)

    def test_anonymous_visits_only_where_the_policy_trusts(self):
        Coop = self.env["passkoop.coop"].with_user(self.cashier)
        anonymous = Coop.browse(self.trust.id).passkoop_anonymous_partner_id()
        self.assertEqual(anonymous, self.trust.anonymous_partner_id.id)
        # No proof, no registration, but a limit: one shared contact for every
        # traveller would make the limit count nobody's visits.
        limited = self.env["passkoop.coop"].create(
            {
                "name": "Coopalim",
                "code": "COOPALIM",
                "agreement_state": "active",
                "policy_id": self.env["passkoop.policy"]
                .create({"name": "3 visits", "mode": "limited", "max_visits": 3})
                .id,
            }
        )
        for coop, said in (
            (self.proof, "membership number"),
            (self.registration, "name and email"),
            (self.suspended, "no active agreement"),
            (limited, "No anonymous visit under a policy with a limit"),
        ):
            with self.subTest(coop=coop.name), self.assertRaisesRegex(UserError, said):
                Coop.browse(coop.id).passkoop_anonymous_partner_id()
            self.assertFalse(coop.anonymous_partner_id)
