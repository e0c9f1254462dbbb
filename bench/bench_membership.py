"""Benchmark: query counts and times of passkoop_check and of the visitor status.

Runs bench/membership_shell.py in `odoo-bin shell` on a scratch database with both
addons, and prints its figures.
"""

import sys
from pathlib import Path

from setup.odoo_runner import addons_database, run_odoo

SHELL = (Path(__file__).parent / "membership_shell.py").read_text()


def main():
    with addons_database("passkoop_bench") as db:
        rc, lines = run_odoo(
            db, "--no-http", "--log-level=warn", command="shell", stdin=SHELL
        )
    print("\n".join(line for line in lines if "security risk" not in line))
    return rc


if __name__ == "__main__":
    sys.exit(main())
