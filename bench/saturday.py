"""A coop's busy Saturday, simulated: Odoo served with real worker processes on
loopback, tills that send paid orders as Odoo 18's till does (``sync_from_ui``
over JSON-RPC, each till with its own login session), a shop Wi-Fi that drops
connections after the order is sent and before the answer is read (the till then
sends the same order again, as it does), and the checks that no visit was lost,
none counted twice and no over-limit flag misplaced.

Used by bench/bench_saturday.py (10,000 orders) and tests/test_saturday.py (a
short run and the faults). Traffic stays on loopback; what it starts, it stops.
"""

import getpass
import http.client
import json
import os
import random
import re
import signal
import subprocess
import threading
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg2

from setup.odoo_runner import (
    addons_template_db,
    create_db,
    drop_db,
    free_port,
    odoo_command,
    psql,
    run_odoo,
    unique_db,
)

SHELL = (Path(__file__).parent / "saturday_shell.py").read_text()
PROFILE_SHELL = (Path(__file__).parent / "saturday_profile_shell.py").read_text()
# Odoo's own lines when PostgreSQL refused a query (odoo/sql_db.py) and when that
# made it replay the transaction (odoo/service/model.py), by process.
BAD_QUERY = re.compile(r"^\S+ \S+ (\d+) ERROR .* bad query: b?.(\w+ [^']{0,80})", re.M)
RETRY = re.compile(
    r"^\S+ \S+ (\d+) INFO .* (\w+), \d+ tries left, try again in ([\d.]+) sec",
    re.M,
)
# What the refused query was after: the French certification's number (a no-gap
# sequence, l10n_fr_pos_cert) or a visitor's row (res.partner._passkoop_lock()).
RETRY_CAUSES = {"ir_sequence": "certification's number", "res_partner": "visitor's row"}


@contextmanager
def coop_database(tills=8, visitors=200, trial_visits=3):
    """A database with both addons and a coop ready for its Saturday: (db, setup)."""
    db = unique_db("passkoop_saturday")
    create_db(db, template=addons_template_db())
    try:
        numbers = (
            f"TILLS, VISITORS, TRIAL_VISITS = {tills}, {visitors}, {trial_visits}\n"
        )
        rc, lines = run_odoo(
            db, "--no-http", command="shell", stdin=f"{numbers}\n{SHELL}", log_name=db
        )
        found = [line for line in lines if line.startswith("SATURDAY ")]
        if rc or not found:
            raise RuntimeError("\n".join(lines[-40:]))
        setup = json.loads(found[-1][len("SATURDAY ") :])
        setup["visitors"] = {int(k): v for k, v in setup["visitors"].items()}
        yield db, setup
    finally:
        drop_db(db)


def profile(db, setup, orders=33):
    """Where one sync's time goes, measured in a shell on ``db``
    (bench/saturday_profile_shell.py, rolled back) for a plain order, an order
    with a customer who is no visitor (what core adds for a customer) and a
    visitor's order: per kind, ms, queries, the code that sent them and our
    functions' time."""
    till = Till(None, setup, 0, login=False)  # its orders, no server
    pick = random.Random(7)
    visitors = list(setup["visitors"].items())
    kinds = {
        "plain": [till.order(False, False) for _n in range(orders)],
        "member": [till.order(setup["member_id"], False) for _n in range(orders)],
        "visitor": [till.order(*pick.choice(visitors)) for _n in range(orders)],
    }
    given = (
        f"import json\nORDERS = json.loads({json.dumps(kinds)!r})\n"
        f"CONFIG_ID = {till.spec['config_id']}\n"
    )
    rc, lines = run_odoo(
        db,
        "--no-http",
        command="shell",
        stdin=given + PROFILE_SHELL,
        log_name=f"{db}-profile",
    )
    found = [line for line in lines if line.startswith("PROFILE ")]
    if rc or not found:
        raise RuntimeError("\n".join(lines[-40:]))
    return json.loads(found[-1][len("PROFILE ") :])


