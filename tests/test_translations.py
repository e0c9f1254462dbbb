"""Every string a user sees has its French, and the .pot files are current."""

import polib
import pytest

from setup.i18n import SAME_IN_FRENCH, export_pots
from setup.odoo_runner import ADDONS, PROJECT, addons_database


@pytest.fixture(scope="module")
def fresh_pots(tmp_path_factory):
    """The .pot files Odoo exports from the current code, written aside."""
    out = tmp_path_factory.mktemp("pots")
    with addons_database("passkoop_pytest_i18n") as db:
        export_pots(db, into=out)
    return {
        addon: polib.pofile(str(out / addon / "i18n" / f"{addon}.pot"))
        for addon in ADDONS
    }


@pytest.mark.parametrize("addon", ADDONS)
def test_pot_is_current(addon, fresh_pots):
    committed = polib.pofile(str(PROJECT / addon / "i18n" / f"{addon}.pot"))
    assert {e.msgid for e in fresh_pots[addon]} == {
        e.msgid for e in committed
    }, "run setup/i18n and translate what it lists"


@pytest.mark.parametrize("addon", ADDONS)
def test_every_string_has_its_french(addon, fresh_pots):
    french = polib.pofile(str(PROJECT / addon / "i18n" / "fr.po"))
    translated = {
        e.msgid
        for e in french
        if (e.msgstr or e.msgid in SAME_IN_FRENCH) and not e.obsolete
    }
    missing = [e.msgid for e in fresh_pots[addon] if e.msgid not in translated]
    assert missing == []
