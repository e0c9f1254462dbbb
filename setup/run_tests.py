"""Run every Pass'Koop check and close with one line: "N passed, N failed, N skipped".

Steps: lint (one check), the addons' Odoo tests (Python tests and browser tours, on a
fresh copy of the template database), then the top-level tests/ with pytest.
Usage: setup/test [lint] [odoo] [tests]   (default: all three)
"""

import re
import subprocess
import sys
import xml.etree.ElementTree as ET

from odoo_runner import (
    ADDONS,
    LOG_DIR,
    PROJECT,
    create_db,
    drop_db,
    run_odoo,
    template_db,
    unique_db,
)

ODOO_RESULT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
ODOO_SKIPPED = re.compile(r"^\S+ \S+ \d+ INFO \S+ odoo\.tests\.result: skipped ")


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.problems = []

    def add(self, step, passed, failed, skipped=0):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped
        print(
            f"== {step}: {passed} passed, {failed} failed, {skipped} skipped",
            flush=True,
        )
        if failed:
            self.problems.append(step)


def run_lint(tally):
    rc = subprocess.run([str(PROJECT / "setup" / "lint")]).returncode
    tally.add("lint", int(rc == 0), int(rc != 0))


def run_odoo_tests(tally):
    db = unique_db("passkoop_test")
    create_db(db, template=template_db())
    try:
        tags = ",".join(f"/{addon}" for addon in ADDONS)
        rc, lines = run_odoo(
            db,
            "-i",
            ",".join(ADDONS),
            "--without-demo=all",
            "--test-enable",
            f"--test-tags={tags}",
            "--stop-after-init",
            log_name="odoo-tests",
            echo=True,
        )
    finally:
        drop_db(db)
    results = [ODOO_RESULT.search(line) for line in lines]
    results = [r for r in results if r]
    if not results:
        # Odoo stopped before running the tests (a module failed to install, say).
        tally.add("odoo tests (no result: see var/log/odoo-tests.log)", 0, 1)
        return
    failures, errors, total = map(int, results[-1].groups())
    skipped = sum(bool(ODOO_SKIPPED.match(line)) for line in lines)
    failed = failures + errors
    if rc and not failed:
        failed = 1  # Odoo exited in error although every test passed: count it.
    tally.add("odoo tests", total - failures - errors - skipped, failed, skipped)


def run_pytest(tally):
    report = LOG_DIR / "pytest.xml"
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    rc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            str(PROJECT / "tests"),
            "-p",
            "no:cacheprovider",
            f"--junitxml={report}",
            "-v",
        ],
        cwd=PROJECT,
    ).returncode
    if not report.exists():
        tally.add("tests/ (pytest did not run)", 0, 1)
        return
    suite = ET.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    total, failures, errors, skipped = (
        int(suite.get(key, 0)) for key in ("tests", "failures", "errors", "skipped")
    )
    failed = failures + errors
    if rc not in (0, 1) and not failed:
        failed = 1
    tally.add("tests/", total - failed - skipped, failed, skipped)


def main(argv):
    steps = {"lint": run_lint, "odoo": run_odoo_tests, "tests": run_pytest}
    chosen = argv or list(steps)
    unknown = set(chosen) - set(steps)
    if unknown:
        sys.exit(
            f"unknown step(s) {', '.join(sorted(unknown))}; "
            f"choose among {', '.join(steps)}"
        )
    tally = Tally()
    for name in chosen:
        steps[name](tally)
    if tally.problems:
        print("failing: " + "; ".join(tally.problems) + " (logs in var/log/)")
    print(f"{tally.passed} passed, {tally.failed} failed, {tally.skipped} skipped")
    return 1 if tally.failed or not tally.passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
