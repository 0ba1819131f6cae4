"""Benchmark: importing N new Pegawai (CSV) into a seeded Pemda, as BKPSDM does at the start.

    .venv/bin/python bench/impor.py [--rows 20000] [--database-url URL]

Seeds Bogor (small) in a throwaway SQLite file, or in the given disposable database, then imports N new
Pegawai in existing units through the same service the web page uses, and prints one JSON line: seconds,
rows per second, and queries per row (a count: it must stay far below 1 as N grows).
"""

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    tmp = tempfile.mkdtemp()
    os.environ.update(
        DEBUG="1",
        DATABASE_URL=options.database_url or f"sqlite:///{tmp}/bench.sqlite3",
        MEDIA_ROOT=f"{tmp}/media",
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_scopes import scopes_disabled

    from kinerja.models import Pegawai, UnitKerja, User
    from kinerja.services.impor import pegawai_impor

    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", "--pegawai", "50", "--pemda", "bogor", "--reset", stdout=io.StringIO())
    with scopes_disabled():
        admin = User.objects.filter(pemda__slug="bogor", is_admin_bkpsdm=True).first()
        units = list(UnitKerja.objects.filter(pemda=admin.pemda, aktif=True).values_list("kode", flat=True))
        sebelum = Pegawai.objects.filter(pemda=admin.pemda).count()

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["nip", "nama", "jenis_asn", "golongan", "unit_kode", "jabatan", "jenis_jabatan", "tmt_jabatan"]
    )
    for i in range(options.rows):
        # Distinct valid NIPs: birth day and sequence vary, TMT after the 18th birthday.
        lahir_tahun, urut = 1970 + i % 25, i // 25 % 999 + 1
        nip = f"{lahir_tahun}{1 + i % 12:02d}{1 + i // 300 % 28:02d}{lahir_tahun + 25}01{1 + i % 2}{urut:03d}"
        writer.writerow(
            [
                nip,
                f"Pegawai Uji {i}",
                "PNS",
                "III/a",
                units[i % len(units)],
                "Pelaksana Uji",
                "pelaksana",
                "2024-01-02",
            ]
        )
    data = out.getvalue().encode()

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = pegawai_impor(pemda_id=admin.pemda_id, file=io.BytesIO(data), filename="bench.csv", by=admin)
        seconds = time.perf_counter() - start
    if not result.ok:
        print(json.dumps({"benchmark": "impor", "errors": [str(e) for e in result.errors[:5]]}))
        return 1
    with scopes_disabled():
        assert Pegawai.objects.filter(pemda=admin.pemda).count() == sebelum + options.rows

    line = json.dumps(
        {
            "benchmark": "impor",
            "database": connection.vendor,
            "rows": options.rows,
            "seconds": round(seconds, 2),
            "rows_per_second": round(options.rows / seconds),
            "queries": len(queries),
            "queries_per_row": round(len(queries) / options.rows, 4),
        }
    )
    print(line)
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "impor.json").write_text(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
