# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import in_french
from .screenshots import english_left, tour_screenshots


@tagged("post_install", "-at_install")
class TestBackOfficeViews(HttpCase):
    """The administrator's screens open in a real browser, without error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.coop = cls.env["passkoop.coop"].create(
            {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
        )
        visitor = cls.env["res.partner"].create(
            {
                "name": "Mathilde",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": cls.coop.id,
            }
        )
        visitor.passkoop_register_visit(amount=12.0)

    def test_visitor_sales_analysis(self):
        self.start_tour(
            "/odoo/action-passkoop_membership.action_passkoop_visit_report",
            "passkoop_visitor_sales_views",
            login="admin",
        )

    def test_a_visitor_opens_on_the_passkoop_tab(self):
        self.start_tour(
            "/odoo/action-passkoop_membership.action_passkoop_visitors",
            "passkoop_visitor_opens_on_its_tab",
            login="admin",
        )

    def test_partner_coop_form(self):
        self.start_tour(
            "/odoo/action-passkoop_membership.action_passkoop_coops",
            "passkoop_coop_form",
            login="admin",
        )

    def test_dashboard(self):
        claire = self.env["res.partner"].create(
            {"name": "Claire", "passkoop_visitor_type": "trial"}
        )
        claire.passkoop_register_visit(amount=5.0)  # 2 left of the default 3...
        claire.passkoop_register_visit(amount=5.0)  # ...then 1: close to the limit
        self.start_tour(
            "/odoo/action-passkoop_membership.action_passkoop_dashboard",
            "passkoop_dashboard",
            login="admin",
        )


@tagged("post_install", "-at_install")
class TestFrenchBackOffice(HttpCase):
    """The administrator's screens in French at 1366x768, as the readme shows
    them: none shows the addons' English (views, selections, chatter, the
    dashboard's own words)."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        in_french(cls.env, "all", admin=True)
        env = cls.env(context={"lang": "fr_FR"})
        # A French coop's policies are named in French (the company's language
        # when they are made); this test database's company was made in English.
        company = cls.env.company.with_context(tracking_disable=True)
        company.passkoop_trial_policy_id.name = "Carte découverte : 3 passages"
        company.passkoop_partner_policy_id.name = "Membres des coops partenaires"
        cls.coop = env["passkoop.coop"].create(
            {"name": "HendayaKoop", "code": "HENDAYA", "city": "Hendaye"}
        )
        cls.coop.agreement_state = "active"
        env["passkoop.coop"].create(
            {"name": "400COOP", "code": "400COOP", "agreement_state": "active"}
        )
        cls.mathilde = env["res.partner"].create(
            {
                "name": "Mathilde Etchegaray",
                "email": "mathilde@example.org",
                "lang": "fr_FR",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": cls.coop.id,
                "passkoop_member_ref": "HK-0042",
            }
        )
        cls.mathilde.passkoop_register_visit(amount=23.5)
        cls.mathilde.passkoop_register_visit(amount=12.0)
        claire = env["res.partner"].create(
            {"name": "Claire Muller", "passkoop_visitor_type": "trial"}
        )
        claire.passkoop_register_visit(amount=8.0)
        claire.passkoop_register_visit(amount=14.2)  # her next visit is the last
        ines = env["res.partner"].create(
            {"name": "Inès Moreau", "passkoop_visitor_type": "trial"}
        )
        for amount in (6.0, 9.5, 4.0):  # her 3 trial visits: the limit reached
            ines.passkoop_register_visit(amount=amount)
        member = env["res.partner"].create(
            {
                "name": "Jon Etxebarria",
                "ref": "M-12",
                "email": "jon@example.org",
                "lang": "fr_FR",
            }
        )
        cls.card = member.passkoop_issue_card()

    def test_screens_in_french(self):
        policy = self.env.company.passkoop_trial_policy_id
        screens = [
            ("1-dashboard", "passkoop_membership.action_passkoop_dashboard", None),
            ("2-settings", "passkoop_membership.action_passkoop_settings", None),
            ("3-coops", "passkoop_membership.action_passkoop_coops", None),
            ("4-coop", "passkoop_membership.action_passkoop_coops", self.coop),
            ("5-policy", "passkoop_membership.action_passkoop_policies", policy),
            ("6-visitors", "passkoop_membership.action_passkoop_visitors", None),
            (
                "7-visitor",
                "passkoop_membership.action_passkoop_visitors",
                self.mathilde,
            ),
            ("8-visits", "passkoop_membership.action_passkoop_visits", None),
            ("9-analysis", "passkoop_membership.action_passkoop_visit_report", None),
            ("10-cards", "passkoop_membership.action_passkoop_cards", None),
            ("11-keys", "passkoop_membership.action_passkoop_signing_keys", None),
            ("12-policies", "passkoop_membership.action_passkoop_policies", None),
            (
                "13-visits-of-a-figure",
                "passkoop_membership.action_passkoop_dashboard",
                None,
            ),
            ("14-card-email", "passkoop_membership.action_passkoop_cards", self.card),
            (
                "15-settings-privacy",
                "passkoop_membership.action_passkoop_settings",
                None,
            ),
        ]
        with tour_screenshots("passkoop_membership") as shots:
            for name, action, record in screens:
                url = f"/odoo/action-{action}" + (f"/{record.id}" if record else "")
                self.start_tour(url, f"passkoop_screen_{name}", login="admin")
        self.assertEqual([path.stem for path in shots.taken], [s[0] for s in screens])
        for path in shots.taken:
            self.assertTrue(path.read_bytes().startswith(b"\x89PNG"), path)
        for name, texts in shots.texts.items():
            with self.subTest(screen=name):
                self.assertIn("Pass'Koop", " ".join(texts))
                self.assertEqual(english_left(texts), [])
