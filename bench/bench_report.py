"""Benchmark: the visitor sales analysis on 1,000,000 visits against raw SQL.

Runs bench/report_shell.py in `odoo-bin shell` on a scratch database with both addons.
Target: the analysis grouped by coop x month takes at most twice the raw SQL time.
"""

import json
import sys
from pathlib import Path

from setup.odoo_runner import addons_database, run_odoo

SHELL = (Path(__file__).parent / "report_shell.py").read_text()


def main():
    with addons_database("passkoop_bench_report") as db:
        rc, lines = run_odoo(
            db, "--no-http", "--log-level=warn", command="shell", stdin=SHELL
        )
    found = [line for line in lines if line.startswith("BENCH ")]
    if rc or not found:
        sys.exit("\n".join(lines[-40:]))
    figures = json.loads(found[-1][len("BENCH ") :])
    print(
        f"{figures['visits']:,} visits that count, {figures['groups']:,} coop x month "
        "groups, best of 5"
    )
    print(f"  raw SQL aggregate:        {figures['raw'] * 1000:8.1f} ms")
    print(f"  analysis (ORM, SQL view): {figures['orm'] * 1000:8.1f} ms")
    ratio = figures["orm"] / figures["raw"]
    print(f"ratio {ratio:.2f} (target: at most 2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
