"""Benchmark: what passkoop_pos adds to opening a till and to syncing its orders.

Two databases with the same data (20,000 contacts, 500 to 5,000 of them visitors, and
a coop's catalogue of 3,000 products), one
with passkoop_pos and one without (passkoop_membership and the point of sale only),
measured in the same run by bench/pos_shell.py. Prints the figures and the ratios.
"""

import json
import sys
from pathlib import Path

from setup.odoo_runner import create_db, drop_db, run_odoo, template_db, unique_db

SHELL = (Path(__file__).parent / "pos_shell.py").read_text()


UNINSTALL_PASSKOOP_POS = """
module = env["ir.module.module"].search([("name", "=", "passkoop_pos")])
module.button_immediate_uninstall()
env.cr.commit()
"""


def measure(with_passkoop_pos):
    db = unique_db("passkoop_bench_pos")
    create_db(db, template=template_db())
    try:
        rc, lines = run_odoo(
            db,
            "-i",
            "passkoop_membership,passkoop_pos",
            "--without-demo=all",
            "--stop-after-init",
        )
        if not rc and not with_passkoop_pos:
            # It installs itself beside the point of sale (auto_install): remove it.
            rc, lines = run_odoo(
                db, "--no-http", command="shell", stdin=UNINSTALL_PASSKOOP_POS
            )
        if rc:
            sys.exit("\n".join(lines[-30:]))
        rc, lines = run_odoo(
            db, "--no-http", "--log-level=warn", command="shell", stdin=SHELL
        )
        found = [line for line in lines if line.startswith("BENCH ")]
        if rc or not found:
            sys.exit("\n".join(lines[-40:]))
        return json.loads(found[-1][len("BENCH ") :])
    finally:
        drop_db(db)


def main():
    without = measure(with_passkoop_pos=False)
    with_pos = measure(with_passkoop_pos=True)
    assert not without["with_passkoop_pos"] and with_pos["with_passkoop_pos"]
    print(
        "Opening a till: session.load_data(), "
        "20,000 contacts, 3,000 products, best of 3"
    )
    print(
        f"{'visitors':>9} {'without ms':>11} {'with ms':>8} {'added':>7}"
        f" {'without q':>10} {'with q':>7} {'added q':>8}"
    )
    rows = []
    for visitors, base in without["opening"].items():
        ours = with_pos["opening"][visitors]
        added = ours["seconds"] / base["seconds"] - 1
        rows.append((int(visitors), ours["seconds"] - base["seconds"]))
        print(
            f"{visitors:>9} {base['seconds'] * 1000:>11.1f}"
            f" {ours['seconds'] * 1000:>8.1f}"
            f" {added:>+7.1%} {base['queries']:>10} {ours['queries']:>7}"
            f" {ours['queries'] - base['queries']:>8}"
        )
    (v0, t0), (v1, t1) = rows[0], rows[-1]
    print(
        f"time added per 1,000 visitors: {(t1 - t0) / (v1 - v0) * 1000 * 1000:.1f} ms"
    )
    for visitors in ("500", "5000"):
        added = (
            with_pos["opening"][visitors]["seconds"]
            / without["opening"][visitors]["seconds"]
        )
        print(
            f"with {int(visitors):,} visitors, opening costs {added - 1:+.1%}"
            " (target: at most +10 %)"
        )
    print()
    plain, visitor = with_pos["syncing"]["plain"], with_pos["syncing"]["visitor"]
    print("Syncing 1,000 paid orders, by batches of 100")
    print(f"  plain orders, without passkoop_pos: {without['syncing']['plain']:.2f} s")
    print(f"  plain orders, with passkoop_pos:    {plain:.2f} s")
    print(f"  visitor orders (one visit each):    {visitor:.2f} s")
    print(f"visitor orders cost {visitor / plain - 1:+.1%} (target: at most +25 %)")


if __name__ == "__main__":
    main()
