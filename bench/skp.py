"""Benchmark: server time of the Penilai's inbox and the SKP page, and the render time of one A.1.7 PDF (issue 3).

    .venv/bin/python bench/skp.py [--pegawai 300] [--skp 40] [--requests 30] [--renders 5] [--database-url URL]

Seeds a throwaway SQLite file (or the disposable PostgreSQL database given) with `seed_demo --pegawai N
--pemda sumedang`, then drafts, submits, approves and signs a few dozen SKPs through the services, as the
Pegawai and their Penilai would. Django's test Client then requests, as that Penilai, `/skp/menunggu/` (the
inbox) and `/skp/<pk>/` (an SKP page) N times each; the selectors behind them (inbox_penilai, skp_lengkap) are
timed the same way. Reports the median and 90th percentile in ms and the SQL query count of each, and the
median time to render one A.1.7 PDF (WeasyPrint, from the frozen HTML). Prints one JSON line and writes it to
bench/results/skp.json.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bersama import simpan

ROOT = Path(__file__).resolve().parent.parent


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def siapkan_django(tmp: str, database_url: str, *perintah: list[str]):
    """Migrate a database (`database_url`, else SQLite in `tmp`), run the seed commands `perintah`, then set
    Django up in this process on that database, as the benchmarks of every stage do."""
    url = database_url or f"sqlite:///{tmp}/bench.sqlite3"
    env = os.environ | {"DEBUG": "1", "DATABASE_URL": url, "MEDIA_ROOT": f"{tmp}/media"}
    env.pop("REDIS_URL", None)
    manage(env, "migrate", "--noinput", "-v0")
    for args in perintah:
        manage(env, *args)
    os.environ.update({k: env[k] for k in ("DEBUG", "DATABASE_URL", "MEDIA_ROOT")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test Client's host and response context
    return url


def waktu(fungsi, n: int) -> tuple[list[float], int]:
    """Milliseconds of each of `n` calls, and the SQL queries of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hasil = []
    for _ in range(n):
        with CaptureQueriesContext(connection) as kueri:
            mulai = time.perf_counter()
            fungsi()
            hasil.append((time.perf_counter() - mulai) * 1000)
    return hasil, len(kueri.captured_queries)


def ringkas(ms: list[float], kueri: int) -> dict:
    urut = sorted(ms)
    return {
        "median_ms": round(statistics.median(urut), 1),
        "p90_ms": round(urut[max(0, int(len(urut) * 0.9) - 1)], 1),
        "queries": kueri,
    }


