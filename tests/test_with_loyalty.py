# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The till beside pos_loyalty, which many coops install for gift cards: its
tests need a database where it is installed, which the addons' own run has not
(a template with it installed after the addons, made once per addons' version)."""

from setup.odoo_runner import odoo_test_results, run_tagged_tests


def test_the_cashier_is_asked_once_with_pos_loyalty():
    rc, lines = run_tagged_tests(
        "passkoop_loyalty",
        "passkoop_loyalty/passkoop_pos",
        modules=("pos_loyalty",),
        log_name="with-loyalty",
    )
    failed, errors, ran = odoo_test_results(lines)
    assert (rc, failed, errors) == (0, 0, 0) and ran >= 1, "\n".join(lines[-60:])
