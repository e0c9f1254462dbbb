"""The addons install and uninstall cleanly, as an administrator would do it."""

import json
from textwrap import dedent

from setup.odoo_runner import (
    ADDONS,
    addons_database,
    build_log,
    installed_db,
    log_records,
    psql,
    run_odoo,
)

MODULE_STATES = dedent(
    f"""
    mods = env['ir.module.module'].search([('name', 'in', {list(ADDONS)!r})])
    states = {{m.name: m.state for m in mods}}
    """
)


def odoo_shell(db, script):
    """Run a script in `odoo-bin shell`; return its log and the JSON it printed last."""
    rc, lines = run_odoo(
        db, "--no-http", log_name=f"{db}-shell", stdin=script, command="shell"
    )
    assert rc == 0, "\n".join(lines[-30:])
    return lines, json.loads([line for line in lines if line.startswith("{")][-1])


def test_log_records_catches_warnings_and_their_tracebacks():
    lines = [
        "2026-11-28 13:41:37,848 7482 INFO db odoo.modules.loading: loading 1 modules",
        "2026-11-28 13:41:37,848 7482 WARNING db odoo.fields: Two fields have a label",
        "2026-11-28 13:41:38,001 7482 ERROR db odoo.sql_db: bad query",
        "Traceback (most recent call last):",
    ]
    assert log_records(lines) == [lines[1], "\n".join(lines[2:])]


def test_install_into_empty_database_logs_no_warning():
    """Odoo installs what the manifests name, and logs no warning doing it."""
    database = installed_db()
    assert log_records(build_log(database).read_text().splitlines()) == []
    states = psql(
        "SELECT name, state FROM ir_module_module"
        f" WHERE name IN ({', '.join(map(repr, ADDONS))})",
        db=database,
    ).stdout.split()
    assert sorted(states) == [f"{addon}|installed" for addon in ADDONS]


def test_uninstalling_pos_leaves_membership_working():
    with addons_database("passkoop_pytest_uninstall") as database:
        uninstall_pos_then_use_membership(database)


def uninstall_pos_then_use_membership(database):
    lines, _ = odoo_shell(
        database,
        dedent(
            """
            env['ir.module.module'].search([('name', '=', 'passkoop_pos')])\\
                .button_immediate_uninstall()
            env.cr.commit()
            print("{}")
            """
        ),
    )
    assert log_records(lines, levels=("ERROR", "CRITICAL")) == []
    # A new registry, as after a restart: the back office still welcomes visitors.
    lines, result = odoo_shell(
        database,
        MODULE_STATES
        + dedent(
            """
            import json
            coop = env['passkoop.coop'].create(
                {'name': 'HendayaKoop', 'code': 'hendaya', 'agreement_state': 'active'})
            visitor = env['res.partner'].create({
                'name': 'Mathilde', 'passkoop_visitor_type': 'partner',
                'passkoop_coop_id': coop.id})
            visit = visitor.passkoop_register_visit(amount=12.5, origin='paper sheet')
            print(json.dumps({'check': visitor.passkoop_check(), 'states': states,
                              'amount': visit.amount, 'code': coop.code}))
            """
        ),
    )
    assert log_records(lines, levels=("ERROR", "CRITICAL")) == []
    assert result["states"] == {
        "passkoop_membership": "installed",
        "passkoop_pos": "uninstalled",
    }
    assert result["code"] == "HENDAYA"
    assert result["amount"] == 12.5
    assert result["check"]["action"] == "allow"
    assert result["check"]["visit_count"] == 1
