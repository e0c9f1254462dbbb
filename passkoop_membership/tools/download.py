# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def download_action(record, name, raw, mimetype=None):
    """The action that downloads ``raw`` bytes as a file named ``name``, kept as an
    attachment of ``record``."""
    values = {"name": name, "raw": raw, "res_model": record._name, "res_id": record.id}
    if mimetype:
        values["mimetype"] = mimetype
    attachment = record.env["ir.attachment"].create(values)
    return {
        "type": "ir.actions.act_url",
        "url": f"/web/content/{attachment.id}?download=true",
        "target": "download",
    }
