"""Benchmark: the Penilai's team view with 60 Pegawai, one SKP's pelaksanaan overview, and one rekaman B.1.5 (issue 4).

    .venv/bin/python bench/pelaksanaan.py [--pegawai 300] [--tim 60] [--requests 20] [--renders 5] [--database-url URL]

Seeds a throwaway SQLite file (or the disposable PostgreSQL database given) with `seed_demo --pemda sumedang`
and `seed_demo_pelaksanaan` (the demo chain's SKPs with a year of realisasi, feedback and a coaching, made
through the services). To reach a team of `--tim`, BKPSDM corrections (KoreksiPenilai) put more Pegawai under
the demo Penilai and each gets a set SKP with 3 IKI and this year's monthly realisasi (rows written directly:
they are the data, not what is measured). Django's test Client then requests, as that Penilai,
`/pelaksanaan/tim/` and `/pelaksanaan/skp/<pk>/` N times each; reports median and 90th percentile in ms and the
SQL query count, and the median time to build and render the demo Pegawai's rekaman B.1.5 of the last ended
month. Prints one JSON line and writes it to bench/results/pelaksanaan.json.
"""

import argparse
import datetime
import statistics
import sys
import tempfile
import time
from decimal import Decimal

from bersama import muat, simpan

# The helpers of bench/skp.py (loaded by path: its module name would shadow the `skp` app).
_bench_skp = muat("bench_skp", "skp.py")
ROOT, manage, ringkas, waktu = _bench_skp.ROOT, _bench_skp.manage, _bench_skp.ringkas, _bench_skp.waktu
siapkan_django = _bench_skp.siapkan_django


def anggota_tim(pemda, rantai, pegawai, hari) -> tuple:
    """`pegawai` joined to the demo Penilai's team (a BKPSDM correction from 1 January) with a set SKP of one
    RHK of three IKI for `hari`'s year. Returns (the SKP, its IKI)."""
    from kinerja.models import KoreksiPenilai
    from skp.models import Iki, Rhk, Skp, StatusSkp

    KoreksiPenilai.objects.create(
        pemda=pemda,
        pegawai=pegawai,
        penilai_id=rantai.penilai,
        atasan_penilai_id=rantai.atasan_penilai,
        mulai=datetime.date(hari.year, 1, 1),
        alasan="Benchmark: tim Penilai diperbesar.",
    )
    penempatan = pegawai.penempatan.filter(selesai__isnull=True).select_related("jabatan").first()
    skp = Skp.objects.create(
        pemda=pemda,
        pegawai=pegawai,
        tahun=hari.year,
        jenis="administrasi",
        pendekatan="kuantitatif",
        status=StatusSkp.DITETAPKAN,
        ditetapkan_sebagai="penilai",
        jabatan=penempatan.jabatan,
        unit=penempatan.jabatan.unit,
        penilai_id=rantai.penilai,
        periode_mulai=datetime.date(hari.year, 1, 1),
        periode_selesai=datetime.date(hari.year, 12, 31),
    )
    rhk = Rhk.objects.create(pemda=pemda, skp=skp, jenis="utama", teks="Layanan terselesaikan")
    iki = [
        Iki.objects.create(
            pemda=pemda,
            rhk=rhk,
            teks=f"Indikator {j + 1}",
            aspek="kuantitas",
            target_angka=12,
            target_satuan="dokumen",
        )
        for j in range(3)
    ]
    return skp, iki


def siapkan(n_tim: int):
    """The demo Penilai's team grown to `n_tim` Pegawai with set SKPs and realisasi. Returns (Penilai's
    account, the demo Pegawai's SKP, the team size)."""
    from django_scopes import scopes_disabled

    from kinerja.models import Pegawai, Pemda, User
    from kinerja.scoping import tenant_context
    from kinerja.services.seed import rantai_demo
    from skp import waktu as skp_waktu
    from skp.selectors import skp_berlaku_pada
    from umpanbalik import periode
    from umpanbalik.models import Realisasi
    from umpanbalik.selectors.progres import tim

    with scopes_disabled():
        pemda = Pemda.objects.get(slug="sumedang")
    with tenant_context(pemda.pk):
        hari = skp_waktu.hari_ini(pemda.pk)
        rantai = rantai_demo(pemda.pk)
        penilai = User.objects.get(pegawai_id=rantai.penilai)
        demo_skp = skp_berlaku_pada(Pegawai.objects.get(pk=rantai.pegawai), hari)
        sudah, _ = tim(penilai, tanggal=hari)
        kurang = max(0, n_tim - len(sudah))
        calon = (
            Pegawai.objects.exclude(pk__in=[s.pegawai_id for s in sudah] + list(rantai))
            .filter(penempatan__selesai__isnull=True, penempatan__jabatan__memimpin_unit=False)
            .order_by("nip")[:kurang]
        )
        bulan_lewat = [p for p in periode.semua("bulanan", hari.year) if p.selesai < hari]
        for i, p in enumerate(calon):
            skp, iki_skp = anggota_tim(pemda, rantai, p, hari)
            for j, iki in enumerate(iki_skp):
                Realisasi.objects.bulk_create(
                    Realisasi(
                        pemda=pemda,
                        skp=skp,
                        iki=iki,
                        jenis_periode="bulanan",
                        nomor_periode=b.nomor,
                        nilai=Decimal(b.nomor * (0.7 + 0.1 * ((i + j) % 5))),
                        dibuat_oleh=penilai,
                    )
                    for b in bulan_lewat
                )
        return penilai, demo_skp, len(tim(penilai, tanggal=hari)[0]), hari


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=300)
    parser.add_argument("--tim", type=int, default=60)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--renders", type=int, default=5)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
            ["seed_demo_pelaksanaan", "--pemda", "sumedang"],
        )
        from django.test import Client

        from kinerja.scoping import tenant_context
        from umpanbalik import documents
        from umpanbalik.selectors.progres import periode_acuan

        penilai, demo_skp, n_tim, hari = siapkan(options.tim)
        client = Client()
        client.force_login(penilai)

        def get(path):
            def _get():
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)

            return _get

        client.get("/pelaksanaan/tim/")
        client.get(f"/pelaksanaan/skp/{demo_skp.pk}/")
        tim_view = ringkas(*waktu(get("/pelaksanaan/tim/"), options.requests))
        ringkasan_view = ringkas(*waktu(get(f"/pelaksanaan/skp/{demo_skp.pk}/"), options.requests))
        with tenant_context(penilai.pemda_id):
            from kinerja.models import PengaturanPemda

            acuan = periode_acuan(PengaturanPemda.objects.get(pemda_id=penilai.pemda_id), hari)
            documents.pdf_rekaman(demo_skp, acuan, by=penilai)  # warm-up: fonts loaded
            ms, kueri = waktu(lambda: documents.pdf_rekaman(demo_skp, acuan, by=penilai), options.renders)
            pdf = documents.pdf_rekaman(demo_skp, acuan, by=penilai)

    result = {
        "benchmark": "pelaksanaan",
        "database": url.split(":", 1)[0],
        "pegawai": options.pegawai,
        "tim": n_tim,
        "tim_view": tim_view,
        "ringkasan_view": ringkasan_view,
        "rekaman_b15": {
            "periode": acuan.kode,
            "median_ms": round(statistics.median(ms), 1),
            "queries": kueri,
            "renders": options.renders,
            "pdf_kb": round(len(pdf) / 1024, 1),
        },
    }
    simpan("pelaksanaan", result)
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"# {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
