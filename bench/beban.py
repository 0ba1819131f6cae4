"""Load benchmark (issue 7): the ceiling, the SKP list API, the January rush of submissions, web worker memory.

    .venv/bin/python bench/beban.py --database-url postgres://postgres@127.0.0.1:5432/kinerja_bench_beban \\
        [--pegawai 20000] [--rush-detik 300] [--rush-per-menit 1000] [--wrk-detik 15] [--redis-db 13]

Seeds the disposable database with `seed_demo --pegawai N --pemda sumedang --reset`, then writes in bulk what
the load needs (the data, not what is measured): one SKP for most Pegawai in a mix of statuses (the list has
about N rows), and `rush_detik * rush_per_menit / 60` draft SKPs complete enough for `skp_ajukan` (one RHK
utama with one IKI), each owned by a distinct Pegawai with an API token. Then, on 127.0.0.1:
- the ceiling (bench/plafon.py: Django, no middleware, no database) and the app (kinerja.wsgi, DEBUG off,
  PostgreSQL, Redis cache) are served by gunicorn with the same gunicorn.conf.py;
- wrk --latency at 10 and 50 connections for `--wrk-detik` seconds each: the ceiling and `GET /api/skp/?page=N`
  (25 per page, pages spread by a Lua script) as an admin BKPSDM;
- the rush: an open-loop generator POSTs `/api/skp/<pk>/ajukan/` at a constant rate, each with the owner's own
  token; latency counted from the scheduled send time, so a slow server cannot slow the offered load;
- VmRSS/VmHWM of each app worker after the load.
The list and the submit are also run once in-process to print their SQL query count. Prints a table with a
verdict per target, one JSON line, and writes bench/results/beban.json (with the `target` list bench/semua.py
reads). Every server started here is stopped on the way out, also on error.
"""

import argparse
import importlib.util
import json
import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from http.client import HTTPConnection
from pathlib import Path

from bersama import muat as _muat

_dir = Path(__file__).resolve().parent


_bench_skp = _muat("bench_skp", "skp.py")
ROOT, siapkan_django = _bench_skp.ROOT, _bench_skp.siapkan_django

HOST = "127.0.0.1"
PORT_APP, PORT_PLAFON = 18480, 18481
WRK = "/usr/bin/wrk"
HASIL = ROOT / "bench" / "results"  # the JSON and the servers' logs (errors only), not committed


def database_baru(url: str):
    """Drop and create the (disposable) PostgreSQL database: `seed_demo --reset` cannot empty a Pemda holding
    this benchmark's bulk-written SKPs, and a fresh database is what a fresh clone measures anyway."""
    if not url.startswith("postgres"):
        return
    import psycopg2

    bagian = urllib.parse.urlsplit(url)
    nama = bagian.path.lstrip("/")
    conn = psycopg2.connect(bagian._replace(path="/postgres").geturl())
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{nama}"')
    conn.close()


