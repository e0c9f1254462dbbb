# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, TransactionCase, tagged

from .common import in_french


@tagged("post_install", "-at_install")
class TestLabelsFit(HttpCase):
    """At 1366x768 in French, with the demo's words, no screen of the addon cuts
    a label ("Hors li…", "Conditio…"): measured in the browser, column headers,
    cells, buttons and status bars (passkoop_labels_fit.js)."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        in_french(cls.env, "all", admin=True)
        env = cls.env(context={"lang": "fr_FR", "tracking_disable": True})
        company = env.company
        company.passkoop_trial_policy_id.name = "Carte découverte : 3 passages"
        company.passkoop_partner_policy_id.name = "Membres de coops partenaires"
        pricelist = env["product.pricelist"].create({"name": "Prix membres"})
        company.passkoop_partner_policy_id.pricelist_id = pricelist
        # The demo's policies: the longest words of each column.
        policies = env["passkoop.policy"]
        policies.create(
            {
                "name": "Conditions membre, numéro de membre demandé",
                "proof": "member_ref",
            }
        )
        policies.create(
            {
                "name": "60 jours après l'inscription, puis avertir",
                "mode": "limited",
                "period_days": 60,
                "limit_action": "warn",
            }
        )
        policies.create({"name": "Pas d'achat pour les visiteurs", "mode": "refused"})
        policies.create(
            {
                "name": "Carte découverte : 4 passages, puis demander au caissier",
                "visitor_type": "trial",
                "mode": "limited",
                "max_visits": 4,
                "limit_action": "confirm",
            }
        )
        coops = env["passkoop.coop"].create(
            [
                {"name": "HendayaKoop", "code": "HENDAYA", "city": "Hendaye"},
                {"name": "T'as Meilleur Temps", "code": "TMT", "city": "Besançon"},
            ]
        )
        coops.agreement_state = "active"
        cls.coop = coops[0]
        partners = env["res.partner"]
        cls.mathilde = partners.create(
            {
                "name": "Mathilde Etcheverry",
                "email": "mathilde@example.org",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": coops[0].id,
                "passkoop_member_ref": "HK-0042",
            }
        )
        julien = partners.create(
            {
                "name": "Julien Roche",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": coops[1].id,
            }
        )
        claire = partners.create(
            {"name": "Claire Muller", "passkoop_visitor_type": "trial"}
        )
        cls.visit = cls.mathilde.passkoop_register_visit(
            amount=42.8, origin="feuille papier"
        )
        julien.passkoop_register_visit(
            amount=54.2, origin="feuille papier"
        ).terms = "Période d'accueil jusqu'au 31/10/2026"
        for amount in (31.0, 12.45, 27.9):
            claire.passkoop_register_visit(amount=amount, origin="feuille papier")
        member = partners.create({"name": "Camille Garnier", "ref": "M-0107"})
        cls.card = member.passkoop_issue_card()

    def test_no_label_cut(self):
        policy = self.env.company.passkoop_trial_policy_id
        screens = [
            ("dashboard", "action_passkoop_dashboard", None),
            ("settings", "action_passkoop_settings", None),
            ("coops", "action_passkoop_coops", None),
            ("coop", "action_passkoop_coops", self.coop),
            ("policies", "action_passkoop_policies", None),
            ("policy", "action_passkoop_policies", policy),
            ("visitors", "action_passkoop_visitors", None),
            ("visitor", "action_passkoop_visitors", self.mathilde),
            ("visits", "action_passkoop_visits", None),
            ("visit", "action_passkoop_visits", self.visit),
            ("analysis", "action_passkoop_visit_report", None),
            ("cards", "action_passkoop_cards", None),
            ("card", "action_passkoop_cards", self.card),
            ("keys", "action_passkoop_signing_keys", None),
        ]
        for name, action, record in screens:
            with self.subTest(screen=name):
                url = f"/odoo/action-passkoop_membership.{action}"
                if record:
                    url += f"/{record.id}"
                self.start_tour(url, f"passkoop_fit_{name}", login="admin")


@tagged("post_install", "-at_install")
class TestShorterWordsOnUpgrade(TransactionCase):
    """An update keeps the translations a database has: the migration to
    18.0.1.3.0 brings the shorter French that lets the policies list fit."""

    def test_upgrade_brings_the_shorter_words(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        field = self.env["ir.model.fields"]._get("passkoop.policy", "limit_action")
        confirm = field.selection_ids.filtered(lambda s: s.value == "confirm")
        confirm.with_context(
            lang="fr_FR"
        ).name = "Demander confirmation au caissier·ère"
        path = (
            Path(get_module_path("passkoop_membership"))
            / "migrations/18.0.1.3.0/post-migration.py"
        )
        spec = importlib.util.spec_from_file_location("post_migration", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()
        self.assertEqual(
            confirm.with_context(lang="fr_FR").name, "Faire confirmer en caisse"
        )
        self.assertEqual(
            dict(
                self.env["passkoop.policy"]
                .with_context(lang="fr_FR")
                ._fields["proof"]
                ._description_selection(self.env(context={"lang": "fr_FR"}))
            )["member_ref"],
            "N° de membre (coop d'origine)",
        )
