"""Inside `odoo-bin shell` (see bench_pos.py): what a till costs to open and to sync.

Prints one JSON line. Works with or without passkoop_pos installed, on the same data.
"""

import json
import time
import uuid

CONTACTS = 20000
PRODUCTS = 3000  # a food coop's shelves
VISITOR_STEPS = (500, 1000, 2000, 3000, 4000, 5000)
ORDERS = 1000
BATCH = 100  # orders a till sends at once

env = env(user=env.ref("base.user_admin").id)  # noqa: F821 - given by odoo-bin shell
with_passkoop_pos = "passkoop_visitor_months" in env["pos.config"]._fields
company = env.company
coop = env["passkoop.coop"].create(
    {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
)
env.cr.execute(
    """
    INSERT INTO res_partner (name, active, type, autopost_bills, company_id,
                             passkoop_registration_date)
    SELECT 'Contact ' || n, true, 'contact', 'ask', NULL, CURRENT_DATE
      FROM generate_series(1, %s) n RETURNING id
    """,
    [CONTACTS],
)
contact_ids = [row[0] for row in env.cr.fetchall()]


def make_visitors(count):
    env.cr.execute(
        """
        UPDATE res_partner SET passkoop_visitor_type = 'partner',
               passkoop_coop_id = %s, company_id = %s
         WHERE id = ANY(%s)
        """,
        [coop.id, company.id, contact_ids[:count]],
    )
    env.invalidate_all()


env["product.product"].create(
    [
        {"name": f"Product {n}", "available_in_pos": True, "list_price": 1.0 + n % 50}
        for n in range(PRODUCTS)
    ]
)
config = env["pos.config"].create({"name": "Bench till"})
session = env["pos.session"].create({"config_id": config.id, "user_id": env.uid})
session.set_opening_control(0, "")


def time_call(func, repeat=3):
    """Best of `repeat` runs: (seconds, queries)."""
    best = None
    for _i in range(repeat):
        env.invalidate_all()
        env.cr.flush()
        queries = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        elapsed = time.perf_counter() - start
        queries = env.cr.sql_log_count - queries
        best = min(best or (elapsed, queries), (elapsed, queries))
    return best


opening = {}
session.load_data([])  # warm-up: views, assets, caches
for visitors in VISITOR_STEPS:
    make_visitors(visitors)
    seconds, queries = time_call(lambda: session.load_data([]))
    opening[visitors] = {"seconds": seconds, "queries": queries}

product = env["product.product"].create(
    {
        "name": "Organic Lentils",
        "available_in_pos": True,
        "list_price": 4.0,
        "taxes_id": False,
    }
)
cash = config.payment_method_ids.filtered("is_cash_count")[:1]


def order_data(partner_id, visitor):
    data = {
        "amount_paid": 8.0,
        "amount_return": 0,
        "amount_tax": 0,
        "amount_total": 8.0,
        "date_order": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
        "fiscal_position_id": False,
        "pricelist_id": config.pricelist_id.id,
        "name": f"Order {uuid.uuid4()}",
        "last_order_preparation_change": "{}",
        "lines": [
            (
                0,
                0,
                {
                    "product_id": product.id,
                    "qty": 2,
                    "price_unit": 4.0,
                    "price_subtotal": 8.0,
                    "price_subtotal_incl": 8.0,
                    "tax_ids": [(6, 0, [])],
                    "pack_lot_ids": [],
                },
            )
        ],
        "partner_id": partner_id,
        "session_id": session.id,
        "sequence_number": 1,
        "payment_ids": [
            (0, 0, {"amount": 8.0, "name": "now", "payment_method_id": cash.id})
        ],
        "uuid": str(uuid.uuid4()),
        "user_id": env.uid,
        "to_invoice": False,
    }
    if visitor:
        data.update(passkoop_visitor_type="partner", passkoop_coop_id=coop.id)
    return data


def sync(visitor):
    partners = contact_ids[:ORDERS] if visitor else contact_ids[-ORDERS:]
    orders = [order_data(partner_id, visitor) for partner_id in partners]
    start = time.perf_counter()
    for first in range(0, ORDERS, BATCH):
        env["pos.order"].sync_from_ui(orders[first : first + BATCH])
    return time.perf_counter() - start


syncing = {"plain": sync(visitor=False)}
if with_passkoop_pos:
    syncing["visitor"] = sync(visitor=True)
    visits = env["passkoop.visit"].search_count([("pos_order_id", "!=", False)])
    assert visits == ORDERS, visits
print(
    "BENCH "
    + json.dumps(
        {"with_passkoop_pos": with_passkoop_pos, "opening": opening, "syncing": syncing}
    )
)
env.cr.rollback()
