"""Benchmark: the Penilai's rating page with 60 Pegawai and BKPSDM's overview of a period of 20,000 Pegawai
(issue 5).

    .venv/bin/python bench/evaluasi.py [--pegawai 20000] [--tim 60] [--requests 20] [--database-url URL]

Seeds a throwaway SQLite file (or the disposable PostgreSQL database given) with `seed_demo --pemda sumedang`
and `seed_demo_pelaksanaan`, grows the demo Penilai's team to `--tim` Pegawai with set SKPs and realisasi
(bench/pelaksanaan.py's helper), opens the last ended month through the service (its evaluations: the Pegawai
with a set SKP), then writes one evaluation row for every other placed Pegawai in a spread of states (rated,
signed, signed by both, by the Atasan, exempt; bulk_create: they are the data, not what is measured). Django's
test Client then requests N times each, as the Penilai, the rating page (`evaluasi_penilai`, made in
evaluasi/views/penilaian.py; skipped when absent) and, as BKPSDM, the overview of the period
(`evaluasi_periode_detail`) and its drill-down into the largest Perangkat Daerah. Reports median and 90th
percentile in ms and the SQL query count; prints a table and one JSON line, written to
bench/results/evaluasi.json.
"""

import argparse
import sys
import tempfile
import time

from bersama import muat as _muat
from bersama import simpan

_bench_skp = _muat("bench_skp", "skp.py")
_bench_pelaksanaan = _muat("bench_pelaksanaan", "pelaksanaan.py")
ROOT, manage, ringkas, waktu = _bench_skp.ROOT, _bench_skp.manage, _bench_skp.ringkas, _bench_skp.waktu
siapkan_django = _bench_skp.siapkan_django


