# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
import json
from pathlib import Path

from odoo.exceptions import UserError
from odoo.modules.module import get_module_path
from odoo.tests import tagged
from odoo.tools import format_date, html2plaintext

from odoo.addons.mail.tests.common import MockEmail

from ..tools import card_format
from .common import in_french
from .phone import PhoneCase


@tagged("post_install", "-at_install")
class TestCardPages(MockEmail, PhoneCase):
    """What a member and a partner coop open without logging in."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.passkoop_code = "MYCOOP"
        cls.member = cls.env["res.partner"].create(
            {"name": "Lucie Durand", "ref": "42", "email": "lucie@example.org"}
        )
        cls.card = cls.member.passkoop_issue_card()

    def test_printed_card_holds_the_qr_code_and_no_personal_data_but_the_name(self):
        html = str(
            self.env["ir.actions.report"]._render_qweb_html(
                "passkoop_membership.report_passkoop_card", self.card.ids
            )[0]
        )
        for text in ("Lucie Durand", self.card.token, "data:image/svg+xml;base64,"):
            self.assertIn(text, html)
        self.assertNotIn("lucie@example.org", html)
        report = self.env.ref("passkoop_membership.action_report_passkoop_card")
        paper = report.paperformat_id
        self.assertEqual((paper.page_width, paper.page_height), (86, 54))

    def test_qr_code_uses_the_alphanumeric_mode(self):
        import qrcode  # noqa: PLC0415 - the library the card uses

        code = self.card._qr_code()
        self.assertEqual(
            [chunk.mode for chunk in code.data_list], [qrcode.util.MODE_ALPHA_NUM]
        )
        # 143 characters fit a version 6 code at level M, as card-format.md says.
        self.assertLessEqual(code.version, 6)

    def test_the_member_opens_their_card_on_a_phone_by_the_signed_link(self):
        url = self.card._page_url().replace(self.card.get_base_url(), "")
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.card.member_ref, response.text)
        self.assertIn("data:image/svg+xml", response.text)
        forged = url[:-1] + ("1" if url.endswith("0") else "0")
        self.assertEqual(self.url_open(forged).status_code, 404)
        other = self.env["res.partner"].create({"name": "Zoé"}).passkoop_issue_card()
        self.assertEqual(
            self.url_open(
                url.replace(f"/{self.card.id}/", f"/{other.id}/")
            ).status_code,
            404,
        )
        self.card.action_revoke()
        self.assertEqual(self.url_open(url).status_code, 404)

    def test_the_card_page_opens_offline_after_its_first_visit(self):
        """As its email promises: opened once online, the page opens again with
        the network cut, reloaded or from the email's link."""
        url = self.card._page_url().replace(self.card.get_base_url(), self.base_url())
        shown = {}
        kept = f"caches.match({json.dumps(url)}).then((kept) => Boolean(kept))"
        with self.phone(url, kept) as browser, self.network_cut(browser):
            page = "[document.URL, document.body.innerText]"
            self.evaluate(browser, "window.passkoopBefore = 1; location.reload()")
            self.assertTrue(
                browser._wait_ready(
                    "!window.passkoopBefore && document.readyState === 'complete'"
                )
            )
            shown["reloaded"] = self.evaluate(browser, page)
            browser.navigate_to(url, wait_stop=True)
            self.assertTrue(browser._wait_ready())
            shown["opened"] = self.evaluate(browser, page)
        for how, (address, text) in shown.items():
            self.assertEqual(address, url, how)
            self.assertIn("Lucie Durand", text, how)
            self.assertIn(self.card.member_ref, text, how)

    def test_the_card_goes_by_email_with_its_link(self):
        template = self.env.ref("passkoop_membership.mail_template_passkoop_card")
        body = template._render_field("body_html", self.card.ids)[self.card.id]
        self.assertIn(self.card._page_url(), str(body))
        self.assertIn("Lucie Durand", str(body))
        action = self.card.action_send_by_email()
        self.assertEqual(action["context"]["default_template_id"], template.id)
        # The composer says what it sends (it was titled "Odoo").
        self.assertEqual(action["name"], "Send the card")

    def card_email_text(self, lang):
        template = self.env.ref("passkoop_membership.mail_template_passkoop_card")
        template = template.with_context(lang=lang)
        body = template._render_field("body_html", self.card.ids)[self.card.id]
        return " ".join(html2plaintext(str(body)).split())

    def test_the_card_email_reads_well(self):
        """No space before a comma or a full stop ("Bonjour Camille Garnier ,",
        "30/11/2027 ."), in English and in French."""
        in_french(self.env)
        for lang, hello in (("en_US", "Hello Lucie Durand"), ("fr_FR", "Bonjour")):
            with self.subTest(lang=lang):
                text = self.card_email_text(lang)
                self.assertIn(hello, text)
                valid_until = format_date(
                    self.env, self.card.valid_until, lang_code=lang
                )
                self.assertIn(valid_until, text)
                self.assertNotRegex(text, r"\s[,.]")

    def test_upgrade_mends_the_space_before_punctuation(self):
        """Databases made before 18.0.1.3.0 keep the template (noupdate) as it
        was, in each language: the migration takes the spaces out."""
        self.env["res.lang"]._activate_lang("fr_FR")
        template = self.env.ref("passkoop_membership.mail_template_passkoop_card")
        old = (
            "<div><p>\n    {hello}\n    <t t-out=\"object.partner_id.name or ''\"/>"
            "\n    ,\n</p><p>{until}\n    "
            "<t t-out=\"format_date(object.valid_until) or ''\"/>\n    .\n</p></div>"
        )
        template.with_context(lang="en_US").body_html = old.format(
            hello="Hello", until="It is valid until"
        )
        template.with_context(lang="fr_FR").body_html = old.format(
            hello="Bonjour", until="Elle est valable jusqu'au"
        )
        self.assertRegex(self.card_email_text("fr_FR"), r"Durand ,")
        self.migration("18.0.1.3.0").migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()
        day = self.card.valid_until
        self.assertIn(
            f"Hello Lucie Durand, It is valid until {format_date(self.env, day)}.",
            self.card_email_text("en_US"),
        )
        self.assertIn(
            "Bonjour Lucie Durand, Elle est valable jusqu'au "
            f"{format_date(self.env, day, lang_code='fr_FR')}.",
            self.card_email_text("fr_FR"),
        )

    def test_upgrade_lists_the_welcoming_coops_in_the_email(self):
        """Databases made before 18.0.1.4.0 keep the template (noupdate) as the
        coop left it, in each language: the migration adds the coops that
        welcome the member at its end, in that language, once."""
        in_french(self.env)
        coop = self.env["passkoop.coop"].create(
            {"name": "400COOP", "code": "400COOP", "city": "Paris"}
        )
        coop.agreement_state = "active"
        template = self.env.ref("passkoop_membership.mail_template_passkoop_card")
        old = (
            "<div><p>{hello} <t t-out=\"object.partner_id.name or ''\"/></p>"
            "<p>{own}</p></div>"
        )
        template.with_context(lang="en_US").body_html = old.format(
            hello="Hello", own="Our own words."
        )
        template.with_context(lang="fr_FR").body_html = old.format(
            hello="Bonjour", own="Nos propres mots."
        )
        self.assertNotIn("400COOP", self.card_email_text("fr_FR"))
        migration = self.migration("18.0.1.4.0")
        migration.migrate(self.env.cr, "18.0.1.3.0")
        migration.migrate(self.env.cr, "18.0.1.3.0")
        self.env.invalidate_all()
        self.assertEqual(
            self.card_email_text("fr_FR"),
            "Bonjour Lucie Durand Nos propres mots. "
            "*Où votre carte est accueillie* *400COOP* · Paris",
        )
        self.assertEqual(
            self.card_email_text("en_US"),
            "Hello Lucie Durand Our own words. "
            "*Where your card is welcome* *400COOP* · Paris",
        )

    def migration(self, version):
        path = (
            Path(get_module_path("passkoop_membership"))
            / f"migrations/{version}/post-migration.py"
        )
        spec = importlib.util.spec_from_file_location("post_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        return migration

    def test_many_cards_sent_at_once_one_email_each(self):
        """From the cards list: each member gets their own card, revoked cards
        are not sent."""
        paul = self.env["res.partner"].create(
            {"name": "Paul Etxeberri", "ref": "43", "email": "paul@example.org"}
        )
        jon = self.env["res.partner"].create({"name": "Jon", "ref": "44"})
        revoked = jon.passkoop_issue_card()
        revoked.action_revoke()
        cards = self.card | paul.passkoop_issue_card() | revoked
        action = (
            self.env.ref("passkoop_membership.action_passkoop_send_cards")
            .with_context(active_model="passkoop.card", active_ids=cards.ids)
            .run()
        )
        self.assertEqual(action["context"]["default_res_ids"], (cards - revoked).ids)
        composer = (
            self.env["mail.compose.message"]
            .with_context(**action["context"])
            .create({})
        )
        with self.mock_mail_gateway():
            composer._action_send_mail()
        self.assertEqual(
            sorted(mail["email_to"] for mail in self._mails),
            [
                ['"Lucie Durand" <lucie@example.org>'],
                ['"Paul Etxeberri" <paul@example.org>'],
            ],
        )
        self.assertNotIn("exception", self._new_mails.mapped("state"))
        for card in cards - revoked:
            [mail] = [
                m for m in self._mails if card.partner_id.email in m["email_to"][0]
            ]
            self.assertIn(card._page_url(), str(mail["body"]))
        with self.assertRaises(UserError):
            revoked.action_send_by_email()

    def test_public_pages_open_in_a_database_without_french(self):
        """The kit and the checker are in French where French is installed; in
        a database without it (a Belgian coop's in Dutch, this test's in
        English), in a language it has: they answered 400 ("Invalid language
        code: fr_FR")."""
        self.assertNotIn("fr_FR", dict(self.env["res.lang"].get_installed()))
        self.company.partner_id.lang = False
        for url in (
            "/passkoop/kit",
            "/passkoop/kit?lang=fr_FR",
            "/passkoop/check?code=MYCOOP",
            "/passkoop/partners?code=MYCOOP",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn('lang="en', response.text)

    def test_directory_entry_served_without_login(self):
        response = self.url_open("/passkoop/directory.jws")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/jose")
        _header, payload, _input, _sig = card_format.read_document(response.text)
        self.assertEqual(payload["code"], "MYCOOP")
        self.assertEqual(response.text, self.company.passkoop_export_directory())
        etag = response.headers["ETag"]
        again = self.url_open(
            "/passkoop/directory.jws?code=mycoop", headers={"If-None-Match": etag}
        )
        self.assertEqual(again.status_code, 304)
        self.assertEqual(
            self.url_open("/passkoop/directory.jws?code=NOPE").status_code, 404
        )
        download = self.url_open("/passkoop/directory.jws?code=MYCOOP&download=1")
        self.assertIn("mycoop-directory.jws", download.headers["Content-Disposition"])

    def test_upgrade_puts_the_email_sender_on_one_line(self):
        """Databases made before 18.0.1.1.0 keep the template (noupdate): the
        migration mends its sender."""
        path = (
            Path(get_module_path("passkoop_membership"))
            / "migrations/18.0.1.1.0/post-migration.py"
        )
        spec = importlib.util.spec_from_file_location("post_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        template = self.env.ref("passkoop_membership.mail_template_passkoop_card")
        template.email_from = "\n    {{ object.company_id.email_formatted }}\n"
        migration.migrate(self.env.cr, "18.0.1.0.0")
        self.assertEqual(template.email_from, "{{ object.company_id.email_formatted }}")
