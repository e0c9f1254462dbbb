# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import FrenchCoop

# Names a visitor or a coop could be given, written as HTML and script. The
# tours check that none of it renders or runs (namesShownAsText).
INJECTED = (
    '<b class="pkx">Injected</b><img src="x" onerror="window.passkoopInjected=1">'
)
VISITOR = f"Zoé{INJECTED}<script>window.passkoopInjected=1</script>"
COOP = f"Koop{INJECTED}"


@tagged("post_install", "-at_install")
class TestNamesShownAsText(FrenchCoop, TestPointOfSaleHttpCommon):
    """Names written as HTML show as text in the till, the receipt, the back
    office, the printed sheets and cards and the public pages."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(su=True)
        env.company.passkoop_code = "MYCOOP"
        env["product.product"].create(
            {"name": "Organic Lentils", "available_in_pos": True, "list_price": 10.0}
        )
        cls.manager = new_test_user(
            env,
            login="passkoop_names_manager",
            company_id=env.company.id,
            groups="base.group_user,base.group_partner_manager,"
            "passkoop_membership.group_passkoop_manager",
        )
        cls.koop = env["passkoop.coop"].create(
            {"name": COOP, "code": "INJECTED", "agreement_state": "active"}
        )
        cls.zoe = env["res.partner"].create(
            {
                "name": VISITOR,
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": cls.koop.id,
            }
        )

    def assert_escaped(self, html):
        self.assertIn("&lt;b class=", html)
        self.assertNotIn('<b class="pkx">', html)
        self.assertNotIn("<script>window", html)

    def test_in_the_till_and_on_the_receipt(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_hostile_names")
        order = self.env["pos.order"].search([("partner_id", "=", self.zoe.id)])
        self.assertEqual(order.passkoop_visit_id.partner_id, self.zoe)

    def test_in_the_back_office(self):
        self.zoe.passkoop_register_visit(amount=4.0)
        for url in (
            f"/odoo/action-passkoop_membership.action_passkoop_visitors/{self.zoe.id}",
            "/odoo/action-passkoop_membership.action_passkoop_visits",
            f"/odoo/action-passkoop_membership.action_passkoop_coops/{self.koop.id}",
            "/odoo/action-passkoop_membership.action_passkoop_dashboard",
        ):
            with self.subTest(url=url):
                self.start_tour(
                    url, "passkoop_names_shown_as_text", login=self.manager.login
                )

    def test_on_paper_and_on_the_public_pages(self):
        self.env.company.name = COOP  # printed on cards, shown by the checker
        visit = self.zoe.passkoop_register_visit(amount=4.0)
        Report = self.env["ir.actions.report"]
        sheet = Report._render_qweb_html(
            "passkoop_membership.report_visitors_sheet", visit.ids
        )[0]
        self.assert_escaped(sheet.decode())
        member = self.env["res.partner"].create({"name": VISITOR, "ref": "7"})
        card = member.with_user(self.manager).passkoop_issue_card()
        printed = Report._render_qweb_html(
            "passkoop_membership.report_passkoop_card", card.ids
        )[0]
        self.assert_escaped(printed.decode())
        page = self.url_open(card._page_url().replace(card.get_base_url(), ""))
        self.assert_escaped(page.text)
        # The phone checker holds the coops' names in a <script>, as JSON.
        checker = self.url_open("/passkoop/check").text
        self.assertIn("Koop\\u003cb class", checker)
        self.assertNotIn('<b class="pkx">', checker)
