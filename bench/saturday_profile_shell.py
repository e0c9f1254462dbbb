"""Inside `odoo-bin shell` (see bench/saturday.py, profile()): where a sync's time
goes, by kind of order, in the Saturday's own database.

ORDERS ({kind: [order, ...]}, each order as the till sends it) and CONFIG_ID are
set by a line put before this script. Each order is synced as a worker syncs it
(call_kw with the till's context, a fresh cursor and cache), then rolled back:
the database stays as the Saturday left it. The kinds take turns, order by
order, so that they meet the same neighbours on a shared machine. Three passes,
so that the measuring of one does not weigh on the others: the time of each
sync, then its queries and the code that sent them, then cProfile (counting
the worker's CPU time: waiting for PostgreSQL is not in it). Prints one JSON
line, PROFILE {...}.

Held: what the sync does after it took the company's number in the French
certification's chain (l10n_fr_pos_cert: a no-gap sequence, its row locked
until the transaction ends), the part of a sync that the company's tills do one
at a time; the till that finds the row locked replays its whole sync.
"""

import cProfile
import json
import pstats
import sys
import threading
import time
from collections import Counter, defaultdict

from odoo import api
from odoo.modules.module import get_resource_from_path

registry = env.registry  # noqa: F821 (given by odoo-bin shell)
admin_id = env.ref("base.user_admin").id  # noqa: F821
numbering = env.company.l10n_fr_pos_cert_sequence_id.id  # noqa: F821
env.cr.rollback()  # noqa: F821  (the shell's own transaction: nothing to keep)
WARM = 3  # syncs of each kind first, as a worker that served a few orders
OUR_ADDONS = ("passkoop_membership", "passkoop_pos")
# Our overrides of core's methods: their time is mostly core's, not listed.
OVERRIDES = ("_process_order", "action_pos_order_paid", "write", "read_pos_data")
# Frames that are the ORM or the request's plumbing, not code that decides.
PLUMBING = ("odoo/models.py", "odoo/fields.py", "odoo/api.py", "odoo/sql_db.py")


def where_from():
    """The code that sent a query: the innermost frame of an addon that is not
    the ORM, as "module: file function"."""
    frame = sys._getframe(2)
    while frame:
        path = frame.f_code.co_filename
        if not path.endswith(PLUMBING):
            resource = get_resource_from_path(path)
            if resource:
                return f"{resource[0]}: {resource[1]} {frame.f_code.co_name}"
        frame = frame.f_back
    return "odoo"


class Sync:
    """One sync's figures: its ms, the worker's CPU ms, and from the moment it
    took the certification's number, its queries and ms (``held``)."""

    def __init__(self, order, origins=None):
        self.order, self.origins = order, origins
        self.queries = self.held_queries = 0
        self.sql_ms = 0.0
        self.numbered_at = None

    def hook(self, cr, query, params, start, delay):
        self.queries += 1
        self.sql_ms += delay * 1000
        if self.numbered_at is not None:
            self.held_queries += 1
        elif "FOR UPDATE NOWAIT" in str(query) and params and params[0] == numbering:
            self.numbered_at = start
        if self.origins is not None:
            self.origins[where_from()] += 1

    def run(self, profiler=None):
        with registry.cursor() as cr:
            env = api.Environment(cr, admin_id, {})
            thread = threading.current_thread()
            thread.query_hooks = [self.hook]
            start, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            api.call_kw(
                env["pos.order"],
                "sync_from_ui",
                [[self.order]],
                {"context": {"config_id": CONFIG_ID}},  # noqa: F821
            )
            env.flush_all()
            if profiler:
                profiler.disable()
            end, now = time.perf_counter(), time.time()  # the hook's clock: time()
            self.ms = (end - start) * 1000
            self.cpu_ms = (time.process_time() - cpu) * 1000
            self.held_ms = (now - (self.numbered_at or now)) * 1000
            thread.query_hooks = []
            cr.rollback()
        return self


def median(values):
    values = sorted(values)
    return values[len(values) // 2]


kinds = list(ORDERS)  # noqa: F821
count = len(ORDERS[kinds[0]])  # noqa: F821
for n in range(WARM):
    for kind in kinds:
        Sync(ORDERS[kind][n]).run()  # noqa: F821
measured = range(WARM, count)
timed, origins = defaultdict(list), {kind: Counter() for kind in kinds}
profilers = {kind: cProfile.Profile(time.process_time) for kind in kinds}
for n in measured:
    for kind in kinds:
        timed[kind].append(Sync(ORDERS[kind][n]).run())  # noqa: F821
for n in measured:
    for kind in kinds:
        Sync(ORDERS[kind][n], origins[kind]).run()  # noqa: F821
for n in measured:
    for kind in kinds:
        Sync(ORDERS[kind][n]).run(profilers[kind])  # noqa: F821
found = {}
for kind in kinds:
    syncs = timed[kind]
    functions = {}
    stats = pstats.Stats(profilers[kind]).stats
    for (path, _line, name), (_calls, calls, _own, cumulative, _) in stats.items():
        resource = get_resource_from_path(path)
        if resource and resource[0] in OUR_ADDONS and name not in OVERRIDES:
            label = f"{resource[0]}: {resource[1]} {name}"
            functions[label] = [calls / len(syncs), cumulative * 1000 / len(syncs)]
    found[kind] = {
        "syncs": len(syncs),
        "ms": median(s.ms for s in syncs),
        "cpu_ms": median(s.cpu_ms for s in syncs),
        "sql_ms": median(s.sql_ms for s in syncs),
        "queries": median(s.queries for s in syncs),
        "held_ms": median(s.held_ms for s in syncs),
        "held_queries": median(s.held_queries for s in syncs),
        "by_origin": {k: v / len(syncs) for k, v in origins[kind].items()},
        "functions": functions,
    }
print("PROFILE " + json.dumps(found))
