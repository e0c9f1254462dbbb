# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    """The card's email template kept its sender over three lines, and a header
    with a line break makes every email fail: the template is not updated by
    itself (noupdate), so its sender is put on one line here."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    template = env.ref(
        "passkoop_membership.mail_template_passkoop_card", raise_if_not_found=False
    )
    if template and template.email_from:
        template.email_from = " ".join(template.email_from.split())
