# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from pathlib import Path

from odoo import SUPERUSER_ID, api
from odoo.modules.module import get_module_path
from odoo.tools.translate import TranslationImporter

# A name or a date followed, on a line of its own, by its comma or full stop:
# the email read "Bonjour Camille Garnier ," and "30/11/2027 .".
STRAY_SPACE = re.compile(r'(<t t-out="[^"]*"\s*/>)\s+([,.])')
# Words made shorter so that the policies list fits at 1366 px ("Demander
# confirmation au c…"): an update keeps the translations a database has.
SHORTER = {
    "passkoop_membership.selection__passkoop_policy__limit_action__confirm",
    "passkoop_membership.selection__passkoop_policy__proof__member_ref",
}


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    mend_card_email(env)
    load_shorter_words(env)


def mend_card_email(env):
    """The card's email template is not updated by itself (noupdate): the space
    before its punctuation is taken out here, in every language, leaving the rest
    of the text as the coop may have written it."""
    template = env.ref(
        "passkoop_membership.mail_template_passkoop_card", raise_if_not_found=False
    )
    if not template:
        return
    langs = ["en_US"] + [
        code for code, _name in env["res.lang"].get_installed() if code != "en_US"
    ]
    for lang in langs:
        body = template.with_context(lang=lang).body_html or ""
        mended = STRAY_SPACE.sub(r"\1\2", str(body))
        if mended != body:
            template.with_context(lang=lang).body_html = mended


def load_shorter_words(env):
    """The shorter words, in each installed language the addon speaks."""
    folder = Path(get_module_path("passkoop_membership")) / "i18n"
    importer = TranslationImporter(env.cr, verbose=False)
    for code, _name in env["res.lang"].get_installed():
        for po in (folder / f"{code}.po", folder / f"{code.split('_')[0]}.po"):
            if po.exists():
                importer.load_file(str(po), code, xmlids=SHORTER)
                break
    importer.save(overwrite=True)
