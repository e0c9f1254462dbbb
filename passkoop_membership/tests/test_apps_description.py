# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import in_french
from .screenshots import tour_screenshots


@tagged("post_install", "-at_install")
class TestAppsDescription(HttpCase):
    """Apps → an addon: its description, French summary first, with every
    picture loaded (Odoo serves them from static/description/)."""

    browser_size = "1366x768"

    def test_each_addon_described_with_its_pictures(self):
        in_french(self.env, ("base", "web"), admin=True)
        for addon in ("passkoop_membership", "passkoop_pos"):
            module = self.env["ir.module.module"].search([("name", "=", addon)])
            with self.subTest(addon=addon), tour_screenshots(addon) as shots:
                self.start_tour(
                    f"/odoo/action-base.open_module_tree/{module.id}",
                    "passkoop_apps_description",
                    login="admin",
                )
                self.assertIn("En bref.", " ".join(shots.texts["apps"]))
