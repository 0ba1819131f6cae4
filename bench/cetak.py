"""Benchmark: the January print run. Every annual D.1.1 of a Pemda, fully signed and waiting for its seal
(DOKUMEN_SEGEL_ASINKRON), rendered and sealed by Celery workers on this machine (issue 7).

    .venv/bin/python bench/cetak.py --database-url postgres://postgres@127.0.0.1:5432/kinerja_bench_cetak \
        [--pegawai 20000] [--dokumen N (default: all)] [--workers 2] [--redis-db 14] [--modus pekerjaan|segel]

Seeds the disposable database (default: SQLite in a temporary directory) with `seed_demo --pemda sumedang
--pegawai N`, opens this year's annual period through the service, and rates `--dokumen` Pegawai (status
selesai). Two of their D.1.1 are issued and signed by the Penilai and the Pegawai through the document engine's
services with DOKUMEN_SEGEL_ASINKRON on (the seal left to a worker); the rest are clones of the first made with
bulk_create, each with its own token, QR code, names, NIPs and SHA-256, so every one is a distinct, valid,
same-size document with its expected signers and their signatures, and no PDF.

Then `--workers` prefork Celery processes (one `celery worker -c N` against Redis db `--redis-db`, flushed
first) do the run:
- `--modus pekerjaan` (default when the `cetak` app exists): one print job for the whole Pemda through
  `cetak.services.buat_pekerjaan` by BKPSDM, started with `cetak.tasks.mulai.delay`, polled every second;
- `--modus segel`: one `dokumen.tasks.segel_dokumen` task per document (render + seal only, no ZIPs).
Every poll samples VmRSS and CPU time of the worker's processes from /proc (VmHWM at the end). Gives up after
60 minutes. Reports documents sealed, seconds, documents/s, the projection for 20,000 (from the workers' CPU
time, on idle cores and under the load the run saw; see the model at the end of main), worker memory, the ZIPs
written (count, size, PDFs inside) and checks that every document has exactly one `dokumen_final` audit event
and a PDF. Prints a table with the verdict, one JSON line, and writes bench/results/cetak.json.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from pathlib import Path

from bersama import muat as _muat
from bersama import simpan

_bench_skp = _muat("bench_skp", "skp.py")
ROOT, siapkan_django = _bench_skp.ROOT, _bench_skp.siapkan_django

TARGET_DOKUMEN = 20000
TARGET_MENIT = 30.0
BATAS_DETIK = 60 * 60
MACET_DETIK = 60  # no item done for this long: the job is resumed (lanjutkan), as the sweeper would
# The workers decrypt the Pemda's key with it: seeding and workers must share it (no DEBUG in the workers).
SECRET_BENCH = "bench-cetak-only-not-a-real-secret-3f9a1c7e5d2b"


# Seeding ----------------------------------------------------------------------------------------------
def siapkan_periode(n_dokumen: int | None):
    """This year's annual period with one evaluation per placed Pegawai; the first `n_dokumen` of those
    whose Penilai and who themselves have an active account are rated and done (selesai), the rest wait for
    their Penilai. Returns (pemda_id, BKPSDM admin, period, ids of the rated evaluations)."""
    from django.db.models import Q
    from django.utils import timezone
    from django_scopes import scopes_disabled

    from evaluasi.models import Evaluasi, PeriodeEvaluasi, StatusEvaluasi
    from evaluasi.services.periode import buka_periode_sistem
    from kinerja.models import Pemda, Penempatan, User
    from kinerja.scoping import tenant_context
    from kinerja.selectors.penilai import Struktur
    from kinerja.selectors.periode import berlaku
    from skp import waktu as skp_waktu

    with scopes_disabled():
        pemda_id = Pemda.objects.get(slug="sumedang").pk
    with tenant_context(pemda_id):
        tahun = skp_waktu.hari_ini(pemda_id).year
        admin = User.objects.filter(pemda_id=pemda_id, is_admin_bkpsdm=True, is_active=True).order_by("pk")[0]
        periode = PeriodeEvaluasi.objects.filter(jenis="tahunan", nomor=1, tahun=tahun).first()
        if periode is None:
            periode = buka_periode_sistem(pemda_id=pemda_id, jenis="tahunan", nomor=1, tahun=tahun)
        ada = set(Evaluasi.objects.filter(periode=periode).values_list("pegawai_id", flat=True))
        struktur = Struktur.for_pemda(pemda_id=pemda_id, tanggal=periode.selesai)
        unit_pegawai = dict(
            berlaku(Penempatan.objects.all(), periode.selesai).values_list("pegawai_id", "jabatan__unit_id")
        )
        baru = []
        for pegawai_id in sorted(set(unit_pegawai) - ada):
            rantai = struktur.rantai(pegawai_id)
            p, a = rantai.penilai, rantai.atasan_penilai
            baru.append(
                Evaluasi(
                    pemda_id=pemda_id,
                    periode=periode,
                    pegawai_id=pegawai_id,
                    penilai_id=p.pegawai_id if p else None,
                    penilai_kepala_daerah=bool(p and p.is_kepala_daerah),
                    atasan_penilai_id=a.pegawai_id if a else None,
                    atasan_penilai_kepala_daerah=bool(a and a.is_kepala_daerah),
                    unit_id=(p.unit_id if p and p.unit_id else unit_pegawai.get(pegawai_id)),
                    status=StatusEvaluasi.BELUM_DINILAI,
                )
            )
        Evaluasi.objects.bulk_create(baru, batch_size=2000)
        berakun = set(
            User.objects.filter(pemda_id=pemda_id, is_active=True, pegawai__isnull=False).values_list(
                "pegawai_id", flat=True
            )
        )
        calon = [
            pk
            for pk, pegawai_id, penilai_id in Evaluasi.objects.filter(
                periode=periode, status=StatusEvaluasi.BELUM_DINILAI, penilai_kepala_daerah=False
            )
            .exclude(Q(penilai__isnull=True) | Q(skp__isnull=False))
            .order_by("pegawai__nip")
            .values_list("pk", "pegawai_id", "penilai_id")
            if pegawai_id in berakun and penilai_id in berakun
        ]
        dinilai = calon if n_dokumen is None else calon[:n_dokumen]
        kini = timezone.now()
        for i in range(0, len(dinilai), 5000):
            Evaluasi.objects.filter(pk__in=dinilai[i : i + 5000]).update(
                status=StatusEvaluasi.SELESAI,
                rating_hasil="sesuai",
                rating_perilaku="sesuai",
                predikat="baik",
                saran_hasil="sesuai",
                capaian_organisasi="baik",
                capaian_keterangan="Capaian rencana aksi perjanjian kinerja tahun ini (data benchmark).",
                dinilai_oleh=None,
                dinilai_pada=kini,
                ditandatangani_penilai_pada=kini,
                ditandatangani_pegawai_pada=kini,
            )
    return pemda_id, admin, periode, dinilai


def terbitkan_contoh(pemda_id: int, evaluasi_ids: list[int]) -> list[int]:
    """Issue the D.1.1 of these evaluations and have the Penilai, then the Pegawai, sign it through the
    document engine with DOKUMEN_SEGEL_ASINKRON on: fully signed, the seal left to a worker. The seal task
    each last signature enqueues is held back here: the run under test is what seals."""
    from django.test import override_settings

    from dokumen import services as dokumen_services
    from dokumen import tasks as dokumen_tasks
    from evaluasi import documents
    from evaluasi.models import Evaluasi
    from kinerja.models import User
    from kinerja.scoping import tenant_context
    from kinerja.services.seed import DEMO_PASSWORD

    ditahan, asli = [], dokumen_tasks.segel_dokumen.delay
    dokumen_tasks.segel_dokumen.delay = lambda *args: ditahan.append(args)
    hasil = []
    try:
        with override_settings(DOKUMEN_SEGEL_ASINKRON=True):
            for ev_id in evaluasi_ids:
                with tenant_context(pemda_id):
                    ev = Evaluasi.objects.select_related("periode", "pegawai").get(pk=ev_id)
                    penilai = User.objects.get(pegawai_id=ev.penilai_id, is_active=True)
                    pegawai = User.objects.get(pegawai_id=ev.pegawai_id, is_active=True)
                    dok = documents.terbitkan_dokumen(ev, by=penilai, pegawai_user=pegawai)
                    dokumen_services.tanda_tangani(
                        dokumen=dok, user=penilai, password=DEMO_PASSWORD, by=penilai
                    )
                    dokumen_services.tanda_tangani(
                        dokumen=dok, user=pegawai, password=DEMO_PASSWORD, by=pegawai
                    )
                    hasil.append(dok.pk)
    finally:
        dokumen_tasks.segel_dokumen.delay = asli
    assert len(ditahan) == len(evaluasi_ids), ditahan  # each was left for a worker, none sealed here
    return hasil


def klon_dokumen(pemda_id: int, contoh_id: int, evaluasi_ids: list[int], batch: int = 500) -> list[int]:
    """One D.1.1 per evaluation, cloned from the issued and signed `contoh`: its own token, QR code, title,
    names and NIPs of the Pegawai and her Penilai, and SHA-256 (bulk_create skips Dokumen.save()'s check, so
    the hash is computed here the same way), with its two expected signers and both signatures."""
    from django.utils import timezone

    from dokumen import render
    from dokumen.models import Dokumen, Penandatangan, StatusDokumen, TandaTangan, sha256_hex
    from evaluasi.models import Evaluasi
    from kinerja.models import Pegawai, User
    from kinerja.scoping import tenant_context

    with tenant_context(pemda_id):
        contoh = Dokumen.objects.get(pk=contoh_id)
        blok = {p.urutan: p for p in Penandatangan.objects.filter(dokumen=contoh)}
        qr_lama = render.qr_data_uri(render.url_verifikasi(contoh.token))
        if qr_lama not in contoh.html:
            raise SystemExit(
                "QR kode contoh tidak ditemukan di HTML-nya: cara render berubah, perbarui bench."
            )
        evaluasi = list(
            Evaluasi.objects.filter(pk__in=evaluasi_ids).select_related("periode").order_by("pegawai__nip")
        )
        orang_ids = {e.pegawai_id for e in evaluasi} | {e.penilai_id for e in evaluasi}
        orang = {
            p.pk: p
            for p in Pegawai.objects.filter(pk__in=orang_ids).only(
                "nama", "nip", "gelar_depan", "gelar_belakang"
            )
        }
        akun = dict(
            User.objects.filter(pegawai_id__in=orang_ids, is_active=True).values_list("pegawai_id", "pk")
        )
    pegawai_contoh, penilai_contoh = blok[2], blok[1]
    ganti_tetap = [(qr_lama, None), (str(contoh.token), None)]
    dibuat = []
    for awal in range(0, len(evaluasi), batch):
        kini = timezone.now()
        docs, ttd_data = [], []
        for ev in evaluasi[awal : awal + batch]:
            token = uuid.uuid4()
            pg, pn = orang[ev.pegawai_id], orang[ev.penilai_id]
            ganti = [
                (ganti_tetap[0][0], render.qr_data_uri(render.url_verifikasi(token))),
                (ganti_tetap[1][0], str(token)),
                (pegawai_contoh.nama, pg.nama_lengkap),
                (pegawai_contoh.nip, render.format_nip(pg.nip)),
                (penilai_contoh.nama, pn.nama_lengkap),
                (penilai_contoh.nip, render.format_nip(pn.nip)),
            ]
            html, judul = contoh.html, contoh.judul
            for lama, baru in ganti:
                if lama:
                    html = html.replace(lama, baru)
                    judul = judul.replace(lama, baru)
            docs.append(
                Dokumen(
                    pemda_id=pemda_id,
                    format_kode=contoh.format_kode,
                    judul=judul[:250],
                    objek_jenis=contoh.objek_jenis,
                    objek_id=ev.pk,
                    versi=1,
                    html=html,
                    html_sha256=sha256_hex(html),
                    token=token,
                    diterbitkan_oleh_id=akun[ev.penilai_id],
                    diterbitkan_pada=kini,
                    status=StatusDokumen.MENUNGGU_TANDA_TANGAN,
                )
            )
            ttd_data.append(
                (
                    (penilai_contoh, akun[ev.penilai_id], pn.nama_lengkap, render.format_nip(pn.nip)),
                    (pegawai_contoh, akun[ev.pegawai_id], pg.nama_lengkap, render.format_nip(pg.nip)),
                )
            )
        with tenant_context(pemda_id):
            Dokumen.objects.bulk_create(docs)
            blok_baru = [
                Penandatangan(
                    pemda_id=pemda_id,
                    dokumen_id=d.pk,
                    urutan=b.urutan,
                    peran=b.peran,
                    user_id=user_id,
                    judul_peran=b.judul_peran,
                    nama=nama,
                    nip=nip,
                    jabatan=b.jabatan,
                )
                for d, pasangan in zip(docs, ttd_data, strict=True)
                for b, user_id, nama, nip in pasangan
            ]
            Penandatangan.objects.bulk_create(blok_baru)
            TandaTangan.objects.bulk_create(
                TandaTangan(
                    pemda_id=pemda_id,
                    dokumen_id=b.dokumen_id,
                    penandatangan_id=b.pk,
                    user_id=b.user_id,
                    pada=kini,
                    html_sha256=d.html_sha256,
                )
                for b, d in zip(blok_baru, [d for d in docs for _ in (1, 2)], strict=True)
            )
        dibuat += [d.pk for d in docs]
    return dibuat


def urai_waktu(pemda_id: int, dokumen_id: int, n: int = 5) -> dict:
    """The two halves of one seal, in this process, warm, before the workers start: median ms of the
    WeasyPrint render of one document (with its signature stamps) and of its PAdES signature. Nothing is
    stored: the run seals that document later."""
    from django.utils import timezone

    from dokumen import render
    from dokumen.models import Dokumen
    from dokumen.penanda import PermintaanTandaTangan, penanda_untuk
    from kinerja.scoping import tenant_context

    with tenant_context(pemda_id):
        html = Dokumen.objects.values_list("html", flat=True).get(pk=dokumen_id)
        penanda = penanda_untuk(pemda_id)
    html = render.isi_tanda_tangan(html, {1: timezone.now(), 2: timezone.now()})
    permintaan = PermintaanTandaTangan(alasan="Benchmark", lokasi="Sumedang", nama="Benchmark")
    pdf = render.html_ke_pdf(html)  # warm-up: fonts, CSS
    penanda.tandatangani(pdf, permintaan=permintaan)
    render_ms, tanda_ms, render_cpu, tanda_cpu = [], [], [], []
    for _ in range(n):
        t, c = time.perf_counter(), time.process_time()
        pdf = render.html_ke_pdf(html)
        render_ms.append((time.perf_counter() - t) * 1000)
        render_cpu.append((time.process_time() - c) * 1000)
        t, c = time.perf_counter(), time.process_time()
        penanda.tandatangani(pdf, permintaan=permintaan)
        tanda_ms.append((time.perf_counter() - t) * 1000)
        tanda_cpu.append((time.process_time() - c) * 1000)
    return {
        "render_ms": round(statistics.median(render_ms), 1),
        "tanda_tangan_ms": round(statistics.median(tanda_ms), 1),
        "render_cpu_ms": round(statistics.median(render_cpu), 1),
        "tanda_tangan_cpu_ms": round(statistics.median(tanda_cpu), 1),
        "html_kb": round(len(html.encode()) / 1024, 1),
        "pdf_kb": round(len(pdf) / 1024, 1),
    }


# Workers ----------------------------------------------------------------------------------------------
def _anak(pid: int) -> list[int]:
    anak = []
    for entri in os.listdir("/proc"):
        if not entri.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entri}/stat").read_text()
        except OSError:
            continue
        # The command may contain spaces and parentheses: the fields after the last ')' are fixed.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            anak.append(int(entri))
    return anak


def _cpu_detik(pid: int) -> float:
    """utime + stime of a process, in seconds (its own, not its children's)."""
    try:
        kolom = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(kolom[11]) + int(kolom[12])) / os.sysconf("SC_CLK_TCK")


