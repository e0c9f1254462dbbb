"""Behind setup/start: the demo database with both addons, then Odoo serving it.

    python -m setup.start [--no-serve]

Creates the database (PASSKOOP_DB, default "passkoop") as Odoo's database manager does
for a coop in France (French, euros), with both addons and their demo food coop: a copy
of the day's demo template (setup.odoo_runner.demo_db, made first if missing, and the
database tests/test_demo.py tests), or updates the addons in it; then serves it on
PASSKOOP_PORT (default 8069) until Ctrl-C.
"""

import os
import re
import subprocess
import sys

from .odoo_runner import (
    ADDONS,
    ODOO_PATH,
    db_exists,
    drop_db,
    new_demo_db,
    odoo_options,
)

DB = os.environ.get("PASSKOOP_DB", "passkoop")
PORT = os.environ.get("PASSKOOP_PORT", "8069")
# What of Odoo's log is worth showing while the database is made.
WARNINGS = re.compile(r" (WARNING|ERROR|CRITICAL) ")


def say(text):
    print(f"\033[1m[passkoop]\033[0m {text}", file=sys.stderr, flush=True)


def odoo(*args):
    """Odoo's server in this Python, every manifest read before it serves."""
    command = [sys.executable, "-m", "setup.serve", *odoo_options(), "-d", DB, *args]
    return subprocess.run(command, check=False).returncode


def prepare():
    addons = ",".join(ADDONS)
    quiet = ("--stop-after-init", "--max-cron-threads=0", "--log-level=warn")
    if not db_exists(DB):
        say(f"creating database '{DB}': a coop in France, both addons, demo coops")
        try:
            new_demo_db(DB, echo=WARNINGS)
        except (subprocess.CalledProcessError, RuntimeError) as error:
            drop_db(DB)
            sys.exit(f"creating '{DB}' failed ({error}; logs in var/log/); removed.")
    else:
        say(f"updating both addons in the existing database '{DB}'")
        if odoo("-u", addons, *quiet):
            sys.exit(f"updating the addons in '{DB}' failed (see above).")


def main(argv):
    prepare()
    if "--no-serve" in argv:
        return 0
    say(
        f"Odoo ({ODOO_PATH}) is starting on http://localhost:{PORT} — "
        "log in as admin / admin (Ctrl-C stops it)"
    )
    return odoo(f"--db-filter=^{DB}$", f"--http-port={PORT}")


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(0)
