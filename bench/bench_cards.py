"""Benchmark: Pass'Koop cards on the server and in the till's browser.

Server (bench/cards_shell.py): issuing and verifying 1,000 cards, importing 340
partner coops' directory entries, syncing them from URLs served on loopback, opening a
till with their keys and revoked cards.
Browser: the till's verifier on 1,000 tokens, with WebCrypto and with TweetNaCl,
in headless Chromium (the bench-only test passkoop_pos/tests/test_card_bench.py).
"""

import json
import re
import sys
from pathlib import Path

from setup.odoo_runner import addons_database, run_odoo, run_tagged_tests

SHELL = (Path(__file__).parent / "cards_shell.py").read_text()
BROWSER = re.compile(r"passkoop-bench (\{.*\})")


def server():
    with addons_database("passkoop_bench_cards") as db:
        rc, lines = run_odoo(
            db, "--no-http", "--log-level=warn", command="shell", stdin=SHELL
        )
    found = [line for line in lines if line.startswith("BENCH ")]
    if rc or not found:
        sys.exit("\n".join(lines[-40:]))
    return json.loads(found[-1][len("BENCH ") :])


def browser():
    _rc, lines = run_tagged_tests("passkoop_bench_cards_js", "passkoop_bench")
    found = [BROWSER.search(line) for line in lines]
    found = [match.group(1) for match in found if match]
    if not found:
        sys.exit("\n".join(lines[-40:]))
    return json.loads(found[-1])


def main():
    figures = server()
    issue, verify = figures["issue"], figures["verify"]
    print("Issuing 1,000 cards in one batch (members list, Action)")
    print(f"  {issue['seconds'] * 1000:.0f} ms, {issue['queries']} queries")
    print("Verifying 1,000 cards on the server (res.partner.passkoop_verify_card)")
    print(
        f"  {verify['seconds']:.3f} s: {verify['seconds']:.3f} ms per card,"
        f" {verify['queries'] / 1000:.1f} queries per card"
    )
    print(
        f"  raw Ed25519 verification (cryptography), same tokens:"
        f" {verify['raw_seconds']:.3f} ms per card;"
        f" ratio {verify['seconds'] / verify['raw_seconds']:.1f}x"
    )
    imp = figures["import"]
    print("Importing 340 directory entries (2 keys, 1,000 revoked cards each)")
    print(
        f"  {imp['seconds']:.2f} s: {imp['seconds'] / 340 * 1000:.1f} ms and"
        f" {imp['queries'] / 340:.0f} queries per entry ({imp['bytes']:,} bytes each)"
    )
    sync = figures["sync"]
    print("Syncing those 340 entries from their URLs, served on loopback")
    print(
        f"  {sync['seconds']:.2f} s: {sync['seconds'] / 340 * 1000:.1f} ms and"
        f" {sync['queries'] / 340:.0f} queries per coop"
    )
    with_, without = figures["opening_with"], figures["opening_without"]
    print("Opening a till (pos.session.load_data), best of 3")
    print(
        f"  without partner coops: {without['seconds'] * 1000:.0f} ms,"
        f" {without['queries']} queries, {without['bytes'] / 1e6:.2f} MB"
    )
    print(
        f"  with 340 coops' keys and 340,000 revoked serials:"
        f" {with_['seconds'] * 1000:.0f} ms, {with_['queries']} queries,"
        f" {with_['bytes'] / 1e6:.2f} MB"
        f" ({with_['seconds'] / without['seconds'] - 1:+.0%} time)"
    )
    js = browser()
    print("Verifying 1,000 cards in the till's browser (headless Chromium)")
    for name, ms in js.items():
        print(f"  {name}: {ms / 1000:.3f} ms per card")
    return 0


if __name__ == "__main__":
    sys.exit(main())