def _status_kb(pid: int, kunci: str) -> int:
    try:
        for baris in Path(f"/proc/{pid}/status").read_text().splitlines():
            if baris.startswith(kunci + ":"):
                return int(baris.split()[1])
    except OSError:
        pass
    return 0


class Worker:
    """One `celery worker -c N` (prefork) subprocess, its children's memory sampled on demand."""

    def __init__(self, *, n: int, env: dict):
        self.proses = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "celery"),
                "-A",
                "kinerja",
                "worker",
                "-c",
                str(n),
                "--prefetch-multiplier",
                "1",
                "-l",
                "warning",
                "-n",
                f"bench-cetak-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        self.rss_mb: dict[int, float] = {}  # highest VmRSS seen per child
        self.hwm_mb: dict[int, float] = {}
        self.rss_sum_mb = 0.0  # highest sum over the children at one sample
        self.cpu_s: dict[int, float] = {}  # CPU seconds per process, last sample (children and the main one)

    def sampel(self):
        anak = _anak(self.proses.pid)
        jumlah = 0.0
        for pid in anak:
            mb = _status_kb(pid, "VmRSS") / 1024
            jumlah += mb
            self.rss_mb[pid] = max(self.rss_mb.get(pid, 0.0), mb)
            self.hwm_mb[pid] = max(self.hwm_mb.get(pid, 0.0), _status_kb(pid, "VmHWM") / 1024)
        self.rss_sum_mb = max(self.rss_sum_mb, jumlah)
        for pid in [self.proses.pid, *anak]:
            self.cpu_s[pid] = max(self.cpu_s.get(pid, 0.0), _cpu_detik(pid))
        return len(anak)

    def mulai_cpu(self):
        """CPU spent from now on: what was spent starting up is not the run's."""
        self.sampel()
        self.cpu_awal = dict(self.cpu_s)

    def cpu_run_s(self) -> float:
        return sum(v - getattr(self, "cpu_awal", {}).get(pid, 0.0) for pid, v in self.cpu_s.items())

    def tunggu_siap(self, n: int, batas: float = 60):
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir:
            if self.proses.poll() is not None:
                raise SystemExit(f"Worker Celery berhenti saat mulai (kode {self.proses.returncode}).")
            if self.sampel() >= n:
                return
            time.sleep(0.5)
        raise SystemExit(f"Worker Celery belum punya {n} proses anak setelah {batas:.0f} detik.")

    def hentikan(self):
        """Our own worker only, by its pid: a warm shutdown, then SIGKILL to it and its children if it hangs."""
        if self.proses.poll() is not None:
            return
        anak = _anak(self.proses.pid)
        self.proses.send_signal(signal.SIGTERM)
        try:
            self.proses.wait(timeout=30)
        except subprocess.TimeoutExpired:
            for pid in [self.proses.pid, *anak]:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.proses.wait(timeout=10)


