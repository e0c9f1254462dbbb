# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PasskoopCase, in_french


@tagged("post_install", "-at_install")
class TestVisitorRules(PasskoopCase):
    """What an administrator or a cashier may not save, and why."""

    def assertRefused(self, model, vals, message_part):
        """Saving ``vals`` fails with a clear message and writes nothing."""
        Model = self.env[model].with_context(active_test=False)
        before = Model.search_count([])
        with self.assertRaises(ValidationError) as refusal:
            Model.create(vals)
        self.assertIn(message_part, str(refusal.exception))
        self.assertEqual(Model.search_count([]), before)

    def test_coop_code_is_upper_case_and_unique_per_company(self):
        coop = self.env["passkoop.coop"].create(
            {"name": "400 Coop", "code": " 400coop "}
        )
        self.assertEqual(coop.code, "400COOP")
        coop.code = "paris-400"
        self.assertEqual(coop.code, "PARIS-400")
        self.assertRefused(
            "passkoop.coop", {"name": "Another", "code": "Paris-400"}, "400 Coop"
        )
        other_company = self.env["res.company"].create({"name": "Au Baudet"})
        twin = self.env["passkoop.coop"].create(
            {"name": "400 Coop", "code": "PARIS-400", "company_id": other_company.id}
        )
        self.assertEqual(twin.company_id, other_company)

    def test_archived_coop_still_holds_its_code(self):
        self.coop.action_archive()
        self.assertRefused(
            "passkoop.coop", {"name": "Hendaye bis", "code": "hendaya"}, "HENDAYA"
        )

    def test_partner_coop_visitor_needs_a_home_coop(self):
        self.assertRefused(
            "res.partner",
            {"name": "Nobody's member", "passkoop_visitor_type": "partner"},
            "home coop",
        )
        trial = self.make_visitor("Just trying", visitor_type="trial")
        with self.assertRaises(ValidationError):
            trial.passkoop_visitor_type = "partner"

    def test_card_number_unique_per_company(self):
        self.make_visitor(passkoop_card_ref="PK-0042")
        self.assertRefused(
            "res.partner",
            {
                "name": "Copycat",
                "passkoop_visitor_type": "trial",
                "passkoop_card_ref": "PK-0042",
            },
            "Mathilde",
        )
        other_company = self.env["res.company"].create({"name": "Coopalim"})
        elsewhere = self.make_visitor(
            "Claire",
            visitor_type="trial",
            passkoop_card_ref="PK-0042",
            company_id=other_company.id,
        )
        self.assertEqual(elsewhere.passkoop_card_ref, "PK-0042")

    def test_visitor_belongs_to_the_company_that_registers_it(self):
        visitor = self.make_visitor()
        self.assertEqual(visitor.company_id, self.company)
        contact = self.env["res.partner"].create({"name": "Supplier"})
        self.assertFalse(contact.company_id)

    def test_visitor_email_must_be_well_formed(self):
        self.assertRefused(
            "res.partner",
            {
                "name": "Léa",
                "passkoop_visitor_type": "trial",
                "email": "lea at example",
            },
            "lea at example",
        )
        visitor = self.make_visitor(
            "Léa", visitor_type="trial", email="lea@example.org"
        )
        with self.assertRaises(ValidationError):
            visitor.email = "lea@"
        # Contacts that are not visitors keep Odoo's usual leniency.
        self.env["res.partner"].create({"name": "Old import", "email": "n/a"})

    def test_policy_limits(self):
        base = {"name": "Trial", "visitor_type": "trial", "mode": "limited"}
        self.assertRefused(
            "passkoop.policy", {**base, "max_visits": -1}, "cannot be negative"
        )
        self.assertRefused(
            "passkoop.policy", {**base, "period_days": -60}, "cannot be negative"
        )
        self.assertRefused("passkoop.policy", base, "set a number of visits")
        policy = self.env["passkoop.policy"].create({**base, "period_days": 60})
        with self.assertRaises(ValidationError):
            policy.period_days = 0
        # Member terms need no limit.
        self.env["passkoop.policy"].create({**base, "mode": "member_terms"})

    def test_refusals_speak_french(self):
        in_french(self.env)
        french = self.env["res.partner"].with_context(lang="fr_FR")
        with self.assertRaises(ValidationError) as refusal:
            french.create({"name": "Personne", "passkoop_visitor_type": "partner"})
        self.assertIn("coop d'origine", str(refusal.exception))
        with self.assertRaises(ValidationError) as refusal:
            self.env["passkoop.policy"].with_context(lang="fr_FR").create(
                {"name": "Essai", "visitor_type": "trial", "mode": "limited"}
            )
        self.assertIn("nombre de passages", str(refusal.exception))
