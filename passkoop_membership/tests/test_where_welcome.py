# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestWhereTheCardIsWelcome(HttpCase):
    """A member sees where their card is welcome: on their card's page, on the
    printed card and on the coop's public page of partners; the phone checker
    says which coops' cards it checks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.passkoop_code = "MYCOOP"
        Coop = cls.env["passkoop.coop"]
        cls.partners = Coop.create(
            [
                {
                    "name": "400COOP",
                    "code": "400COOP",
                    "city": "Paris",
                    "website": "https://400coop.example",
                },
                {"name": "DionyCoop", "code": "DIONY", "city": "Saint-Denis"},
            ]
        )
        cls.partners.agreement_state = "active"
        cls.partners[0].welcome_summary = "Member terms for partner coops' members."
        Coop.create({"name": "La Louve", "code": "LOUVE"}).agreement_state = "suspended"
        member = cls.env["res.partner"].create({"name": "Lucie Durand", "ref": "42"})
        cls.card = member.passkoop_issue_card()

    def test_the_card_page_lists_the_coops_that_welcome_the_holder(self):
        url = self.card._page_url().replace(self.card.get_base_url(), "")
        page = self.url_open(url).text
        for text in (
            "Where the card is welcome",
            "400COOP",
            "Paris",
            "https://400coop.example",
            "Member terms for partner coops&#39; members.",
            "DionyCoop",
            "Saint-Denis",
        ):
            self.assertIn(text, page)
        self.assertNotIn("La Louve", page)  # agreement suspended

    def test_the_printed_card_names_them_in_one_line(self):
        self.assertEqual(self.card._welcome_line(), "Welcome at 400COOP, DionyCoop.")
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "passkoop_membership.report_passkoop_card", self.card.ids
            )[0]
        )
        self.assertIn("Welcome at 400COOP, DionyCoop.", html)
        more = self.env["passkoop.coop"].create(
            [{"name": f"Coop {n}", "code": f"COOP{n}"} for n in range(4)]
        )
        more.agreement_state = "active"
        self.assertEqual(
            self.card._welcome_line(),
            "Welcome at 400COOP, Coop 0, Coop 1, Coop 2 and 2 more coops.",
        )
        (self.partners | more).agreement_state = "ended"
        self.assertIn("partner coops", self.card._welcome_line())

    def test_the_coop_shows_its_partners_on_a_public_page(self):
        response = self.url_open("/passkoop/partners?code=MYCOOP")
        self.assertEqual(response.status_code, 200)
        self.assertIn("400COOP", response.text)
        self.assertIn("DionyCoop", response.text)
        self.assertNotIn("La Louve", response.text)
        self.assertEqual(self.url_open("/passkoop/partners?code=NOPE").status_code, 404)

    def test_the_phone_checker_says_whose_cards_it_checks(self):
        page = self.url_open("/passkoop/check?code=MYCOOP").text
        self.assertIn("Coops whose cards this page checks", page)
        # Our own coop has a key (its card was issued); partners without a
        # trusted key cannot be checked, so they are not listed.
        self.assertIn(f"<li>{self.company.name}</li>", page)
        self.assertNotIn("<li>400COOP</li>", page)
