# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


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