# Data -----------------------------------------------------------------------------------------------------
def siapkan_data(n_rush: int):
    """Bulk-write one SKP for most placed Pegawai (mixed statuses) and `n_rush` complete drafts with tokens.
    Returns (admin BKPSDM's token, [(skp_id, token) of the drafts], SKP rows in the Pemda)."""
    from django.db import connection
    from django.utils import timezone
    from django_scopes import scopes_disabled
    from rest_framework.authtoken.models import Token

    from kinerja.models import Pemda, Penempatan, PengaturanPemda, RiwayatStatus, User
    from kinerja.scoping import tenant_context
    from kinerja.selectors.penilai import Struktur
    from kinerja.selectors.periode import berlaku
    from skp import waktu as skp_waktu
    from skp.models import AspekIki, Iki, JenisRhk, JenisSkp, Perspektif, Rhk, Skp, StatusSkp
    from skp.services.alur import jenis_untuk

    with scopes_disabled():
        pemda = Pemda.objects.get(slug="sumedang")
    with tenant_context(pemda.pk):
        hari = skp_waktu.hari_ini(pemda.pk)
        pengaturan = PengaturanPemda.objects.get(pemda=pemda)
        izin = pengaturan.pendekatan_hasil_kerja
        pendekatan = "kuantitatif" if "kuantitatif" in izin else izin[0]
        akun = dict(
            User.objects.filter(pemda=pemda, pegawai__isnull=False, is_active=True).values_list(
                "pegawai_id", "pk"
            )
        )
        admin = User.objects.filter(pemda=pemda, is_admin_bkpsdm=True, is_active=True).order_by("pk").first()
        dikecualikan = set(berlaku(RiwayatStatus.objects.all(), hari).values_list("pegawai_id", flat=True))
        sudah = set(Skp.objects.filter(tahun=hari.year).values_list("pegawai_id", flat=True))
        struktur = Struktur.for_pemda(pemda_id=pemda.pk, tanggal=hari)
        penempatan = {
            p.pegawai_id: p
            for p in berlaku(Penempatan.objects.select_related("jabatan"), hari).order_by("mulai")
        }
        kini = timezone.now()
        status_campur = [
            StatusSkp.DRAFT,
            StatusSkp.DIAJUKAN,
            StatusSkp.DIAJUKAN,
            StatusSkp.DISETUJUI,
            StatusSkp.DIKEMBALIKAN,
        ]
        baru, rush_pegawai = [], []
        for pegawai_id in sorted(penempatan):
            if pegawai_id in dikecualikan or pegawai_id in sudah:
                continue
            rantai = struktur.rantai(pegawai_id)
            if rantai.penilai is None:
                continue
            p = penempatan[pegawai_id]
            mulai = max(hari.replace(month=1, day=1), p.mulai)
            selesai = min(hari.replace(month=12, day=31), p.selesai or hari.replace(month=12, day=31))
            if selesai < mulai:
                continue
            rush = len(rush_pegawai) < n_rush and pegawai_id in akun
            status = StatusSkp.DRAFT if rush else status_campur[len(baru) % len(status_campur)]
            atasan = rantai.atasan_penilai
            baru.append(
                Skp(
                    pemda_id=pemda.pk,
                    pegawai_id=pegawai_id,
                    tahun=hari.year,
                    jenis=jenis_untuk(p.jabatan),
                    pendekatan=pendekatan,
                    status=status,
                    jabatan_id=p.jabatan_id,
                    unit_id=p.jabatan.unit_id,
                    penilai_id=rantai.penilai.pegawai_id,
                    penilai_kepala_daerah=rantai.penilai.is_kepala_daerah,
                    penilai_dasar=rantai.penilai.dasar,
                    atasan_penilai_id=atasan.pegawai_id if atasan else None,
                    atasan_penilai_kepala_daerah=bool(atasan and atasan.is_kepala_daerah),
                    identitas={},
                    periode_mulai=mulai,
                    periode_selesai=selesai,
                    dibuat_oleh_id=akun.get(pegawai_id),
                    diajukan_pada=kini if status != StatusSkp.DRAFT else None,
                    disetujui_pada=kini if status == StatusSkp.DISETUJUI else None,
                )
            )
            if rush:
                rush_pegawai.append(pegawai_id)
        Skp.objects.bulk_create(baru, batch_size=2000)
        rush_skp = [s for s in baru if s.pegawai_id in set(rush_pegawai)]
        rhk = [
            Rhk(
                pemda_id=pemda.pk,
                skp=s,
                jenis=JenisRhk.UTAMA,
                teks=f"Layanan unit terselesaikan tepat waktu ({s.pegawai_id})",
            )
            for s in rush_skp
        ]
        Rhk.objects.bulk_create(rhk, batch_size=2000)
        Iki.objects.bulk_create(
            [
                Iki(
                    pemda_id=pemda.pk,
                    rhk=r,
                    teks="Jumlah layanan yang diselesaikan",
                    aspek=AspekIki.KUANTITAS,
                    perspektif=Perspektif.PENERIMA_LAYANAN if r.skp.jenis == JenisSkp.JPT else "",
                    target_angka=12,
                    target_satuan="dokumen",
                    target_teks="Seluruh layanan selesai sesuai standar",
                )
                for r in rhk
            ],
            batch_size=2000,
        )
        Token.objects.filter(user_id__in=[admin.pk, *(akun[pid] for pid in rush_pegawai)]).delete()
        token = {
            uid: Token(user_id=uid, key=Token.generate_key())
            for uid in [admin.pk, *(akun[pid] for pid in rush_pegawai)]
        }
        Token.objects.bulk_create(token.values(), batch_size=2000)
        jumlah = Skp.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as autovacuum would after a bulk load: the planner sees 20k rows
    drafts = [(s.pk, token[akun[s.pegawai_id]].key) for s in rush_skp]
    return admin, token[admin.pk].key, drafts, jumlah


