"""Benchmark: the pages people wait on at the January rush (issue 7): server time p50/p95 and SQL queries of the
SKP edit page, the Penilai's inbox and rating page with `--tim` Pegawai, and BKPSDM's overview of a period of the
whole Pemda; each page's query count also on a small Pemda, to show it does not grow with the Pegawai.

    .venv/bin/python bench/halaman.py [--pegawai 20000] [--tim 60] [--requests 40]
        [--kecil-pegawai 500] [--kecil-tim 5] [--redis-url redis://127.0.0.1:6379/15] [--database-url URL]

Seeds a throwaway SQLite file (or the disposable PostgreSQL database given) with two Pemda: Sumedang with
`--pegawai` and Indragiri Hulu with `--kecil-pegawai` (`seed_demo`, `seed_demo_pelaksanaan`). In each, the demo Penilai's
team is grown to `--tim` (`--kecil-tim`) Pegawai with set SKPs (bench/pelaksanaan.py's way), the last ended month
is opened with one evaluation per placed Pegawai (bench/evaluasi.py's helper), and every team member but one has
next year's SKP submitted to the Penilai (her inbox); the one left has next year's SKP in draft with 5 RHK of 3
IKI (the edit page). Rows are written directly: they are the data, not what is measured. With `--redis-url` the
cache is that Redis database (flushed first), else Django's in-process cache.

On PostgreSQL the schema is emptied first and ANALYZE runs after the setup. Django's test Client, logged in as
each user (without the test environment's template hook), warms each page once and then times `--requests`
requests. The table gives p50/p95 in ms (with this process's CPU ms, p50, and the machine's load average: on a
shared machine the wall time carries the other processes' load) and the query count on both Pemda, with a
verdict per target (p95 < 150 ms; the same query count small and large). One JSON line is printed and written to bench/results/halaman.json.
"""

import argparse
import datetime
import os
import sys
import tempfile
import time

from bersama import muat as _muat
from bersama import simpan

_bench_skp = _muat("bench_skp", "skp.py")
_bench_evaluasi = _muat("bench_evaluasi", "evaluasi.py")
_bench_pelaksanaan = _muat("bench_pelaksanaan", "pelaksanaan.py")
ROOT, waktu, siapkan_django = _bench_skp.ROOT, _bench_skp.waktu, _bench_skp.siapkan_django

BATAS_P95_MS = 150


def persentil(ms: list[float], p: float) -> float:
    urut = sorted(ms)
    return round(urut[min(len(urut) - 1, max(0, round(p / 100 * len(urut)) - 1))], 1)


def siapkan_tim(slug: str, n_tim: int):
    """The demo Penilai of Pemda `slug` with a team of `n_tim` Pegawai holding set SKPs (bench/pelaksanaan.py's
    way, without the realisasi). Returns (the Penilai's account, the team's Pegawai ids)."""
    from django_scopes import scopes_disabled

    from kinerja.models import Pegawai, Pemda, User
    from kinerja.scoping import tenant_context
    from kinerja.services.seed import rantai_demo
    from skp import waktu as skp_waktu
    from umpanbalik.selectors.progres import tim

    with scopes_disabled():
        pemda = Pemda.objects.get(slug=slug)
    with tenant_context(pemda.pk):
        hari = skp_waktu.hari_ini(pemda.pk)
        rantai = rantai_demo(pemda.pk)
        penilai = User.objects.get(pegawai_id=rantai.penilai)
        sudah, _ = tim(penilai, tanggal=hari)
        kurang = max(0, n_tim - len(sudah))
        calon = (
            Pegawai.objects.exclude(pk__in=[s.pegawai_id for s in sudah] + list(rantai))
            .filter(penempatan__selesai__isnull=True, penempatan__jabatan__memimpin_unit=False)
            .filter(akun__isnull=False)
            .order_by("nip")[:kurang]
        )
        for p in calon:
            _bench_pelaksanaan.anggota_tim(pemda, rantai, p, hari)
        anggota = [s.pegawai_id for s in tim(penilai, tanggal=hari)[0]]
    return penilai, anggota


