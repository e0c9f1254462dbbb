"""Run Odoo 18 from ODOO_PATH: the one addons path and database settings, and
throwaway databases copied from a template (for the tests and the benchmarks)."""

import datetime
import functools
import getpass
import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import uuid
from collections import defaultdict
from contextlib import contextmanager, suppress
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
ODOO_PATH = Path(os.environ.get("ODOO_PATH", "/opt/odoo"))
ADDONS = ("passkoop_membership", "passkoop_pos")
# What the addons stand on; initialised once per run in a template database.
BASE_MODULES = ("point_of_sale", "membership")
LOG_DIR = PROJECT / "var" / "log"
# Addons templates kept side by side (per checkout's version of the addons, one
# with both addons, one with pos_loyalty as well), the last used.
KEPT_ADDONS_TEMPLATES = 16
# The demo's templates (demo_db), one a day per version of the addons.
DEMO_TEMPLATES = "passkoop_demo_template_"
KEPT_DEMO_TEMPLATES = 4
INSTALLED = "passkoop_installed_"  # installed_db()
# Odoo's data directory for the test databases: their filestores follow their copies.
DATA_DIR = (
    Path(os.environ.get("PASSKOOP_HOME", Path.home() / ".cache" / "passkoop"))
    / "odoo-data"
)
FILESTORE = DATA_DIR / "filestore"
# An Odoo log record: "2026-11-28 13:41:37,848 7482 WARNING db logger: message".
LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) ")


# CPU seconds (user + system) of the processes waited for by wait_counted, by
# thread: setup/run_tests.py prints them per step, wall time being unreliable on
# a shared machine. A process's figure includes the children it waited for, not
# Chromium's renderers: they outlive the browser's process and init reaps them.
CPU_SECONDS = defaultdict(float)


def wait_counted(proc):
    """Wait for ``proc`` (a Popen) as Popen.wait does, counting its CPU time."""
    _pid, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    CPU_SECONDS[threading.get_ident()] += usage.ru_utime + usage.ru_stime
    return proc.returncode


def run_counted(command, **popen):
    """subprocess.run's returncode, the CPU time counted (no output captured)."""
    with subprocess.Popen(command, **popen) as proc:
        return wait_counted(proc)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def psql(sql, check=True, db="postgres", port=None):
    where = ["-h", os.environ.get("PGHOST", "127.0.0.1"), "-d", db]
    where += ["-p", str(port or os.environ.get("PGPORT", "5432"))]
    return subprocess.run(
        ["psql", *where, "-v", "ON_ERROR_STOP=1", "-qtA", "-f", "-"],
        input=sql,  # not an argument: 10,000 order references make a long query
        check=check,
        capture_output=True,
        text=True,
    )


def db_exists(name):
    out = psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'").stdout
    return out.strip() == "1"


def create_db(name, template=None):
    tpl = f' TEMPLATE "{template}"' if template else ""
    psql(f'CREATE DATABASE "{name}"{tpl}')
    if template and (FILESTORE / template).exists():
        # Hard links, not copies (93 MB a copy of the addons template): Odoo
        # never writes into a filestore's file, it adds new ones and unlinks.
        shutil.copytree(FILESTORE / template, FILESTORE / name, copy_function=os.link)
        _used(template)


def drop_db(name):
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    shutil.rmtree(FILESTORE / name, ignore_errors=True)
    build_log(name).unlink(missing_ok=True)


def rename_db(old, new):
    psql(f'ALTER DATABASE "{old}" RENAME TO "{new}"')
    if (FILESTORE / old).exists():
        (FILESTORE / old).rename(FILESTORE / new)


def _used(template):
    """Marks ``template`` used now (its filestore's time), for _drop_stale."""
    with suppress(OSError):
        os.utime(FILESTORE / template)


def _last_used(template):
    try:
        return (FILESTORE / template).stat().st_mtime
    except OSError:
        return 0


def build_log(template):
    """Odoo's log of building ``template`` (_built_once), kept beside it."""
    return DATA_DIR / "build-logs" / f"{template}.log"


