# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, freeze_time, tagged

from .common import PasskoopCase, in_french


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestNonMemberCap(PasskoopCase):
    """Loi 1947, art. 3: the fiscal year's sales to visitors against the cap."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.env["res.partner"].create({"name": "A member"})
        cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": customer.id,
                "invoice_date": "2026-03-01",
                "invoice_line_ids": [
                    (0, 0, {"name": "Groceries", "price_unit": 1000.0, "tax_ids": []})
                ],
            }
        ).action_post()
        cls.make_visitor("Mathilde").passkoop_register_visit(
            amount=150.0, date="2026-02-01"
        )
        trial = cls.make_visitor("Claire", visitor_type="trial")
        trial.passkoop_register_visit(amount=50.0, date="2026-05-01")
        # Last fiscal year: not counted.
        trial.passkoop_register_visit(amount=500.0, date="2025-12-31")

    def test_share_of_the_fiscal_year(self):
        share = self.company._passkoop_nonmember_share()
        self.assertEqual(str(share["date_from"]), "2026-01-01")
        # The visits entered by hand are sales too: 1,000 invoiced + 200.
        self.assertEqual(
            (share["total_sales"], share["visitor_sales"], share["cap"]),
            (1200.0, 200.0, 20.0),
        )
        self.assertAlmostEqual(share["share"], 16.67, places=2)
        self.assertEqual(share["state"], "warning")  # 80 % of a 20 % cap is 16 %
        self.assertEqual(
            share["message"],
            "Visitors' sales have reached 80 % of the cap: 16.7 % of sales for a cap "
            "of 20 %. Check your statutes before welcoming more.",
        )

    def test_which_visitors_count_is_a_setting(self):
        self.company.passkoop_cap_trial = False
        share = self.company._passkoop_nonmember_share()
        self.assertEqual((share["visitor_sales"], share["share"]), (150.0, 12.5))
        self.assertEqual(share["state"], "fine")  # below 80 % of 20 %
        self.assertEqual(
            share["message"], "Visitors' sales: 12.5 % of sales, for a cap of 20 %."
        )

    def test_a_cap_passed_says_so_in_the_users_language(self):
        self.company.passkoop_nonmember_cap = 10.0
        in_french(self.env)
        share = self.company.with_context(lang="fr_FR")._passkoop_nonmember_share()
        self.assertEqual(share["state"], "over")
        self.assertEqual(
            share["message"],
            "Plafond dépassé : 16,7 % des ventes pour un plafond de 10 %. Pour "
            "repasser sous le plafond, accueillez moins de visiteurs (politique "
            "limitée ou refus) ou invitez-les à adhérer à la coop ; si vos statuts "
            "autorisent une part plus élevée, indiquez-la comme plafond dans les "
            "paramètres Pass'Koop.",
        )
        self.assertEqual(share["share_text"], "16,7")

    def test_settings_show_the_share_and_warn(self):
        settings = Form(self.env["res.config.settings"])
        self.assertEqual(settings.passkoop_cap_state, "warning")
        self.assertIn("16.7 % of sales", settings.passkoop_cap_message)
        settings.passkoop_nonmember_cap = 15.0
        self.assertEqual(settings.passkoop_cap_state, "over")
        self.assertIn("Cap passed", settings.passkoop_cap_message)
        # ...and what the coop can do about it.
        self.assertIn("invite them to join", settings.passkoop_cap_message)
        settings.passkoop_nonmember_cap = 30.0
        settings.save().execute()
        self.assertEqual(self.company._passkoop_nonmember_share()["state"], "fine")
