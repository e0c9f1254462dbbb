# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon

from .common import FrenchCoop

VISITORS = 5000


@tagged("-standard", "passkoop_bench_counter", "post_install", "-at_install")
class TestPasskoopCounterBench(FrenchCoop, TestPointOfSaleHttpCommon):
    """For setup/bench only (bench/bench_counter.py): the visitor dialog with 5,000
    visitors loaded. The tour logs "passkoop-bench-counter {...}" (milliseconds).
    Not a test of speed: tests don't time things."""

    def test_counter_bench(self):
        env = self.env(su=True)
        coop = env["passkoop.coop"].create(
            {"name": "HendayaKoop", "code": "HENDAYA", "agreement_state": "active"}
        )
        env["res.partner"].create(
            [
                {
                    "name": f"Visitor {n:04}",
                    "email": f"visitor{n}@example.org",
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": coop.id,
                    "passkoop_member_ref": f"H-{n}",
                }
                for n in range(VISITORS - 1)
            ]
            + [
                {
                    "name": "Mathilde Etcheverry",
                    "passkoop_visitor_type": "partner",
                    "passkoop_coop_id": coop.id,
                }
            ]
        )
        self.main_pos_config.with_user(self.pos_user).open_ui()
        self.start_pos_tour("passkoop_counter_bench", timeout=600)
