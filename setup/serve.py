"""Odoo's server (odoo-bin's arguments), every module's manifest read before serving.

The threaded server reads manifests on the first requests, several threads at once,
with Python's ``ast``; the Python 3.11.2 of Debian 12 can then fail with
"SystemError: AST constructor recursion depth mismatch" (a CPython race, fixed in
later releases) and answer HTTP 500. Read once, before any thread, they are cached
(Odoo's get_manifest) and the threads never parse them.

    python -m setup.serve <odoo-bin server options>
"""

import logging
import os
import sys
import time

from .odoo_runner import ODOO_PATH


def main(args):
    os.environ["TZ"] = "UTC"  # as odoo-bin: the server's clock in UTC
    time.tzset()
    sys.path.insert(0, str(ODOO_PATH))  # as odoo-bin, run from there, has it
    import odoo  # noqa: PLC0415 - found only now
    from odoo.cli.server import main as serve  # noqa: PLC0415
    from odoo.modules.module import get_manifest, get_modules  # noqa: PLC0415

    start = odoo.service.server.start

    def start_with_manifests_read(*args, **kwargs):
        modules = get_modules()
        for module in modules:
            get_manifest(module)
        logging.getLogger("passkoop.serve").info(
            "%d manifests read before serving", len(modules)
        )
        return start(*args, **kwargs)

    odoo.service.server.start = start_with_manifests_read
    serve(args)


if __name__ == "__main__":
    main(sys.argv[1:])
