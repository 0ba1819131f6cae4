"""The deadline watch on a real Celery worker and Redis (CI): the dispatcher goes through the broker, each
Pemda's run is a task on the worker, and the idempotency key holds when a task dies and is retried or when two
dispatchers run the same day. Skipped without REDIS_URL (celery_bantu)."""

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.db import OperationalError, connection
from django_scopes import scopes_disabled

from kinerja.models import Pegawai, User
from kinerja.scoping import tenant_context
from skp.models import Pemberitahuan
from skp.permissions import peran_penilai
from tenggat import services, tasks
from tenggat.models import Eskalasi, Pengingat
from tests.skp import bantu

from .celery_bantu import jumlah_per, perlu_redis, worker_celery

pytestmark = [perlu_redis, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
D = datetime.date


@pytest.fixture
def hari(monkeypatch):
    """Freeze "today" (the worker thread shares the process, so it sees the same day)."""
    sekarang = {"tanggal": D(2027, 1, 25)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: sekarang["tanggal"])

    def pindah(tanggal):
        sekarang["tanggal"] = tanggal

    return pindah


@pytest.fixture
def surel(world):
    """Every account of the world has an address: each reminder is also an email."""
    with scopes_disabled():
        for user in User.objects.filter(pegawai__isnull=False):
            User.objects.filter(pk=user.pk).update(email=f"{user.username}@contoh.go.id")
        return dict(User.objects.filter(pegawai__isnull=False).values_list("pegawai_id", "email"))


def _pemberitahuan(pegawai, jenis="tenggat"):
    with scopes_disabled():
        return list(
            Pemberitahuan.objects.filter(penerima=pegawai, jenis=jenis).values_list("pesan", flat=True)
        )


def sekali_tiap_pengingat(pengingat, surel) -> None:
    """Each reminder row reached its recipient exactly once in the bell (a line of one notice: a day's reminders
    of one kind, step, deadline and page share a notice) and exactly once by email (a line of one digest), and
    is marked emailed; a row per recipient, item and step."""
    kunci = jumlah_per(pengingat, "penerima_id", "jenis", "objek_jenis", "objek_id", "langkah")
    assert kunci and set(kunci.values()) == {1}
    baris_bel = Counter()
    for penerima_id, pesan in Pemberitahuan.objects.filter(jenis="tenggat").values_list(
        "penerima_id", "pesan"
    ):
        baris_bel.update((penerima_id, baris) for baris in pesan.splitlines())
    baris_surel = Counter()
    for m in mail.outbox:
        if m.subject.startswith("[Kinerja] Pengingat"):
            for alamat in m.to:
                baris_surel.update(
                    (alamat, baris) for baris in m.body.splitlines() if baris.startswith("SKP ")
                )
    for penerima_id, pesan in pengingat.values_list("penerima_id", "pesan"):
        assert baris_bel[(penerima_id, pesan)] == 1, pesan
        assert baris_surel[(surel[penerima_id], pesan)] == 1, pesan
    assert sum(baris_bel.values()) == pengingat.count()
    assert not pengingat.filter(surel_terkirim_pada__isnull=True).exists()


def _tanpa_duplikat(world, surel):
    """Every recipient of every Pemda got each reminder once (sekali_tiap_pengingat). Returns the number of
    Sumedang's reminders."""
    with scopes_disabled():
        sekali_tiap_pengingat(Pengingat.objects.all(), surel)
        return Pengingat.objects.filter(pemda=world.sumedang).count()


def test_dispatcher_lewat_broker_25_januari_lalu_1_februari(world, hari, surel, settings):
    hari(D(2027, 1, 12))
    with tenant_context(world.sumedang.pk):
        skp = bantu.ajukan(world, bantu.draft(world, tahun=2027))  # submitted, never set
    hari(D(2027, 1, 25))
    with worker_celery(settings) as worker:
        # No date: the dispatcher takes "today" of each Pemda (frozen above, seen by the worker thread).
        tasks.dispatcher.delay()
        assert worker.tunggu("tenggat.tasks.dispatcher", 1) == [2]
        ringkas = {r["pemda_id"]: r for r in worker.tunggu("tenggat.tasks.jalankan_pemda", 2)}
        assert ringkas[world.sumedang.pk]["tanggal"] == "2027-01-25"
        assert ringkas[world.sumedang.pk]["pengingat"] >= 2

        untuk_pegawai = _pemberitahuan(world.pegawai)
        assert len(untuk_pegawai) == 1 and "SKP 2027 Siti Aminah belum ditetapkan" in untuk_pegawai[0]
        untuk_penilai = [p for p in _pemberitahuan(world.penilai) if "Siti Aminah" in p]
        assert len(untuk_penilai) == 1
        alamat = surel[world.pegawai.pk]
        assert sum(alamat in m.to for m in mail.outbox) == 1
        assert sum(surel[world.penilai.pk] in m.to and "Siti Aminah" in m.body for m in mail.outbox) == 1
        with scopes_disabled():
            assert not Eskalasi.objects.exists()
        _tanpa_duplikat(world, surel)

        hari(D(2027, 2, 1))
        with tenant_context(world.sumedang.pk):
            assert peran_penilai(skp, world.users.atasan, hari_ini=D(2027, 1, 29), bulan_batas=1) is None
        tasks.dispatcher.delay()
        worker.tunggu("tenggat.tasks.dispatcher", 2)
        ringkas = [
            r for r in worker.tunggu("tenggat.tasks.jalankan_pemda", 4) if r["tanggal"] == "2027-02-01"
        ]
        assert sum(r["eskalasi"] for r in ringkas if r["pemda_id"] == world.sumedang.pk) >= 1
    with scopes_disabled():
        eskalasi = Eskalasi.objects.get(objek_jenis="kinerja.Pegawai/2027", objek_id=world.pegawai.pk)
    assert eskalasi.jenis == "skp_ke_atasan" and eskalasi.tanggal == D(2027, 2, 1)
    assert world.atasan.pk in eskalasi.kepada and "Penetapan SKP" in eskalasi.aturan
    assert any("Siti Aminah" in p for p in _pemberitahuan(world.atasan, "eskalasi"))
    assert any(surel[world.atasan.pk] in m.to and m.subject.endswith("Eskalasi tenggat") for m in mail.outbox)
    with tenant_context(world.sumedang.pk):
        assert (
            peran_penilai(skp, world.users.atasan, hari_ini=D(2027, 2, 1), bulan_batas=1) == "atasan_penilai"
        )


def test_tugas_mati_di_tengah_lalu_diulang_tidak_mengirim_ganda(world, hari, surel, settings, monkeypatch):
    """The first attempt dies at the second reminder (a lost database connection: autoretry); its work so far
    is either rolled back (PostgreSQL: one transaction per Pemda) or committed (SQLite); the retry completes and
    nobody gets anything twice."""
    asli = services.kirim_pengingat
    panggilan = {"n": 0, "gagal": 0}

    def kirim_lalu_mati(**kwargs):
        panggilan["n"] += 1
        if panggilan["n"] == 2 and not panggilan["gagal"]:
            panggilan["gagal"] += 1
            raise OperationalError("server closed the connection unexpectedly")
        return asli(**kwargs)

    monkeypatch.setattr(services, "kirim_pengingat", kirim_lalu_mati)
    with worker_celery(settings) as worker:
        tasks.jalankan_pemda.delay(world.sumedang.pk, "2027-01-25")
        (ringkas,) = worker.tunggu("tenggat.tasks.jalankan_pemda", 1)
        assert len(worker.hasil("tenggat.tasks.jalankan_pemda", "RETRY")) == 1
    assert panggilan["gagal"] == 1
    jumlah = _tanpa_duplikat(world, surel)
    with scopes_disabled():
        berkomit_pertama = jumlah - ringkas["pengingat"]
    # PostgreSQL: the Pemda's run is one transaction, the first attempt left nothing; elsewhere its first reminder
    # was committed and the retry skipped it.
    assert berkomit_pertama == (0 if connection.vendor == "postgresql" else 1)
    assert jumlah >= 2 and len(_pemberitahuan(world.pegawai)) == 1


def test_tugas_mati_setelah_komit_lalu_diulang_tidak_mengirim_ganda(
    world, hari, surel, settings, monkeypatch
):
    """The first attempt commits the whole Pemda (and sends its emails), then dies before it is acknowledged;
    the retry finds every idempotency key taken and sends nothing."""
    asli = tasks.proses_pemda
    panggilan = {"n": 0}

    def proses_lalu_mati(pemda_id, tanggal):
        hasil = asli(pemda_id, tanggal)
        panggilan["n"] += 1
        if panggilan["n"] == 1:
            raise OperationalError("connection lost after commit")
        return hasil

    monkeypatch.setattr(tasks, "proses_pemda", proses_lalu_mati)
    with worker_celery(settings) as worker:
        tasks.jalankan_pemda.delay(world.sumedang.pk, "2027-01-25")
        (ringkas,) = worker.tunggu("tenggat.tasks.jalankan_pemda", 1)
        assert len(worker.hasil("tenggat.tasks.jalankan_pemda", "RETRY")) == 1
    assert panggilan["n"] == 2 and ringkas["pengingat"] == 0 and ringkas["kewajiban"] >= 1
    assert _tanpa_duplikat(world, surel) >= 2


def test_dua_dispatcher_hari_yang_sama_satu_pengingat(world, hari, surel, settings):
    """Two dispatchers for 25 January on a worker with two threads: the two Sumedang runs race; every reminder
    exists once and every recipient has one notification and one email per reminder."""
    with scopes_disabled():
        jumlah_pegawai = Pegawai.objects.filter(pemda=world.sumedang).count()
    with worker_celery(settings, pool="threads", concurrency=2) as worker:
        tasks.dispatcher.delay("2027-01-25")
        tasks.dispatcher.delay("2027-01-25")
        worker.tunggu("tenggat.tasks.dispatcher", 2)
        ringkas = worker.tunggu("tenggat.tasks.jalankan_pemda", 4)
    sumedang = [r for r in ringkas if r["pemda_id"] == world.sumedang.pk]
    assert len(sumedang) == 2
    jumlah = _tanpa_duplikat(world, surel)
    assert (
        sum(r["pengingat"] for r in sumedang) == jumlah
    )  # each reminder made by exactly one of the two runs
    assert jumlah >= jumlah_pegawai  # every Pegawai without a set SKP at least (and the Penilai)
    assert len(_pemberitahuan(world.pegawai)) == 1
