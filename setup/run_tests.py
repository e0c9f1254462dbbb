"""Run every Pass'Koop check and close with one line: "N passed, N failed, N skipped".

Steps: lint (one check); the addons' Odoo tests (Python tests and browser tours, in
two Odoo processes, each on a fresh copy of the template database); the top-level
tests/ with pytest, two at a time. The template databases are built first, then
the steps run side by side (the Odoo tests wait on the browser half of the time),
and a table says where the time went. Usage: setup/test --help.
"""

import ctypes
import os
import re
import resource
import sys
import threading
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .odoo_runner import (
    CPU_SECONDS,
    LOG_DIR,
    PROJECT,
    addons_template_db,
    create_db,
    drop_db,
    run_counted,
    run_odoo,
    unique_db,
)

# Odoo's own browser tests of what passkoop_pos patches: the product screen's
# search and barcodes, the customer list, the payment screen, order sync and
# refunds. (TestUi.test_barcode_search_attributes_preset is not among them: it
# races in Odoo itself, failing two runs in three with or without the addons.)
ODOO_CORE_TESTS = tuple(
    f"/point_of_sale:TestUi.{test}"
    for test in (
        "test_07_pos_barcodes_scan",
        "test_GS1_pos_barcodes_scan",
        "test_one_attribute_value_scan_barcode",
        "test_res_partner_scan_barcode",
        "test_product_search",
        "test_customer_search_more",
        "test_customer_all_fields_displayed",
        "test_allow_order_modification_after_validation_error",
        "test_refund_few_quantities",
        "test_draft_orders_not_syncing",
    )
)
# The Odoo tests in two processes side by side, each on its own copy of the
# database: one alone leaves a core idle whenever it waits on the browser or the
# browser on it. Halves of about the same time (the last single run's log:
# membership 219 s and Odoo's own 59 s, the till 317 s).
ODOO_HALVES = {
    "odoo-membership": ",".join(["/passkoop_membership", *ODOO_CORE_TESTS]),
    "odoo-till": "/passkoop_pos",
}
# Debian's chromium-headless-shell (lib.sh installs it) runs the tours for about
# half the CPU of the full browser; Odoo takes a google-chrome on PATH first.
HEADLESS_SHELL = Path("/usr/lib/chromium/chromium-headless-shell")
# The browser lives where the coop's users live: Odoo makes a French database's
# users Europe/Paris (odoo/service/db.py), but starts Chromium in its own UTC, where
# "this month" of a search filter is another month from 23:00 to midnight.
COOP_TZ = "Europe/Paris"
ODOO_RESULT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
ODOO_SKIPPED = re.compile(r"^\S+ \S+ \d+ INFO \S+ odoo\.tests\.result: skipped ")
# What of Odoo's test log is worth seeing as it runs, beside pytest's lines.
ODOO_ECHO = re.compile(r" (WARNING|ERROR|CRITICAL) | odoo\.tests\.(result|stats): ")
PR_SET_CHILD_SUBREAPER = 36  # linux/prctl.h


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0
        self.problems = []
        self.times = {}  # step: (wall seconds, CPU seconds)
        self.lock = threading.Lock()

    def add(self, step, passed, failed, skipped=0):
        with self.lock:
            self.passed += passed
            self.failed += failed
            self.skipped += skipped
            print(
                f"== {step}: {passed} passed, {failed} failed, {skipped} skipped",
                flush=True,
            )
            if failed:
                self.problems.append(step)

    def timed(self, name, step, *args):
        thread = threading.get_ident()
        start, cpu = time.monotonic(), CPU_SECONDS[thread]
        try:
            return step(*args)
        finally:
            self.times[name] = (
                time.monotonic() - start,
                CPU_SECONDS[thread] - cpu,
            )


def run_lint(tally):
    log = LOG_DIR / "lint.log"
    with open(log, "w") as out:
        rc = run_counted([str(PROJECT / "setup" / "lint")], stdout=out, stderr=out)
    if rc:
        print(log.read_text(), flush=True)
    tally.add("lint", int(rc == 0), int(rc != 0))


def use_coops_browser():
    """Chromium for Odoo's tests, through a google-chrome first on PATH: the
    headless shell if there is one, in the coop's time zone."""
    browser = HEADLESS_SHELL if HEADLESS_SHELL.exists() else "chromium"
    shim = LOG_DIR.parent / "bin" / "google-chrome"
    shim.parent.mkdir(parents=True, exist_ok=True)
    shim.unlink(missing_ok=True)
    shim.write_text(f'#!/bin/sh\nTZ={COOP_TZ} exec {browser} "$@"\n')
    shim.chmod(0o755)
    os.environ["PATH"] = f"{shim.parent}{os.pathsep}{os.environ['PATH']}"


