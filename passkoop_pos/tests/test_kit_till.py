# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.passkoop_membership.tests.kit import KitCase, members_csv
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import FrenchCoop, lentils, start_card_tour


@tagged("post_install", "-at_install")
class TestKitCardAtTheTill(KitCase, FrenchCoop, TestPointOfSaleHttpCommon):
    """DionyCoop runs no Odoo: it issues its members' cards with the kit, from the
    file, offline. This coop imports the entry the kit wrote; its till, the
    internet down, welcomes a DionyCoop member by the card (issue 23, item 4)."""

    def test_a_kit_card_welcomed_at_the_till_offline(self):
        with self.kit_offline() as url:
            self.open_kit(url)
            self.create_coop()
            self.choose_members(members_csv(2, broken=False))
            tokens = self.issue_cards()
            entry = self.write_entry()
        env = self.env(su=True)  # what the coop's administrator sets up
        diony = env["passkoop.coop"].passkoop_import_directory(entry)
        diony.agreement_state = "active"
        lentils(env)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        tour = "passkoop_kit_card_offline"
        start_card_tour(self, tour, {"valid": tokens[0]})
        # Back online, the sale is recorded: a visit of DionyCoop's member 1000,
        # the card checked again by the server.
        order = self.env["pos.order"].search([("passkoop_card_token", "=", tokens[0])])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.passkoop_card_check, "ok")
        self.assertEqual(order.amount_total, 10.0)
        self.assertRecordValues(
            order.partner_id,
            [{"passkoop_coop_id": diony.id, "passkoop_member_ref": "1000"}],
        )
        self.assertEqual(order.passkoop_visit_id.coop_id, diony)
        self.assertEqual(order.passkoop_visit_id.amount, 10.0)