class Server:
    """Odoo as in production: --workers (processes), on loopback, its log kept."""

    def __init__(self, db, log, workers=2, db_port=None):
        self.db, self.log = db, log
        self.port = free_port()
        self.command = [
            *odoo_command(db, f"--db-filter=^{db}$", f"--logfile={log}"),
            *([f"--db_port={db_port}"] if db_port else []),
            f"--workers={workers}",
            f"--gevent-port={free_port()}",
            "--limit-time-real=600",
            "--limit-time-cpu=600",
            f"--http-port={self.port}",
        ]
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, 5)
                connection.request("GET", "/web/health")
                if connection.getresponse().status == 200:
                    return self
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Odoo did not start: see {self.log}")
            time.sleep(0.3)

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGINT)  # a graceful stop, workers included
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def worker_holding(self, client_port):
        """The pid of this server's process whose PostgreSQL connection comes from
        ``client_port`` (pg_stat_activity's), found in /proc."""
        inodes = set()
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            for line in Path(table).read_text().splitlines()[1:]:
                columns = line.split()
                if int(columns[1].rsplit(":", 1)[1], 16) == client_port:
                    inodes.add(f"socket:[{columns[9]}]")
        for fd in Path("/proc").glob("[0-9]*/fd/*"):
            try:
                if os.readlink(fd) in inodes:
                    pid = int(fd.parts[2])
                    if pid != self.process.pid:  # the master: not a worker
                        return pid
            except OSError:
                continue  # a process or a file gone meanwhile
        return None

    def retries(self, since=0):
        """PostgreSQL's replays Odoo logged after byte ``since`` of its log:
        {cause: [count, seconds waited]}, the cause being what the query
        refused before each replay was after (RETRY_CAUSES), else its error."""
        with open(self.log, "rb") as log:
            log.seek(since)
            text = log.read().decode(errors="replace")
        refused, found = {}, {}
        events = [(m.start(), "bad", m.groups()) for m in BAD_QUERY.finditer(text)]
        events += [(m.start(), "retry", m.groups()) for m in RETRY.finditer(text)]
        for _at, kind, groups in sorted(events):
            if kind == "bad":
                refused[groups[0]] = groups[1]
                continue
            pid, code, wait = groups
            query = refused.pop(pid, "")
            cause = next((c for t, c in RETRY_CAUSES.items() if t in query), code)
            counted = found.setdefault(cause, [0, 0.0])
            counted[0] += 1
            counted[1] += float(wait)
        return found

    def log_size(self):
        return Path(self.log).stat().st_size


class LockWaits:
    """How long the database's sessions waited on a lock (a visitor's row held
    by the other worker's sync, or any other), sampled from pg_stat_activity
    every ``interval`` seconds by a thread with a connection of its own:
    ``seconds`` is the sessions found waiting times the interval."""

    def __init__(self, db, interval=0.05):
        self.db, self.interval = db, interval
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch)

    def _watch(self):
        connection = psycopg2.connect(
            dbname=self.db,
            host=os.environ.get("PGHOST", "127.0.0.1"),
            port=os.environ.get("PGPORT", "5432"),
            user=os.environ.get("PGUSER") or getpass.getuser(),
        )
        connection.autocommit = True  # each sample its own snapshot
        with connection, connection.cursor() as cursor:
            while not self._stop.wait(self.interval):
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = %s AND wait_event_type = 'Lock'",
                    [self.db],
                )
                self.samples += cursor.fetchone()[0]
        connection.close()

    @property
    def seconds(self):
        return self.samples * self.interval

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


