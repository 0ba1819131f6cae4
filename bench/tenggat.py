"""Benchmark: BKPSDM's compliance view of a 20,000-Pegawai Pemda and the deadline dispatcher's run for that
Pemda (issue 6).

    .venv/bin/python bench/tenggat.py [--pegawai 20000] [--requests 20] [--proses 2027-01-25] [--database-url URL]

Seeds a throwaway SQLite file (or the disposable PostgreSQL database given) with `seed_demo --pemda sumedang`,
opens the last ended month and fills it to one evaluation per placed Pegawai in a spread of states
(bench/evaluasi.py's `siapkan_periode`), then, as BKPSDM, requests N times with Django's test Client the
compliance view of the year with that period (`kepatuhan`), its drill-down into the largest Perangkat Daerah and
the API (`api:kepatuhan`): median and 90th percentile in ms and the SQL query count (one warm-up request first).
Then times `tenggat.proses.proses_pemda(pemda_id, --proses)` (the dispatcher's per-Pemda run, late January: every
Pegawai without a set SKP of that year and her Penilai are reminded) and a second run of the same day (nothing
new: the idempotency keys), with the reminders and escalations made. Emails go to Django's dummy backend.
Prints a table and one JSON line, written to bench/results/tenggat.json.
"""

import argparse
import datetime
import sys
import tempfile
import time

from bersama import muat as _muat
from bersama import simpan

_bench_skp = _muat("bench_skp", "skp.py")
_bench_evaluasi = _muat("bench_evaluasi", "evaluasi.py")
ROOT, ringkas, waktu, siapkan_django = (
    _bench_skp.ROOT,
    _bench_skp.ringkas,
    _bench_skp.waktu,
    _bench_skp.siapkan_django,
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--proses", default="2027-01-25", help="the day of the dispatcher's run (YYYY-MM-DD)")
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    tanggal_proses = datetime.date.fromisoformat(options.proses)

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
        )
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.urls import reverse
        from django_scopes import scopes_disabled

        from kinerja.models import Pegawai, Pemda
        from kinerja.scoping import tenant_context
        from tenggat.models import Pengingat
        from tenggat.proses import proses_pemda

        settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
        with scopes_disabled():
            pemda = Pemda.objects.get(slug="sumedang")
            seorang = Pegawai.objects.filter(pemda=pemda).first()
            n_pegawai = Pegawai.objects.filter(pemda=pemda).count()
        periode, admin, n_evaluasi, pd_id = _bench_evaluasi.siapkan_periode(seorang)
        seed_s = round(time.perf_counter() - t0, 1)

        def get(client, path):
            def _get():
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)

            return _get

        def ukur(path):
            client = Client()
            client.force_login(admin)
            get(client, path)()  # warm-up: session, calendar cache
            return ringkas(*waktu(get(client, path), options.requests))

        q = f"?tahun={periode.tahun}&periode={periode.pk}"
        hasil = {}
        for nama, path in (
            ("kepatuhan", reverse("kepatuhan") + q),
            ("kepatuhan_pd", reverse("kepatuhan") + q + f"&pd={pd_id}"),
            ("api", reverse("api:kepatuhan") + q),
        ):
            hasil[nama] = {"url": path, **ukur(path)}

        proses = {}
        for putaran in ("pertama", "ulang"):
            jumlah = [0]

            def hitung(execute, sql, params, many, context, jumlah=jumlah):
                jumlah[0] += 1
                return execute(sql, params, many, context)

            with connection.execute_wrapper(hitung):  # the test Client's log keeps only 9,000 queries
                mulai = time.perf_counter()
                h = proses_pemda(pemda.pk, tanggal_proses)
                detik = time.perf_counter() - mulai
            proses[putaran] = {
                "s": round(detik, 1),
                "kewajiban": h.kewajiban,
                "pengingat": h.pengingat,
                "eskalasi": h.eskalasi,
                "queries": jumlah[0],
            }
        with tenant_context(pemda.pk):
            n_pengingat = Pengingat.objects.count()

    result = {
        "benchmark": "tenggat",
        "database": url.split(":", 1)[0],
        "pegawai": n_pegawai,
        "evaluasi_periode": n_evaluasi,
        "periode": periode.label,
        "requests": options.requests,
        "seed_s": seed_s,
        **hasil,
        "proses_pemda": {"tanggal": tanggal_proses.isoformat(), "pengingat_tersimpan": n_pengingat, **proses},
    }
    print(f"{'halaman':<14} {'median ms':>10} {'p90 ms':>10} {'kueri':>6}  url")
    for nama, h in hasil.items():
        print(f"{nama:<14} {h['median_ms']:>10} {h['p90_ms']:>10} {h['queries']:>6}  {h['url']}")
    print(
        f"{'proses_pemda':<14} {'detik':>10} {'kewajiban':>10} {'pengingat':>10} {'eskalasi':>9} {'kueri':>8}"
    )
    for putaran, p in proses.items():
        print(
            f"  {putaran:<12} {p['s']:>10} {p['kewajiban']:>10} {p['pengingat']:>10} {p['eskalasi']:>9} "
            f"{p['queries']:>8}"
        )
    simpan("tenggat", result)
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"# {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
