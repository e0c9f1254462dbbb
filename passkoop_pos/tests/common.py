# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def coop_a_with_cards(env):
    """Coop A, a company that issued cards to Lucie (A-7) and Zoé (A-8), and the
    partner coop it is for ``env``'s company, which imported A's entry.

    Returns (company A, Lucie's card, Zoé's card, coop A as ``env`` knows it).
    """
    env = env(su=True)  # what the coops' administrators set up
    company_a = env["res.company"].create({"name": "Coop A", "passkoop_code": "COOPA"})
    Member = env["res.partner"].with_company(company_a)
    lucie_card, zoe_card = (
        Member.create(
            {"name": name, "ref": ref, "company_id": company_a.id}
        ).passkoop_issue_card()
        for name, ref in (("Lucie", "A-7"), ("Zoé", "A-8"))
    )
    coop_a = env["passkoop.coop"].passkoop_import_directory(
        company_a.with_company(company_a).passkoop_export_directory()
    )
    coop_a.agreement_state = "active"
    return company_a, lucie_card, zoe_card, coop_a