def run_odoo_tests(tally, tags, name="odoo"):
    """The addons' tests, and Odoo's own tests of what they patch, on a copy of
    the database where they are installed (their tests are all post-install:
    Odoo runs them for every module when it installs none)."""
    db = unique_db("passkoop_test")
    create_db(db, template=addons_template_db())
    log_name = f"{name}-tests"
    try:
        rc, lines = run_odoo(
            db,
            "--without-demo=all",
            f"--test-tags={tags}",
            "--stop-after-init",
            # Each test's seconds and queries, at the log's end: where time goes.
            "--log-handler=odoo.tests.stats:DEBUG",
            log_name=log_name,
            echo=ODOO_ECHO,
        )
    finally:
        drop_db(db)
    results = [ODOO_RESULT.search(line) for line in lines]
    results = [r for r in results if r]
    if not results:
        # Odoo stopped before running the tests (a module failed to install, say).
        tally.add(f"{name} tests (no result: see var/log/{log_name}.log)", 0, 1)
        return
    failures, errors, total = map(int, results[-1].groups())
    skipped = sum(bool(ODOO_SKIPPED.match(line)) for line in lines)
    failed = failures + errors
    if rc and not failed:
        failed = 1  # Odoo exited in error although every test passed: count it.
    # Odoo counts each failed subtest: a test with ten may fail ten times.
    tally.add(f"{name} tests", max(total - failed - skipped, 0), failed, skipped)


def run_pytest(tally, *args):
    report = LOG_DIR / "pytest.xml"
    report.unlink(missing_ok=True)
    rc = run_counted(
        [
            sys.executable,
            "-m",
            "pytest",
            "tests",
            "-p",
            "no:cacheprovider",
            "--numprocesses=2",
            "--dist=loadgroup",  # tests/conftest.py: slowest first, grouped
            f"--junitxml={report}",
            "-v",
            "--durations=8",  # where tests/' time goes
            *args,
        ],
        cwd=PROJECT,
    )
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


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def adopt_orphans():
    """Chromium's renderers outlive the browser that started them: adopted by
    this process (a child subreaper) rather than by init, their CPU time is
    counted when reap_orphans() waits for them."""
    libc = ctypes.CDLL(None, use_errno=True)
    return libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0


def reap_orphans(seconds=5):
    """Wait for the adopted processes, once every step has waited for its own
    (a wait for any child would otherwise take a step's); those still running
    after ``seconds`` are left to init."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            time.sleep(0.1)


def main(argv):
    steps = {"lint": run_lint, "odoo": run_odoo_tests, "tests": run_pytest}
    # What follows a step's name is its own: Odoo's tags, pytest's arguments.
    options = {"odoo": None, "tests": []}
    if len(argv) > 1 and argv[0] in options:
        step, rest = argv[0], argv[1:]
        if step == "odoo":
            rest = ",".join(arg.removeprefix("--tags=") for arg in rest)
        options[step], argv = rest, [step]
    chosen = argv or list(steps)
    unknown = set(chosen) - set(steps)
    if unknown:
        sys.exit(
            f"unknown step(s) {', '.join(sorted(unknown))}; "
            f"choose among {', '.join(steps)}"
        )
    jobs = []  # (name, step, its arguments), run side by side
    for name in chosen:
        if name == "odoo" and options["odoo"] is None:
            jobs += [(n, run_odoo_tests, [tags, n]) for n, tags in ODOO_HALVES.items()]
        elif name == "odoo":
            jobs.append((name, run_odoo_tests, [options["odoo"]]))
        else:
            jobs.append((name, steps[name], options.get(name, [])))
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    use_coops_browser()
    adopted = adopt_orphans()
    tally = Tally()
    start = time.monotonic()
    start_cpu = children_cpu()
    if {"odoo", "tests"} & set(chosen):
        # Made once here, not by each step at the same time.
        tally.timed("template databases", addons_template_db)
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        for future in [
            pool.submit(tally.timed, name, step, tally, *args)
            for name, step, args in jobs
        ]:
            future.result()
    if tally.problems:
        print("failing: " + "; ".join(tally.problems) + " (logs in var/log/)")
    in_all = time.monotonic() - start
    times = ", ".join(
        f"{name} {wall:.0f} s ({cpu:.0f} CPU-s)"
        for name, (wall, cpu) in tally.times.items()
    )
    before_reaping = children_cpu()
    if adopted:
        reap_orphans()
    renderers = (
        f", of which Chromium's renderers {children_cpu() - before_reaping:.0f} CPU-s"
        if adopted
        else ""
    )
    print(
        f"time: {times}; in all {in_all:.0f} s,"
        f" {children_cpu() - start_cpu:.0f} CPU-s{renderers}"
        " (steps side by side; CPU-s: the step's processes and theirs, not"
        " PostgreSQL's)"
    )
    # Odoo skips a browser test whose browser fails to start: a test that could
    # not run must fail the run, not pass it silently.
    failed = tally.failed + tally.skipped
    if tally.skipped:
        print(f"{tally.skipped} skipped test(s) counted as failed (see var/log/)")
    print(f"{tally.passed} passed, {failed} failed, {tally.skipped} skipped")
    return 1 if failed or not tally.passed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
