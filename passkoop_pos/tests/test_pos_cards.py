# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

from ..tools.revoked_packing import pack_revoked
from .common import FrenchCoop, coop_a_with_cards

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestPosCards(FrenchCoop, TestPoSCommon):
    """Cards the till accepted, checked again by the server when the order arrives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.config = cls.basic_config
        cls.company_a, cls.lucie_card, cls.zoe_card, cls.coop_a = coop_a_with_cards(
            cls.env
        )
        cls.product = cls.create_product("Lentils", cls.categ_basic, 4.0)

    def setUp(self):
        super().setUp()
        self.open_new_session()

    def card_order(self, token, customer=False, **vals):
        """An order the till made for the holder of a scanned card."""
        data = self.create_ui_order_data([(self.product, 1)], customer=customer)
        data.update(
            passkoop_card_token=token,
            passkoop_visitor_type="partner",
            passkoop_coop_id=self.coop_a.id,
            **vals,
        )
        result = self.env["pos.order"].sync_from_ui([data])
        return self.env["pos.order"].browse(result["pos.order"][0]["id"]), data

    def revoke_zoe_card(self):
        """Coop A revokes Zoé's card; this coop gets A's next entry."""
        env = self.env(su=True)
        self.zoe_card.with_env(env).with_company(self.company_a).action_revoke()
        env["passkoop.coop"].passkoop_import_directory(
            self.company_a.with_env(env)
            .with_company(self.company_a)
            .passkoop_export_directory()
        )

    def visitors_of_coop_a(self):
        return self.env["res.partner"].search(
            [("passkoop_coop_id", "=", self.coop_a.id)]
        )

    def test_offline_card_registers_the_visitor_once(self):
        order, data = self.card_order(self.lucie_card.token)
        visitor = order.partner_id
        self.assertRecordValues(
            visitor,
            [
                {
                    "name": "Coop A member A-7",
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": self.coop_a.id,
                    "passkoop_member_ref": "A-7",
                    "passkoop_card_ref": self.lucie_card.token,
                    "email": False,
                    "company_id": self.env.company.id,
                }
            ],
        )
        self.assertEqual(order.passkoop_card_check, "ok")
        self.assertEqual(order.passkoop_visit_id.coop_id, self.coop_a)
        # The till resends it; another till sold to her offline too.
        self.env["pos.order"].sync_from_ui([data])
        second, _data = self.card_order(self.lucie_card.token)
        self.assertEqual(second.partner_id, visitor)
        self.assertEqual(self.visitors_of_coop_a(), visitor)
        self.assertEqual(visitor.passkoop_check()["visit_count"], 2)

    def test_card_that_fails_on_the_server_is_flagged_and_the_sale_kept(self):
        # The till had an older entry: the card was revoked since.
        self.revoke_zoe_card()
        order, _data = self.card_order(self.zoe_card.token)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.passkoop_card_check, "revoked")
        self.assertEqual(order.passkoop_visit_id.partner_id.passkoop_member_ref, "A-8")
        self.assertFalse(
            order.partner_id.passkoop_card_ref, "a revoked card is not kept"
        )
        self.assertIn("Card revoked by its coop", order.message_ids[:1].body)

    def test_forged_or_garbage_token_writes_no_visitor(self):
        """A forged card names nobody: the sale is kept, without a visitor or a
        visit, flagged, and its chatter says why."""
        forged = self.lucie_card.token.replace(":A-7:", ":A-9:")
        for token in (forged, "PK1:COOPA:K1:0001", "<script>alert(1)</script>"):
            with self.subTest(token=token[:30]):
                order, _data = self.card_order(token)
                self.assertEqual(order.state, "paid")
                self.assertIn(order.passkoop_card_check, ("bad_signature", "malformed"))
                self.assertFalse(order.passkoop_visit_id)
                self.assertIn("does not hold", order.message_ids[:1].body)
        self.assertFalse(self.visitors_of_coop_a())
        refused = self.env["pos.order"].search(
            [("passkoop_card_check", "not in", [False, "ok"])]
        )
        self.assertEqual(len(refused), 3)

    def test_what_the_server_establishes_a_till_cannot_send(self):
        """A modified till sends its own card check and visit: ignored, the
        server checks the card and records the visit itself."""
        forged = self.lucie_card.token.replace(":A-7:", ":A-9:")
        order, _data = self.card_order(forged, passkoop_card_check="ok")
        self.assertEqual(order.passkoop_card_check, "bad_signature")
        earlier, _data = self.card_order(self.lucie_card.token)
        order, _data = self.card_order(
            self.lucie_card.token, passkoop_visit_id=earlier.passkoop_visit_id.id
        )
        self.assertTrue(order.passkoop_visit_id)
        self.assertNotEqual(order.passkoop_visit_id, earlier.passkoop_visit_id)
        self.assertEqual(order.partner_id.passkoop_visit_count, 2)

    def test_known_visitor_takes_the_card_they_showed(self):
        lucie = self.env["res.partner"].create(
            {
                "name": "Lucie Durand",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": self.coop_a.id,
                "passkoop_member_ref": "a-7",
            }
        )
        order, _data = self.card_order(self.lucie_card.token, customer=lucie)
        self.assertEqual(order.partner_id, lucie)
        self.assertEqual(lucie.passkoop_card_ref, self.lucie_card.token)
        # Zoé's card shown for Lucie is not Lucie's card.
        self.card_order(self.zoe_card.token, customer=lucie)
        self.assertEqual(lucie.passkoop_card_ref, self.lucie_card.token)

    def test_register_from_card_online(self):
        cashier = new_test_user(
            self.env, login="volunteer_cashier", groups="point_of_sale.group_pos_user"
        )
        Partner = self.env["res.partner"].with_user(cashier)
        visitor_id = Partner.passkoop_register_from_card(self.lucie_card.token)
        self.assertEqual(
            Partner.passkoop_register_from_card(self.lucie_card.token), visitor_id
        )
        count = Partner.search_count([])
        altered = self.lucie_card.token.replace(":A-7:", ":A-8:")
        for token in ("PK1:COOPA", altered, ""):
            with self.subTest(token=token[:20]), self.assertRaises(UserError):
                Partner.passkoop_register_from_card(token)
        self.assertEqual(Partner.search_count([]), count)

    def test_an_open_till_refreshes_its_partners_revocations(self):
        """Every quarter of an hour the till sends the version of what it holds:
        nothing new costs a few bytes; a revocation brings the new lists."""
        session = self.pos_session
        version = self.config.passkoop_directory_version
        quiet = session.passkoop_refresh_directory(version)
        self.assertEqual(quiet, {"version": version})
        self.revoke_zoe_card()
        self.config.invalidate_recordset(["passkoop_directory_version"])
        answer = session.passkoop_refresh_directory(version)
        self.assertNotEqual(answer["version"], version)
        [coop] = [c for c in answer["passkoop.coop"] if c["code"] == "COOPA"]
        self.assertEqual(coop["revoked_packed"], pack_revoked([self.zoe_card.serial]))
        self.assertEqual([k["kid"] for k in answer["passkoop.coop.key"]], ["K1"])
        sizes = [len(json.dumps(quiet)), len(json.dumps(answer, default=str))]
        _logger.info("passkoop-refresh: %s bytes unchanged, %s changed", *sizes)
        self.assertLess(sizes[0], 64)
        # The same version again: nothing to send.
        self.assertNotIn(
            "passkoop.coop", session.passkoop_refresh_directory(answer["version"])
        )

    def test_the_till_loads_trusted_keys_and_revoked_cards(self):
        self.revoke_zoe_card()
        data = self.pos_session.load_data(
            ["pos.config", "passkoop.coop", "passkoop.coop.key"]
        )
        [coop] = [c for c in data["passkoop.coop"]["data"] if c["code"] == "COOPA"]
        # Packed (tools/revoked_packing.py); the list as text is not sent.
        self.assertEqual(coop["revoked_packed"], pack_revoked([self.zoe_card.serial]))
        self.assertNotIn("revoked_serials", coop)
        keys = data["passkoop.coop.key"]["data"]
        self.assertEqual([(k["coop_id"], k["kid"]) for k in keys], [(coop["id"], "K1")])
        self.assertNotIn("private_key", data["passkoop.coop.key"]["fields"])
