# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import FrenchCoop


@tagged("-standard", "passkoop_bench", "post_install", "-at_install")
class TestPasskoopCardBench(FrenchCoop, TestPointOfSaleHttpCommon):
    """For setup/bench only (bench/bench_cards.py): the till's verifier's speed.

    The tour logs "passkoop-bench {...}": milliseconds for 1,000 cards, with
    WebCrypto and with TweetNaCl. Not a test of speed: tests don't time things.
    """

    def test_card_bench(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_card_bench")
