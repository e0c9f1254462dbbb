# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields, models
from odoo.exceptions import UserError


class PasskoopDirectoryImport(models.TransientModel):
    """Import a partner coop's directory entry received as a file."""

    _name = "passkoop.directory.import"
    _description = "Import a Pass'Koop directory entry"

    file = fields.Binary(string="Directory entry file", required=True)
    filename = fields.Char()

    def action_import(self):
        self.ensure_one()
        try:
            document = base64.b64decode(self.file or b"").decode("utf-8")
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(
                self.env._("This file is not a Pass'Koop directory entry.")
            ) from error
        coop = self.env["passkoop.coop"].passkoop_import_directory(document)
        return {
            "type": "ir.actions.act_window",
            "res_model": "passkoop.coop",
            "res_id": coop.id,
            "view_mode": "form",
            "target": "current",
        }
