"""A busy Saturday, short (bench/bench_saturday.py is the long one), and its faults:
whatever happens to the connection, the worker or the database, the till's resend
makes exactly one visit per paid order, and the server answers again by itself."""

import getpass
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.saturday import Saturday, Server, Till, audit, coop_database
from setup.odoo_runner import free_port, psql

ORDERS_AT_ONCE = 40  # a till back online sends what it kept, all at once
# On one pytest-xdist worker: they share the coop's database (the fixture below).
pytestmark = pytest.mark.xdist_group("saturday")


@pytest.fixture(scope="module")
def coop():
    with coop_database(tills=8, visitors=20) as (db, setup):
        yield db, setup


@pytest.fixture
def server(coop, tmp_path):
    db, _setup = coop
    with Server(db, tmp_path / "odoo.log") as server:
        yield server


def visitor_orders(till, setup, count):
    visitors = list(setup["visitors"].items())
    return [till.order(*visitors[n % len(visitors)]) for n in range(count)]


def in_the_middle_of_a_sync(server, act):
    """In a thread: ``act(server, client_port, backend_pid)`` once a worker is in
    the middle of a transaction on the server's database."""
    done = []

    def watch():
        deadline = time.monotonic() + 60
        while not done and time.monotonic() < deadline:
            busy = psql(
                "SELECT client_port, pid FROM pg_stat_activity "
                f"WHERE datname = '{server.db}' AND client_port IS NOT NULL "
                "AND state IN ('active', 'idle in transaction')",
            ).stdout.split()
            if busy:
                client_port, backend = map(int, busy[0].split("|"))
                done.append(act(server, client_port, backend))
                return
            time.sleep(0.02)

    watcher = threading.Thread(target=watch)
    watcher.start()
    return watcher, done


# 15 orders a till, each visitor's about 6: past the trial's 3 visits, and two tills
# often on the same visitor at once (bench/bench_saturday.py sells 10,000).
SHORT_SATURDAY = 120


def test_a_short_saturday_loses_and_doubles_no_visit(coop, server):
    db, setup = coop
    day = Saturday(server, setup, drop_rate=0.1)
    seconds = day.run(SHORT_SATURDAY)
    found = audit(db, day.uuids, setup["trial_visits"])
    print(
        f"{SHORT_SATURDAY} orders on 8 tills in {seconds:.1f} s,",
        f"{day.dropped} dropped, replays {server.retries()}",
        found,
    )
    assert day.dropped > 0
    assert (found["lost"], found["doubled"], found["misplaced_flags"]) == (0, 0, 0)
    assert found["visits"] == found["paid_orders"] == SHORT_SATURDAY
    assert day.behind == []


@pytest.mark.parametrize(
    "fault",
    [
        pytest.param(
            lambda server, port, backend: psql(
                f"SELECT pg_terminate_backend({backend})"
            ).stdout.strip()
            == "t",
            id="database-connection-killed",
        ),
        pytest.param(
            lambda server, port, backend: os.kill(
                server.worker_holding(port), signal.SIGKILL
            )
            or True,
            id="worker-killed",
        ),
    ],
)
def test_a_fault_in_the_middle_of_a_sync(coop, server, fault):
    db, setup = coop
    till = Till(server, setup, 0)
    orders = visitor_orders(till, setup, ORDERS_AT_ONCE)
    watcher, struck = in_the_middle_of_a_sync(server, fault)
    till.sync(orders)  # fails, then sent again as the till does
    watcher.join()
    assert struck == [True], "the fault came too late: the sync was over"
    assert till.resent, "the sync was not hurt by the fault"
    found = audit(db, {o["uuid"] for o in orders}, setup["trial_visits"])
    assert (found["visits"], found["lost"], found["doubled"]) == (ORDERS_AT_ONCE, 0, 0)
    # The server answers the next sale without anyone's help.
    other = Till(server, setup, 1)
    assert other.sync(visitor_orders(other, setup, 1))["pos.order"]


@contextmanager
def postgres_of_our_own():
    """A PostgreSQL cluster of this test's own on a free port, to restart at will
    (restarting the machine's would cut every other test's connections). Yields
    its port and how to restart it; it runs as the 'postgres' system user, as
    Debian's does (PostgreSQL refuses root)."""
    [bin_dir] = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1:]
    home = Path(tempfile.mkdtemp(prefix="passkoop-pg-"))
    shutil.chown(home, "postgres")
    data, port = home / "data", free_port()

    def as_postgres(*command):
        result = subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, command)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr

    try:
        as_postgres(
            bin_dir / "initdb", "-D", data, "-U", getpass.getuser(), "-A", "trust"
        )
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
        ctl = [bin_dir / "pg_ctl", "-D", data, "-o", options, "-w", "-l", home / "log"]
        as_postgres(*ctl, "start")
        try:
            yield port, lambda: as_postgres(*ctl, "-m", "fast", "restart")
        finally:
            as_postgres(*ctl, "-m", "immediate", "stop")
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_postgres_restarted_between_two_syncs(coop, tmp_path):
    db, setup = coop
    with postgres_of_our_own() as (port, restart):
        dump = subprocess.run(
            ["pg_dump", "-Fc", "-d", db], check=True, capture_output=True
        ).stdout
        subprocess.run(
            ["pg_restore", "-p", str(port), "--create", "-d", "postgres"],
            input=dump,
            check=True,
            capture_output=True,
            env={**os.environ, "PGHOST": "127.0.0.1"},
        )
        with Server(db, tmp_path / "odoo.log", db_port=port) as server:
            till = Till(server, setup, 2)
            first = visitor_orders(till, setup, 1)
            till.sync(first)
            restart()
            second = visitor_orders(till, setup, 1)
            till.sync(second)  # the first try meets the cut connection; resent
            assert till.sync(visitor_orders(till, setup, 1))["pos.order"]
        uuids = {o["uuid"] for o in first + second}
        found = audit(db, uuids, setup["trial_visits"], port=port)
        assert (found["visits"], found["lost"], found["doubled"]) == (2, 0, 0)
