# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two tills at the same moment, each in its own transaction on a real cursor and
in its own thread: the harness of the concurrency tests of both addons.

What a test needs both tills to see is committed (``own_transaction()``), and
removed by the test at the end: the tills cannot see the test's own transaction.
"""

import threading
import traceback
from contextlib import contextmanager

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name


class TwoTillsCase(BaseCase):
    """Run tills side by side (``run_tills()``) on committed data."""

    TIMEOUT = 60  # seconds a till may take, waits included

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @classmethod
    @contextmanager
    def own_transaction(cls):
        """An environment (superuser) on a cursor of its own, committed on
        leaving unless an exception is raised: a till's, or the test's setup,
        clean-up and checks."""
        with cls.registry.cursor() as cr:
            # The test runner holds the registry lock: give the cursor its
            # transaction so that Environment() need not look the registry up
            # (a till's thread would wait for that lock forever).
            cr.transaction = Transaction(cls.registry)
            yield api.Environment(cr, SUPERUSER_ID, {})

    def run_tills(self, till, *tills_args):
        """Call ``till(env, barrier, *args)`` once for each ``args`` of
        ``tills_args``, each in its own thread and transaction, all at the same
        time; ``barrier`` is passed by every till once (where each till waits
        is the test's choice). Returns what each till returned, in the order of
        ``tills_args``; a till that raises or does not end fails the test."""
        barrier = threading.Barrier(len(tills_args))
        outcomes, errors = [None] * len(tills_args), []

        def run(index, args):
            try:
                with self.own_transaction() as env:
                    outcomes[index] = till(env, barrier, *args)
            except Exception:  # noqa: BLE001 - reported to the main thread
                errors.append(f"till {index + 1}: {traceback.format_exc()}")
                barrier.abort()  # the other tills do not wait for this one

        threads = [
            threading.Thread(target=run, args=(index, args))
            for index, args in enumerate(tills_args)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=self.TIMEOUT)
        running = [n for n, thread in enumerate(threads, 1) if thread.is_alive()]
        self.assertEqual(running, [], f"tills still running after {self.TIMEOUT} s")
        self.assertEqual(errors, [], "\n".join(errors))
        return outcomes

    @staticmethod
    def replay_on_conflict(env, call, tries=5):
        """What Odoo's RPC layer does (odoo.service.model.retrying, which needs
        the registry lock the test runner holds): on a serialization failure,
        roll back and replay. Returns what ``call()`` returned and how many
        times it was replayed."""
        for attempt in range(tries):
            try:
                result = call()
                env.cr.flush()
                env.cr.commit()
                return result, attempt
            except SerializationFailure:
                env.cr.rollback()
                env.invalidate_all(flush=False)
        raise AssertionError(f"still conflicting after {tries} tries")
