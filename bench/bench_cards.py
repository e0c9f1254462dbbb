"""Benchmark: Pass'Koop cards on the server and in the till's browser.

Server (bench/cards_shell.py): issuing and verifying 1,000 cards, importing 340
partner coops' directory entries, syncing them from URLs served on loopback, opening a
till with their keys and revoked cards (packed, and as text as before: the baseline
in the same run) and refreshing it.
Browser: the till's verifier on 1,000 tokens, with WebCrypto and with TweetNaCl,
and the revoked lists of 341 coops as text and packed, in headless Chromium (the
bench-only test passkoop_pos/tests/test_card_bench.py).
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
    with_, text = figures["opening_with"], figures["opening_text"]
    without = figures["opening_without"]
    print("Opening a till (pos.session.load_data), best of 3")
    print(
        f"  without partner coops: {without['seconds'] * 1000:.0f} ms,"
        f" {without['queries']} queries, {without['bytes'] / 1e6:.2f} MB"
    )
    for name, opened in (
        ("revoked serials as text (before)", text),
        ("revoked serials packed (now)", with_),
    ):
        print(
            f"  with 340 coops' keys and 340,000 {name}:"
            f" {opened['seconds'] * 1000:.0f} ms, {opened['queries']} queries,"
            f" {opened['bytes'] / 1e6:.2f} MB"
            f" ({(opened['bytes'] - without['bytes']) / 1e6:+.2f} MB,"
            f" {opened['seconds'] / without['seconds'] - 1:+.0%} time)"
        )
    print("A till's refresh of its partners' keys and revoked cards")
    for name, refresh in (
        ("as text (before)", figures["refresh_text"]),
        ("packed (now)", figures["refresh"]),
    ):
        print(
            f"  {name}: {refresh['unchanged']:,} bytes when nothing changed,"
            f" {refresh['changed'] / 1e6:.3f} MB after a revocation"
        )
    js = browser()
    print("Verifying 1,000 cards in the till's browser (headless Chromium)")
    for name, ms in js["verify"].items():
        print(f"  {name}: {ms / 1000:.3f} ms per card")
    print(
        "The till's revoked lists, 341 coops of 1,000 serials (built once;"
        " 1,000 whole checks; 100,000 lookups)"
    )
    for form, name in (
        ("text", "as text, in Sets (before)"),
        ("run", "packed, runs of serials (bitmaps)"),
        ("sparse", "packed, 1,000 among 100,000 (gaps)"),
    ):
        revoked = js["revoked"][form]
        print(
            f"  {name}: built in {revoked['build_ms']:.1f} ms,"
            f" {revoked['check_ms']:.3f} ms per check,"
            f" {revoked['lookup_us']:.2f} us per lookup"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
