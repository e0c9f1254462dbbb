"""Run the benchmarks: each bench/bench_*.py, which makes the databases it needs."""

import os
import subprocess
import sys

from odoo_runner import PROJECT


def main(names):
    scripts = sorted((PROJECT / "bench").glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem in names or s.name in names]
    env = {**os.environ, "PYTHONPATH": str(PROJECT / "setup")}
    status = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        status |= subprocess.run([sys.executable, str(script)], env=env).returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
