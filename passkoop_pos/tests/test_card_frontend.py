# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os

from odoo.tests import tagged

from odoo.addons.passkoop_membership.tests.screenshots import (
    english_left,
    tour_screenshots,
)
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import FrenchCoop, coop_a_with_cards, lentils, start_card_tour


@tagged("post_install", "-at_install")
class TestPasskoopCardTill(FrenchCoop, TestPointOfSaleHttpCommon):
    """Coop A issues cards; this coop (B) imported A's entry; B's till checks them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a, cls.lucie_card, cls.zoe_card, cls.coop_a = coop_a_with_cards(
            cls.env
        )
        cls.zoe_card.action_revoke()
        cls.coop_a.passkoop_import_directory(
            cls.company_a.with_company(cls.company_a).passkoop_export_directory()
        )
        env = cls.env(su=True)
        lentils(env)

    def start_with_tokens(self, tour):
        """Start a tour that scans the cards the test issued."""
        own = self.env(su=True)["res.partner"].create({"name": "Ainhoa", "ref": "B-3"})
        tokens = {
            "valid": self.lucie_card.token,
            "revoked": self.zoe_card.token,
            "own": own.passkoop_issue_card().token,
        }
        start_card_tour(self, tour, tokens)

    def test_a_refused_card_names_nobody(self):
        """A revoked card scanned: nobody is offered from it; the cashier finds
        the visitor by name, and the order's chatter says the card was refused."""
        zoe = self.env(su=True)["res.partner"].create(
            {
                "name": "Zoé",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": self.coop_a.id,
                "passkoop_member_ref": "A-8",
            }
        )
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_with_tokens("passkoop_card_refused_names_nobody")
        order = self.env["pos.order"].search([("partner_id", "=", zoe.id)])
        self.assertEqual(order.passkoop_refused_card, self.zoe_card.token)
        self.assertFalse(order.passkoop_card_token)
        self.assertEqual(order.passkoop_visit_id.partner_id, zoe)
        said = order.message_ids.filtered(lambda m: "refused at the till" in m.body)
        self.assertIn("Card revoked by its coop.", said.body)

    def test_a_card_revoked_this_morning_is_refused_this_afternoon(self):
        """The till opened with Lucie's card valid; coop A revokes it, this coop
        syncs A's entry: the open till refreshes, and refuses it offline."""
        env = self.env(su=True)
        self.lucie_card.with_env(env).with_company(self.company_a).action_revoke()
        entry = (
            self.company_a.with_env(env)
            .with_company(self.company_a)
            .passkoop_export_directory()
        )
        self.pos_user.groups_id += self.env.ref(
            "passkoop_membership.group_passkoop_manager"
        )
        self.main_pos_config.with_user(self.pos_user).open_ui()
        start_card_tour(
            self,
            "passkoop_card_revoked_during_the_day",
            {"valid": self.lucie_card.token, "entry": entry},
        )

    def test_every_card_vector_in_the_browser(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_card_vectors")

    def test_card_of_coop_a_accepted_offline_visit_recorded_under_coop_a(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_with_tokens("passkoop_card_offline")
        order = self.env["pos.order"].search([("passkoop_card_token", "!=", False)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.passkoop_card_check, "ok")
        self.assertRecordValues(
            order.partner_id,
            [
                {
                    "passkoop_coop_id": self.coop_a.id,
                    "passkoop_member_ref": "A-7",
                    "passkoop_card_ref": self.lucie_card.token,
                }
            ],
        )
        self.assertEqual(order.passkoop_visit_id.coop_id, self.coop_a)
        self.assertEqual(order.passkoop_visit_id.company_id, self.env.company)

    def test_french_cashier_scans_cards_online(self):
        """Screenshots 4-card-scanned and 5-card-revoked of readme/USAGE.md."""
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["passkoop_membership", "passkoop_pos"], ["fr_FR"], overwrite=True
        )
        self.pos_user.lang = "fr_FR"
        self.main_pos_config.with_user(self.pos_user).open_ui()
        with tour_screenshots("passkoop_pos") as shots:
            self.start_with_tokens("passkoop_card_french")
        self.assertEqual(
            [p.name for p in shots.taken], ["5-card-revoked.png", "4-card-scanned.png"]
        )
        for name, texts in shots.texts.items():
            self.assertEqual(english_left(texts), [], name)
        visitor = self.env["res.partner"].search(
            [("passkoop_card_ref", "=", self.lucie_card.token)]
        )
        self.assertEqual(visitor.name, "Membre A-7 de Coop A")
        order = self.env["pos.order"].search([("partner_id", "=", visitor.id)])
        self.assertEqual(order.passkoop_visit_id.coop_id, self.coop_a)


@tagged("post_install", "-at_install", "-standard", "passkoop_network")
class TestNetworkTill(FrenchCoop, TestPointOfSaleHttpCommon):
    """Coop B's till in tests/test_network.py, run in B's database while one Odoo
    serves A and B: B's coop syncs A's entry from its URL over HTTP, then the
    till checks A's card with the internet down.

    PASSKOOP_NETWORK_URL: A's entry; PASSKOOP_NETWORK_CARD: the card;
    PASSKOOP_NETWORK_EXPECT: "accepted" or "refused".
    """

    def test_coop_a_card_at_coop_b_till(self):
        url, token, expect = (
            os.environ[f"PASSKOOP_NETWORK_{name}"] for name in ("URL", "CARD", "EXPECT")
        )
        env = self.env(su=True)
        coop_a = env["passkoop.coop"].create(
            {"name": "Coop A", "code": "COOPA", "directory_url": url}
        )
        coop_a._passkoop_sync()
        self.assertFalse(coop_a.directory_sync_error)
        coop_a.agreement_state = "active"
        lentils(env)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        tour = f"passkoop_network_card_{expect}"
        start_card_tour(self, tour, {"valid": token, "revoked": token})
        order = self.env["pos.order"].search([("passkoop_card_token", "=", token)])
        if expect == "accepted":
            self.assertEqual(order.passkoop_card_check, "ok")
            self.assertEqual(order.passkoop_visit_id.coop_id, coop_a)
        else:
            self.assertFalse(order)
