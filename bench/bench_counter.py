"""Benchmark: the cashier's visitor dialog with 5,000 visitors loaded, in headless
Chromium (the bench-only test passkoop_pos/tests/test_counter_bench.py): from the
button to a visitor welcomed, each keystroke of the search timed to the next frame."""

import json
import re
import statistics
import sys

from setup.odoo_runner import run_tagged_tests

BROWSER = re.compile(r"passkoop-bench-counter (\{.*\})")


def main():
    rc, lines = run_tagged_tests("passkoop_bench_counter", "passkoop_bench_counter")
    found = [BROWSER.search(line) for line in lines]
    found = [match.group(1) for match in found if match]
    if rc or not found:
        sys.exit("\n".join(lines[-40:]))
    figures = json.loads(found[-1])
    keys = figures["keystrokes"]
    print(
        f"Visitor dialog, {figures['visitors']:,} visitors loaded"
        " (milliseconds to the next frame showing the result)"
    )
    print(f"  button to dialog shown:         {figures['opening']:.0f}")
    print(f"  coop picked to regulars listed: {figures['coop']:.0f}")
    print(
        f"  search, per keystroke:          median {statistics.median(keys):.0f},"
        f" worst {max(keys):.0f} (target: at most 100)"
    )
    print(f"  visitor picked to status shown: {figures['select']:.0f}")
    print(f"  Welcome to dialog closed:       {figures['welcome']:.0f}")
    print(f"  in all, button to welcomed:     {figures['total']:.0f}")


if __name__ == "__main__":
    main()
