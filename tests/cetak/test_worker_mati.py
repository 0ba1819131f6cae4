"""The print run on a REAL Celery worker process, killed with SIGKILL half-way, then resumed by a new worker:
nothing sealed twice, nothing missing, every ZIP complete.

The worker is `celery -A kinerja worker -c 1` in a subprocess (the one resuming runs `-c 2`) (its own process group, so SIGKILL takes the
pool child too), on Redis (this test's own broker database: the cache's number + 8, as tests/tenggat) and on
the committed test database (`transactional_db`): PostgreSQL, or SQLite only when the test database is a file
(TEST_DATABASE_NAME). Skipped without REDIS_URL, and on an in-memory SQLite test database.
"""

import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django_scopes import scopes_disabled

from cetak import services
from cetak.models import ItemCetak, KelompokCetak, PekerjaanCetak, StatusItem, StatusPekerjaan
from dokumen.models import Dokumen
from evaluasi import documents
from kinerja.celery import app
from kinerja.scoping import tenant_context
from tests.tenggat.celery_bantu import _kosongkan, _lupakan_koneksi, perlu_redis, url_broker

from . import bantu

pytestmark = [perlu_redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
BATAS_DETIK = 180


def _url_database() -> str:
    s = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    nama = str(s["NAME"])
    if connection.vendor != "sqlite" or "memory" in nama or not Path(nama).exists():
        pytest.skip(
            "Worker subprocess butuh basis data uji yang dapat dibuka proses lain (PostgreSQL/berkas)."
        )
    return f"sqlite:///{nama}"


class Worker:
    """`celery -A kinerja worker -c N` against the test database and this test's broker."""

    def __init__(self, broker: str, database: str, media: str, concurrency: int = 1):
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
        env.update(
            KINERJA_TESTING="0",
            DEBUG="1",  # the development SECRET_KEY, as the tests use: the Pemda's sealing key opens
            DATABASE_URL=database,
            REDIS_URL=broker,
            CELERY_TASK_ALWAYS_EAGER="0",
            MEDIA_ROOT=media,
            CETAK_UKURAN_POTONGAN="2",
            DB_CONN_MAX_AGE="0",
        )
        self.log = open(Path(media).parent / f"worker-{time.monotonic_ns()}.log", "w")  # noqa: SIM115
        self.proses = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "kinerja",
                "worker",
                "-c",
                str(concurrency),
                "-l",
                "WARNING",
            ]
            + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def bunuh(self):
        """SIGKILL the worker and its pool child: no shutdown, no ack, a transaction cut where it stands."""
        if self.proses.poll() is None:
            os.killpg(self.proses.pid, signal.SIGKILL)
        self.proses.wait(timeout=30)
        self.log.close()

    def baca_log(self) -> str:
        return Path(self.log.name).read_text()


@pytest.fixture
def broker():
    url = url_broker()
    _kosongkan(url)
    lama = {k: app.conf[k] for k in ("broker_url", "task_always_eager", "result_backend")}
    app.conf.broker_url = url
    app.conf.task_always_eager = False  # this process only publishes; the subprocess works
    app.conf.result_backend = None
    _lupakan_koneksi()
    yield url
    app.conf.update(lama)
    _lupakan_koneksi()
    _kosongkan(url)


def _hitung(pekerjaan_id):
    with scopes_disabled():
        return PekerjaanCetak.objects.values("status", "selesai", "jumlah").get(pk=pekerjaan_id)


def _tunggu(syarat, worker, pesan):
    akhir = time.monotonic() + BATAS_DETIK
    while not syarat():
        if worker.proses.poll() is not None:
            pytest.fail(f"worker berhenti sendiri: {worker.baca_log()[-3000:]}")
        if time.monotonic() > akhir:
            with scopes_disabled():
                item = list(ItemCetak.objects.values_list("pk", "status", "kelompok_id").order_by("pk"))
                kelompok = list(KelompokCetak.objects.values_list("pk", "siap"))
                job = list(PekerjaanCetak.objects.values("status", "selesai", "jumlah"))
            pytest.fail(
                f"{pesan} setelah {BATAS_DETIK} detik; {job} {item} {kelompok}; "
                f"log worker: {worker.baca_log()[-3000:]}"
            )
        time.sleep(0.05)


