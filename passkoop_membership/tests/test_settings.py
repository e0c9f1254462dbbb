# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, TransactionCase, tagged

from .common import in_french


@tagged("post_install", "-at_install")
class TestSettings(TransactionCase):
    """Defaults a coop finds at install, and the settings that change them."""

    def test_every_company_starts_with_the_two_default_policies(self):
        for company in self.env.company | self.env["res.company"].create(
            {"name": "Le Nid"}
        ):
            partner, trial = (
                company.passkoop_partner_policy_id,
                company.passkoop_trial_policy_id,
            )
            self.assertRecordValues(
                partner | trial,
                [
                    {
                        "visitor_type": "partner",
                        "mode": "member_terms",
                        "max_visits": 0,
                        "company_id": company.id,
                    },
                    {
                        "visitor_type": "trial",
                        "mode": "limited",
                        "max_visits": 3,
                        "company_id": company.id,
                    },
                ],
            )
            self.assertEqual(trial.limit_action, "block")
            self.assertEqual(company.passkoop_nonmember_cap, 20.0)

    def test_settings_set_policies_price_lists_and_cap(self):
        pricelist = self.env["product.pricelist"].create({"name": "Member prices"})
        discovery = self.env["passkoop.policy"].create(
            {
                "name": "Discovery: 4 visits",
                "visitor_type": "trial",
                "mode": "limited",
                "max_visits": 4,
            }
        )
        with Form(self.env["res.config.settings"]) as settings:
            settings.passkoop_trial_policy_id = discovery
            settings.passkoop_trial_pricelist_id = pricelist
            settings.passkoop_partner_pricelist_id = pricelist
            settings.passkoop_nonmember_cap = 25.0
        settings.save().execute()
        company = self.env.company
        self.assertEqual(company.passkoop_trial_policy_id, discovery)
        self.assertEqual(discovery.pricelist_id, pricelist)
        self.assertEqual(company.passkoop_partner_policy_id.pricelist_id, pricelist)
        self.assertEqual(company.passkoop_nonmember_cap, 25.0)

    def test_policy_limits_in_words(self):
        """The policies list says "Unlimited", not a bare 0 (French: "Illimité")."""
        Policy = self.env["passkoop.policy"]
        cases = [
            ({"mode": "member_terms"}, "Unlimited", "Illimité"),
            ({"mode": "limited", "max_visits": 4}, "4 visits", "4 passages"),
            ({"mode": "limited", "period_days": 60}, "60 days", "60 jours"),
            (
                {"mode": "limited", "max_visits": 3, "period_days": 30},
                "3 visits in 30 days",
                "3 passages en 30 jours",
            ),
            ({"mode": "refused"}, "", ""),
        ]
        in_french(self.env)
        for vals, english, french in cases:
            with self.subTest(vals=vals):
                policy = Policy.create({"name": "A policy", **vals})
                self.assertEqual(policy.limits or "", english)
                self.assertEqual(policy.with_context(lang="fr_FR").limits or "", french)
