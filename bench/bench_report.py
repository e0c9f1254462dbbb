"""Benchmark: the visitor sales analysis on 10,000,000 visits against raw SQL
(PASSKOOP_REPORT_VISITS to change).

Runs bench/report_shell.py in `odoo-bin shell` on a scratch database with both addons.
Target: the analysis grouped by coop x month takes at most 1.5 times the raw SQL time.
"""

import json
import os
import sys
from pathlib import Path

from setup.odoo_runner import addons_database, run_odoo

SHELL = (Path(__file__).parent / "report_shell.py").read_text()


def main():
    visits = int(os.environ.get("PASSKOOP_REPORT_VISITS", "10000000"))
    with addons_database("passkoop_bench_report") as db:
        rc, lines = run_odoo(
            db,
            "--no-http",
            "--log-level=warn",
            command="shell",
            stdin=f"VISITS = {visits}\n{SHELL}",
        )
    found = [line for line in lines if line.startswith("BENCH ")]
    if rc or not found:
        sys.exit("\n".join(lines[-40:]))
    figures = json.loads(found[-1][len("BENCH ") :])
    print(
        f"{figures['visits']:,} visits that count, {figures['groups']:,} coop x month "
        f"groups, best of 5 (building the data: {figures['build']:.0f} s)"
    )
    print(f"  raw SQL aggregate:        {figures['raw'] * 1000:8.1f} ms")
    print(f"  analysis (ORM, SQL view): {figures['orm'] * 1000:8.1f} ms")
    ratio = figures["orm"] / figures["raw"]
    print(f"ratio {ratio:.2f} (target: at most 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