def _tanpa_setengah_jadi(pekerjaan_id):
    """Each item is either done (and then, if it sealed, its document has its PDF) or pending with nothing
    of it written: no sealed document whose item is still pending."""
    with scopes_disabled():
        for item in ItemCetak.objects.filter(pekerjaan_id=pekerjaan_id).select_related("evaluasi"):
            dok = documents.dokumen_evaluasi(item.evaluasi)
            if item.status == StatusItem.ANTRE:
                assert item.dokumen_id is None and not item.disegel
            elif item.disegel:
                assert Dokumen.objects.get(pk=item.dokumen_id).final
            if item.status == StatusItem.ANTRE and dok is not None and item.evaluasi_id in MENUNGGU:
                assert not dok.final, "sealed, but its item is still pending: the two did not commit together"


MENUNGGU: set[int] = set()


def test_worker_dibunuh_di_tengah_lalu_dilanjutkan(world, broker, media):
    database = _url_database()
    data = bantu.siapkan(world, menunggu_segel=10)
    MENUNGGU.clear()
    MENUNGGU.update(e.pk for e in data.menunggu)
    segel_awal = bantu.jumlah_segel(world.sumedang.pk)

    with tenant_context(world.sumedang.pk):  # commits: the job's `mulai` goes to the broker
        pekerjaan = services.buat_pekerjaan(
            pemda_id=world.sumedang.pk, by=world.users.admin, periode=data.periode
        )
    jumlah = pekerjaan.jumlah
    assert jumlah == 14

    pertama = Worker(broker, database, str(media))
    try:
        _tunggu(lambda: _hitung(pekerjaan.pk)["selesai"] >= 3, pertama, "item pertama tidak selesai")
    finally:
        pertama.bunuh()
    saat_mati = _hitung(pekerjaan.pk)
    print(f"dibunuh setelah {saat_mati['selesai']}/{jumlah} item")
    assert saat_mati["selesai"] < jumlah, "the worker finished before it was killed: nothing to resume"
    _tanpa_setengah_jadi(pekerjaan.pk)

    # The resume on two worker processes: they share the chunks and race for items and groups.
    kedua = Worker(broker, database, str(media), concurrency=2)
    try:
        with tenant_context(world.sumedang.pk):
            services.lanjutkan(pekerjaan, world.users.admin)
        _tunggu(
            lambda: _hitung(pekerjaan.pk)["status"] in (StatusPekerjaan.SELESAI, StatusPekerjaan.GAGAL),
            kedua,
            "pekerjaan tidak selesai",
        )
    finally:
        kedua.bunuh()

    with scopes_disabled():
        pekerjaan.refresh_from_db()
        assert pekerjaan.status == StatusPekerjaan.SELESAI, kedua.baca_log()[-3000:]
        assert (pekerjaan.selesai, pekerjaan.disegel, pekerjaan.dilewati) == (jumlah, 10, 3)
        assert not ItemCetak.objects.filter(pekerjaan=pekerjaan).exclude(status=StatusItem.SELESAI).exists()
        dicetak = data.menunggu + data.final
        dok = {e.pk: documents.dokumen_evaluasi(e) for e in dicetak}
        assert all(d.final for d in dok.values())
        kelompok = KelompokCetak.objects.get(pekerjaan=pekerjaan, kunci=f"pd-{world.dinas.pk}")
        assert kelompok.siap and KelompokCetak.objects.filter(pekerjaan=pekerjaan, siap=False).count() == 0
        harapan = sorted(services.nama_pdf(e.pegawai.nip, e.pegawai.nama, "D.1.1") for e in dicetak)
        pdf_db = {
            services.nama_pdf(e.pegawai.nip, e.pegawai.nama, "D.1.1"): bytes(dok[e.pk].pdf) for e in dicetak
        }

    # Nothing sealed twice: one `dokumen_final` per document, and the run sealed exactly the ten waiting ones.
    segel = bantu.jumlah_segel(world.sumedang.pk)
    assert set(segel.values()) == {1}
    assert set(segel) - set(segel_awal) == {dok[e.pk].pk for e in data.menunggu}

    # Nothing missing: the ZIP has every fully signed document once, byte for byte the sealed PDF.
    with zipfile.ZipFile(services.path_berkas(kelompok)) as zf:
        nama = zf.namelist()
        assert sorted(n for n in nama if n.endswith(".pdf")) == harapan
        assert len(nama) == len(set(nama))
        for n in harapan:
            assert zf.read(n) == pdf_db[n]
        daftar = zf.read("DAFTAR.csv").decode("utf-8-sig").splitlines()
    assert len(daftar) == 1 + kelompok.jumlah
    assert not list(Path(services.direktori(pekerjaan)).glob("*.tmp-*"))
