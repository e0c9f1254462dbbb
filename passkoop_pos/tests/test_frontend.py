# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.passkoop_membership.tests.screenshots import (
    english_left,
    tour_screenshots,
)
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import FrenchCoop


@tagged("post_install", "-at_install")
class TestPasskoopTill(FrenchCoop, TestPointOfSaleHttpCommon):
    """The cashier's whole path, clicks included, in a real browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(su=True)  # the data a coop's administrator set up
        cls.company = env.company
        cls.member_prices = env["product.pricelist"].create(
            {
                "name": "Member prices",
                "item_ids": [
                    (0, 0, {"compute_price": "percentage", "percent_price": 20.0})
                ],
            }
        )
        cls.lentils = env["product.product"].create(
            {
                "name": "Organic Lentils",
                "available_in_pos": True,
                "list_price": 10.0,
                "taxes_id": False,
            }
        )
        cls.company.passkoop_partner_policy_id.pricelist_id = cls.member_prices
        Coop = env["passkoop.coop"]
        cls.hendaya = Coop.create(
            {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
        )
        cls.lalouve = Coop.create(
            {
                "name": "La Louve",
                "code": "LALOUVE",
                "agreement_state": "active",
                "policy_id": env["passkoop.policy"]
                .create({"name": "No visitors", "mode": "refused"})
                .id,
            }
        )
        Partner = env["res.partner"]
        cls.mathilde = Partner.create(
            {
                "name": "Mathilde Etcheverry",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": cls.hendaya.id,
                "passkoop_card_ref": "PK-0042",
            }
        )
        cls.paul = Partner.create(
            {
                "name": "Paul Lefèvre",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": cls.lalouve.id,
            }
        )

    def trial_visitor(self, name, visits, **vals):
        visitor = (
            self.env["res.partner"]
            .sudo()
            .create({"name": name, "passkoop_visitor_type": "trial", **vals})
        )
        for _i in range(visits):
            visitor.passkoop_register_visit(amount=5.0, origin="paper sheet")
        return visitor

    def order_of(self, visitor):
        return self.env["pos.order"].search([("partner_id", "=", visitor.id)])

    def test_till_rule_matches_the_server_on_every_shared_case(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_policy_cases")

    def test_member_pricing_and_the_visit_recorded(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_member_pricing")
        order = self.order_of(self.mathilde)
        self.assertEqual(order.amount_total, 8.0)
        self.assertEqual(order.pricelist_id, self.member_prices)
        self.assertRecordValues(
            order.passkoop_visit_id,
            [{"partner_id": self.mathilde.id, "amount": 8.0, "origin": order.name}],
        )
        self.assertEqual(order.passkoop_coop_id, self.hendaya)

    def test_prices_follow_the_policy(self):
        """As in the demo, the member price list is the only one: the till has
        none of its own and Odoo gives it to every partner who has none. A
        visitor pays what their policy gives, however they became the order's
        customer; the order and the visit keep what was charged."""
        env = self.env(su=True)
        self.main_pos_config.write(
            {
                "use_pricelist": False,
                "pricelist_id": False,
                "available_pricelist_ids": [Command.clear()],
            }
        )
        env["product.pricelist"].search(
            [("id", "!=", self.member_prices.id)]
        ).action_archive()
        nico = self.trial_visitor("Nico Larralde", 0)
        self.assertFalse(self.company.passkoop_trial_policy_id.pricelist_id)
        # Odoo's fallback, which the till must not follow for visitors.
        self.assertEqual(nico.property_product_pricelist, self.member_prices)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_policy_prices")
        for visitor, amount, pricelist in (
            (nico, 10.0, self.env["product.pricelist"]),
            (self.mathilde, 8.0, self.member_prices),
        ):
            order = self.order_of(visitor)
            self.assertRecordValues(
                order,
                [{"state": "paid", "amount_total": amount, "amount_paid": amount}],
            )
            self.assertEqual(order.pricelist_id, pricelist)
            self.assertEqual(order.lines.price_unit, amount)
            self.assertRecordValues(
                order.passkoop_visit_id,
                [{"partner_id": visitor.id, "amount": amount, "origin": order.name}],
            )

    def test_refused_coop_and_confirmed_limit(self):
        self.company.passkoop_trial_policy_id.sudo().write(
            {"max_visits": 4, "limit_action": "confirm"}
        )
        nico = self.trial_visitor("Nico Larralde", 4)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_limits")
        self.assertFalse(self.order_of(self.paul))
        order = self.order_of(nico)
        self.assertTrue(order.passkoop_override)
        self.assertTrue(order.passkoop_visit_id.over_limit)

    def test_limit_that_only_warns(self):
        self.company.passkoop_trial_policy_id.sudo().write(
            {"max_visits": 2, "limit_action": "warn"}
        )
        nico = self.trial_visitor("Nico Larralde", 2)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_warn")
        order = self.order_of(nico)
        self.assertFalse(order.passkoop_override)
        self.assertTrue(order.passkoop_visit_id.over_limit)

    def test_trial_visits_counted_by_the_till(self):
        claire = self.trial_visitor("Claire Muller", 2, email="claire@example.org")
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_trial_visit_count")
        self.assertEqual(claire.passkoop_check()["visit_count"], 3)
        self.assertEqual(claire.passkoop_check()["action"], "block")

    def cashier_speaks_french(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(
            ["passkoop_membership", "passkoop_pos"], ["fr_FR"], overwrite=True
        )
        self.pos_user.lang = "fr_FR"

    def test_french_speaking_cashier(self):
        self.cashier_speaks_french()
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_french_cashier")
        self.assertTrue(self.order_of(self.mathilde).passkoop_visit_id)

    def test_offline_sale_counted_then_synced(self):
        claire = self.trial_visitor("Claire Muller", 2)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_offline")
        order = self.order_of(claire)
        self.assertEqual(order.state, "paid")
        self.assertRecordValues(
            order.passkoop_visit_id, [{"origin": order.name, "over_limit": False}]
        )
        self.assertEqual(claire.passkoop_check()["visit_count"], 3)

    def test_offline_first_visit_on_trust_then_proof_asked(self):
        """A coop that believes visitors at their first visit and asks their
        membership number from the second: offline, the till counts its unsent
        sale and asks it; back online, the cashier fills it in."""
        env = self.env(su=True)
        coopalim = env["passkoop.coop"].create(
            {
                "name": "Coopalim",
                "code": "COOPALIM",
                "agreement_state": "active",
                "policy_id": env["passkoop.policy"]
                .create(
                    {
                        "name": "On trust at the first visit",
                        "proof": "member_ref",
                        "proof_from_visit": 2,
                    }
                )
                .id,
            }
        )
        lucas = env["res.partner"].create(
            {
                "name": "Lucas Bidart",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": coopalim.id,
            }
        )
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_offline_on_trust")
        order = self.order_of(lucas).filtered(lambda order: order.state == "paid")
        self.assertEqual(len(order), 1)
        self.assertRecordValues(
            order.passkoop_visit_id,
            [
                {
                    "limit_outcome": "within",
                    "terms": "Member terms, on trust: membership number asked "
                    "from visit 2",
                }
            ],
        )
        self.assertEqual(lucas.passkoop_member_ref, "CA-314")
        self.assertEqual(lucas.passkoop_check()["action"], "allow")

    def test_scanned_card_selects_the_visitor(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_card_scan")

    def test_limit_enforced_at_payment(self):
        claire = self.trial_visitor("Claire Muller", 2)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_block_at_payment")
        paid = self.order_of(claire).filtered(lambda o: o.state == "paid")
        self.assertEqual(len(paid), 1)
        self.assertEqual(claire.passkoop_check()["visit_count"], 3)

    def test_register_search_and_anonymous_visit(self):
        from dateutil.relativedelta import relativedelta  # noqa: PLC0415

        self.trial_visitor(
            "Ancienne Visiteuse",
            0,
            passkoop_registration_date=fields.Date.today() - relativedelta(years=3),
        )
        self.env["ir.config_parameter"].sudo().set_param(
            "point_of_sale.limited_customer_count", 1
        )
        # Trust mode, but a limit: no anonymous visit offered.
        env = self.env(su=True)
        env["passkoop.coop"].create(
            {
                "name": "Coopalim",
                "code": "COOPALIM",
                "agreement_state": "active",
                "policy_id": env["passkoop.policy"]
                .create({"name": "3 visits", "mode": "limited", "max_visits": 3})
                .id,
            }
        )
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_register_search_anonymous")
        lea = self.env["res.partner"].search([("name", "=", "Léa Martin")])
        self.assertRecordValues(
            lea,
            [
                {
                    "email": "lea@example.org",
                    "passkoop_visitor_type": "trial",
                    "passkoop_consent": True,
                    "company_id": self.company.id,
                }
            ],
        )
        self.assertEqual(
            self.hendaya.anonymous_partner_id.name, "Visitors – HendayaKoop"
        )

    def test_visitor_registered_offline_saved_when_back_online(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_offline_registration")
        lea = self.env["res.partner"].search([("email", "=", "lea@example.org")])
        self.assertEqual(len(lea), 1)
        self.assertRecordValues(
            lea,
            [
                {
                    "name": "Léa Martin",
                    "passkoop_consent": True,
                    "passkoop_visit_count": 2,
                }
            ],
        )
        orders = self.order_of(lea)
        self.assertEqual(len(orders), 2)
        self.assertFalse(any(orders.mapped("passkoop_registration")))

    def test_counter_few_clicks_nothing_hidden_no_dead_end(self):
        from dateutil.relativedelta import relativedelta  # noqa: PLC0415

        env = self.env(su=True)
        proof = env["passkoop.policy"].create(
            {"name": "Membership number", "proof": "member_ref"}
        )
        coop_400 = env["passkoop.coop"].create(
            {
                "name": "400COOP",
                "code": "400COOP",
                "agreement_state": "active",
                "policy_id": proof.id,
            }
        )
        env["passkoop.coop"].create(
            [
                {
                    "name": f"Vrac {n:02}",
                    "code": f"VRAC{n}",
                    "agreement_state": "active",
                }
                for n in range(1, 11)
            ]
        )
        samir = env["res.partner"].create(
            {
                "name": "Samir",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": coop_400.id,
            }
        )
        # Discovery visitors pay member prices: the normal price is another.
        self.company.passkoop_trial_policy_id.pricelist_id = self.member_prices
        self.company.passkoop_join_text = "Membership at the reception desk: 10 €"
        nico = self.trial_visitor("Nico Larralde", 3)
        self.trial_visitor(
            "Ancien Visiteur",
            0,
            passkoop_card_ref="PK-0777",
            passkoop_registration_date=fields.Date.today() - relativedelta(years=3),
        )
        # Core loads one customer: the visitors come with the lean visitor fields.
        self.env["ir.config_parameter"].sudo().set_param(
            "point_of_sale.limited_customer_count", 1
        )
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_counter")
        self.assertEqual(samir.passkoop_member_ref, "400-77")
        ines = env["res.partner"].search([("name", "=", "Inès Martin")])
        self.assertRecordValues(
            ines,
            [
                {
                    "passkoop_coop_id": coop_400.id,
                    "passkoop_member_ref": "400-31",
                    "passkoop_consent": True,
                }
            ],
        )
        # Nico paid the normal price: an ordinary sale, which counts no visit.
        env.invalidate_all()
        [order] = env["pos.order"].search(
            [
                ("config_id", "=", self.main_pos_config.id),
                ("state", "in", ("paid", "done")),
            ]
        )
        self.assertRecordValues(
            order,
            [
                {
                    "partner_id": False,
                    "passkoop_visitor_type": False,
                    "passkoop_visit_id": False,
                    "pricelist_id": self.main_pos_config.pricelist_id.id,
                    "amount_total": 10.0,
                }
            ],
        )
        self.assertEqual(nico.passkoop_visit_count, 3)

    def test_one_person_one_visitor_at_the_till(self):
        """Claire, at her limit, registered again under her name: the cashier is
        shown her; another Claire Muller is the cashier's decision, kept."""
        claire = self.trial_visitor("Claire Muller", 3)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_one_visitor")
        [other] = self.env["res.partner"].search(
            [("name", "=ilike", "claire muller"), ("id", "!=", claire.id)]
        )
        self.assertEqual(other.passkoop_visit_count, 1)
        self.assertEqual(claire.passkoop_visit_count, 3)
        self.assertTrue(
            other.message_ids.filtered(lambda m: "another person than" in m.body)
        )

    def test_one_search_meaning_in_the_till_and_on_the_server(self):
        self.trial_visitor("Léa Martin", 0, email="lea@example.org")
        self.trial_visitor("Lea Dupont", 0, email="l_a@example.org")
        self.trial_visitor("Louis", 0, passkoop_member_ref="400-12")
        self.trial_visitor("Cent pour %", 0)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_search_meaning")

    def test_till_for_partner_coop_members_only(self):
        self.main_pos_config.passkoop_welcome_trial = False
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_partner_only_till")

    def test_walkthrough_screenshots(self):
        """The screenshots of readme/USAGE.md, taken on the cashier's path.

        They are written to var/screenshots/passkoop_pos/;
        PASSKOOP_README_SCREENSHOTS=1 refreshes the ones the readme shows. The
        French till shows none of the addons' English.
        """
        env = self.env(su=True)
        self.trial_visitor("Claire Muller", 2)
        env["passkoop.coop"].create(
            {
                "name": "400COOP",
                "code": "400COOP",
                "city": "Paris",
                "agreement_state": "active",
                "policy_id": env["passkoop.policy"]
                .create({"name": "Membership number", "proof": "member_ref"})
                .id,
            }
        )
        self.cashier_speaks_french()
        self.company.with_context(
            lang="fr_FR"
        ).passkoop_join_text = "Adhésion à l'accueil : 10 €"
        self.main_pos_config.with_user(self.pos_user).open_ui()
        with tour_screenshots("passkoop_pos") as shots:
            self.start_pos_tour("passkoop_walkthrough")
        self.assertEqual(
            [p.name for p in shots.taken],
            [
                "1-visitor-dialog.png",
                "2-member-prices.png",
                "3-receipt.png",
                "6-payment-last-visit.png",
                "7-new-visitor.png",
                "8-limit-ways-forward.png",
            ],
        )
        for path in shots.taken:
            self.assertTrue(path.read_bytes().startswith(b"\x89PNG"), path)
        for name, texts in shots.texts.items():
            self.assertEqual(english_left(texts), [], name)


@tagged("post_install", "-at_install", "-standard", "passkoop_loyalty")
class TestPasskoopTillWithLoyalty(TestPasskoopTill):
    """In a database with pos_loyalty (tests/test_with_loyalty.py makes one)."""

    def test_asked_once_with_pos_loyalty(self):
        # pos_loyalty's validateOrder() checks the order, then core's checks it again.
        loyalty = self.env["ir.module.module"].search([("name", "=", "pos_loyalty")])
        self.assertEqual(loyalty.state, "installed")
        self.company.passkoop_trial_policy_id.sudo().write(
            {"max_visits": 4, "limit_action": "confirm"}
        )
        nico = self.trial_visitor("Nico Larralde", 4)
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_ask_once")
        self.assertTrue(self.order_of(nico).passkoop_override)
