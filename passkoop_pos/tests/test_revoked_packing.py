# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import random

from odoo.tests import BaseCase, tagged
from odoo.tools.misc import file_open

from ..tools.revoked_packing import pack_revoked


def load_cases():
    with file_open("passkoop_pos/static/tests/revoked_packing_cases.json") as file:
        return json.load(file)["cases"]


@tagged("post_install", "-at_install")
class TestRevokedPacking(BaseCase):
    """The revoked serials as the server packs them for the till. The till reads
    the same cases (tour passkoop_card_vectors): each case's `packed` is the
    server's output here, and there it holds exactly the case's serials."""

    def test_the_shared_cases_are_what_the_server_packs(self):
        cases = load_cases()
        self.assertGreaterEqual(len(cases), 9)
        for case in cases:
            with self.subTest(case["name"]):
                self.assertEqual(pack_revoked(case["revoked"]), case["packed"])
                self.assertFalse(set(case["revoked"]) & set(case["absent"]))

    def test_serials_differing_only_by_leading_zeros_stay_apart(self):
        packed = pack_revoked(["000045", "45"])
        self.assertNotEqual(packed, pack_revoked(["000045"]))
        self.assertNotEqual(packed, pack_revoked(["45"]))
        self.assertEqual(packed.count(";"), 1)  # two groups: 2 and 6 digits

    def test_a_coop_of_a_thousand_revoked_cards(self):
        """What a till receives per coop, against the text of the list (7 bytes a
        serial): a run of cards, and with one far from it, scattered ones (a
        third of 3,000 cards), sparse ones (1,000 among 100,000: the gaps, 1.7
        characters a serial)."""
        draw = random.Random(25)
        for name, numbers, most in (
            ("run", range(1000), 200),
            # The bench's sync: one card far from the others stays apart.
            ("run and one far", [*range(1000), 999_999], 200),
            ("a third", draw.sample(range(3000), 1000), 520),
            ("sparse", draw.sample(range(100_000), 1000), 1800),
        ):
            serials = [f"{n:06d}" for n in numbers]
            with self.subTest(name):
                packed = pack_revoked(serials)
                self.assertLessEqual(len(packed), most)
                self.assertLess(len(packed) * 4, len("\n".join(serials)))

    def test_huge_gaps_are_gaps_not_bitmaps(self):
        packed = pack_revoked(["000000000000001", "999999999999999"])
        self.assertTrue(packed.startswith("15d"), packed)
        self.assertLess(len(packed), 24)
