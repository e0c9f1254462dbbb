"""Inside `odoo-bin shell` (see bench_report.py): the analysis against raw SQL.

VISITS visits (set by a line put before this script) inserted in bulk (300 coops,
24 months, 50,000 visitors); the analysis grouped by coop and month through the
ORM (what the pivot view asks) against the same aggregate in plain SQL, best of 5
each, in the same run; the time to build the data apart.
"""

import json
import time

COOPS = 300
VISITORS = 50_000

env = env(user=env.ref("base.user_admin").id)  # noqa: F821 - given by odoo-bin shell
company = env.company
cr = env.cr
building = time.perf_counter()
cr.execute(
    """
    INSERT INTO passkoop_coop (name, code, agreement_state, active, company_id)
    SELECT 'Coop ' || n, 'C' || n, 'active', true, %s FROM generate_series(1, %s) n
    RETURNING id
    """,
    [company.id, COOPS],
)
coop_ids = [row[0] for row in cr.fetchall()]
cr.execute(
    """
    INSERT INTO res_partner (name, active, type, autopost_bills, company_id,
                             passkoop_visitor_type, passkoop_coop_id)
    SELECT 'Visitor ' || n, true, 'contact', 'ask', %s, 'partner',
           (%s::int[])[1 + n %% %s]
      FROM generate_series(1, %s) n RETURNING id
    """,
    [company.id, coop_ids, COOPS, VISITORS],
)
partner_ids = [row[0] for row in cr.fetchall()]
cr.execute(
    """
    INSERT INTO passkoop_visit (partner_id, coop_id, visitor_type, date, amount,
                                currency_id, state, company_id, over_limit)
    SELECT (%(partners)s::int[])[1 + n %% %(visitors)s],
           (%(coops)s::int[])[1 + (n %% %(visitors)s) %% %(ncoops)s],
           'partner', DATE '2025-01-01' + (n %% 730), 5 + n %% 40,
           %(currency)s, CASE WHEN n %% 50 = 0 THEN 'cancelled' ELSE 'done' END,
           %(company)s, false
      FROM generate_series(1, %(count)s) n
    """,
    {
        "partners": partner_ids,
        "visitors": VISITORS,
        "coops": coop_ids,
        "ncoops": COOPS,
        "currency": company.currency_id.id,
        "company": company.id,
        "count": VISITS,  # noqa: F821 - set before this script
    },
)
cr.execute("ANALYZE passkoop_visit")
built = time.perf_counter() - building

RAW = """
    SELECT coop_id, date_trunc('month', date), count(*), count(DISTINCT partner_id),
           sum(amount)
      FROM passkoop_visit
     WHERE state = 'done' AND company_id = %s
  GROUP BY 1, 2
"""


def raw():
    cr.execute(RAW, [company.id])
    return cr.fetchall()


def orm():
    env.invalidate_all()
    return env["passkoop.visit.report"]._read_group(
        [],
        ["coop_id", "date:month"],
        ["visit_count:sum", "partner_id:count_distinct", "amount:sum"],
    )


def best_of(func, runs=5):
    best, result = None, None
    for _i in range(runs):
        start = time.perf_counter()
        result = func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


raw_seconds, raw_rows = best_of(raw)
orm_seconds, orm_rows = best_of(orm)
assert len(raw_rows) == len(orm_rows), (len(raw_rows), len(orm_rows))
assert sum(r[2] for r in raw_rows) == sum(r[2] for r in orm_rows)
print(
    "BENCH "
    + json.dumps(
        {
            "groups": len(raw_rows),
            "visits": sum(r[2] for r in raw_rows),
            "raw": raw_seconds,
            "orm": orm_seconds,
            "build": built,
        }
    )
)
cr.rollback()