def buat_ulang_database(url: str):
    """Drop and create the disposable PostgreSQL database: a sealed document can never be deleted (its
    trigger refuses), so `seed_demo --reset` cannot empty a database a previous run printed into."""
    from urllib.parse import urlsplit

    import psycopg2

    bagian = urlsplit(url)
    nama = bagian.path.lstrip("/")
    koneksi = psycopg2.connect(
        host=bagian.hostname,
        port=bagian.port or 5432,
        user=bagian.username,
        password=bagian.password,
        dbname="postgres",
    )
    koneksi.autocommit = True
    try:
        with koneksi.cursor() as kursor:
            kursor.execute(f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)')
            kursor.execute(f'CREATE DATABASE "{nama}"')
    finally:
        koneksi.close()


def _kosongkan_redis(url: str):
    import redis

    klien = redis.Redis.from_url(url)
    try:
        klien.flushdb()
    finally:
        klien.close()


# Runs -------------------------------------------------------------------------------------------------
def _tersegel(pemda_id: int, dokumen_ids: list[int]) -> int:
    from dokumen.models import Dokumen, StatusDokumen
    from kinerja.scoping import tenant_context

    with tenant_context(pemda_id):
        # Every D.1.1 from the first of the run on is the run's (nothing else issues documents meanwhile).
        return Dokumen.objects.filter(
            format_kode="D.1.1", status=StatusDokumen.DITANDATANGANI, pk__gte=min(dokumen_ids)
        ).count()


