"""The project's own tooling, run from the project's root as ``python -m setup.X``.

odoo_source brings Odoo 18.0 when it is missing; odoo_runner runs it (one list of
the addons, one addons path, one PostgreSQL role, throwaway databases from a
template); start prepares and serves the demo; run_tests, run_bench, i18n and
readme are the steps behind setup/test, setup/bench, setup/i18n and setup/lint.
The shell scripts beside them install what Python needs first (lib.sh).
"""
