# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import random

from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from ..tools.revoked_packing import pack_revoked
from .common import FrenchCoop


@tagged("-standard", "passkoop_bench", "post_install", "-at_install")
class TestPasskoopCardBench(FrenchCoop, TestPointOfSaleHttpCommon):
    """For setup/bench only (bench/bench_cards.py): the till's verifier's speed.

    The tour logs "passkoop-bench {...}": milliseconds for 1,000 cards, with
    WebCrypto and with TweetNaCl, and the revoked lists of 340 coops of 1,000
    revoked cards each, read as the till did (text) and as it does (packed by the
    server, given here): build and lookups. Not a test of speed: tests don't time
    things.
    """

    def test_card_bench(self):
        draw = random.Random(25)
        serials = {
            "run": [f"{n:06d}" for n in range(1000)],  # as bench/cards_shell.py
            "sparse": [f"{n:06d}" for n in draw.sample(range(100_000), 1000)],
        }
        bench = {
            "serials": serials,
            "packed": {name: pack_revoked(s) for name, s in serials.items()},
            # The vectors' coop: their revoked card and 1,000 others.
            "vectors": ["000045", *(f"{n:06d}" for n in range(1000, 2000))],
        }
        bench["vectors_packed"] = pack_revoked(bench["vectors"])
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour(
            "passkoop_card_bench",
            code=f"window.passkoopBench = {json.dumps(bench)};"
            "odoo.startTour('passkoop_card_bench', {stepDelay: 0})",
        )
