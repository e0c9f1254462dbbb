"""The demo as a newcomer meets it: the database setup/start makes (a coop in
France: French, euros, the French chart of accounts, the French certification of
point-of-sale sales that Odoo installs with the point of sale), its cards, and
its till selling on the first try."""

from test_install import MODULE_STATES, odoo_shell

from setup.odoo_runner import (
    ADDONS,
    drop_db,
    log_records,
    new_demo_db,
    odoo_test_results,
    run_odoo,
    unique_db,
)

DEMO_CARDS = """
import json
from odoo.addons.passkoop_membership.tools import card_format

result = {"states": states, "company": [env.company.country_id.code,
          env.company.currency_id.name, env.company.chart_template]}
# A partner's card, as this coop's till checks it.
mathilde = env.ref("passkoop_membership.visitor_mathilde_demo")
result["visitor_mathilde_demo"] = env["res.partner"].passkoop_verify_card(
    mathilde.passkoop_card_ref)["reason_code"]
# Our members' cards, as a partner coop checks them: with our published entry.
_header, entry, _input, _signature = card_format.read_document(
    env.company.passkoop_export_directory()
)
keys = {key["kid"]: card_format.b32decode(key["public_key"]) for key in entry["keys"]}
for name in ("member_camille_demo", "member_hugo_demo"):
    [card] = env.ref(f"passkoop_membership.{name}").passkoop_card_ids.filtered(
        lambda card: card.state == "active"
    )
    parsed = card_format.parse_card(card.token)
    signed = card_format.verify(keys[parsed.kid], parsed.signed, parsed.signature)
    result[name] = "ok" if signed and parsed.issuer == entry["code"] else "refused"
print(json.dumps(result))
"""


def test_the_demo_as_setup_start_makes_it():
    """One database for the three checks, the addons installed into a copy of
    the Odoo-only stages as setup/start installs them (new_demo_db)."""
    db = unique_db("passkoop_pytest_demo")
    try:
        lines = new_demo_db(db, stages_copied=True)
        # 1. Installed with its demo, Odoo logs no warning.
        assert log_records(lines) == []
        # 2. A coop in France, whose cards check: Mathilde's HendayaKoop card as
        # the till checks it, two of the coop's own members' cards against its
        # published entry.
        _lines, found = odoo_shell(db, MODULE_STATES + DEMO_CARDS)
        assert found == {
            "states": dict.fromkeys(ADDONS, "installed"),
            "company": ["FR", "EUR", "fr"],
            "visitor_mathilde_demo": "ok",
            "member_camille_demo": "ok",
            "member_hugo_demo": "ok",
        }
        # 3. Its till sells on the first try: a Saturday's sales in a browser,
        # and the French certification's audit (passkoop_pos/tests/test_demo_till.py).
        rc, lines = run_odoo(
            db,
            "--test-tags=passkoop_demo_till",
            "--stop-after-init",
            "--log-level=test",
            log_name=f"{db}-till",
        )
        assert odoo_test_results(lines) == (0, 0, 2), "\n".join(lines[-60:])
        assert rc == 0
    finally:
        drop_db(db)
