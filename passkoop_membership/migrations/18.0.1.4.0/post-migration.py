# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_module_path
from odoo.tools.translate import PoFileReader

TEMPLATE = "mail_template_passkoop_card"
# Where the card email's list of the coops that welcome the member starts; it
# runs to the end of the body.
WELCOMING = '<t t-set="welcoming"'


def migrate(cr, version):
    """The card's email template is not updated by itself (noupdate): the list of
    the coops that welcome the member is added at the end of its body, in each
    language, leaving the rest as the coop may have written it."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(f"passkoop_membership.{TEMPLATE}", raise_if_not_found=False)
    if not template:
        return
    blocks = welcoming_blocks()
    langs = ["en_US"] + [
        code for code, _name in env["res.lang"].get_installed() if code != "en_US"
    ]
    for lang in langs:
        # A language without its own body reads the English one, mended first.
        template.invalidate_recordset(["body_html"])
        body = str(template.with_context(lang=lang).body_html or "")
        if WELCOMING in body:
            continue
        block = blocks.get(lang) or blocks.get(lang.split("_")[0]) or blocks["en_US"]
        template.with_context(lang=lang).body_html = with_block(body, block)


def welcoming_blocks():
    """The list as this version's body has it: in English (the .pot) and in
    each language of the addon (its .po), by language code."""
    folder = Path(get_module_path("passkoop_membership")) / "i18n"
    blocks = {}
    for path in [folder / "passkoop_membership.pot", *sorted(folder.glob("*.po"))]:
        for entry in PoFileReader(str(path)):
            if (entry.get("imd_name"), entry["name"]) == (
                TEMPLATE,
                "mail.template,body_html",
            ):
                blocks["en_US"] = block_of(entry["src"])
                if entry["value"]:
                    blocks[path.stem] = block_of(entry["value"])
    return blocks


def block_of(body):
    """The list, from the start of its first line to the body's last element."""
    start = body.rfind("\n", 0, body.index(WELCOMING)) + 1
    return body[start : body.rindex("</div>")]


def with_block(body, block):
    """``body`` with ``block`` last inside its outer element."""
    end = body.rfind("</div>")
    if end == -1:
        return body + block
    return body[:end].rstrip() + "\n" + block + body[end:]
