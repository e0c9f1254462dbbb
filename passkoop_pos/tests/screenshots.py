# Copyright 2026 Pass'Koop contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screenshots a tour asks for (passkoop_tour_utils.screenshot), saved as PNG."""

import base64
import os
from contextlib import contextmanager
from pathlib import Path
from unittest.mock import patch

from odoo.modules.module import get_module_path
from odoo.tests.common import ChromeBrowser


@contextmanager
def tour_screenshots():
    """Yield the list of the PNG files taken, in var/screenshots/ of the project.

    PASSKOOP_SCREENSHOTS_DIR=passkoop_pos/readme/screenshots refreshes the ones the
    readme shows.
    """
    project = Path(get_module_path("passkoop_pos")).parent
    folder = project / os.environ.get("PASSKOOP_SCREENSHOTS_DIR", "var/screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    taken = []
    handle_console = ChromeBrowser._handle_console

    def on_console(browser, type, args=None, **kw):  # noqa: A002 - CDP's name
        handle_console(browser, type, args, **kw)
        message = str(browser._from_remoteobject(args[0])) if args else ""
        if message.startswith("passkoop-screenshot:"):
            path = folder / f"{message.split(':', 1)[1]}.png"
            future = browser._websocket_send("Page.captureScreenshot", with_future=True)
            future.add_done_callback(
                lambda f: path.write_bytes(base64.b64decode(f.result()["data"]))
            )
            taken.append(path)

    with patch.object(ChromeBrowser, "_handle_console", on_console):
        yield taken
