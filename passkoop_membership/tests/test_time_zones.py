# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Coops live from Tahiti (UTC-10) to Réunion (UTC+4): a card signed the day its
key was made is accepted by a partner whose date is a day behind or ahead, at
any hour, on the edges of months, years and leap days (card-format.md, "Time
zones")."""

from datetime import datetime, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo.tests import freeze_time, tagged

from .common import PasskoopCase

ZONES = ("Europe/Paris", "America/New_York", "Indian/Reunion", "Pacific/Tahiti")
DAYS = ("2026-11-30", "2026-12-31", "2028-02-29")
HOURS = ("23:30", "00:30")


def instants():
    """(zone, local time, the UTC instant) of 23:30 and 00:30 of each day, there."""
    for day in DAYS:
        for hour in HOURS:
            for zone in ZONES:
                local = datetime.strptime(f"{day} {hour}", "%Y-%m-%d %H:%M")
                utc = pytz.timezone(zone).localize(local).astimezone(pytz.utc)
                yield zone, f"{day} {hour}", utc.replace(tzinfo=None)


@tagged("post_install", "-at_install")
class TestTimeZones(PasskoopCase):
    def test_a_card_signed_with_a_new_key_is_accepted_in_every_time_zone(self):
        verifier_company = self.env["res.company"].create({"name": "Coop B"})
        self.env.user.company_ids |= verifier_company
        for number, (zone, local, now) in enumerate(instants()):
            with self.subTest(issuer=zone, at=local), freeze_time(now):
                issuer = self.env["res.company"].create(
                    {"name": f"Coop A{number}", "passkoop_code": f"COOPA{number}"}
                )
                env_a = self.env(
                    context={"tz": zone, "allowed_company_ids": issuer.ids}
                )
                member = env_a["res.partner"].create(
                    {"name": "Lucie", "ref": "A-7", "company_id": issuer.id}
                )
                card = member.passkoop_issue_card()
                key = card.key_id
                issuer_today = datetime.strptime(local[:10], "%Y-%m-%d").date()
                self.assertEqual(key.valid_from, issuer_today - timedelta(days=1))
                entry = issuer.with_env(env_a).passkoop_export_directory()
                for verifier_zone in ZONES:
                    env_b = self.env(
                        context={
                            "tz": verifier_zone,
                            "allowed_company_ids": verifier_company.ids,
                        }
                    )
                    env_b["passkoop.coop"].passkoop_import_directory(entry)
                    check = env_b["res.partner"].passkoop_verify_card(card.token)
                    self.assertEqual(
                        check["reason_code"], "ok", f"checked in {verifier_zone}"
                    )
                # A key retired today stays valid a day past today's signatures.
                issuer.with_env(env_a).passkoop_generate_key()
                spare = issuer.passkoop_signing_key_ids - key
                spare.with_env(env_a).action_retire()
                self.assertEqual(spare.valid_until, issuer_today + timedelta(days=1))

    def visitor_and_visit_dated(self, env, name, today):
        """A partner-coop visitor registered by ``env`` and their first visit,
        both dated ``today``."""
        visitor = env["res.partner"].create(
            {
                "name": name,
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": self.coop.id,
            }
        )
        self.assertEqual(visitor.passkoop_registration_date, today)
        visit = visitor.passkoop_register_visit(amount=10.0)
        self.assertEqual(visit.date, today)
        return visitor, visit

    def test_registration_visits_and_the_dashboard_follow_the_cashiers_day(self):
        """Registered just after midnight, a visitor's 60 days start that day; the
        visit is that day's, in that month's figures of the dashboard."""
        self.partner_policy.write(
            {"mode": "limited", "max_visits": 4, "period_days": 60}
        )
        for zone, local, now in instants():
            with self.subTest(zone=zone, at=local), freeze_time(now):
                env = self.env(context={"tz": zone})
                today = datetime.strptime(local[:10], "%Y-%m-%d").date()
                visitor, _visit = self.visitor_and_visit_dated(
                    env, f"Mathilde {zone} {local}", today
                )
                check = visitor.passkoop_check()
                self.assertEqual(
                    (check["visit_count"], check["visits_left"], check["expiry_date"]),
                    (1, 3, str(today + timedelta(days=60))),
                )
                data = env["passkoop.dashboard"].get_data("this_month")
                self.assertEqual(data["date_from"], f"{local[:7]}-01")
                # The list it opens filters the same month, in its search bar.
                first = today.replace(day=1)
                action = env["passkoop.dashboard"].action_open_visits("this_month")
                self.assertEqual(
                    action["context"]["search_default_period"],
                    env["passkoop.visit"]._passkoop_period_text(
                        first, first + relativedelta(months=1, days=-1)
                    ),
                )

    def test_with_no_users_time_zone_the_visit_is_the_coops_day(self):
        """Recorded by the system, or by an RPC client whose user has no time
        zone, a visitor and a visit are dated on the coop's own day (its
        address's zone), not UTC's: in the month its dashboard shows."""
        system = self.env(context={})  # __system__: no time zone of its own
        self.assertFalse(system.user.tz)
        for zone, local, now in instants():
            with self.subTest(zone=zone, at=local), freeze_time(now):
                self.company.partner_id.tz = zone
                today = datetime.strptime(local[:10], "%Y-%m-%d").date()
                _visitor, visit = self.visitor_and_visit_dated(
                    system, f"Claire {zone} {local}", today
                )
                # In the month of its dashboard, seen by the coop's administrator
                # and by a user with no time zone alike.
                day = str(visit.date)
                for viewer in (self.env(context={"tz": zone}), system):
                    month = viewer["passkoop.dashboard"].get_data("this_month")
                    self.assertTrue(month["date_from"] <= day <= month["date_to"])

    def test_the_dashboards_periods_are_the_cashiers_months_and_year(self):
        """Last month and the fiscal year, seen at midnight's edges in every zone."""
        for zone, local, now in instants():
            with self.subTest(zone=zone, at=local), freeze_time(now):
                dashboard = self.env["passkoop.dashboard"].with_context(tz=zone)
                today = datetime.strptime(local[:10], "%Y-%m-%d").date()
                first = today.replace(day=1)
                last_month = dashboard.get_data("last_month")
                self.assertEqual(
                    (last_month["date_from"], last_month["date_to"]),
                    (
                        str(first - relativedelta(months=1)),
                        str(first - timedelta(days=1)),
                    ),
                )
                year = dashboard.get_data("fiscal_year")
                self.assertEqual(
                    (year["date_from"], year["date_to"]),
                    (f"{today.year}-01-01", f"{today.year}-12-31"),
                )

    def test_retention_counts_in_the_coops_own_days(self):
        """The daily job anonymises a visitor on the coop's day, wherever the
        server's clock is: not a day late in Réunion, not a day early in Tahiti."""
        company = self.env.company
        company.passkoop_retention_months = 36
        for zone, local, now in instants():
            with self.subTest(zone=zone, at=local), freeze_time(now):
                company.partner_id.tz = zone
                today = datetime.strptime(local[:10], "%Y-%m-%d").date()
                cutoff = today - relativedelta(months=36)
                gone, kept = self.env["res.partner"].create(
                    [
                        {
                            "name": f"{name} {zone} {local}",
                            "passkoop_visitor_type": "trial",
                            "passkoop_registration_date": registered,
                            "company_id": company.id,
                        }
                        for name, registered in (
                            ("Gone", cutoff - timedelta(days=1)),
                            ("Kept", cutoff),
                        )
                    ]
                )
                # The job runs as the system, whose own time zone is UTC.
                self.env["res.partner"].with_context(
                    tz="UTC"
                )._passkoop_anonymize_inactive()
                self.assertNotEqual(gone.name, f"Gone {zone} {local}")
                self.assertEqual(kept.name, f"Kept {zone} {local}")
