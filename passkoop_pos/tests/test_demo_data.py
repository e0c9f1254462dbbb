# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged

ADDONS = ("passkoop_membership", "passkoop_pos")
# Made from the Python code (docstrings...), not written by the data files.
GENERATED = (
    "ir.model",
    "ir.model.fields",
    "ir.model.fields.selection",
    "ir.model.constraint",
    "ir.model.relation",
)
# Code, not words: views, Python, domains and contexts.
CODE = ("code", "context", "domain", "domain_force")


@tagged("-standard", "passkoop_demo_till", "post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo as a newcomer meets it, in the database setup/start makes (a coop
    in France, both addons' demo data as Odoo loaded it): run by tests/test_demo.py
    beside the demo's till (test_demo_till.py)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")

    def test_visitors_agreed_to_the_coops_own_words_in_french(self):
        french = self.company.with_context(lang="fr_FR").passkoop_consent_text
        self.assertIn("L'Épi bayonnais", french)
        self.assertNotEqual(french, self.company.passkoop_consent_text)  # English
        visitors = self.env["res.partner"].search([("passkoop_consent", "=", True)])
        self.assertEqual(len(visitors), 3)
        for visitor in visitors:
            self.assertEqual(visitor.passkoop_consent_text, french, visitor.name)

    def test_the_receipt_header_is_the_coops_own(self):
        """The receipt's header: the company's name, phone, email and website
        (Odoo's own), and the till's header, which holds the address."""
        till = self.env["pos.config"].search([("name", "=", "Caisse 1")])
        self.assertEqual(
            {
                **{
                    name: self.company[name]
                    for name in ("name", "phone", "email", "website")
                },
                "header": till.is_header_or_footer and till.receipt_header,
            },
            {
                "name": "L'Épi bayonnais",
                "phone": "+33 5 36 49 12 34",
                "email": "bonjour@epi-bayonnais.example.org",
                "website": "https://epi-bayonnais.example.org",
                "header": "12 rue des Tonneliers\n64100 Bayonne",
            },
        )
        self.assertEqual(self.company.country_id, self.env.ref("base.fr"))

    def test_no_line_break_nor_indentation_in_what_the_data_files_wrote(self):
        """An XML formatter wraps long text: a name then starts with a line break
        and an indentation (write such a value as eval="'...'")."""
        untidy = []
        for data in self.env["ir.model.data"].search(
            [("module", "in", ADDONS), ("model", "not in", GENERATED)]
        ):
            record = self.env[data.model].browse(data.res_id).exists()
            for name, field in record._fields.items():
                if (
                    field.type not in ("char", "text")
                    or not field.store
                    or field.compute
                    or field.related
                    or name in CODE
                    or name.startswith("arch")
                ):
                    continue
                value = record[name]
                if isinstance(value, str) and (
                    value != value.strip()
                    or "\n" in value
                    and (field.type == "char" or "\n " in value)
                ):
                    untidy.append((data.complete_name, name, value))
        self.assertEqual(untidy, [])