def kueri_sekali(token_admin: str, skp_id: int, token_pemilik: str) -> dict:
    """The list and the submit, once each, in-process: status and SQL query count (the same code as under
    gunicorn; DEBUG does not change the queries)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    hasil = {}
    client.get("/api/skp/?page=2", HTTP_AUTHORIZATION=f"Token {token_admin}")  # warm-up
    for nama, kirim in (
        ("list", lambda: client.get("/api/skp/?page=3", HTTP_AUTHORIZATION=f"Token {token_admin}")),
        (
            "ajukan",
            lambda: client.post(f"/api/skp/{skp_id}/ajukan/", HTTP_AUTHORIZATION=f"Token {token_pemilik}"),
        ),
    ):
        with CaptureQueriesContext(connection) as kueri:
            mulai = time.perf_counter()
            response = kirim()
            ms = (time.perf_counter() - mulai) * 1000
        assert response.status_code == 200, (nama, response.status_code, response.content[:500])
        hasil[nama] = {
            "status": response.status_code,
            "queries": len(kueri.captured_queries),
            "ms": round(ms, 1),
        }
        hasil[nama]["sql"] = [q["sql"][:160] for q in kueri.captured_queries]
    return hasil


# Servers --------------------------------------------------------------------------------------------------
def _tunggu_port(port: int, proses, batas: float = 60):
    akhir = time.monotonic() + batas
    while time.monotonic() < akhir:
        if proses.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited with {proses.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn on port {port} did not start in {batas} s")


def mulai_gunicorn(target: str, port: int, env: dict, log: Path, *extra: str):
    """Start gunicorn with the repository's gunicorn.conf.py; returns the master's Popen."""
    perintah = [
        str(Path(sys.executable).with_name("gunicorn")),
        "-c",
        str(ROOT / "gunicorn.conf.py"),
        "-b",
        f"{HOST}:{port}",
        *extra,
        target,
    ]
    proses = subprocess.Popen(
        perintah, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    _tunggu_port(port, proses)
    return proses


def hentikan(proses):
    """Stop a gunicorn master we started (it stops its workers), by its own pid."""
    if proses is None or proses.poll() is not None:
        return
    proses.send_signal(signal.SIGTERM)
    try:
        proses.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proses.kill()
        proses.wait()


def pekerja(master_pid: int) -> list[int]:
    anak = []
    for entri in Path("/proc").iterdir():
        if not entri.name.isdigit():
            continue
        try:
            status = (entri / "status").read_text()
        except OSError:
            continue
        if re.search(rf"^PPid:\s+{master_pid}$", status, re.M):
            anak.append(int(entri.name))
    return sorted(anak)


def memori(pid: int) -> dict:
    status = Path(f"/proc/{pid}/status").read_text()

    def mb(kunci):
        m = re.search(rf"^{kunci}:\s+(\d+) kB", status, re.M)
        return round(int(m.group(1)) / 1024, 1) if m else None

    return {"pid": pid, "rss_mb": mb("VmRSS"), "hwm_mb": mb("VmHWM")}


def tunggu_siap(port: int, path: str, headers: dict, batas: float = 60):
    """First requests load the code of each worker: one round before anything is measured."""
    akhir = time.monotonic() + batas
    while True:
        conn = HTTPConnection(HOST, port, timeout=30)
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status == 200:
            return
        if time.monotonic() > akhir:
            raise RuntimeError(f"{path} answered {response.status}")
        time.sleep(0.5)


# wrk ------------------------------------------------------------------------------------------------------
LUA = """
local halaman = {halaman}
local n = 0
request = function()
  n = n + 1
  local path = "{path}"
  if halaman > 0 then
    path = path .. "?page=" .. ((n * 7919 + math.random(0, halaman)) % halaman + 1)
  end
  return wrk.format("GET", path, {{["Authorization"] = "{auth}"}})
