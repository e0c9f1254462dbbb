"""The demo as a newcomer meets it: the database setup/start makes (a coop in
France: French, euros, the French chart of accounts, the French certification of
point-of-sale sales that Odoo installs with the point of sale), its cards, and
its till selling on the first try."""

from setup.odoo_runner import (
    build_log,
    demo_db,
    drop_db,
    log_records,
    new_demo_db,
    odoo_test_results,
    run_odoo,
    unique_db,
)


def test_the_demo_as_setup_start_makes_it():
    """The database setup/start makes, by its own function (new_demo_db: a copy
    of the day's demo template, demo_db(), built by the same run if missing)."""
    db = unique_db("passkoop_pytest_demo")
    try:
        new_demo_db(db)
        # 1. Installed with its demo, Odoo logged no warning.
        assert log_records(build_log(demo_db()).read_text().splitlines()) == []
        # 2. A coop in France, whose cards check: Mathilde's HendayaKoop card as
        # the till checks it, two of the coop's own members' cards against its
        # published entry. 3. Its till sells on the first try: a Saturday's
        # sales in a browser, and the French certification's audit; its
        # dashboard in French (passkoop_pos/tests/test_demo_till.py). 4. Its
        # data as a newcomer meets it (test_demo_data.py).
        rc, lines = run_odoo(
            db,
            "--test-tags=passkoop_demo_till/passkoop_pos",
            "--stop-after-init",
            "--log-level=test",
            log_name=f"{db}-till",
        )
        assert odoo_test_results(lines) == (0, 0, 6), "\n".join(lines[-60:])
        assert rc == 0
    finally:
        drop_db(db)
