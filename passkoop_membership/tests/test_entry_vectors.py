# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged
from odoo.tools.misc import file_open

from . import entry_vectors
from .common import PasskoopCase
from .test_card import TODAY, VECTORS


def load_entry_vectors():
    with file_open("passkoop_membership/static/tests/entry_vectors.json") as file:
        return json.load(file)["entries"]


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestEntryVectors(PasskoopCase):
    """The shared directory entry cases, read by the server: the till and the
    phone checker read the same file (passkoop_pos's passkoop_entry_vectors tour,
    TestCardChecker)."""

    def outcome(self, vector):
        """What the import makes of the vector's document, in a savepoint."""
        Coop = self.env["passkoop.coop"].with_user(self.admin)
        savepoint = self.env.cr.savepoint()
        try:
            if vector["held"]:
                Coop.passkoop_import_directory(VECTORS["directory"]["jws"])
            return Coop._passkoop_import(vector["document"])[1]
        except UserError:
            return "invalid"
        finally:
            self.env.flush_all()
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def test_every_entry_vector(self):
        vectors = load_entry_vectors()
        self.assertGreaterEqual(len(vectors), 24)
        self.assertEqual(
            {vector["outcome"] for vector in vectors},
            {"invalid", "applied", "pending", "stale"},
        )
        for vector in vectors:
            with self.subTest(vector=vector["name"]):
                self.assertEqual(self.outcome(vector), vector["outcome"])

    def test_the_file_is_what_the_writer_writes(self):
        self.assertEqual(load_entry_vectors(), entry_vectors.build()["entries"])