def unique_db(prefix):
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def odoo_options():
    """Where Odoo finds the addons, keeps its files and reaches PostgreSQL.

    The role is named after the user (Odoo refuses "postgres"); lib.sh creates it.
    """
    addons = [ODOO_PATH / "addons", ODOO_PATH / "odoo" / "addons", PROJECT]
    return [
        f"--addons-path={','.join(map(str, addons))}",
        f"--data-dir={DATA_DIR}",
        f"--db_host={os.environ.get('PGHOST', '127.0.0.1')}",
        f"--db_port={os.environ.get('PGPORT', '5432')}",
        f"--db_user={os.environ.get('PGUSER') or getpass.getuser()}",
    ]


def odoo_command(db, *args, command="server"):
    """odoo-bin's ``command``; its server through setup/serve.py (every manifest
    read before serving)."""
    program = (
        [str(PROJECT / "setup" / "serve.py")]
        if command == "server"
        else [str(ODOO_PATH / "odoo-bin"), command]
    )
    return [
        sys.executable,
        *program,
        *odoo_options(),
        *(
            # loopback only: the servers the tests and benches start
            [
                f"--http-port={free_port()}",
                "--http-interface=127.0.0.1",
                "--gevent-port=0",
            ]
            if command == "server"
            else []
        ),
        "--max-cron-threads=0",
        "-d",
        db,
        *args,
    ]