def siapkan_tahun_depan(penilai, anggota: list[int]):
    """Next year's SKPs of the team: submitted to the Penilai (her inbox) for all but one, in draft with 5 RHK
    of 3 IKI for that one (the edit page). Returns (the draft owner's account, the draft)."""
    from django.utils import timezone

    from kinerja.models import Penempatan, User
    from kinerja.scoping import tenant_context
    from kinerja.selectors.periode import berlaku
    from skp import waktu as skp_waktu
    from skp.models import AspekIki, Iki, Rhk, Skp, StatusSkp

    pemda_id = penilai.pemda_id
    with tenant_context(pemda_id):
        hari = skp_waktu.hari_ini(pemda_id)
        tahun = hari.year + 1
        akun = {u.pegawai_id: u for u in User.objects.filter(pegawai_id__in=anggota, is_active=True)}
        jabatan = {
            p.pegawai_id: p.jabatan
            for p in berlaku(Penempatan.objects.filter(pegawai_id__in=anggota), hari).select_related(
                "jabatan"
            )
        }
        pemilik = next(pid for pid in anggota if pid in akun and pid in jabatan)
        kini = timezone.now()
        draf = None
        for n, pid in enumerate(pid for pid in anggota if pid in jabatan):
            if Skp.objects.filter(pegawai_id=pid, tahun=tahun).exists():
                continue
            skp = Skp.objects.create(
                pemda_id=pemda_id,
                pegawai_id=pid,
                tahun=tahun,
                jenis="administrasi",
                pendekatan="kuantitatif",
                status=StatusSkp.DRAFT if pid == pemilik else StatusSkp.DIAJUKAN,
                jabatan=jabatan[pid],
                unit_id=jabatan[pid].unit_id,
                penilai_id=penilai.pegawai_id,
                periode_mulai=datetime.date(tahun, 1, 1),
                periode_selesai=datetime.date(tahun, 12, 31),
                diajukan_pada=None if pid == pemilik else kini - datetime.timedelta(minutes=n),
            )
            for r in range(5 if pid == pemilik else 2):
                rhk = Rhk.objects.create(
                    pemda_id=pemda_id,
                    skp=skp,
                    jenis="utama" if r < 3 else "tambahan",
                    teks=f"Rencana hasil kerja {r + 1}: layanan terselesaikan tepat waktu",
                )
                for i, aspek in enumerate((AspekIki.KUANTITAS, AspekIki.KUALITAS, AspekIki.WAKTU)):
                    Iki.objects.create(
                        pemda_id=pemda_id,
                        rhk=rhk,
                        teks=f"Indikator {r + 1}.{i + 1} tercapai",
                        aspek=aspek,
                        target_angka=10 + i,
                        target_satuan="dokumen",
                        target_teks="Tercapai sesuai rencana",
                    )
            if pid == pemilik:
                draf = skp
        if draf is None:
            draf = Skp.objects.get(pegawai_id=pemilik, tahun=tahun)
    return akun[pemilik], draf


def siapkan(slug: str, n_tim: int) -> dict:
    """One Pemda's users and URLs of the four pages."""
    from django.urls import reverse

    penilai, anggota = siapkan_tim(slug, n_tim)
    periode, admin, n_evaluasi, _ = _bench_evaluasi.siapkan_periode(penilai)
    pemilik, draf = siapkan_tahun_depan(penilai, anggota)
    return {
        "tim": len(anggota),
        "evaluasi_periode": n_evaluasi,
        "halaman": {
            "skp_ubah": (pemilik, reverse("skp_detail", args=[draf.pk])),
            "inbox": (penilai, reverse("skp_menunggu")),
            "penilaian": (penilai, f"{reverse('evaluasi_penilai')}?periode={periode.pk}"),
            "ringkasan_bkpsdm": (admin, reverse("evaluasi_periode_detail", args=[periode.pk])),
        },
    }


def kosongkan(database_url: str):
    """An empty schema: a second run's `seed_demo --reset` trips over the rows this script wrote directly."""
    import psycopg2

    conn = psycopg2.connect(database_url)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE")
        cursor.execute("CREATE SCHEMA public")
    conn.close()


