"""Export every addon's .pot and merge it into i18n/fr.po (see setup/i18n)."""

import sys

import polib

from .odoo_runner import ADDONS, PROJECT, addons_database, run_odoo

# Words written alike in French: fr.po leaves their msgstr empty (OCA's po format).
SAME_IN_FRENCH = {
    "CSV",
    "Excel (XLSX)",
    "Format",
    "Code",
    "Configuration",
    "Contact",
    "Date",
    "ID",
    "Messages",
    "Mode",
    "Pass'Koop",
    "Pass'Koop ·",
    "https://",
    "%(date)s, %(amount)s, %(state)s",
    "Document",
    "Source",
    "Type",
    "https://…/passkoop/directory.jws",
    "Total",
    "<span>%</span>",
}


def export_pots(db, into=PROJECT):
    """Write <addon>/i18n/<addon>.pot in ``into`` for each addon, from ``db``."""
    for addon in ADDONS:
        pot = into / addon / "i18n" / f"{addon}.pot"
        pot.parent.mkdir(parents=True, exist_ok=True)
        rc, lines = run_odoo(
            db,
            f"--i18n-export={pot}",
            f"--modules={addon}",
            "--stop-after-init",
            log_name=f"{db}-{addon}",
        )
        if rc:
            sys.exit("\n".join(lines[-30:]))


def untranslated(addon):
    """Merge the .pot into fr.po; return the msgids still without French."""
    folder = PROJECT / addon / "i18n"
    pot = polib.pofile(str(folder / f"{addon}.pot"))
    fr_path = folder / "fr.po"
    fr = polib.pofile(str(fr_path)) if fr_path.exists() else polib.POFile()
    if not fr_path.exists():
        fr.metadata = {**pot.metadata, "Language": "fr"}
    fr.merge(pot)
    fr.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
    fr.save(str(fr_path))
    return [
        entry.msgid
        for entry in fr
        if not entry.msgstr and entry.msgid not in SAME_IN_FRENCH and not entry.obsolete
    ]


def main():
    with addons_database("passkoop_i18n") as db:
        export_pots(db)
    missing = {addon: untranslated(addon) for addon in ADDONS}
    for addon, msgids in missing.items():
        for msgid in msgids:
            print(f"{addon}: no French for {msgid!r}")
    return 1 if any(missing.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