def jalankan_segel(pemda_id: int, dokumen_ids: list[int], worker: Worker, log) -> dict:
    from dokumen.tasks import segel_dokumen

    mulai = time.monotonic()
    for pk in dokumen_ids:
        segel_dokumen.delay(pemda_id, pk)
    antre_s = time.monotonic() - mulai
    terakhir = None
    while True:
        time.sleep(1)
        worker.sampel()
        n = _tersegel(pemda_id, dokumen_ids)
        detik = time.monotonic() - mulai
        if n != terakhir and (int(detik) % 10 == 0 or n >= len(dokumen_ids)):
            log(f"  {detik:6.0f} s  disegel {n}/{len(dokumen_ids)}")
            terakhir = n
        if n >= len(dokumen_ids):
            return {"detik": detik, "antre_detik": round(antre_s, 2), "status": "selesai"}
        if detik > BATAS_DETIK or worker.proses.poll() is not None:
            return {"detik": detik, "status": "batas waktu" if detik > BATAS_DETIK else "worker mati"}


def jalankan_pekerjaan(pemda_id: int, admin, periode, worker: Worker, log) -> dict:
    from cetak.models import PekerjaanCetak
    from cetak.services import buat_pekerjaan, lanjutkan
    from cetak.tasks import mulai as mulai_cetak
    from kinerja.scoping import tenant_context

    t0 = time.monotonic()
    with tenant_context(pemda_id):
        pekerjaan = buat_pekerjaan(pemda_id=pemda_id, by=admin, periode=periode)
    # buat_pekerjaan enqueues `mulai` when its transaction commits; if the job has not started a few seconds
    # later (an older cetak app), it is started here. A second `mulai` would be harmless but double the chunks.
    mulai = time.monotonic()
    buat_s = mulai - t0
    dimulai_sendiri = False
    terakhir = None
    dilanjutkan, maju_terakhir, selesai_terakhir = 0, mulai, -1
    while True:
        time.sleep(1)
        worker.sampel()
        with tenant_context(pemda_id):
            p = (
                PekerjaanCetak.objects.filter(pk=pekerjaan.pk)
                .values("status", "jumlah", "selesai", "disegel", "dilewati", "gagal")
                .get()
            )
        detik = time.monotonic() - mulai
        if p["status"] == "antre" and detik > 5 and not dimulai_sendiri:
            mulai_cetak.delay(pekerjaan.pk)
            dimulai_sendiri = True
        if p["selesai"] != selesai_terakhir:
            selesai_terakhir, maju_terakhir = p["selesai"], time.monotonic()
        elif p["status"] not in ("selesai", "gagal") and time.monotonic() - maju_terakhir > MACET_DETIK:
            # No progress: its messages were lost (a worker died, the broker was emptied). The "Lanjutkan"
            # button's service re-enqueues what is not done; done items are skipped. Counted in the report.
            log(f"  {detik:6.0f} s  tidak maju {MACET_DETIK} s: lanjutkan()")
            with tenant_context(pemda_id):
                lanjutkan(PekerjaanCetak.objects.get(pk=pekerjaan.pk), by=admin)
            dilanjutkan += 1
            maju_terakhir = time.monotonic()
        keadaan = (p["status"], p["selesai"], p["disegel"])
        if keadaan != terakhir and (int(detik) % 10 == 0 or p["status"] not in ("antre", "berjalan")):
            log(
                f"  {detik:6.0f} s  {p['status']}: selesai {p['selesai']}/{p['jumlah']}, disegel {p['disegel']}"
            )
            terakhir = keadaan
        if p["status"] in ("selesai", "gagal"):
            return {
                "detik": detik,
                "buat_detik": round(buat_s, 2),
                "mulai_oleh_bench": dimulai_sendiri,
                "dilanjutkan": dilanjutkan,
                "pekerjaan_id": pekerjaan.pk,
                **p,
            }
        if detik > BATAS_DETIK or worker.proses.poll() is not None:
            return {
                "detik": detik,
                "pekerjaan_id": pekerjaan.pk,
                "dilanjutkan": dilanjutkan,
                **p,
                "status": "batas waktu" if detik > BATAS_DETIK else "worker mati",
            }