end
"""


def _ms(teks: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", teks.strip())
    angka, satuan = float(m.group(1)), m.group(2)
    return round(angka * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[satuan], 2)


def jalankan_wrk(port: int, path: str, koneksi: int, detik: int, tmp: str, auth: str = "", halaman: int = 0):
    skrip = Path(tmp) / f"wrk_{port}_{koneksi}.lua"
    skrip.write_text(LUA.format(halaman=halaman, path=path, auth=auth))
    keluaran = subprocess.run(
        [WRK, "-t2", f"-c{koneksi}", f"-d{detik}s", "--latency", "--timeout", "5s", "-s", str(skrip)]
        + [f"http://{HOST}:{port}{path}"],
        capture_output=True,
        text=True,
        timeout=detik + 60,
        check=True,
    ).stdout
    persen = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", keluaran, re.M))
    if "99" not in persen:
        raise RuntimeError(f"wrk gave no latency distribution:\n{keluaran}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", keluaran).group(1))
    total = int(re.search(r"(\d+) requests in", keluaran).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", keluaran)
    soket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", keluaran)
    return {
        "koneksi": koneksi,
        "rps": round(rps, 1),
        "p50_ms": _ms(persen["50"]),
        "p90_ms": _ms(persen["90"]),
        "p99_ms": _ms(persen["99"]),
        "requests": total,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(x) for x in soket.groups()) if soket else 0,
    }


# The January rush -----------------------------------------------------------------------------------------
def rush(port: int, drafts: list, per_menit: float, n_thread: int = 128) -> dict:
    """Open loop: request i is due at t0 + i / rate whatever happened to the others; a pool of threads sends
    them (one connection each, as separate users would), and latency runs from the due time."""
    jarak = 60.0 / per_menit
    antrean: queue.Queue = queue.Queue()
    t0 = time.monotonic() + 1.0
    for i, (skp_id, token) in enumerate(drafts):
        antrean.put((t0 + i * jarak, skp_id, token))
    hasil, kunci = [], threading.Lock()

    def kerja():
        while True:
            try:
                jadwal, skp_id, token = antrean.get_nowait()
            except queue.Empty:
                return
            tunda = jadwal - time.monotonic()
            if tunda > 0:
                time.sleep(tunda)
            status, galat = 0, ""
            try:
                conn = HTTPConnection(HOST, port, timeout=30)
                conn.request(
                    "POST",
                    f"/api/skp/{skp_id}/ajukan/",
                    body=b"",
                    headers={"Authorization": f"Token {token}", "Content-Length": "0"},
                )
                response = conn.getresponse()
                body = response.read()
                status = response.status
                if status != 200:
                    galat = body[:200].decode(errors="replace")
                conn.close()
            except OSError as exc:
                galat = repr(exc)
            selesai = time.monotonic()
            with kunci:
                hasil.append((skp_id, status, (selesai - jadwal) * 1000, selesai, galat))

    threads = [threading.Thread(target=kerja, daemon=True) for _ in range(n_thread)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ok = [h for h in hasil if h[1] == 200]
    latensi = sorted(h[2] for h in hasil)
    durasi = max(h[3] for h in hasil) - t0
    galat = [h for h in hasil if h[1] != 200]
    return {
        "dikirim": len(hasil),
        "ok": len(ok),
        "errors": len(galat),
        "contoh_error": [f"{h[1]} {h[4]}" for h in galat[:3]],
        "durasi_s": round(durasi, 1),
        "laju_per_menit": round(len(ok) / durasi * 60, 1),
        "p50_ms": round(statistics.median(latensi), 1),
        "p99_ms": round(latensi[max(0, int(len(latensi) * 0.99) - 1)], 1),
        "max_ms": round(latensi[-1], 1),
        "ok_ids": [h[0] for h in ok],
    }


# Main -----------------------------------------------------------------------------------------------------
def target(nama, nilai, satuan, batas, ok):
    return {"nama": nama, "nilai": nilai, "satuan": satuan, "target": batas, "ok": bool(ok)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--rush-detik", type=int, default=300)
    parser.add_argument("--rush-per-menit", type=int, default=1000)
    parser.add_argument("--wrk-detik", type=int, default=15)
    parser.add_argument("--redis-db", type=int, default=13, help="Redis database of the app's cache")
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    n_rush = options.rush_detik * options.rush_per_menit // 60
    HASIL.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        database_baru(options.database_url)
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
        )
        admin, token_admin, drafts, n_skp = siapkan_data(n_rush + 2)
        if len(drafts) < n_rush + 2:
            raise SystemExit(f"only {len(drafts)} drafts for a rush of {n_rush}: raise --pegawai")
        seed_s = round(time.perf_counter() - t0, 1)
        print(f"# seeded in {seed_s} s: {n_skp} SKP, {len(drafts)} drafts for the rush", file=sys.stderr)
        # One draft through the in-process client (query counts), one through gunicorn (the proof), the rest
        # for the rush.
        proses = kueri_sekali(token_admin, *drafts[0])
        bukti_id, bukti_token = drafts[1]
        drafts = drafts[2 : 2 + n_rush]

        redis_url = f"redis://{HOST}:6379/{options.redis_db}"
        import redis

        redis.Redis.from_url(redis_url).flushdb()  # this benchmark's own database: a cold cache
        env_app = os.environ | {
            "DEBUG": "0",
            "SECRET_KEY": "bench-beban-not-secret",
            "ALLOWED_HOSTS": HOST,
            "DATABASE_URL": url,
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": f"{tmp}/media",
            "DJANGO_SETTINGS_MODULE": "kinerja.settings",
            "LOG_LEVEL": "ERROR",
        }
        env_app.pop("KINERJA_TESTING", None)
        env_plafon = {k: v for k, v in env_app.items() if k != "DJANGO_SETTINGS_MODULE"}
        app = plafon = None
        try:
            plafon = mulai_gunicorn(
                "plafon:application",
                PORT_PLAFON,
                env_plafon,
                HASIL / "beban_plafon.log",
                "--pythonpath",
                str(_dir),
            )
            app = mulai_gunicorn("kinerja.wsgi:application", PORT_APP, env_app, HASIL / "beban_app.log")
            auth = {"Authorization": f"Token {token_admin}"}
            tunggu_siap(PORT_PLAFON, "/", {})
            for _ in range(20):  # every worker loads its code before anything is timed
                tunggu_siap(PORT_APP, "/api/skp/?page=1", auth)

            # The proof: one draft accepted by the real service through HTTP.
            conn = HTTPConnection(HOST, PORT_APP, timeout=30)
            conn.request(
                "POST", f"/api/skp/{bukti_id}/ajukan/", headers={"Authorization": f"Token {bukti_token}"}
            )
            response = conn.getresponse()
            bukti = {"status": response.status, "body": json.loads(response.read() or b"{}").get("status")}
            conn.close()
            if response.status != 200 or bukti["body"] != "diajukan":
                raise SystemExit(f"the submit through HTTP was refused: {bukti}")

            halaman = -(-n_skp // 25)
            wrk = {"plafon": {}, "api": {}}
            for koneksi in (10, 50):
                wrk["plafon"][koneksi] = jalankan_wrk(PORT_PLAFON, "/", koneksi, options.wrk_detik, tmp)
                wrk["api"][koneksi] = jalankan_wrk(
                    PORT_APP, "/api/skp/", koneksi, options.wrk_detik, tmp, f"Token {token_admin}", halaman
                )
            beban_sebelum = [round(x, 2) for x in os.getloadavg()]
            hasil_rush = rush(PORT_APP, drafts, options.rush_per_menit)
            beban_sesudah = [round(x, 2) for x in os.getloadavg()]
            rss = [memori(pid) for pid in pekerja(app.pid)]
            rss_plafon = [memori(pid) for pid in pekerja(plafon.pid)]
        finally:
            hentikan(app)
            hentikan(plafon)

        from django_scopes import scopes_disabled

        from skp.models import Skp, StatusSkp

        rush_ids = [skp_id for skp_id, _ in drafts]
        with scopes_disabled():
            diajukan = Skp.objects.filter(pk__in=rush_ids, status=StatusSkp.DIAJUKAN).count()
        ok_ids = hasil_rush.pop("ok_ids")
        hasil_rush["diajukan_di_database"] = diajukan
        hasil_rush["hilang"] = len(set(ok_ids)) - diajukan

    rasio = {k: round(wrk["api"][k]["rps"] / wrk["plafon"][k]["rps"], 3) for k in (10, 50)}
    galat_api = sum(w["non_2xx"] + w["socket_errors"] for w in wrk["api"].values())
    rss_maks = max(m["rss_mb"] for m in rss)
    targets = [
        target("API list rps / plafon (10 koneksi)", rasio[10], "rasio", ">= 0.30", rasio[10] >= 0.30),
        target("API list rps / plafon (50 koneksi)", rasio[50], "rasio", ">= 0.30", rasio[50] >= 0.30),
        target(
            "API list p99 (50 koneksi)",
            wrk["api"][50]["p99_ms"],
            "ms",
            "< 100",
            wrk["api"][50]["p99_ms"] < 100,
        ),
        target("API list error (non-2xx, socket)", galat_api, "respons", "0", galat_api == 0),
        target(
            f"Rush: laju ({options.rush_detik} s)",
            hasil_rush["laju_per_menit"],
            "per menit",
            f">= {options.rush_per_menit}",
            hasil_rush["laju_per_menit"] >= options.rush_per_menit * 0.98 and hasil_rush["ok"] == n_rush,
        ),
        target("Rush: error", hasil_rush["errors"], "respons", "0", hasil_rush["errors"] == 0),
        target("Rush: p99", hasil_rush["p99_ms"], "ms", "< 1000", hasil_rush["p99_ms"] < 1000),
        target(
            "Rush: diajukan di database",
            diajukan,
            "SKP",
            f"= {hasil_rush['ok']} ok",
            diajukan == hasil_rush["ok"] == n_rush,
        ),
        target("RSS web worker maks (setelah beban)", rss_maks, "MB", "<= 200", rss_maks <= 200),
    ]
    result = {
        "benchmark": "beban",
        "database": url.split(":", 1)[0],
        "pegawai": options.pegawai,
        "skp": n_skp,
        "seed_s": seed_s,
        "gunicorn": _konfigurasi(),
        "queries": {k: v["queries"] for k, v in proses.items()},
        "ms_in_process": {k: v["ms"] for k, v in proses.items()},
        "load_average": {"sebelum": beban_sebelum, "sesudah": beban_sesudah},
        "bukti_ajukan_http": bukti,
        "wrk_detik": options.wrk_detik,
        "plafon": wrk["plafon"],
        "api_list": wrk["api"],
        "rasio": rasio,
        "rush": hasil_rush,
        "rss_app": rss,
        "rss_plafon": rss_plafon,
        "target": targets,
    }
    cetak(result, proses)
    line = json.dumps(result)
    print(line)
    (HASIL / "beban.json").write_text(line + "\n")
    return 0


def _konfigurasi() -> dict:
    spec = importlib.util.spec_from_file_location("gunicorn_conf", ROOT / "gunicorn.conf.py")
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return {k: getattr(modul, k) for k in ("workers", "worker_class", "threads", "keepalive", "max_requests")}


def cetak(r: dict, proses: dict):
    g = r["gunicorn"]
    print(f"gunicorn: {g['workers']} workers x {g['threads']} threads ({g['worker_class']}), 127.0.0.1")
    print(
        f"in-process, one request each: list {r['queries']['list']} queries, {r['ms_in_process']['list']} ms; "
        f"ajukan {r['queries']['ajukan']} queries, {r['ms_in_process']['ajukan']} ms"
    )
    print(
        f"load average (1/5/15 min) before the rush {r['load_average']['sebelum']}, after "
        f"{r['load_average']['sesudah']} (2 cores: above 2, other work shares them)"
    )
    print(
        f"{'':<22}{'koneksi':>8}{'req/s':>10}{'rasio':>8}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'non-2xx':>9}"
    )
    for nama, kunci in (("plafon", "plafon"), ("GET /api/skp/?page=N", "api_list")):
        for k, w in r[kunci].items():
            rasio = f"{r['rasio'][k]:.2f}" if kunci == "api_list" else ""
            print(
                f"{nama:<22}{k:>8}{w['rps']:>10}{rasio:>8}{w['p50_ms']:>9}{w['p90_ms']:>9}{w['p99_ms']:>9}"
                f"{w['non_2xx'] + w['socket_errors']:>9}"
            )
    h = r["rush"]
    print(
        f"rush: {h['ok']}/{h['dikirim']} ok in {h['durasi_s']} s = {h['laju_per_menit']}/menit, errors "
        f"{h['errors']}, p50 {h['p50_ms']} ms, p99 {h['p99_ms']} ms, max {h['max_ms']} ms; diajukan in the "
        f"database {h['diajukan_di_database']}"
    )
    print("RSS app workers: " + ", ".join(f"{m['rss_mb']} MB (peak {m['hwm_mb']})" for m in r["rss_app"]))
    print(f"{'target':<42}{'nilai':>12} {'satuan':<10}{'target':<12}verdict")
    for t in r["target"]:
        verdict = "OK" if t["ok"] else f"MELESET: {t['nilai']} vs {t['target']}"
        print(f"{t['nama']:<42}{t['nilai']!s:>12} {t['satuan']:<10}{t['target']:<12}{verdict}")


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"# {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