def run_odoo(db, *args, log_name=None, echo=False, stdin=None, command="server"):
    """Run odoo-bin; return (returncode, log lines), the log kept in var/log/.

    ``echo``: True prints every line as it comes, a regular expression those
    it finds something in.
    """
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    log_path = LOG_DIR / f"{log_name or db}.log"
    lines = []
    with (
        open(log_path, "w") as log,
        subprocess.Popen(
            odoo_command(db, *args, command=command),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as proc,
    ):
        if stdin is not None:
            proc.stdin.write(stdin)
            proc.stdin.close()
        for line in proc.stdout:
            log.write(line)
            lines.append(line.rstrip("\n"))
            if echo is True or (echo and echo.search(line)):
                sys.stdout.write(line)
                sys.stdout.flush()
        wait_counted(proc)
    return proc.returncode, lines


def log_records(lines, levels=("WARNING", "ERROR", "CRITICAL")):
    """The log records of the given levels, each with its continuation lines."""
    records, current = [], None
    for line in lines:
        match = LOG_RECORD.match(line)
        if match:
            current = [line] if match.group(1) in levels else None
            if current is not None:
                records.append(current)
        elif current is not None:
            current.append(line)
    return ["\n".join(record) for record in records]


def new_french_db(name, *flags):
    """A database made as Odoo's database manager makes it for a coop in France
    (setup/new_database.py; ``flags``: its own, e.g. --tests)."""
    command = [sys.executable, "-m", "setup.new_database", name, *flags]
    if run_counted([*command, *odoo_options()], cwd=PROJECT):
        raise RuntimeError(f"creating the database {name} failed")


def new_demo_db(name, echo=None):
    """The demo database as setup/start makes it: a copy of demo_db()."""
    create_db(name, template=demo_db(echo))


# Generates the asset bundles as Odoo does before its browser tests: done once in
# a template, it spares every Odoo test process copied from it about 45 CPU-s
# (it finds the bundles there, named after their files' paths and times).
PREGENERATE_ASSETS = """
env["ir.qweb"]._pregenerate_assets_bundles()
env.cr.commit()
"""


def _built_once(name, *recipes, template=None, demo=False, echo=None, assets=True):
    """Database ``name``, made by running Odoo with each of ``recipes`` in turn
    on a copy of ``template`` (else on a new database for a coop in France,
    with demo data only if ``demo``) unless it exists, its asset bundles then
    generated unless not ``assets``; Odoo's log of it kept in build_log(name).
    Whoever finishes first wins a race."""
    if db_exists(name):
        _used(name)
        return name
    building = unique_db("passkoop_build")
    if template:
        create_db(building, template=template)
    else:
        new_french_db(building, *([] if demo else ["--tests"]))
    without_demo = [] if demo else ["--without-demo=all"]
    log = []
    for recipe in recipes:
        rc, lines = run_odoo(
            building,
            *recipe,
            *without_demo,
            "--stop-after-init",
            log_name=name,
            echo=echo,
        )
        log += lines
        if rc:
            drop_db(building)
            raise RuntimeError(f"building {name} failed:\n" + "\n".join(lines[-40:]))
    if assets:
        rc, lines = run_odoo(
            building,
            "--no-http",
            command="shell",
            stdin=PREGENERATE_ASSETS,
            log_name=f"{name}-assets",
        )
        if rc:
            drop_db(building)
            raise RuntimeError(f"assets of {name} failed:\n" + "\n".join(lines[-40:]))
    build_log(name).parent.mkdir(parents=True, exist_ok=True)
    build_log(name).write_text("\n".join(log) + "\n")
    if db_exists(name):
        drop_db(building)
    else:
        rename_db(building, name)
    return name


def _drop_stale(prefix, keep):
    """The templates named ``prefix``... but the ``keep`` last used (or made)
    dropped; never one being copied (no FORCE: it is left for next time), for
    other checkouts (worktrees, a clean clone) may be running their tests at the
    same time: a run's own template dropped under it by another's would fail it."""
    names = psql(
        f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'"
    ).stdout.split()
    for old in sorted(names, key=_last_used, reverse=True)[keep:]:
        if psql(f'DROP DATABASE IF EXISTS "{old}"', check=False).returncode == 0:
            shutil.rmtree(FILESTORE / old, ignore_errors=True)
            build_log(old).unlink(missing_ok=True)


@functools.cache
def odoo_key():
    """What the template databases depend on: Odoo's tree (each file's path, size
    and time of change, not the bytecode Python writes as Odoo runs: about a
    second for its 40,000 files) and the data directory. Another tree at the same
    release.py never reuses them."""
    digest = hashlib.sha1(str(DATA_DIR).encode())
    for root, dirs, files in os.walk(ODOO_PATH):
        dirs[:] = sorted(name for name in dirs if name != "__pycache__")
        for name in sorted(files):
            stat = os.lstat(os.path.join(root, name))
            line = f"{root}/{name} {stat.st_size} {stat.st_mtime_ns}\n"
            digest.update(line.encode())
    return digest.hexdigest()


def _key(recipe):
    return hashlib.sha1((odoo_key() + recipe).encode()).hexdigest()[:10]


def template_db():
    """Odoo's base modules in a database as a coop in France has it (French
    company, euros, French chart of accounts; the point of sale brings the French
    certification, l10n_fr_pos_cert, as Odoo installs it), made once, reused
    while Odoo is unchanged."""
    # Accounting first, as a coop installs it: the French chart is in place
    # before the point of sale (which then brings l10n_fr_pos_cert).
    recipe = f"FR account then {','.join(BASE_MODULES)}, assets"
    return _built_once(
        f"passkoop_template_{_key(recipe)}",
        ("-i", "account"),
        ("-i", ",".join(BASE_MODULES)),
    )


def demo_stages_db():
    """demo_db()'s stages before the addons, made once per Odoo tree: a new
    database for a coop in France with demo data, then accounting."""
    return _built_once(
        f"passkoop_demo_stages_{_key('FR demo, account')}",
        ("-i", "account"),
        demo=True,
        assets=False,  # demo_db() makes its own: the addons change every bundle
    )


def demo_db(echo=None):
    """The demo database setup/start copies, and tests/test_demo.py: a coop in
    France with its demo data, accounting first as a coop installs it (its
    French chart is in place before the point of sale's demo), then both addons;
    its asset bundles generated. Made once a day per version of the addons and
    of Odoo: its demo is dated from the day it is made. ``echo``: what of
    Odoo's log to show while installing the addons, if it is made."""
    stages = demo_stages_db()
    today = datetime.datetime.now(datetime.UTC).date()  # Odoo's, in UTC
    name = f"{DEMO_TEMPLATES}{addons_digest(f'{stages} {today}')[:10]}"
    if not db_exists(name):
        _drop_stale(DEMO_TEMPLATES, KEPT_DEMO_TEMPLATES - 1)
    return _built_once(
        name, ("-i", ",".join(ADDONS)), template=stages, demo=True, echo=echo
    )


def installed_db():
    """Both addons installed by one ``-i`` (without demo data) into a new
    database as Odoo's database manager makes one: what tests/test_install.py
    reads, made once per version of the addons and of Odoo (an install of the
    same files by the same Odoo logs the same), its log in build_log()."""
    name = f"{INSTALLED}{addons_digest(odoo_key())[:10]}"
    if not db_exists(name):
        _drop_stale(INSTALLED, 1)
    return _built_once(name, ("-i", ",".join(ADDONS)), assets=False)


def _time_from_content(path, content):
    """Odoo names an asset bundle after its files' paths and times of change
    (odoo/addons/base/models/assetsbundle.py): a fresh clone's new times would
    make every test process regenerate the bundles an addons template built
    from another checkout holds. A time derived from the content keeps an
    unchanged bundle's name and changes a changed one's."""
    seconds = 1_000_000_000 + int(hashlib.sha1(content).hexdigest()[:7], 16)
    if path.stat().st_mtime != seconds:
        os.utime(path, (seconds, seconds))


def addons_digest(what_else):
    """A name's hexadecimal digest for ``what_else`` (a text) and the addons as
    they are: their files' paths and contents but their Python tests' (their
    static files' times then derived from their contents, _time_from_content)."""
    digest = hashlib.sha1(what_else.encode())
    for addon in ADDONS:
        for path in sorted((PROJECT / addon).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                if path.suffix == ".py" and path.parent.name == "tests":
                    continue  # the Python tests leave nothing in a database
                content = path.read_bytes()
                digest.update(str(path.relative_to(PROJECT)).encode())
                digest.update(content)
                if "static" in path.relative_to(PROJECT).parts:
                    _time_from_content(path, content)
    return digest.hexdigest()


def addons_template_db(*modules):
    """The template with both addons installed, rebuilt when their files change;
    with ``modules`` (Odoo's) installed after them too if given. Only the oldest
    are dropped (_drop_stale)."""
    if modules:
        return _built_once(
            f"{addons_template_db()}_{'_'.join(modules)}",
            ("-i", ",".join(modules)),
            template=addons_template_db(),
        )
    base = template_db()
    name = f"passkoop_addons_{addons_digest(base)[:10]}"
    if not db_exists(name):
        _drop_stale("passkoop_addons_", KEPT_ADDONS_TEMPLATES - 1)
    return _built_once(name, ("-i", ",".join(ADDONS)), template=base)


@contextmanager
def addons_database(prefix, modules=()):
    """A scratch copy of the database with both addons installed (and
    ``modules``: addons_template_db), dropped after."""
    db = unique_db(prefix)
    create_db(db, template=addons_template_db(*modules))
    try:
        yield db
    finally:
        drop_db(db)


TEST_RESULT = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")


def odoo_test_results(lines):
    """(failed, errors, ran) as Odoo's test log says them, (0, 0, 0) if it ran none."""
    for line in lines:
        if match := TEST_RESULT.search(line):
            return tuple(map(int, match.groups()))
    return (0, 0, 0)


def run_tagged_tests(prefix, tags, *args, modules=(), log_name=None):
    """Run the Odoo tests tagged ``tags`` on a scratch copy of the database with
    both addons (and ``modules``: addons_template_db; ``args``: more odoo-bin
    options); return (returncode, log lines)."""
    with addons_database(prefix, modules) as db:
        return run_odoo(
            db,
            *args,
            f"--test-tags={tags}",
            "--stop-after-init",
            "--log-level=test",
            log_name=log_name,
        )
