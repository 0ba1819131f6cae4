"""Benchmark: `seed_demo --pegawai N` for one Pemda, against the 3-minute budget of issue 2.

    .venv/bin/python bench/seed_demo.py [--pegawai 20000] [--database-url URL]

Without --database-url it seeds a throwaway SQLite file; with a PostgreSQL URL it seeds that database
(it must exist and be disposable: the Pemda is seeded with --reset). Prints one JSON line (and writes it
to bench/results/seed_demo.json): seconds, Pegawai per second, and the ratio to the budget (< 1 is within).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bersama import simpan

ROOT = Path(__file__).resolve().parent.parent
BUDGET_SECONDS = 180


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--pemda", default="bogor")
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = options.database_url or f"sqlite:///{tmp}/bench.sqlite3"
        env = os.environ | {"DEBUG": "1", "DATABASE_URL": url, "MEDIA_ROOT": f"{tmp}/media"}
        env.pop("REDIS_URL", None)
        manage(env, "migrate", "--noinput", "-v0")
        start = time.perf_counter()
        manage(env, "seed_demo", "--pegawai", str(options.pegawai), "--pemda", options.pemda, "--reset")
        seconds = time.perf_counter() - start

    result = {
        "benchmark": "seed_demo",
        "database": url.split(":", 1)[0],
        "pegawai": options.pegawai,
        "seconds": round(seconds, 2),
        "pegawai_per_second": round(options.pegawai / seconds),
        "ratio_to_budget": round(seconds / BUDGET_SECONDS, 3),
    }
    simpan("seed_demo", result)
    return 0 if seconds < BUDGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
