"""Run bench/bench_*.py in `odoo-bin shell` on a scratch copy of the template."""

import sys

from odoo_runner import (
    ADDONS,
    PROJECT,
    create_db,
    drop_db,
    run_odoo,
    template_db,
    unique_db,
)


def main(names):
    scripts = sorted((PROJECT / "bench").glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem in names or s.name in names]
    db = unique_db("passkoop_bench")
    create_db(db, template=template_db())
    try:
        rc, lines = run_odoo(
            db, "-i", ",".join(ADDONS), "--without-demo=all", "--stop-after-init"
        )
        if rc:
            sys.exit("\n".join(lines[-30:]))
        for script in scripts:
            print(f"== {script.name}", flush=True)
            rc, lines = run_odoo(
                db,
                "--no-http",
                "--log-level=warn",
                command="shell",
                stdin=script.read_text(),
                log_name=script.stem,
            )
            print("\n".join(line for line in lines if "security risk" not in line))
            if rc:
                return rc
    finally:
        drop_db(db)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
