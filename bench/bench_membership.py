"""Benchmark: query counts and times of passkoop_check and of the visitor status.

Runs bench/membership_shell.py in `odoo-bin shell` on a scratch database with both
addons, and prints its figures.
"""

import sys
from pathlib import Path

from odoo_runner import ADDONS, create_db, drop_db, run_odoo, template_db, unique_db

SHELL = (Path(__file__).parent / "membership_shell.py").read_text()


def main():
    db = unique_db("passkoop_bench")
    create_db(db, template=template_db())
    try:
        rc, lines = run_odoo(
            db, "-i", ",".join(ADDONS), "--without-demo=all", "--stop-after-init"
        )
        if rc:
            sys.exit("\n".join(lines[-30:]))
        rc, lines = run_odoo(
            db, "--no-http", "--log-level=warn", command="shell", stdin=SHELL
        )
        print("\n".join(line for line in lines if "security risk" not in line))
        return rc
    finally:
        drop_db(db)


if __name__ == "__main__":
    sys.exit(main())
