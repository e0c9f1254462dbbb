"""Benchmark: what passkoop_check and the visitor status cost, in SQL queries and time.

Run inside `odoo-bin shell` by bench_membership.py, on a scratch database:
- passkoop_check on one visitor with 1, 100, 10,000 past visits: queries must not grow;
- the status of 1, 1,000, 10,000 visitors at once: no query per visitor, within 5x
  reading their names (a baseline measured in the same run);
- the status filters of the visitors' list at 50,000 visitors: within 3x a plain
  search of the same visitors.
"""

import time


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
    print("status of many visitors at once (10 visits each)")
    print("(baseline: reading the same visitors' names, in the same run)")
    print(
        f"{'visitors':>9} {'read':>12} {'queries':>8} {'baseline q':>11}"
        f" {'ms':>9} {'baseline ms':>12} {'ratio':>6}"
    )
    ratios, added = {}, {}
    for size in (1, 1000, 10000):
        ids = insert_visitors(env, size, "partner", coop)
        add_visits(env, ids, 10, company, coop)
        stored_ms = store_statuses(env, ids)
        visitors = env["res.partner"].browse(ids)
        _names, base_queries, baseline = best_of(
            3, env, lambda v=visitors: v.read(["name"])
        )
        for field in ("passkoop_status", "passkoop_status_text"):
            result, queries, elapsed = best_of(
                3, env, lambda v=visitors, f=field: v.mapped(f)
            )
            expected = "can_shop" if field == "passkoop_status" else "Member terms"
            assert result.count(expected) == size, result[:3]
            added[size, field] = queries - base_queries
            ratios[size, field] = elapsed / baseline
            print(
                f"{size:>9} {field[9:]:>12} {queries:>8} {base_queries:>11}"
                f" {elapsed * 1000:>9.1f} {baseline * 1000:>12.1f}"
                f" {elapsed / baseline:>6.1f}"
            )
        print(f"{'':>9} {'(stored in':>12} {stored_ms:.0f} ms)")
    print()
    print("status filter of the visitors' list at 50,000 visitors")
    print("(baseline: a plain search of the same visitors, in the same run)")
    ids = filter_population(env, coop, company)
    stored_ms = store_statuses(env, ids)
    print(f"50,000 statuses stored in {stored_ms:.0f} ms")
    Partner = env["res.partner"]
    plain, base_queries, baseline = best_of(
        3, env, lambda: Partner.search([("passkoop_visitor_type", "!=", False)])
    )
    print(f"plain search: {len(plain)} visitors, {baseline * 1000:.1f} ms")
    print(f"{'filter':>40} {'found':>7} {'queries':>8} {'ms':>8} {'ratio':>6}")
    filter_ratios = []
    for label, domain in FILTERS:
        found, queries, elapsed = best_of(3, env, lambda d=domain: Partner.search(d))
        filter_ratios.append(elapsed / baseline)
        print(
            f"{label:>40} {len(found):>7} {queries:>8} {elapsed * 1000:>8.1f}"
            f" {elapsed / baseline:>6.1f}"
        )
    # A day has passed for 500 of them (their period ended) and the daily job
    # has not run yet: the filter evaluates those again.
    env.cr.execute(
        "UPDATE res_partner SET passkoop_status_until = CURRENT_DATE - 1 "
        "WHERE id = ANY(%s)",
        [ids[:500]],
    )
    label, domain = FILTERS[0]
    found, queries, elapsed = best_of(3, env, lambda d=domain: Partner.search(d))
    filter_ratios.append(elapsed / baseline)
    print(
        f"{label + ', 500 outdated':>40} {len(found):>7} {queries:>8}"
        f" {elapsed * 1000:>8.1f} {elapsed / baseline:>6.1f}"
    )
    print()
    print(
        "check queries constant:",
        len(set(checks.values())) == 1,
        "| at most 4:",
        max(checks.values()) <= 4,
    )
    print(
        "status of 10,000 visitors:",
        f"{ratios[10000, 'passkoop_status']:.1f}x their names (target 5x);",
        "queries added per visitor:",
        round(added[10000, "passkoop_status"] / 10000, 4),
        "(status),",
        round(added[10000, "passkoop_status_text"] / 10000, 4),
        "(details, the rule evaluated)",
    )
    print(
        "status filter at 50,000 visitors:",
        f"at most {max(filter_ratios):.1f}x a plain search (target 3x)",
    )
    env.cr.rollback()


FILTERS = [
    ("can shop", [("passkoop_status", "in", ("can_shop", "last_visit"))]),
    (
        "limit reached or expired",
        [("passkoop_status", "in", ("limit_reached", "expired"))],
    ),
    ("not 'can shop'", [("passkoop_status", "!=", "can_shop")]),
]


def insert_visitors(env, size, visitor_type, coop, registered_days_ago=0):
    env.cr.execute(
        """
        INSERT INTO res_partner (name, active, passkoop_visitor_type,
                                 passkoop_coop_id, company_id, type,
                                 passkoop_registration_date, autopost_bills)
        SELECT 'Bench visitor ' || n, true, %s, %s, %s, 'contact',
               CURRENT_DATE - (n %% (%s + 1)), 'ask'
          FROM generate_series(1, %s) n RETURNING id
        """,
        [
            visitor_type,
            coop.id if visitor_type == "partner" else None,
            env.company.id,
            registered_days_ago,
            size,
        ],
    )
    return [row[0] for row in env.cr.fetchall()]


def filter_population(env, coop, company):
    """50,000 visitors: 40,000 of partner coops, 10,000 on the trial policy (3
    visits in 60 days), registered over 120 days, with 0 to 4 visits each."""
    company.passkoop_trial_policy_id.write(
        {"mode": "limited", "max_visits": 3, "period_days": 60}
    )
    ids = insert_visitors(env, 40000, "partner", coop)
    ids += insert_visitors(env, 10000, "trial", coop, registered_days_ago=120)
    for visits in range(1, 5):
        add_visits(env, ids[visits::5], visits, company, coop)
    return ids


def store_statuses(env, ids):
    """Store the statuses of visitors inserted in SQL (the ORM stores them when
    visits, policies, coops or cards change); its time, in ms."""
    visitors = env["res.partner"].browse(ids)
    env.invalidate_all()
    start = time.perf_counter()
    for name in (
        "passkoop_status_stored",
        "passkoop_status_from",
        "passkoop_status_until",
    ):
        env.add_to_compute(visitors._fields[name], visitors)
    visitors.flush_recordset()
    return (time.perf_counter() - start) * 1000


def best_of(times, env, func):
    """The fastest of ``times`` runs (each from a cold record cache)."""
    runs = [measure(env, func) for _ in range(times)]
    return min(runs, key=lambda run: run[2])


run(env)  # noqa: F821 - `env` is given by odoo-bin shell
