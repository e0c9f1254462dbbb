# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools import card_format


class PasskoopDirectoryImport(models.TransientModel):
    """Add or update a partner coop in one step: its entry's URL or file, what it
    says (code, name, city, keys and their fingerprints), then confirm."""

    _name = "passkoop.directory.import"
    _description = "Import a Pass'Koop directory entry"

    url = fields.Char(
        string="Address of its entry",
        help="e.g. https://hendayakoop.example/passkoop/directory.jws",
    )
    file = fields.Binary(string="Or its entry file")
    filename = fields.Char()
    state = fields.Selection(
        [("source", "Source"), ("preview", "Preview")], default="source"
    )
    document = fields.Text(readonly=True)
    code = fields.Char(readonly=True)
    name = fields.Char(readonly=True)
    city = fields.Char(readonly=True)
    keys_text = fields.Text(string="Keys and fingerprints", readonly=True)
    coop_id = fields.Many2one(
        "passkoop.coop",
        string="Coop already known",
        readonly=True,
        help="The entry updates this coop.",
    )

    def _read_source(self):
        _ = self.env._
        if self.url:
            return self.env["passkoop.coop"]._passkoop_fetch(self.url)
        if not self.file:
            raise UserError(_("Give the address of the coop's entry, or its file."))
        try:
            return base64.b64decode(self.file).decode("utf-8")
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(
                _("This file is not a Pass'Koop directory entry.")
            ) from error

    def action_preview(self):
        """Read the entry (nothing is written yet) and show what it says."""
        self.ensure_one()
        document = self._read_source()
        Coop = self.env["passkoop.coop"]
        entry, _signer = Coop._passkoop_read_entry(document)
        Coop._passkoop_refuse_our_entry(entry)
        self.write(
            {
                "state": "preview",
                "document": document,
                "code": entry["code"],
                "name": entry["name"],
                "city": entry["city"],
                "keys_text": "\n".join(
                    f"{key['kid']}: "
                    + card_format.fingerprint(card_format.b32decode(key["public_key"]))
                    for key in entry["keys"]
                ),
                "coop_id": Coop.with_context(active_test=False)
                .search(
                    [
                        ("code", "=", entry["code"]),
                        ("company_id", "=", self.env.company.id),
                    ],
                    limit=1,
                )
                .id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Import a directory entry"),
        }

    def action_import(self):
        """Create or update the coop: a new one stays under discussion until the
        general assembly's vote makes the agreement active."""
        self.ensure_one()
        document = self.document or self._read_source()
        coop, outcome = self.env["passkoop.coop"]._passkoop_import(document)
        if outcome == "stale":
            raise UserError(
                self.env._(
                    "This entry of %(coop)s is older than the one you hold: nothing "
                    "was changed.",
                    coop=coop.name,
                )
            )
        if self.url:  # where the administrator found it, rather than what it says
            coop.directory_url = self.url.strip()
        return {
            "type": "ir.actions.act_window",
            "res_model": "passkoop.coop",
            "res_id": coop.id,
            "view_mode": "form",
            "target": "current",
        }
