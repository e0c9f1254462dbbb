# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time

from psycopg2 import IntegrityError
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.api import Transaction
from odoo.exceptions import ValidationError
from odoo.modules.registry import Registry
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tests.common import BaseCase, get_db_name
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestTwoTills(BaseCase):
    """Two tills register visits of one visitor at the same moment, on real cursors.

    The data is committed (each till needs to see it from its own transaction)
    and removed at the end.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            cls.saved_policy = company.passkoop_trial_policy_id.id
            policy = env["passkoop.policy"].create(
                {
                    "name": "Concurrency: 3 visits",
                    "visitor_type": "trial",
                    "mode": "limited",
                    "max_visits": 3,
                }
            )
            company.passkoop_trial_policy_id = policy
            visitor = env["res.partner"].create(
                {"name": "Concurrent Claire", "passkoop_visitor_type": "trial"}
            )
            env["passkoop.visit"].create([{"partner_id": visitor.id}] * 2)
            cls.policy_id, cls.visitor_id = policy.id, visitor.id

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["passkoop.visit"].search([("partner_id", "=", cls.visitor_id)]).unlink()
            env["res.partner"].browse(cls.visitor_id).unlink()
            env.company.passkoop_trial_policy_id = cls.saved_policy
            env["passkoop.policy"].browse(cls.policy_id).unlink()
        super().tearDownClass()

    def till(self, barrier, origin, errors, replays):
        try:
            with self.registry.cursor() as cr:
                # The test runner holds the registry lock: give the cursor its
                # transaction so that Environment() need not look the registry up.
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                visitor = env["res.partner"].browse(self.visitor_id)
                # Both transactions read the visitor before either records its visit.
                visitor.passkoop_check()
                barrier.wait(timeout=30)
                replays.append(
                    self.replay_on_conflict(
                        env, lambda: visitor.passkoop_register_visit(10.0, None, origin)
                    )
                )
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            errors.append(error)

    @staticmethod
    def replay_on_conflict(env, call, tries=5):
        """What Odoo's RPC layer does (odoo.service.model.retrying, which needs that
        same registry lock): on a serialization failure, roll back and replay."""
        for attempt in range(tries):
            try:
                call()
                env.cr.flush()
                env.cr.commit()
                return attempt
            except SerializationFailure:
                env.cr.rollback()
                env.invalidate_all(flush=False)
        raise AssertionError(f"still conflicting after {tries} tries")

    @mute_logger("odoo.sql_db")
    def test_both_visits_recorded_once_and_only_the_one_past_the_limit_flagged(self):
        barrier, errors, replays = threading.Barrier(2), [], []
        tills = [
            threading.Thread(
                target=self.till, args=(barrier, f"Till {n}", errors, replays)
            )
            for n in (1, 2)
        ]
        for till in tills:
            till.start()
        for till in tills:
            till.join(timeout=60)
        self.assertEqual(errors, [])
        # The later till conflicted with the earlier one and replayed its sale.
        self.assertEqual(sorted(replays), [0, 1])
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            visits = env["passkoop.visit"].search(
                [("partner_id", "=", self.visitor_id), ("origin", "like", "Till")]
            )
            self.assertEqual(sorted(visits.mapped("origin")), ["Till 1", "Till 2"])
            self.assertEqual(sorted(visits.mapped("over_limit")), [False, True])
            check = env["res.partner"].browse(self.visitor_id).passkoop_check()
            self.assertEqual(check["visit_count"], 4)


@tagged("post_install", "-at_install")
class TestSameCardOnTwoTills(BaseCase):
    """Two tills register the same card number at the same moment: one visitor is
    registered, the other till gets a clear error (the database decides)."""

    CARD = "CONCURRENT-CARD-42"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    @classmethod
    def tearDownClass(cls):
        with cls.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["res.partner"].with_context(active_test=False).search(
                [("passkoop_card_ref", "=", cls.CARD)]
            ).unlink()
        super().tearDownClass()

    def till(self, name, first, barrier, outcomes):
        try:
            with self.registry.cursor() as cr:
                cr.transaction = Transaction(self.registry)
                env = api.Environment(cr, SUPERUSER_ID, {})
                if not first:
                    barrier.wait(timeout=30)
                try:
                    env["res.partner"].create(
                        {
                            "name": name,
                            "passkoop_visitor_type": "trial",
                            "passkoop_card_ref": self.CARD,
                        }
                    )
                    if first:
                        # The other till registers while this one has not committed.
                        barrier.wait(timeout=30)
                        time.sleep(1)
                    env.cr.commit()
                    outcomes.append("registered")
                except IntegrityError as error:
                    env.cr.rollback()
                    outcomes.append(str(_as_validation_error(env, error)))
                except ValidationError as error:
                    env.cr.rollback()
                    outcomes.append(str(error))
        except Exception as error:  # noqa: BLE001 - reported to the main thread
            outcomes.append(repr(error))

    @mute_logger("odoo.sql_db")
    def test_one_registered_one_clear_error(self):
        barrier, outcomes = threading.Barrier(2), []
        tills = [
            threading.Thread(target=self.till, args=(name, first, barrier, outcomes))
            for name, first in (("Till one's Léa", True), ("Till two's Léa", False))
        ]
        for till in tills:
            till.start()
        for till in tills:
            till.join(timeout=60)
        self.assertEqual(len(outcomes), 2, outcomes)
        self.assertIn("registered", outcomes)
        [error] = [outcome for outcome in outcomes if outcome != "registered"]
        self.assertIn("This card number already belongs to another visitor", error)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.assertEqual(
                env["res.partner"].search_count(
                    [("passkoop_card_ref", "=", self.CARD)]
                ),
                1,
            )
