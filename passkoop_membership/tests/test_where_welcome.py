# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo.tests import HttpCase, tagged
from odoo.tools import html2plaintext

from odoo.addons.mail.tests.common import MockEmail

from ..tools import card_format
from .common import in_french
from .test_card import SEEDS, VECTORS


@tagged("post_install", "-at_install")
class TestWhereTheCardIsWelcome(MockEmail, HttpCase):
    """A member sees where their card is welcome: on their card's page, in its
    email, on the printed card and on the coop's public page of partners; the
    phone checker says which coops' cards it checks."""

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
        cls.member = cls.env["res.partner"].create(
            {"name": "Lucie Durand", "ref": "42", "email": "lucie@example.org"}
        )
        cls.card = cls.member.passkoop_issue_card()

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

    def test_the_card_email_names_them_in_french(self):
        """The email a French member receives with their card lists the coops
        that welcome them: name, city, what they offer, website."""
        in_french(self.env)
        self.member.lang = "fr_FR"
        composer = (
            self.env["mail.compose.message"]
            .with_context(**self.card.action_send_by_email()["context"])
            .create({})
        )
        with self.mock_mail_gateway():
            composer._action_send_mail()
        [mail] = self._mails
        # The words, without the plain text's bold (*...*) and link numbers.
        text = re.sub(r"\*| \[\d+\]", "", html2plaintext(mail["body"]))
        text = " ".join(text.split())
        self.assertIn("Bonjour Lucie Durand", text)
        self.assertIn(
            "Où votre carte est accueillie 400COOP · Paris Member terms for "
            "partner coops' members. https://400coop.example",
            text,
        )
        self.assertIn("DionyCoop · Saint-Denis", text)
        self.assertIn('href="https://400coop.example"', mail["body"])
        self.assertNotIn("La Louve", text)  # agreement suspended

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

    def test_a_partners_entry_links_only_to_web_pages(self):
        """Its website is a link on our public pages and in our members' email:
        an entry that says "javascript:…" gets no link there (the script would
        run on our Odoo's address); the entry itself is kept."""
        hostile = card_format.entry_document(
            SEEDS["K1"],
            "K1",
            {
                **VECTORS["directory"]["entry"],
                "website": "javascript:alert(document.cookie)",
            },
        )
        coop = self.env["passkoop.coop"].passkoop_import_directory(hostile)
        coop.agreement_state = "active"
        self.assertEqual(coop.name, "HendayaKoop")
        self.assertFalse(coop.website)
        page = self.url_open("/passkoop/partners?code=MYCOOP").text
        self.assertIn("HendayaKoop", page)
        self.assertNotIn("javascript:", page)
