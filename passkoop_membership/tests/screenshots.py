# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a tour's screenshot() steps send (passkoop_screenshot.js): the screen as a
PNG, and the words it shows, to find English left in a French screen."""

import base64
import json
import os
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

import polib

from odoo.modules.module import get_module_path
from odoo.tests.common import ChromeBrowser

ADDONS = ("passkoop_membership", "passkoop_pos")


@contextmanager
def tour_screenshots(module, shown_in=None):
    """Yield ``shots``: ``shots.taken``, the PNG files written, and
    ``shots.texts``, the words of each screen by screenshot name.

    The files go to var/screenshots/<module>/ of the project;
    PASSKOOP_README_SCREENSHOTS=1 refreshes the ones the documentation shows:
    ``shown_in`` (a folder), by default <module>/static/description/screenshots/
    (the addon's readme and Odoo's Apps screen).
    """
    addon = Path(get_module_path(module))
    if os.environ.get("PASSKOOP_README_SCREENSHOTS"):
        folder = shown_in or addon / "static" / "description" / "screenshots"
    else:
        folder = addon.parent / "var" / "screenshots" / module
    folder.mkdir(parents=True, exist_ok=True)
    shots = SimpleNamespace(taken=[], texts={})
    handle_console = ChromeBrowser._handle_console

    def on_console(browser, type, args=None, **kw):  # noqa: A002 - CDP's name
        handle_console(browser, type, args, **kw)
        message = str(browser._from_remoteobject(args[0])) if args else ""
        kind, _colon, rest = message.partition(":")
        if kind == "passkoop-texts":
            name, _colon, texts = rest.partition(":")
            shots.texts[name] = json.loads(texts)
        elif kind == "passkoop-screenshot":
            path = folder / f"{rest}.png"
            future = browser._websocket_send("Page.captureScreenshot", with_future=True)
            future.add_done_callback(partial(save, browser, path, rest))
            shots.taken.append(path)

    def save(browser, path, name, captured):
        path.write_bytes(base64.b64decode(captured.result()["data"]))
        # The tour waits for this to go on (passkoop_screenshot.js).
        taken = f"document.body.dataset.passkoopTaken = {json.dumps(name)}"
        browser._websocket_send("Runtime.evaluate", params={"expression": taken})

    with patch.object(ChromeBrowser, "_handle_console", on_console):
        yield shots


def english_left(texts):
    """The texts of a French screen that are one of the addons' source strings
    with a different French: words someone forgot to translate, or to mark."""
    english = set()
    for addon in ADDONS:
        po = polib.pofile(str(Path(get_module_path(addon)) / "i18n" / "fr.po"))
        english |= {
            " ".join(entry.msgid.split())
            for entry in po
            if entry.msgstr and entry.msgstr != entry.msgid
        }
    return sorted(text for text in texts if text in english)