def siapkan(n_skp: int):
    """Draft and submit `n_skp` SKPs (the busiest Penilai's subordinates first), approve a third, have the
    Pegawai sign half of those. Returns (the Penilai's account, one of her submitted SKPs, one approved)."""
    from django.core.exceptions import PermissionDenied, ValidationError
    from django_scopes import scopes_disabled

    from kinerja.models import Pemda, PengaturanPemda, User
    from kinerja.scoping import tenant_context
    from kinerja.selectors.penilai import Struktur
    from kinerja.services.seed import DEMO_PASSWORD
    from skp import services
    from skp import waktu as skp_waktu
    from skp.models import AspekIki, JenisRhk

    with scopes_disabled():
        pemda = Pemda.objects.get(slug="sumedang")
    with tenant_context(pemda.pk):
        hari = skp_waktu.hari_ini(pemda.pk)
        pengaturan = PengaturanPemda.objects.get(pemda=pemda)
        pendekatan = (
            "kuantitatif"
            if "kuantitatif" in pengaturan.pendekatan_hasil_kerja
            else (pengaturan.pendekatan_hasil_kerja[0])
        )
        akun = {
            u.pegawai_id: u for u in User.objects.filter(pemda=pemda, pegawai__isnull=False, is_active=True)
        }
        struktur = Struktur.for_pemda(pemda_id=pemda.pk, tanggal=hari)
        bawahan = {pid: [b for b in struktur.dinilai_oleh(pid) if b in akun] for pid in akun}
        penilai_id = max(bawahan, key=lambda pid: len(bawahan[pid]))
        urutan = bawahan[penilai_id] + [pid for pid in akun if pid not in bawahan[penilai_id]]
        dibuat = []
        for pid in urutan:
            if len(dibuat) >= n_skp:
                break
            user = akun[pid]
            try:
                skp = services.skp_buat(pegawai=user.pegawai, tahun=hari.year, pendekatan=pendekatan, by=user)
                for r in range(3):
                    rhk = services.rhk_tambah(
                        skp=skp,
                        jenis=JenisRhk.UTAMA if r < 2 else JenisRhk.TAMBAHAN,
                        teks=f"Rencana hasil kerja {r + 1}: layanan {user.pegawai.nama} terselesaikan",
                        by=user,
                    )
                    for i, aspek in enumerate((AspekIki.KUANTITAS, AspekIki.KUALITAS, AspekIki.WAKTU)):
                        services.iki_tambah(
                            rhk=rhk,
                            teks=f"Indikator {r + 1}.{i + 1} tercapai",
                            by=user,
                            aspek=aspek,
                            target_angka=10 + i,
                            target_satuan="dokumen",
                            target_teks="Tercapai sesuai rencana",
                        )
                skp = services.skp_ajukan(skp=skp, by=user)
            except (ValidationError, PermissionDenied):
                continue  # exempt, no placement, no Penilai in the tree: not this benchmark's subject
            dibuat.append((pid, skp))
        penilai = akun[penilai_id]
        milik = [skp for pid, skp in dibuat if pid in bawahan[penilai_id]]
        disetujui = []
        for n, skp in enumerate(milik):
            if n % 3 == 0:
                services.skp_setujui(skp=skp, by=penilai)
                disetujui.append(skp)
                if n % 2 == 0:
                    services.skp_tanda_tangan_pegawai(
                        skp=skp, by=akun[skp.pegawai_id], password=DEMO_PASSWORD
                    )
        diajukan = next(skp for skp in milik if skp not in disetujui)
        return penilai, diajukan, disetujui[0], len(dibuat), len(milik)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=300)
    parser.add_argument("--skp", type=int, default=40)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--renders", type=int, default=5)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
        )
        from django.test import Client

        from dokumen import render
        from dokumen.models import Dokumen
        from dokumen.selectors import dokumen_berlaku
        from kinerja.scoping import tenant_context
        from skp.selectors import inbox_penilai, skp_lengkap

        mulai = time.perf_counter()
        penilai, diajukan, disetujui, n_skp, n_milik = siapkan(options.skp)
        detik_siapkan = time.perf_counter() - mulai

        client = Client()
        client.force_login(penilai)

        def get(path):
            def _get():
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)

            return _get

        client.get("/skp/menunggu/")  # warm-up: templates compiled, session loaded
        client.get(f"/skp/{diajukan.pk}/")
        inbox = ringkas(*waktu(get("/skp/menunggu/"), options.requests))
        halaman = ringkas(*waktu(get(f"/skp/{diajukan.pk}/"), options.requests))
        with tenant_context(penilai.pemda_id):
            inbox["tugas"] = len(inbox_penilai(penilai))
            sel_inbox = ringkas(*waktu(lambda: inbox_penilai(penilai), options.requests))
            sel_skp = ringkas(*waktu(lambda: skp_lengkap(diajukan.pk), options.requests))
            dokumen = dokumen_berlaku(disetujui, "A.1.7")
            html = Dokumen.objects.values_list("html", flat=True).get(pk=dokumen.pk)
            render.html_ke_pdf(html)  # warm-up: fonts loaded
            ms, _ = waktu(lambda: render.html_ke_pdf(html), options.renders)
            pdf = render.html_ke_pdf(html)

    result = {
        "benchmark": "skp",
        "database": url.split(":", 1)[0],
        "pegawai": options.pegawai,
        "skp": n_skp,
        "skp_of_the_penilai": n_milik,
        "seconds_to_prepare_skp": round(detik_siapkan, 1),
        "inbox_view": inbox,
        "skp_view": halaman,
        "inbox_selector": sel_inbox,
        "skp_lengkap_selector": sel_skp,
        "a17_render": {
            "median_ms": round(statistics.median(ms), 1),
            "renders": options.renders,
            "pdf_kb": round(len(pdf) / 1024, 1),
        },
    }
    simpan("skp", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
