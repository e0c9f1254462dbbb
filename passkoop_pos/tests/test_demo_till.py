# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo in the demo database only: run by tests/test_demo.py on the
database setup/start makes (a coop in France, its demo), not by the addons'
tests (their databases have no demo coop)."""

import json
from pathlib import Path

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged

from odoo.addons.passkoop_membership.tests.screenshots import (
    english_left,
    tour_screenshots,
)
from odoo.addons.passkoop_membership.tools import card_format

# The project's README shows the demo: its pictures are taken here.
README_PICTURES = Path(get_module_path("passkoop_pos")).parent / "docs" / "screenshots"


@tagged("-standard", "passkoop_demo_till", "post_install", "-at_install")
class TestDemoTill(HttpCase):
    browser_size = "1366x768"

    def test_a_coop_in_france_whose_cards_check(self):
        """Both addons installed in a coop in France (euros, the French chart);
        Mathilde's HendayaKoop card checks as the till checks it, and two of the
        coop's own members' cards against its published entry, as a partner
        coop checks them."""
        env = self.env
        states = env["ir.module.module"].search(
            [("name", "in", ["passkoop_membership", "passkoop_pos"])]
        )
        self.assertEqual(set(states.mapped("state")), {"installed"})
        self.assertEqual(len(states), 2)
        company = env.company
        self.assertEqual(
            [company.country_id.code, company.currency_id.name, company.chart_template],
            ["FR", "EUR", "fr"],
        )
        mathilde = env.ref("passkoop_membership.visitor_mathilde_demo")
        verified = env["res.partner"].passkoop_verify_card(mathilde.passkoop_card_ref)
        self.assertEqual(verified["reason_code"], "ok")
        _header, entry, _input, _signature = card_format.read_document(
            company.passkoop_export_directory()
        )
        keys = {
            key["kid"]: card_format.b32decode(key["public_key"])
            for key in entry["keys"]
        }
        for name in ("member_camille_demo", "member_hugo_demo"):
            [card] = env.ref(f"passkoop_membership.{name}").passkoop_card_ids.filtered(
                lambda card: card.state == "active"
            )
            parsed = card_format.parse_card(card.token)
            self.assertTrue(
                card_format.verify(keys[parsed.kid], parsed.signed, parsed.signature),
                name,
            )
            self.assertEqual(parsed.issuer, entry["code"], name)

    def test_a_saturday_at_the_demo_till(self):
        """What a coop sells on a Saturday, sold at Caisse 1 in French on the first
        try, then a refund; the French certification's audit finds every sale
        chained and none corrupted."""
        env = self.env
        config = env["pos.config"].search([("name", "=", "Caisse 1")])
        self.assertEqual(len(config), 1)
        card = env.ref("passkoop_membership.visitor_mathilde_demo").passkoop_card_ref
        tour = "passkoop_demo_saturday"
        with tour_screenshots("passkoop_pos", shown_in=README_PICTURES) as shots:
            self.start_tour(
                f"/pos/ui?config_id={config.id}",
                tour,
                login="admin",
                code=f"window.passkoopMathildeCard = {json.dumps(card)};"
                f"odoo.startTour({tour!r}, {{stepDelay: 0}})",
            )
        self.assertEqual(english_left(shots.texts["caisse-visiteur"]), [])
        orders = env["pos.order"].search(
            [("session_id", "=", config.current_session_id.id)]
        )
        self.assertEqual(len(orders), 5)
        visits = orders.passkoop_visit_id
        self.assertEqual(
            sorted(visits.partner_id.mapped("name")),
            ["Inès Moreau", "Léa Martin", "Mathilde Etcheverry", "Nico Larralde"],
        )
        # Inès brings her bread back.
        ines_order = orders.filtered(lambda o: o.partner_id.name == "Inès Moreau")
        refund = env["pos.order"].browse(ines_order.refund()["res_id"])
        cash = config.payment_method_ids.filtered("is_cash_count")
        env["pos.make.payment"].with_context(
            active_id=refund.id, active_ids=refund.ids
        ).create({"amount": refund.amount_total, "payment_method_id": cash.id}).check()
        self.assertEqual(refund.state, "paid")
        self.assertEqual(ines_order.passkoop_visit_id.state, "cancelled")
        report = env.company._check_pos_hash_integrity()
        self.assertEqual(report["corrupted_orders"], "None", report["msg_alert"])
        chained = env["pos.order"].search(
            [("l10n_fr_secure_sequence_number", "!=", False)]
        )
        self.assertGreaterEqual(len(chained), 6)

    def test_the_demo_back_office_in_french(self):
        """The dashboard of the demo coop, as the README shows it: in French."""
        with tour_screenshots("passkoop_pos", shown_in=README_PICTURES) as shots:
            self.start_tour(
                "/odoo/action-passkoop_membership.action_passkoop_dashboard",
                "passkoop_screen_1-dashboard",
                login="admin",
            )
        self.assertEqual(english_left(shots.texts["1-dashboard"]), [])
