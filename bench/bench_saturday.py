"""Benchmark: a busy Saturday (bench/saturday.py). Odoo with --workers=2, 8 tills,
200 visitors shared between them (one in five on a 3-visit trial), 5 % of the
connections dropped after sending and the order sent again; plain orders (the
baseline, same server, same run) and 10,000 visitor orders
(PASSKOOP_SATURDAY_ORDERS to change), in turns of a fifth of each after a few
of each that warm the workers, so that both kinds meet the same neighbours on a
shared machine. Prints, for each kind, orders/s and latency percentiles, the
time the database's sessions waited on a lock and PostgreSQL's replays by what
they were after (the French certification's number, a visitor's row); then a
sync of each kind alone in the Saturday's database (bench/saturday_profile_
shell.py): its queries and ms, those after the certification's number, the
visitor order's extra queries by the code sending them and Pass'Koop's
functions; then the audit: visits lost, doubled, over-limit flags misplaced,
counters sent to the tills behind.
"""

import os
import sys

from bench.saturday import LockWaits, Saturday, Server, audit, coop_database, profile
from setup.odoo_runner import LOG_DIR

WORKERS = 2
TURNS = 5
WARM_UP = 40  # orders of each kind, not measured: each worker loads its registry


def main():
    orders = int(os.environ.get("PASSKOOP_SATURDAY_ORDERS", "10000"))
    counts = {"plain": max(orders // 5, 400), "visitor": orders}
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with coop_database(tills=8, visitors=200) as (db, setup):
        with Server(db, LOG_DIR / "bench-saturday.log", WORKERS) as server:
            day = Saturday(server, setup)
            day.run(WARM_UP, visitors=False)
            day.uuids.clear()
            day.run(WARM_UP)
            visitor_uuids = set(day.uuids)  # audited as the others
            kinds = {kind: Sold() for kind in counts}
            for turn in range(TURNS):
                for kind, count in counts.items():
                    day.uuids.clear()
                    share = count // TURNS + (turn < count % TURNS)
                    kinds[kind].sell(day, share, visitors=kind == "visitor")
                    if kind == "visitor":
                        visitor_uuids |= day.uuids
        print(
            f"8 tills, {WORKERS} workers, {day.dropped} connections dropped, resent; "
            f"{TURNS} turns of plain then visitor orders"
        )
        for kind, label in (("plain", "plain orders"), ("visitor", "visitor orders")):
            kinds[kind].print(label, counts[kind], day)
        rate = {kind: counts[kind] / kinds[kind].seconds for kind in counts}
        print(
            "  visitor orders / plain orders: "
            f"{rate['visitor'] / rate['plain']:.2f}x the throughput",
            flush=True,
        )
        print_profile(profile(db, setup))
        found = audit(db, visitor_uuids, setup["trial_visits"])
    print(
        f"  audit: {found['sent']} sent, {found['paid_orders']} paid, "
        f"{found['visits']} visits, {found['lost']} lost, {found['doubled']} doubled, "
        f"{found['misplaced_flags']} over-limit flags misplaced, "
        f"{len(day.behind)} answers with a counter behind"
    )
    wrong = found["lost"] or found["doubled"] or found["misplaced_flags"] or day.behind
    return 1 if wrong else 0


class Sold:
    """One kind of orders over the turns: seconds, latencies, the time sessions
    waited on a lock, PostgreSQL's replays by cause."""

    def __init__(self):
        self.seconds, self.lock_seconds = 0.0, 0.0
        self.latencies, self.replays = [], {}

    def sell(self, day, count, visitors):
        since = day.server.log_size()
        day.latencies.clear()
        with LockWaits(day.server.db) as waits:
            self.seconds += day.run(count, visitors=visitors)
        self.latencies += day.latencies
        self.lock_seconds += waits.seconds
        for cause, (replays, waited) in day.server.retries(since).items():
            counted = self.replays.setdefault(cause, [0, 0.0])
            counted[0] += replays
            counted[1] += waited

    def print(self, label, count, day):
        day.latencies = self.latencies
        latency = day.percentiles()
        workers_time = WORKERS * self.seconds
        print(
            f"  {label}: {count} in {self.seconds:.1f} s, "
            f"{count / self.seconds:.1f}/s; "
            f"latency p50 {latency['p50_ms']:.0f} ms, p95 {latency['p95_ms']:.0f} ms, "
            f"p99 {latency['p99_ms']:.0f} ms"
        )
        print(
            f"    sessions waiting on a lock: {self.lock_seconds:.1f} s "
            f"({self.lock_seconds / workers_time:.1%} of the workers' time)"
        )
        if not self.replays:
            print("    replayed by Odoo: none")
        for cause, (replays, waited) in sorted(self.replays.items()):
            print(
                f"    replayed by Odoo, the {cause} taken: {replays} "
                f"({replays / count:.2%} of the orders), {waited:.1f} s waited "
                f"({waited / workers_time:.1%} of the workers' time)"
            )


def print_profile(found, rows=10):
    """Print what bench/saturday_profile_shell.py found."""
    plain, member, visitor = found["plain"], found["member"], found["visitor"]
    print(
        f"one sync alone in the Saturday's database, median of {plain['syncs']} "
        "of each kind taking turns, rolled back:"
    )
    for label, kind in (
        ("plain order", plain),
        ("a customer who is no visitor", member),
        ("visitor order", visitor),
    ):
        print(
            f"  {label}: {kind['queries']} queries, {kind['ms']:.1f} ms "
            f"({kind['cpu_ms']:.1f} ms CPU in the worker, {kind['sql_ms']:.1f} ms "
            f"in SQL); after the certification's number: {kind['held_queries']} "
            f"queries, {kind['held_ms']:.1f} ms"
        )
    print("  the visitor order's queries beyond the customer's, by the code sending:")
    extra = {
        origin: count - member["by_origin"].get(origin, 0)
        for origin, count in visitor["by_origin"].items()
    }
    for origin, count in sorted(extra.items(), key=lambda item: -item[1])[:rows]:
        if count > 0.05:
            print(f"    {count:+5.1f} {origin}")
    print("  Pass'Koop's functions in the visitor order, CPU ms a sync (cProfile):")
    ours = sorted(visitor["functions"].items(), key=lambda item: -item[1][1])
    for function, (calls, milliseconds) in ours[:rows]:
        print(f"    {milliseconds:6.2f} {function} ({calls:.2f} calls)")


if __name__ == "__main__":
    sys.exit(main())
