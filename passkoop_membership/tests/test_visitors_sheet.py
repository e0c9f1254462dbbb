# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html

from odoo.tests import tagged

from .common import PasskoopCase


@tagged("post_install", "-at_install")
class TestVisitorsSheet(PasskoopCase):
    """The printable visitors' sheet: one page a day, and lines to fill by hand."""

    def test_one_page_a_day_with_blank_lines(self):
        mathilde = self.make_visitor("Mathilde Etcheverry")
        visits = mathilde.passkoop_register_visit(amount=12.5, date="2026-03-02")
        visits |= mathilde.passkoop_register_visit(amount=8.0, date="2026-03-03")
        visits |= self.make_visitor(
            "Nico", visitor_type="trial"
        ).passkoop_register_visit(amount=3.0, date="2026-03-03")
        content, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "passkoop_membership.action_report_visitors_sheet", visits.ids
        )
        pages = html.fromstring(content).find_class("passkoop-visitors-sheet")
        self.assertEqual(len(pages), 2)
        first_day_rows = pages[0].xpath(".//tbody/tr")
        self.assertEqual(len(first_day_rows), 1 + 10)
        self.assertIn("Mathilde Etcheverry", first_day_rows[0].text_content())
        self.assertEqual(len(pages[1].xpath(".//tbody/tr")), 2 + 10)
        self.assertIn("Nico", pages[1].text_content())
