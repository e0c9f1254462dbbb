# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import FrenchCoop


@tagged("post_install", "-at_install")
class TestTillLabelsFit(FrenchCoop, TestPointOfSaleHttpCommon):
    """The till's buttons at 1366x768 in French: none is cut ("Cli…"),
    measured in the browser (passkoop_labels_fit.js)."""

    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(su=True)
        env["product.product"].create(
            {"name": "Organic Lentils", "available_in_pos": True, "list_price": 10.0}
        )
        hendaya = env["passkoop.coop"].create(
            {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
        )
        env["res.partner"].create(
            {
                "name": "Mathilde Etcheverry",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": hendaya.id,
            }
        )
        env["res.lang"]._activate_lang("fr_FR")
        env["ir.module.module"]._load_module_terms(
            ["point_of_sale", "passkoop_membership", "passkoop_pos"],
            ["fr_FR"],
            overwrite=True,
        )
        cls.pos_user.lang = "fr_FR"

    def test_till_buttons_not_cut(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_till_labels_fit")
