# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.passkoop_membership.tests.concurrency import TwoTillsCase


@tagged("post_install", "-at_install")
class TestSamePersonOnTwoTills(TwoTillsCase):
    """Two tills that were offline send, at the same moment, the registration of
    one person: one visitor, on real cursors (committed, removed at the end)."""

    EMAIL = "concurrent.lea@example.org"

    @classmethod
    def tearDownClass(cls):
        with cls.own_transaction() as env:
            env["res.partner"].with_context(active_test=False).search(
                [("email", "=ilike", cls.EMAIL)]
            ).unlink()
        super().tearDownClass()

    def till(self, env, barrier, name, first):
        # Each transaction has looked at the visitors before either registers.
        env["res.partner"].search_count([("email", "=ilike", self.EMAIL)])
        if not first:
            barrier.wait(timeout=30)

        def register():
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
            return partner_id

        # As Odoo's RPC layer replays a conflict: (partner id, replays).
        return self.replay_on_conflict(env, register)

    @mute_logger("odoo.sql_db")
    def test_one_visitor(self):
        outcomes = self.run_tills(
            self.till, ("Léa Martin", True), ("LEA MARTIN", False)
        )
        self.assertEqual(len(outcomes), 2, outcomes)
        (first_id, _tries), (second_id, replays) = outcomes
        self.assertEqual(first_id, second_id)
        self.assertEqual(replays, 1)  # the later till was aborted, then found her
        with self.own_transaction() as env:
            self.assertEqual(
                env["res.partner"].search_count([("email", "=ilike", self.EMAIL)]), 1
            )