def siapkan_periode(penilai):
    """Open the last ended month for the Pemda and fill it to one evaluation per placed Pegawai. Returns
    (the period, BKPSDM's account, evaluations in it, the largest Perangkat Daerah's id)."""
    from django.db.models import Count
    from django.utils import timezone

    from evaluasi.models import Evaluasi, PeriodeEvaluasi, StatusEvaluasi
    from evaluasi.services import periode as periode_services
    from kinerja.models import Penempatan, UnitKerja, User
    from kinerja.scoping import tenant_context
    from kinerja.selectors.penilai import Struktur
    from kinerja.selectors.periode import berlaku
    from skp import waktu as skp_waktu

    pemda_id = penilai.pemda_id
    with tenant_context(pemda_id):
        hari = skp_waktu.hari_ini(pemda_id)
        bulan = hari.month if hari.day == skp_waktu.akhir_bulan(hari.year, hari.month).day else hari.month - 1
        admin = User.objects.filter(pemda_id=pemda_id, is_admin_bkpsdm=True, is_active=True).first()
        periode = PeriodeEvaluasi.objects.filter(jenis="bulanan", nomor=bulan, tahun=hari.year).first()
        if periode is None:
            periode = periode_services.buka_periode(
                pemda_id=pemda_id, jenis="bulanan", nomor=bulan, tahun=hari.year, by=admin
            )
        ada = set(Evaluasi.objects.filter(periode=periode).values_list("pegawai_id", flat=True))
        struktur = Struktur.for_pemda(pemda_id=pemda_id, tanggal=periode.selesai)
        unit_pegawai = dict(
            berlaku(Penempatan.objects.all(), periode.selesai).values_list("pegawai_id", "jabatan__unit_id")
        )
        kini = timezone.now()
        predikat = ["baik", "sangat_baik", "baik", "butuh_perbaikan", "baik", "kurang", "sangat_kurang"]
        baru = []
        for i, pegawai_id in enumerate(sorted(set(unit_pegawai) - ada)):
            rantai = struktur.rantai(pegawai_id)
            p = rantai.penilai
            keadaan = i % 6
            nilai = {}
            if keadaan in (1, 2, 3, 4):
                nilai = {
                    "predikat": predikat[i % len(predikat)],
                    "rating_hasil": "sesuai",
                    "rating_perilaku": "sesuai",
                }
            status = [
                StatusEvaluasi.BELUM_DINILAI,
                StatusEvaluasi.DINILAI,
                StatusEvaluasi.MENUNGGU_PEGAWAI,
                StatusEvaluasi.SELESAI,
                StatusEvaluasi.SELESAI,
                StatusEvaluasi.DIKECUALIKAN,
            ][keadaan]
            baru.append(
                Evaluasi(
                    pemda_id=pemda_id,
                    periode=periode,
                    pegawai_id=pegawai_id,
                    penilai_id=p.pegawai_id if p else None,
                    atasan_penilai_id=rantai.atasan_penilai.pegawai_id if rantai.atasan_penilai else None,
                    unit_id=(p.unit_id if p and p.unit_id else unit_pegawai.get(pegawai_id)),
                    status=status,
                    alasan_pengecualian="Benchmark: cuti besar selama periode." if keadaan == 5 else "",
                    ditandatangani_penilai_pada=kini if keadaan in (2, 3, 4) else None,
                    ditandatangani_pegawai_pada=kini if keadaan in (3, 4) else None,
                    oleh_atasan=keadaan == 4,
                    **nilai,
                )
            )
        Evaluasi.objects.bulk_create(baru, batch_size=2000)
        jumlah = Evaluasi.objects.filter(periode=periode).count()
        pd = (
            Evaluasi.objects.filter(periode=periode, unit__isnull=False)
            .values("unit__path")
            .annotate(n=Count("pk"))
            .order_by("-n")
            .first()
        )
        akar = int(pd["unit__path"].strip("/").split("/")[0])
        assert UnitKerja.objects.filter(pk=akar, parent__isnull=True).exists()
    return periode, admin, jumlah, akar


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--tim", type=int, default=60)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
            ["seed_demo_pelaksanaan", "--pemda", "sumedang"],
        )
        from django.test import Client
        from django.urls import NoReverseMatch, reverse

        penilai, _, n_tim, _ = _bench_pelaksanaan.siapkan(options.tim)
        periode, admin, n_evaluasi, pd_id = siapkan_periode(penilai)
        seed_s = round(time.perf_counter() - t0, 1)

        def get(client, path):
            def _get():
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)

            return _get

        def ukur(user, path):
            client = Client()
            client.force_login(user)
            get(client, path)()  # warm-up: session, caches
            return ringkas(*waktu(get(client, path), options.requests))

        hasil = {}
        try:
            url_penilai = f"{reverse('evaluasi_penilai')}?periode={periode.pk}"
        except NoReverseMatch:
            url_penilai = None
            hasil["penilai"] = {"skipped": "evaluasi_penilai belum ada"}
        if url_penilai:
            hasil["penilai"] = {"url": url_penilai, **ukur(penilai, url_penilai)}
        url_ringkasan = reverse("evaluasi_periode_detail", args=[periode.pk])
        hasil["ringkasan"] = {"url": url_ringkasan, **ukur(admin, url_ringkasan)}
        hasil["ringkasan_pd"] = {
            "url": f"{url_ringkasan}?pd={pd_id}",
            **ukur(admin, f"{url_ringkasan}?pd={pd_id}"),
        }
        url_periode = f"{reverse('evaluasi_periode_list')}?tahun={periode.tahun}"
        hasil["periode_list"] = {"url": url_periode, **ukur(admin, url_periode)}

    result = {
        "benchmark": "evaluasi",
        "database": url.split(":", 1)[0],
        "pegawai": options.pegawai,
        "evaluasi_periode": n_evaluasi,
        "periode": periode.label,
        "tim": n_tim,
        "requests": options.requests,
        "seed_s": seed_s,
        **hasil,
    }
    print(f"{'halaman':<16} {'median ms':>10} {'p90 ms':>10} {'kueri':>6}  url")
    for nama, h in hasil.items():
        if "skipped" in h:
            print(f"{nama:<16} {'-':>10} {'-':>10} {'-':>6}  ({h['skipped']})")
        else:
            print(f"{nama:<16} {h['median_ms']:>10} {h['p90_ms']:>10} {h['queries']:>6}  {h['url']}")
    simpan("evaluasi", result)
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"# {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
