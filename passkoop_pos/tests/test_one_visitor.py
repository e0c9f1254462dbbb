# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOnePersonOneVisitor(TransactionCase):
    """A person registered again is found again: a visitor at a limit does not
    start over under the same name unless a cashier decides it is someone else,
    and that decision is kept. Duplicates left are listed and merged."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.passkoop_trial_policy_id = cls.env["passkoop.policy"].create(
            {
                "name": "Discovery card: 3 visits",
                "visitor_type": "trial",
                "mode": "limited",
                "max_visits": 3,
            }
        )
        Coop = cls.env["passkoop.coop"]
        cls.hendaya, cls.diony = (
            Coop.create({"name": name, "code": code, "agreement_state": "active"})
            for name, code in (("HendayaKoop", "HENDAYA"), ("DionyCoop", "DIONY"))
        )
        cls.claire = cls.env["res.partner"].create(
            {"name": "Claire Muller", "passkoop_visitor_type": "trial"}
        )
        for _visit in range(3):
            cls.claire.passkoop_register_visit(amount=5.0)
        cls.cashier = new_test_user(
            cls.env, login="volunteer", groups="point_of_sale.group_pos_user"
        )

    def register(self, **vals):
        vals = {"passkoop_visitor_type": "trial", "passkoop_consent": True, **vals}
        Partner = self.env["res.partner"].with_user(self.cashier)
        return Partner.browse(Partner.passkoop_register_from_pos(vals))

    def test_a_visitor_at_the_limit_does_not_come_back_new(self):
        self.assertEqual(self.claire.passkoop_status, "limit_reached")
        again = self.register(name="claire muller ")
        self.assertEqual(again, self.claire)
        self.assertEqual(again.passkoop_status, "limit_reached")

    def test_another_person_of_the_same_name_is_the_cashiers_decision(self):
        other = self.register(name="Claire Muller", passkoop_other_than=self.claire.id)
        self.assertNotEqual(other, self.claire)
        self.assertEqual(other.passkoop_visit_count, 0)
        [message] = other.message_ids.filtered(lambda m: "another person" in m.body)
        self.assertIn("Claire Muller", message.body)
        self.assertEqual(message.author_id, self.cashier.partner_id)

    def test_the_same_name_at_another_coop_is_another_person(self):
        mathilde = self.register(
            name="Mathilde",
            passkoop_visitor_type="partner",
            passkoop_coop_id=self.hendaya.id,
        )
        again = self.register(
            name="MATHILDE",
            passkoop_visitor_type="partner",
            passkoop_coop_id=self.hendaya.id,
        )
        elsewhere = self.register(
            name="Mathilde",
            passkoop_visitor_type="partner",
            passkoop_coop_id=self.diony.id,
        )
        self.assertEqual(again, mathilde)
        self.assertNotEqual(elsewhere, mathilde)

    def test_duplicates_listed_then_merged_with_their_visits_and_cards(self):
        Partner = self.env["res.partner"]
        twin = Partner.create(
            {
                "name": "Claire MULLER",
                "passkoop_visitor_type": "trial",
                "passkoop_card_ref": "COOPALIM-VISIT-9",
            }
        )
        twin.passkoop_register_visit(amount=5.0)
        by_email = Partner.create(
            [
                {
                    "name": name,
                    "email": "lea@example.org",
                    "passkoop_visitor_type": "trial",
                }
                for name in ("Léa Martin", "Léa M.")
            ]
        )
        Partner.create({"name": "Nico", "passkoop_visitor_type": "trial"})
        listed = Partner.search([("passkoop_duplicate", "=", True)])
        self.assertEqual(listed, self.claire | twin | by_email)
        self.assertEqual(
            Partner.search(
                [("passkoop_duplicate", "=", False), ("name", "=", "Nico")]
            ).name,
            "Nico",
        )
        # Odoo's merge (Action > Merge): one visitor, all the visits, counted.
        self.env["base.partner.merge.automatic.wizard"]._merge(
            (self.claire | twin).ids, self.claire
        )
        self.assertFalse(twin.exists())
        self.assertEqual(self.claire.passkoop_visit_count, 4)
        self.assertEqual(self.claire.passkoop_card_ref, "COOPALIM-VISIT-9")
        self.assertFalse(self.claire.passkoop_duplicate)
