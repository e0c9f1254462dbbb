"""Run the benchmarks: each bench/bench_*.py, which makes the databases it needs."""

import subprocess
import sys

from .odoo_runner import PROJECT


def main(names):
    scripts = sorted((PROJECT / "bench").glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem in names or s.name in names]
    status = 0
    for script in scripts:
        print(f"== {script.name}", flush=True)
        module = f"bench.{script.stem}"
        status |= subprocess.run([sys.executable, "-m", module], cwd=PROJECT).returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
