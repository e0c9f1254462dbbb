# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import time

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import tagged
from odoo.tools import mute_logger

from .concurrency import TwoTillsCase


@tagged("post_install", "-at_install")
class TestTwoTills(TwoTillsCase):
    """Two tills register visits of one visitor at the same moment, on real cursors.

    The data is committed (each till needs to see it from its own transaction)
    and removed at the end.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.own_transaction() as env:
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
        with cls.own_transaction() as env:
            env["passkoop.visit"].search([("partner_id", "=", cls.visitor_id)]).unlink()
            env["res.partner"].browse(cls.visitor_id).unlink()
            env.company.passkoop_trial_policy_id = cls.saved_policy
            env["passkoop.policy"].browse(cls.policy_id).unlink()
        super().tearDownClass()

    def till(self, env, barrier, origin):
        visitor = env["res.partner"].browse(self.visitor_id)
        # Both transactions read the visitor before either records its visit.
        visitor.passkoop_check()
        barrier.wait(timeout=30)
        _visit, replays = self.replay_on_conflict(
            env, lambda: visitor.passkoop_register_visit(10.0, None, origin)
        )
        return replays

    @mute_logger("odoo.sql_db")
    def test_both_visits_recorded_once_and_only_the_one_past_the_limit_flagged(self):
        # A till that raised fails the test there (the harness's errors == []).
        replays = self.run_tills(self.till, ("Till 1",), ("Till 2",))
        # The later till conflicted with the earlier one and replayed its sale.
        self.assertEqual(sorted(replays), [0, 1])
        with self.own_transaction() as env:
            visits = env["passkoop.visit"].search(
                [("partner_id", "=", self.visitor_id), ("origin", "like", "Till")]
            )
            self.assertEqual(sorted(visits.mapped("origin")), ["Till 1", "Till 2"])
            self.assertEqual(sorted(visits.mapped("over_limit")), [False, True])
            check = env["res.partner"].browse(self.visitor_id).passkoop_check()
            self.assertEqual(check["visit_count"], 4)


@tagged("post_install", "-at_install")
class TestSameCardOnTwoTills(TwoTillsCase):
    """Two tills register the same card number at the same moment: one visitor is
    registered, the other till gets a clear error (the database decides)."""

    CARD = "CONCURRENT-CARD-42"

    @classmethod
    def tearDownClass(cls):
        with cls.own_transaction() as env:
            env["res.partner"].with_context(active_test=False).search(
                [("passkoop_card_ref", "=", cls.CARD)]
            ).unlink()
        super().tearDownClass()

    def till(self, env, barrier, name, first):
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
            return "registered"
        except IntegrityError as error:
            env.cr.rollback()
            return str(_as_validation_error(env, error))
        except ValidationError as error:
            env.cr.rollback()
            return str(error)

    @mute_logger("odoo.sql_db")
    def test_one_registered_one_clear_error(self):
        outcomes = self.run_tills(
            self.till, ("Till one's Léa", True), ("Till two's Léa", False)
        )
        self.assertEqual(len(outcomes), 2, outcomes)
        self.assertIn("registered", outcomes)
        [error] = [outcome for outcome in outcomes if outcome != "registered"]
        self.assertIn("This card number already belongs to another visitor", error)
        with self.own_transaction() as env:
            self.assertEqual(
                env["res.partner"].search_count(
                    [("passkoop_card_ref", "=", self.CARD)]
                ),
                1,
            )
