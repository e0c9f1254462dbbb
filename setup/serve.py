"""Odoo's server (odoo-bin's arguments) as the tooling runs it: every module's manifest
read before serving, and only the tests its --test-tags can pick read.

The threaded server reads manifests on the first requests, several threads at once,
with Python's ``ast``; the Python 3.11.2 of Debian 12 can then fail with
"SystemError: AST constructor recursion depth mismatch" (a CPython race; 3.11.7 has
it too) and answer HTTP 500. Read once, before any thread, they are cached (Odoo's
get_manifest) and the threads never parse them. Every Odoo server the tooling starts
runs through here (setup.odoo_runner.odoo_command): a test's browser that met the 500
on its first page failed its tour.

Odoo reads the tests of every installed module (65 modules, 501 files) and makes a
test of each of their methods, in each process run with --test-tags, before it keeps
those the tags pick: when every tag it includes names a module, another module's tests
cannot be picked, and are not read (4.7 CPU-s a process, measured in an odoo-bin shell).

    python -m setup.serve <odoo-bin server options>
    python setup/serve.py <odoo-bin server options>
"""

import logging
import os
import sys
import time
from pathlib import Path

if not __package__:  # run by its path (setup.odoo_runner.odoo_command), from anywhere
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from setup.odoo_runner import ODOO_PATH  # noqa: E402 - found only now


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
        read_only_the_tagged_modules_tests(odoo)
        return start(*args, **kwargs)

    odoo.service.server.start = start_with_manifests_read
    # As odoo-bin has it: a server with --workers starts its gevent process
    # with sys.argv[0] (odoo/service/server.py, long_polling_spawn).
    sys.argv = [str(ODOO_PATH / "odoo-bin"), *args]
    serve(args)


def read_only_the_tagged_modules_tests(odoo):
    """Odoo's loader reads no test of a module that no included tag names."""
    tags = odoo.tools.config["test_tags"]
    if not tags:
        # Not a test run: importing odoo.tests logs an error (its common.py).
        return
    from odoo.tests import loader  # noqa: PLC0415 - found only now
    from odoo.tests.tag_selector import TagsSelector  # noqa: PLC0415

    # A filter is (tag, module, class, method, file); a file may be any module's.
    included = TagsSelector(tags).include
    named = {module for _tag, module, _class, _method, _file in included}
    if None in named:
        return
    read = loader.get_test_modules
    loader.get_test_modules = lambda module: read(module) if module in named else []
    logging.getLogger("passkoop.serve").info(
        "tests read only from %s", ", ".join(sorted(named))
    )


if __name__ == "__main__":
    main(sys.argv[1:])