class Till:
    """One till: its own login session, its orders sent one at a time."""

    def __init__(self, server, setup, number, login=True):
        self.server, self.setup = server, setup
        self.spec = setup["tills"][number]
        self.cookie = None
        self.sequence = 0
        self.resent = 0  # syncs sent again after an error or no answer
        if login:
            self.login()

    def _post(self, path, params, read=True, timeout=120):
        body = json.dumps({"jsonrpc": "2.0", "method": "call", "params": params})
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout)
        headers = {"Content-Type": "application/json"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        connection.request("POST", path, body, headers)
        if not read:
            # The Wi-Fi drops: the order is sent, the answer never read.
            connection.sock.close()
            return None
        response = connection.getresponse()
        cookie = response.getheader("Set-Cookie")
        if cookie and not self.cookie:
            self.cookie = cookie.split(";")[0]
        answer = json.loads(response.read())
        connection.close()
        if "error" in answer:
            raise RuntimeError(answer["error"]["data"]["message"])
        return answer["result"]

    def login(self):
        self._post(
            "/web/session/authenticate",
            {"db": self.server.db, "login": "admin", "password": "admin"},
        )

    def order(self, partner_id, visitor_type):
        """A paid order of 2 bags of lentils, as the till sends it."""
        self.sequence += 1
        order_uuid = str(uuid.uuid4())
        data = {
            "amount_paid": 8.0,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": 8.0,
            "date_order": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
            "fiscal_position_id": False,
            "pricelist_id": self.spec["pricelist_id"],
            "name": f"Order {order_uuid}",
            "last_order_preparation_change": "{}",
            "lines": [
                [
                    0,
                    0,
                    {
                        "product_id": self.setup["product_id"],
                        "qty": 2,
                        "price_unit": 4.0,
                        "price_subtotal": 8.0,
                        "price_subtotal_incl": 8.0,
                        "tax_ids": [[6, 0, []]],
                        "pack_lot_ids": [],
                    },
                ]
            ],
            "partner_id": partner_id,
            "session_id": self.spec["session_id"],
            "sequence_number": self.sequence,
            "payment_ids": [
                [
                    0,
                    0,
                    {
                        "amount": 8.0,
                        "name": "now",
                        "payment_method_id": self.spec["cash_id"],
                    },
                ]
            ],
            "uuid": order_uuid,
            "user_id": self.setup["user_id"],
            "to_invoice": False,
            "state": "paid",  # as the till shows it once paid (payment_screen.js)
        }
        if visitor_type:
            data["passkoop_visitor_type"] = visitor_type
            data["passkoop_coop_id"] = self.setup["coop_id"]
            data["passkoop_override"] = visitor_type == "trial"
        return data

    def sync(self, orders, drop=False):
        """Send orders as the till does; a dropped connection is sent again."""
        params = {
            "model": "pos.order",
            "method": "sync_from_ui",
            "args": [orders],
            "kwargs": {"context": {"config_id": self.spec["config_id"]}},
        }
        path = "/web/dataset/call_kw/pos.order/sync_from_ui"
        if drop:
            self._post(path, params, read=False)
        for attempt in range(20):
            try:
                return self._post(path, params)
            except (OSError, http.client.HTTPException, RuntimeError, ValueError):
                # Server busy replaying, a worker gone, the database away: the till
                # keeps the order and tries again at its next sync.
                if attempt == 19:
                    raise
                self.resent += 1
                time.sleep(0.2 * (attempt + 1))
        return None


class Saturday:
    """Tills selling at once; what they were told and how long they waited."""

    def __init__(self, server, setup, tills=8, drop_rate=0.05, seed=6):
        self.server, self.setup = server, setup
        self.tills = [Till(server, setup, n) for n in range(tills)]
        self.drop_rate = drop_rate
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.latencies = []
        self.uuids = set()
        self.dropped = 0
        self.acknowledged = dict.fromkeys(setup["visitors"], 0)
        self.behind = []  # answers that said fewer visits than already acknowledged

    def run(self, orders, visitors=True):
        """Send ``orders`` paid orders over all the tills; return the seconds."""
        per_till = [orders // len(self.tills)] * len(self.tills)
        for n in range(orders % len(self.tills)):
            per_till[n] += 1
        plan = [
            [
                (
                    self.random.choice(list(self.setup["visitors"]))
                    if visitors
                    else False,
                    self.random.random() < self.drop_rate,
                )
                for _i in range(count)
            ]
            for count in per_till
        ]
        threads = [
            threading.Thread(target=self._sell, args=(till, sales, visitors))
            for till, sales in zip(self.tills, plan, strict=True)
        ]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - start

    def _sell(self, till, sales, visitors):
        for partner_id, drop in sales:
            visitor_type = self.setup["visitors"][partner_id] if visitors else False
            order = till.order(partner_id, visitor_type)
            with self.lock:
                known = self.acknowledged.get(partner_id, 0)
                self.uuids.add(order["uuid"])
                self.dropped += drop
            start = time.perf_counter()
            answer = till.sync([order], drop=drop)
            elapsed = time.perf_counter() - start
            with self.lock:
                self.latencies.append(elapsed)
                if visitors:
                    self.acknowledged[partner_id] += 1
                    told = {p["id"]: p for p in answer.get("res.partner", [])}
                    count = told.get(partner_id, {}).get("passkoop_visit_count")
                    if count is None or count < known + 1:
                        self.behind.append((partner_id, known + 1, count))

    def percentiles(self):
        ordered = sorted(self.latencies)

        def at(share):
            return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

        return {"p50_ms": at(0.50), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def audit(db, uuids, trial_visits, port=None):
    """What the database says of the orders sent: lost, doubled, misplaced flags
    (``port``: of another PostgreSQL than the usual one, on this machine)."""

    def count(query):
        return int(psql(f"SELECT count(*) FROM {query}", db=db, port=port).stdout)

    listed = ",".join(f"'{u}'" for u in uuids)
    orders, visits, doubled = (
        count(table)
        for table in (
            f"pos_order WHERE uuid IN ({listed}) AND state = 'paid'",
            "passkoop_visit v JOIN pos_order o ON o.id = v.pos_order_id "
            f"WHERE o.uuid IN ({listed})",
            "(SELECT pos_order_id FROM passkoop_visit WHERE pos_order_id IS NOT NULL "
            "GROUP BY pos_order_id HAVING count(*) > 1) d",
        )
    )
    # Each trial visitor's visits in the order they were recorded (the row lock
    # orders them): flagged past the limit, and only there.
    misplaced = count(
        f"""
            (
                SELECT v.over_limit,
                       row_number() OVER (PARTITION BY v.partner_id ORDER BY v.id) AS n
                  FROM passkoop_visit v
                 WHERE v.visitor_type = 'trial' AND v.state = 'done'
            ) ranked
             WHERE over_limit <> (n > {int(trial_visits)})
        """
    )
    return {
        "sent": len(uuids),
        "paid_orders": orders,
        "visits": visits,
        "lost": len(uuids) - visits,
        "doubled": doubled,
        "misplaced_flags": misplaced,
    }