def periksa(pemda_id: int, dokumen_ids: list[int]) -> dict:
    """Every document of the run has a PDF and exactly one `dokumen_final` audit event."""
    from django.db.models import Count

    from dokumen.models import Dokumen
    from kinerja.models import AuditEvent
    from kinerja.scoping import tenant_context

    ids = set(dokumen_ids)
    with tenant_context(pemda_id):
        final = dict(
            AuditEvent.objects.filter(aksi="dokumen_final", objek_jenis="Dokumen", objek_id__gte=min(ids))
            .values("objek_id")
            .annotate(n=Count("pk"))
            .values_list("objek_id", "n")
        )
        ber_pdf = set(
            Dokumen.objects.filter(pk__gte=min(ids), pdf__isnull=False).values_list("pk", flat=True)
        )
    return {
        "tanpa_pdf": len(ids - ber_pdf),
        "tanpa_final": sum(1 for pk in ids if pk not in final),
        "final_ganda": sum(1 for pk in ids if final.get(pk, 0) > 1),
    }


def periksa_zip(media: Path) -> dict:
    berkas = sorted(media.rglob("*.zip")) if media.exists() else []
    pdf = 0
    for z in berkas:
        with zipfile.ZipFile(z) as arsip:
            pdf += sum(1 for n in arsip.namelist() if n.lower().endswith(".pdf"))
    return {
        "zip": len(berkas),
        "zip_mb": round(sum(z.stat().st_size for z in berkas) / 2**20, 1),
        "pdf_dalam_zip": pdf,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--dokumen", type=int, default=None, help="documents to seal (default: every rated)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--redis-db", type=int, default=14)
    parser.add_argument("--modus", choices=["pekerjaan", "segel"], default=None)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    # A SIGTERM (timeout, Ctrl-C's cousin) unwinds through the `finally` that stops our worker.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    modus = options.modus or ("pekerjaan" if (ROOT / "cetak" / "services.py").exists() else "segel")
    redis_url = f"redis://127.0.0.1:6379/{options.redis_db}"

    def log(teks):
        print(teks, file=sys.stderr, flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        os.environ["SECRET_KEY"] = SECRET_BENCH
        # Seeding runs its tasks in-process (siapkan_django drops REDIS_URL for the seed commands); this process
        # publishes the run's tasks to the workers' broker.
        os.environ["REDIS_URL"] = redis_url
        os.environ["CELERY_TASK_ALWAYS_EAGER"] = "0"
        _kosongkan_redis(redis_url)
        if options.database_url.startswith("postgres"):
            buat_ulang_database(options.database_url)
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
        )
        log(f"# seed_demo {time.perf_counter() - t0:.0f} s")
        from dokumen.services import sertifikat_pemda_pastikan
        from kinerja.scoping import tenant_context

        pemda_id, admin, periode, dinilai = siapkan_periode(options.dokumen)
        with tenant_context(pemda_id):
            sertifikat_pemda_pastikan(pemda_id=pemda_id)
        t1 = time.perf_counter()
        contoh = terbitkan_contoh(pemda_id, dinilai[:2])
        klon_ids = klon_dokumen(pemda_id, contoh[0], dinilai[2:]) if len(dinilai) > 2 else []
        dokumen_ids = contoh + klon_ids
        klon_s = round(time.perf_counter() - t1, 1)
        seed_s = round(time.perf_counter() - t0, 1)
        log(f"# {len(dokumen_ids)} D.1.1 siap disegel ({klon_s} s); seed {seed_s} s; modus {modus}")

        urai = urai_waktu(pemda_id, dokumen_ids[-1])
        log(
            f"# satu dokumen, di proses ini: render {urai['render_ms']} ms, tanda tangan {urai['tanda_tangan_ms']} ms"
        )

        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE", "CELERY_TASK_ALWAYS_EAGER")
        } | {
            "DATABASE_URL": url,
            "REDIS_URL": redis_url,
            "DOKUMEN_SEGEL_ASINKRON": "1",
            "MEDIA_ROOT": os.environ["MEDIA_ROOT"],
            "SECRET_KEY": SECRET_BENCH,
        }
        _kosongkan_redis(redis_url)
        beban_awal = os.getloadavg()[0]
        worker = Worker(n=options.workers, env=env)
        try:
            worker.tunggu_siap(options.workers)
            worker.mulai_cpu()
            if modus == "pekerjaan":
                run = jalankan_pekerjaan(pemda_id, admin, periode, worker, log)
            else:
                run = jalankan_segel(pemda_id, dokumen_ids, worker, log)
            worker.sampel()
        finally:
            worker.hentikan()
        beban_akhir = os.getloadavg()[0]
        cek = periksa(pemda_id, dokumen_ids)
        berkas = periksa_zip(Path(os.environ["MEDIA_ROOT"]))

    n = len(dokumen_ids)
    detik = run["detik"]
    per_detik = n / detik if detik else 0.0
    # CPU time of the workers: on a shared machine the wall time includes waiting for other work. A job over
    # more Pegawai than documents (--dokumen < --pegawai) also pays for the items it only lists (no document).
    # Model: CPU = documents x (render + seal CPU, measured in this process) + items x item CPU; a Pemda where
    # everyone is signed pays both per Pegawai. With every item a document this is simply CPU / documents.
    inti = min(options.workers, os.cpu_count() or 1)
    cpu_s = worker.cpu_run_s()
    items = max(run.get("jumlah", n), n)
    segel_cpu_ms = urai["render_cpu_ms"] + urai["tanda_tangan_cpu_ms"]
    item_cpu_ms = max(0.0, cpu_s * 1000 - n * segel_cpu_ms) / items if items else 0.0
    cpu_ms_per_dokumen = segel_cpu_ms + item_cpu_ms if items > n else (cpu_s * 1000 / n if n else 0.0)
    proyeksi_cpu_menit = TARGET_DOKUMEN * cpu_ms_per_dokumen / 1000 / inti / 60
    # Wall seconds per CPU second per worker during the run (1.0 on idle cores): the projection under this load.
    tunggu = detik * inti / cpu_s if cpu_s else float("inf")
    proyeksi_menit = proyeksi_cpu_menit * tunggu
    benar = cek["tanpa_pdf"] == 0 and cek["tanpa_final"] == 0 and cek["final_ganda"] == 0
    rss = list(worker.rss_mb.values()) or [0.0]
    hwm = list(worker.hwm_mb.values()) or [0.0]
    target = [
        {
            "nama": f"cetak {TARGET_DOKUMEN} D.1.1 ({options.workers} worker)",
            "nilai": round(proyeksi_menit, 1),
            "satuan": "menit" + ("" if n == TARGET_DOKUMEN else f" (proyeksi dari {n})"),
            "target": f"<= {TARGET_MENIT:.0f}",
            "ok": run["status"] == "selesai" and proyeksi_menit <= TARGET_MENIT,
        },
        {
            "nama": f"cetak {TARGET_DOKUMEN} D.1.1, CPU ({inti} inti kosong)",
            "nilai": round(proyeksi_cpu_menit, 1),
            "satuan": f"menit (CPU {cpu_ms_per_dokumen:.0f} ms/dokumen)",
            "target": f"<= {TARGET_MENIT:.0f}",
            "ok": run["status"] == "selesai" and proyeksi_cpu_menit <= TARGET_MENIT,
        },
        {
            "nama": "segel tepat sekali",
            "nilai": cek["tanpa_pdf"] + cek["tanpa_final"] + cek["final_ganda"],
            "satuan": "dokumen ganda/hilang",
            "target": "0",
            "ok": benar,
        },
    ]
    if modus == "pekerjaan":
        # Every document of the run is in the whole-Pemda job: each PDF once across the groups' ZIPs.
        target.append(
            {
                "nama": "ZIP lengkap",
                "nilai": berkas["pdf_dalam_zip"],
                "satuan": "PDF dalam ZIP",
                "target": f"== {n}",
                "ok": berkas["pdf_dalam_zip"] == n,
            }
        )
    result = {
        "benchmark": "cetak",
        "database": url.split(":", 1)[0],
        "modus": modus,
        "pegawai": options.pegawai,
        "workers": options.workers,
        "dokumen": n,
        "seed_s": seed_s,
        "klon_s": klon_s,
        **{k: v for k, v in run.items() if k != "detik"},
        "detik": round(detik, 1),
        "dokumen_per_detik": round(per_detik, 2),
        "menit": round(detik / 60, 2),
        "ms_per_dokumen_per_worker": round(detik * 1000 * options.workers / n, 1) if n else None,
        "proyeksi_20000_menit": round(proyeksi_menit, 1),
        "worker_cpu_s": round(cpu_s, 1),
        "cpu_ms_per_dokumen": round(cpu_ms_per_dokumen, 1),
        "cpu_ms_per_item": round(item_cpu_ms, 1),
        "wall_per_cpu": round(tunggu, 2),
        "proyeksi_20000_menit_cpu": round(proyeksi_cpu_menit, 1),
        **urai,
        # Other work on the machine slows the workers: the 1-minute load average when they started and ended.
        "beban_awal": round(beban_awal, 2),
        "beban_akhir": round(beban_akhir, 2),
        "worker_rss_maks_mb": round(max(rss), 1),
        "worker_rss_jumlah_maks_mb": round(worker.rss_sum_mb, 1),
        "worker_vmhwm_maks_mb": round(max(hwm), 1),
        "worker_vmhwm_median_mb": round(statistics.median(hwm), 1),
        **berkas,
        **cek,
        "target": target,
    }
    print(f"{'ukuran':<34} {'nilai':>12}")
    for nama, nilai in [
        ("modus", modus),
        ("dokumen disegel", f"{n - cek['tanpa_pdf']}/{n}"),
        ("waktu (s)", f"{detik:.1f}"),
        ("dokumen/detik", f"{per_detik:.2f}"),
        ("ms per dokumen per worker", result["ms_per_dokumen_per_worker"]),
        ("CPU worker per dokumen (ms)", result["cpu_ms_per_dokumen"]),
        ("CPU per item, tanpa segel (ms)", result["cpu_ms_per_item"]),
        ("wall per detik CPU (beban)", result["wall_per_cpu"]),
        (f"proyeksi {TARGET_DOKUMEN} dari CPU (menit)", f"{proyeksi_cpu_menit:.1f}"),
        ("satu: render / tanda tangan (ms)", f"{urai['render_ms']} / {urai['tanda_tangan_ms']}"),
        ("satu, CPU: render / tanda tangan", f"{urai['render_cpu_ms']} / {urai['tanda_tangan_cpu_ms']}"),
        ("beban mesin awal / akhir", f"{beban_awal:.1f} / {beban_akhir:.1f}"),
        (f"proyeksi {TARGET_DOKUMEN} (menit)", f"{proyeksi_menit:.1f}"),
        ("RSS worker maks (MB)", result["worker_rss_maks_mb"]),
        ("RSS worker jumlah maks (MB)", result["worker_rss_jumlah_maks_mb"]),
        ("VmHWM worker maks (MB)", result["worker_vmhwm_maks_mb"]),
        ("ZIP (berkas / MB / PDF)", f"{berkas['zip']} / {berkas['zip_mb']} / {berkas['pdf_dalam_zip']}"),
        (
            "tanpa PDF / tanpa final / ganda",
            f"{cek['tanpa_pdf']} / {cek['tanpa_final']} / {cek['final_ganda']}",
        ),
        ("seed (s)", seed_s),
    ]:
        print(f"{nama:<34} {nilai!s:>12}")
    for t in target:
        putusan = "OK" if t["ok"] else f"MELESET: {t['nilai']} {t['satuan']} vs {t['target']}"
        print(f"{t['nama']:<34} {putusan}")
    simpan("cetak", result)
    return 0 if all(t["ok"] for t in target) else 1


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"# {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
