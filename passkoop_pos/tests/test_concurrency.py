# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.modules.registry import Registry
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestSamePersonOnTwoTills(BaseCase):
    """Two tills that were offline send, at the same moment, the registration of
    one person: one visitor, on real cursors (committed, removed at the end)."""

    EMAIL = "concurrent.lea@example.org"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].with_context(active_test=False).search(
                [("email", "=ilike", cls.EMAIL)]
            ).unlink()
        super().tearDownClass()

    def till(self, name, first, barrier, outcomes):
        try:
            with self.registry.cursor() as cr:
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                # Each transaction has looked at the visitors before either registers.
                env["res.partner"].search_count([("email", "=ilike", self.EMAIL)])
                if not first:
                    barrier.wait(timeout=30)
                for attempt in range(5):  # as Odoo's RPC layer replays a conflict
                    try:
                        partner_id = env["res.partner"].passkoop_register_from_pos(
                            {
                                "name": name,
                                "email": self.EMAIL,
                                "passkoop_visitor_type": "trial",
                                "passkoop_consent": True,
                            }
                        )
                        if first:
                            # The other till registers before this one commits.
                            barrier.wait(timeout=30)
                            time.sleep(1)
                        env.cr.commit()
                        outcomes.append((partner_id, attempt))
                        return
                    except SerializationFailure:
                        env.cr.rollback()
                        env.invalidate_all(flush=False)
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            outcomes.append(repr(error))

    @mute_logger("odoo.sql_db")
    def test_one_visitor(self):
        barrier, outcomes = threading.Barrier(2), []
        tills = [
            threading.Thread(target=self.till, args=(name, first, barrier, outcomes))
            for name, first in (("Léa Martin", True), ("LEA MARTIN", False))
        ]
        for till in tills:
            till.start()
        for till in tills:
            till.join(timeout=60)
        self.assertEqual(len(outcomes), 2, outcomes)
        (first_id, _tries), (second_id, replays) = outcomes
        self.assertEqual(first_id, second_id)
        self.assertEqual(replays, 1)  # the later till was aborted, then found her
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(
                env["res.partner"].search_count([("email", "=ilike", self.EMAIL)]), 1
            )