def ukur(user, path: str, n: int) -> dict:
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    get()  # warm-up: session, templates, per-Pemda caches
    cpu = []

    def get_cpu():
        mulai = time.process_time()
        get()
        cpu.append((time.process_time() - mulai) * 1000)

    ms, kueri = waktu(get_cpu, n)
    return {
        "url": path,
        "p50_ms": persentil(ms, 50),
        "p95_ms": persentil(ms, 95),
        "cpu_p50_ms": persentil(cpu, 50),  # this process's CPU: what the load of other processes does not add
        "queries": kueri,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--tim", type=int, default=60)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--kecil-pegawai", type=int, default=500)
    parser.add_argument("--kecil-tim", type=int, default=5)
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        if options.redis_url:
            os.environ["REDIS_URL"] = options.redis_url  # read by settings when Django is set up below
        else:
            os.environ.pop("REDIS_URL", None)
        if options.database_url.startswith("postgres"):
            kosongkan(options.database_url)
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
            ["seed_demo_pelaksanaan", "--pemda", "sumedang"],
            ["seed_demo", "--pegawai", str(options.kecil_pegawai), "--pemda", "indragiri-hulu", "--reset"],
            ["seed_demo_pelaksanaan", "--pemda", "indragiri-hulu"],
        )
        from django.core.cache import cache
        from django.db import connection
        from django.template import Template
        from django.test.utils import _TestState

        # Server time as in production: without the test environment's hook that copies every template's
        # context for response.context (a form widget is a template: it doubled the SKP page's time).
        Template._render = _TestState.saved_data.template_render
        cache.clear()
        besar = siapkan("sumedang", options.tim)
        kecil = siapkan("indragiri-hulu", options.kecil_tim)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "ANALYZE"
                )  # planner statistics after the bulk load, as autovacuum would leave them
        seed_s = round(time.perf_counter() - t0, 1)

        hasil = {}
        beban_awal = os.getloadavg()[0]
        for nama, (user, path) in besar["halaman"].items():
            h = ukur(user, path, options.requests)
            k_user, k_path = kecil["halaman"][nama]
            h["queries_kecil"] = ukur(k_user, k_path, 2)["queries"]
            hasil[nama] = h

    target = []
    for nama, h in hasil.items():
        target.append(
            {
                "nama": f"{nama} p95",
                "nilai": h["p95_ms"],
                "satuan": "ms",
                "target": f"< {BATAS_P95_MS}",
                "ok": h["p95_ms"] < BATAS_P95_MS,
            }
        )
        target.append(
            {
                "nama": f"{nama} kueri ({options.pegawai}/{options.kecil_pegawai} Pegawai)",
                "nilai": h["queries"],
                "satuan": "kueri",
                "target": f"= {h['queries_kecil']} (Pemda kecil)",
                "ok": h["queries"] == h["queries_kecil"],
            }
        )
    result = {
        "benchmark": "halaman",
        "database": url.split(":", 1)[0],
        "cache": "redis" if options.redis_url else "locmem",
        "pegawai": options.pegawai,
        "tim": besar["tim"],
        "evaluasi_periode": besar["evaluasi_periode"],
        "kecil": {"pegawai": options.kecil_pegawai, "tim": kecil["tim"]},
        "requests": options.requests,
        "seed_s": seed_s,
        "load_avg": [round(beban_awal, 1), round(os.getloadavg()[0], 1)],  # 1-minute, before and after
        **hasil,
        "target": target,
    }
    print(
        f"{options.pegawai} Pegawai (tim {besar['tim']}) vs {options.kecil_pegawai} (tim {kecil['tim']}), "
        f"{result['database']}, cache {result['cache']}, {options.requests} requests, "
        f"load {result['load_avg'][0]} -> {result['load_avg'][1]} on {os.cpu_count()} cores"
    )
    print(f"{'halaman':<18} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>7} {'kueri':>6} {'kecil':>6}  verdict")
    for nama, h in hasil.items():
        meleset = []
        if h["p95_ms"] >= BATAS_P95_MS:
            meleset.append(f"p95 {h['p95_ms']} ms vs < {BATAS_P95_MS}")
        if h["queries"] != h["queries_kecil"]:
            meleset.append(f"kueri {h['queries']} vs {h['queries_kecil']}")
        verdict = "OK" if not meleset else "MELESET: " + "; ".join(meleset)
        print(
            f"{nama:<18} {h['p50_ms']:>8} {h['p95_ms']:>8} {h['cpu_p50_ms']:>7} {h['queries']:>6} "
            f"{h['queries_kecil']:>6}  {verdict}"
        )
    simpan("halaman", result)
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"# {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
