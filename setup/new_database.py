"""A new database as Odoo's database manager makes it, for a coop in France: demo
data, French, the company in France (so in euros, with the French chart of accounts
once accounting is installed). odoo-bin -i alone would make a company in US dollars.

    python -m setup.new_database <name> [--tests] <odoo-bin options>

``--tests``: the same company in France, without demo data and in English (the
tests read Odoo's messages in English; French screens are tested apart).
"""

import os
import sys
import time

from .odoo_runner import ODOO_PATH


def main(name, options):
    tests = "--tests" in options
    options = [option for option in options if option != "--tests"]
    os.environ["TZ"] = "UTC"  # as odoo-bin
    time.tzset()
    sys.path.insert(0, str(ODOO_PATH))
    import odoo  # noqa: PLC0415 - found only now

    odoo.tools.config.parse_config(options)
    odoo.service.db.exp_create_database(
        name,
        demo=not tests,
        lang="en_US" if tests else "fr_FR",
        user_password="admin",
        country_code="FR",
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
