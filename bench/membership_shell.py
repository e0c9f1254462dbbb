"""Benchmark: what passkoop_check and the visitor status cost, in SQL queries and time.

Run inside `odoo-bin shell` by bench_membership.py, on a scratch database:
- passkoop_check on one visitor with 1, 100, 10,000 past visits: queries must not grow;
- status and counters of 1, 1,000, 10,000 visitors at once: no query per visitor.
Times are printed for information, with a baseline measured in the same run: a plain
`read` of the same partners' names.
"""

import time

from odoo import fields


def measure(env, func):
    env.invalidate_all()
    env.cr.flush()
    env.user.tz  # noqa: B018 - a request has its user loaded when it is authenticated
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    elapsed = time.perf_counter() - start
    return result, env.cr.sql_log_count - before, elapsed


def add_visits(env, partner_ids, per_visitor, company, coop):
    env.cr.execute(
        """
        INSERT INTO passkoop_visit (partner_id, coop_id, visitor_type, date, amount,
                                    state, company_id, over_limit)
        SELECT p, %s, 'partner', CURRENT_DATE - (n %% 700), 10, 'done', %s, false
          FROM unnest(%s) p, generate_series(1, %s) n
        """,
        [coop.id, company.id, list(partner_ids), per_visitor],
    )


def run(env):
    company = env.company
    env["res.company"].browse(company.id).passkoop_partner_policy_id  # noqa: B018
    coop = env["passkoop.coop"].create(
        {"name": "Bench coop", "code": "BENCH", "agreement_state": "active"}
    )
    print("passkoop_check on one visitor (warm company defaults, cold record cache)")
    print(f"{'past visits':>12} {'queries':>8} {'ms':>8}")
    env["res.partner"].create(
        {
            "name": "warm",
            "passkoop_visitor_type": "partner",
            "passkoop_coop_id": coop.id,
        }
    ).passkoop_check()
    checks = {}
    for count in (1, 100, 10000):
        visitor = env["res.partner"].create(
            {
                "name": f"Visitor with {count} visits",
                "passkoop_visitor_type": "partner",
                "passkoop_coop_id": coop.id,
            }
        )
        add_visits(env, [visitor.id], count, company, coop)
        check, queries, elapsed = measure(env, visitor.passkoop_check)
        assert check["visit_count"] == count
        checks[count] = queries
        print(f"{count:>12} {queries:>8} {elapsed * 1000:>8.1f}")

    print()
    print("status and counters of many visitors at once (10 visits each)")
    print("(baseline: reading the same visitors' names, in the same run)")
    print(
        f"{'visitors':>9} {'queries':>8} {'baseline q':>11} {'added q':>8}"
        f" {'ms':>9} {'baseline ms':>12} {'ratio':>6}"
    )
    statuses = {}
    today = fields.Date.context_today(env.user)
    for size in (1, 1000, 10000):
        env.cr.execute(
            """
            INSERT INTO res_partner (name, active, passkoop_visitor_type,
                                     passkoop_coop_id, company_id, type,
                                     passkoop_registration_date, autopost_bills)
            SELECT 'Bench visitor ' || n, true, 'partner', %s, %s, 'contact', %s, 'ask'
              FROM generate_series(1, %s) n RETURNING id
            """,
            [coop.id, company.id, today, size],
        )
        ids = [row[0] for row in env.cr.fetchall()]
        add_visits(env, ids, 10, company, coop)
        visitors = env["res.partner"].browse(ids)
        _names, base_queries, baseline = measure(
            env, lambda v=visitors: v.read(["name"])
        )
        result, queries, elapsed = measure(
            env, lambda v=visitors: v.mapped("passkoop_status_text")
        )
        assert result.count("Member terms") == size, result[:3]
        statuses[size] = queries - base_queries
        print(
            f"{size:>9} {queries:>8} {base_queries:>11} {queries - base_queries:>8}"
            f" {elapsed * 1000:>9.1f} {baseline * 1000:>12.1f}"
            f" {elapsed / baseline:>6.1f}"
        )
    print()
    print(
        "check queries constant:",
        len(set(checks.values())) == 1,
        "| at most 4:",
        max(checks.values()) <= 4,
    )
    # The ORM computes a non-stored field by prefetch batches of 1,000 records: the
    # status costs a few queries per batch (the visitors' row, their visit counts),
    # never one per visitor.
    print(
        "status queries per visitor:",
        round(statuses[10000] / 10000, 4),
        "| per batch of 1,000 visitors:",
        round((statuses[10000] - statuses[1000]) / 9, 1),
    )
    env.cr.rollback()


run(env)  # noqa: F821 - `env` is given by odoo-bin shell
