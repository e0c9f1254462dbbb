# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from unittest import SkipTest

from odoo.tools import mute_logger


def lentils(env):
    """What the card tours sell: 10.00 a bag, no tax."""
    return env["product.product"].create(
        {
            "name": "Organic Lentils",
            "available_in_pos": True,
            "list_price": 10.0,
            "taxes_id": False,
        }
    )


def start_card_tour(case, tour, tokens):
    """Start ``tour`` in ``case``'s till; it scans ``tokens`` (a name for each
    card token, read by the tour as window.passkoopTokens)."""
    case.start_pos_tour(
        tour,
        code=f"window.passkoopTokens = {json.dumps(tokens)};"
        f"odoo.startTour({tour!r}, {{stepDelay: 0}})",
    )


def coop_a_with_cards(env):
    """Coop A, a company that issued cards to Lucie (A-7) and Zoé (A-8), and the
    partner coop it is for ``env``'s company, which imported A's entry.

    Returns (company A, Lucie's card, Zoé's card, coop A as ``env`` knows it).
    """
    env = env(su=True)  # what the coops' administrators set up
    company_a = env["res.company"].create({"name": "Coop A", "passkoop_code": "COOPA"})
    Member = env["res.partner"].with_company(company_a)
    lucie_card, zoe_card = (
        Member.create(
            {"name": name, "ref": ref, "company_id": company_a.id}
        ).passkoop_issue_card()
        for name, ref in (("Lucie", "A-7"), ("Zoé", "A-8"))
    )
    coop_a = env["passkoop.coop"].passkoop_import_directory(
        company_a.with_company(company_a).passkoop_export_directory()
    )
    coop_a.agreement_state = "active"
    return company_a, lucie_card, zoe_card, coop_a


class FrenchCoop:
    """Tests run where coops run: the test's company is in France (euros, the
    French chart of accounts) and the French certification of point-of-sale
    sales (l10n_fr_pos_cert, which Odoo installs with the point of sale in every
    French company) chains the orders it pays. Mixed in before Odoo's
    point-of-sale test classes."""

    country_code = "FR"

    @classmethod
    def setUpClass(cls):
        try:
            super().setUpClass()
        except SkipTest as skipped:
            # Odoo skips a test whose chart of accounts is missing: in a
            # database that is no French coop's, fail instead of passing quietly.
            raise AssertionError(
                f"these tests need a French coop's database: {skipped}"
            ) from skipped
        company = cls.env.company
        if company.country_id.code != "FR":
            # Odoo's TestPoSCommon moves its company to an invented "PoS Land".
            cls.change_company_country(company, cls.env.ref("base.fr"))
        certified = cls.env["ir.module.module"]._get("l10n_fr_pos_cert")
        if not (
            certified.state == "installed"
            and company.currency_id.name == "EUR"
            and company._is_accounting_unalterable()
        ):
            raise AssertionError("these tests need l10n_fr_pos_cert and euros")

    def setUp(self):
        super().setUp()
        # Before the test's data is rolled back: whatever it sold, audited.
        self.addCleanup(self.assert_sales_unaltered)

    def assert_sales_unaltered(self, company=None):
        """The French certification's own audit finds every order the company
        was paid chained, and none corrupted."""
        company = (company or self.env.company).sudo()
        paid = (
            self.env["pos.order"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("state", "in", ("paid", "done", "invoiced")),
                ]
            )
        )
        if not paid:
            return
        unchained = paid.filtered(
            lambda order: not order.l10n_fr_secure_sequence_number
        )
        self.assertFalse(unchained, "paid orders left out of the certification's chain")
        # Odoo's audit translates from a frame that has no language: it says so.
        with mute_logger("odoo.tools.translate"):
            report = company._check_pos_hash_integrity()
        self.assertEqual(report["corrupted_orders"], "None", report["msg_alert"])
