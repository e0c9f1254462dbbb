"""The demo server (setup/start serves with setup/serve.py) reads every manifest
before it serves, so that its threads never parse one at the same time (the
"AST constructor recursion depth mismatch" of Debian 12's Python 3.11.2)."""

import re
import subprocess
import sys
import time

from setup.odoo_runner import (
    ODOO_PATH,
    PROJECT,
    addons_database,
    free_port,
    odoo_options,
)

SERVING = "HTTP service (werkzeug) running"


def test_every_manifest_read_before_serving(tmp_path):
    log = tmp_path / "odoo.log"
    with addons_database("passkoop_pytest_serve") as db:
        command = [sys.executable, "-m", "setup.serve", *odoo_options(), "-d", db]
        options = [f"--http-port={free_port()}", f"--logfile={log}"]
        with subprocess.Popen([*command, *options], cwd=PROJECT) as server:
            try:
                deadline = time.monotonic() + 120
                while SERVING not in (text := log.read_text() if log.exists() else ""):
                    assert server.poll() is None and time.monotonic() < deadline
                    time.sleep(0.5)
            finally:
                server.terminate()
    modules = {
        manifest.parent.name
        for folder in (ODOO_PATH / "addons", ODOO_PATH / "odoo" / "addons", PROJECT)
        for manifest in folder.glob("*/__manifest__.py")
    }
    read = re.search(r"passkoop\.serve: (\d+) manifests read before serving", text)
    assert read, text[-2000:]
    assert int(read[1]) == len(modules)
    assert read.start() < text.index(SERVING)
