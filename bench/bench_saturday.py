"""Benchmark: a busy Saturday (bench/saturday.py). Odoo with --workers=2, 8 tills,
200 visitors shared between them (one in five on a 3-visit trial), 5 % of the
connections dropped after sending and the order sent again; first plain orders
(the baseline, same server, same run), then 10,000 visitor orders
(PASSKOOP_SATURDAY_ORDERS to change). Prints orders/s and latency percentiles of
both, PostgreSQL's replays of conflicting visits, and the audit: visits lost,
doubled, over-limit flags misplaced, counters sent to the tills behind.
"""

import os
import sys

from bench.saturday import Saturday, Server, audit, coop_database
from setup.odoo_runner import LOG_DIR

WORKERS = 2


def main():
    orders = int(os.environ.get("PASSKOOP_SATURDAY_ORDERS", "10000"))
    plain_orders = max(orders // 5, 400)
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    with coop_database(tills=8, visitors=200) as (db, setup):
        with Server(db, LOG_DIR / "bench-saturday.log", WORKERS) as server:
            day = Saturday(server, setup)
            plain_seconds = day.run(plain_orders, visitors=False)
            plain = day.percentiles()
            day.latencies.clear()
            day.uuids.clear()
            since = server.log_size()
            seconds = day.run(orders)
            visits = day.percentiles()
            replays, waited = server.retries(since)
        rate, plain_rate = orders / seconds, plain_orders / plain_seconds
        print(f"8 tills, {WORKERS} workers, {day.dropped} connections dropped, resent")
        for name, count, per_second, latency in (
            ("plain orders", plain_orders, plain_rate, plain),
            ("visitor orders", orders, rate, visits),
        ):
            print(
                f"  {name}: {count} in {count / per_second:.1f} s, "
                f"{per_second:.1f}/s; latency p50 {latency['p50_ms']:.0f} ms, "
                f"p95 {latency['p95_ms']:.0f} ms, p99 {latency['p99_ms']:.0f} ms"
            )
        print(
            f"  visitor orders / plain orders: {rate / plain_rate:.2f}x the throughput"
        )
        print(
            f"  conflicting visits replayed by Odoo: {replays} "
            f"({replays / orders:.2%} of the orders), {waited:.1f} s waited in all, "
            f"{waited / (WORKERS * seconds):.1%} of the workers' time",
            flush=True,
        )
        found = audit(db, day.uuids, setup["trial_visits"])
    print(
        f"  audit: {found['sent']} sent, {found['paid_orders']} paid, "
        f"{found['visits']} visits, {found['lost']} lost, {found['doubled']} doubled, "
        f"{found['misplaced_flags']} over-limit flags misplaced, "
        f"{len(day.behind)} answers with a counter behind"
    )
    wrong = found["lost"] or found["doubled"] or found["misplaced_flags"] or day.behind
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
