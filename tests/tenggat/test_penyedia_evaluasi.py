"""The evaluation deadlines watched (tenggat.penyedia.evaluasi), run through proses_pemda on given days.

Sumedang, period March 2026 (monthly): the Penilai's window ends 10 working days after 31 March = 15 April
(3 April is Wafat Yesus Kristus); the Atasan Penilai's (D.1.2) 14 working days after that; the Pegawai signs
within 14 working days of receipt; a keberatan is decided within 7 working days of filing; the Penilai reports to
PyB within 30 working days after her window.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from evaluasi import jendela
from evaluasi.models import Evaluasi, Keberatan, StatusEvaluasi
from evaluasi.permissions import ATASAN, peran_evaluator
from evaluasi.services import keberatan as keberatan_services
from evaluasi.services import penilaian, tindak_lanjut
from kinerja.kalender import Kalender
from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context
from skp.models import Pemberitahuan
from tenggat.models import Eskalasi, Pengingat
from tenggat.penyedia import Kewajiban, Peralihan
from tenggat.penyedia import evaluasi as penyedia
from tenggat.proses import proses_pemda
from tests.evaluasi import bantu
from tests.factories import PegawaiFactory
from tests.skp import bantu as skp_bantu

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def hari(monkeypatch):
    sekarang = {"tanggal": D(2026, 1, 12)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: sekarang["tanggal"])

    def pindah(tanggal):
        sekarang["tanggal"] = tanggal

    return pindah


@pytest.fixture
def w(world, hari):
    """The world's Pegawai with a set SKP 2026 (January) and the March 2026 period open on 31 March."""
    with tenant_context(world.sumedang.pk):
        skp_bantu.sampai_ditetapkan(world, skp_bantu.draft(world), rhk=2, iki=2)
        hari(D(2026, 3, 31))
        world.periode = bantu.buka(world)
        bantu.capaian(world, world.periode)
        world.ev = bantu.evaluasi_pegawai(world.periode, world.pegawai)
    return world


def jalan(w, hari, tanggal):
    hari(tanggal)
    return proses_pemda(w.sumedang.pk, tanggal)


def langkah(penerima, jenis, objek_id):
    with scopes_disabled():
        return sorted(
            Pengingat.objects.filter(penerima=penerima, jenis=jenis, objek_id=objek_id).values_list(
                "tanggal", "langkah"
            )
        )


def pesan(penerima, jenis="tenggat"):
    """The notices of the evaluation deadlines (the SKP provider reminds of SKPs of 2026 not set, too)."""
    with scopes_disabled():
        semua = Pemberitahuan.objects.filter(penerima=penerima, jenis=jenis).order_by("pk")
        return [t for t in semua.values_list("pesan", flat=True) if not t.startswith("SKP ")]


def pengaturan(w):
    with scopes_disabled():
        return PengaturanPemda.objects.get(pemda=w.sumedang)


def pada(tanggal, jam=10):
    return timezone.make_aware(datetime.datetime(tanggal.year, tanggal.month, tanggal.day, jam))


def test_penilai_diingatkan_h7_h2_h0_lalu_eskalasi_ke_atasan_penilai(w, hari):
    with tenant_context(w.sumedang.pk):
        assert jendela.batas_evaluasi(w.periode, pengaturan(w)) == D(2026, 4, 15)
        assert jendela.batas_atasan(w.periode, pengaturan(w)) == D(2026, 5, 6)
    # 1 April: 10 working days left, no step yet; 6 April: 7 left (3 April is a holiday).
    for tanggal in (
        D(2026, 4, 1),
        D(2026, 4, 2),
        D(2026, 4, 6),
        D(2026, 4, 7),
        D(2026, 4, 13),
        D(2026, 4, 15),
    ):
        jalan(w, hari, tanggal)
    assert langkah(w.penilai, "evaluasi_penilai", w.ev.pk) == [
        (D(2026, 4, 6), "h-7"),
        (D(2026, 4, 13), "h-2"),
        (D(2026, 4, 15), "h0"),
    ]
    teks = pesan(w.penilai)
    assert len(teks) == 3 and all("Maret 2026" in t and "Siti Aminah" in t for t in teks), teks
    assert "Batas 15-04-2026" in teks[-1] and "hari ini hari kerja terakhir" in teks[-1]
    with scopes_disabled():
        assert not Eskalasi.objects.filter(jenis="evaluasi_ke_atasan").exists()
        tautan = reverse("evaluasi_detail", args=[w.ev.pk])
        assert Pemberitahuan.objects.filter(penerima=w.penilai, tautan=tautan).count() == 3
        assert not Pengingat.objects.filter(penerima=w.atasan, jenis="evaluasi_atasan").exists()

    # 16 April: the window has passed, still unsigned: the escalation (D.1.2), once, with its rule.
    hasil = jalan(w, hari, D(2026, 4, 16))
    assert hasil.eskalasi == 1
    with scopes_disabled():
        eskalasi = Eskalasi.objects.get(jenis="evaluasi_ke_atasan")
    assert (eskalasi.objek_jenis, eskalasi.objek_id) == ("evaluasi.Evaluasi", w.ev.pk)
    assert eskalasi.batas == D(2026, 4, 15) and eskalasi.tanggal == D(2026, 4, 16)
    assert "angka 11" in eskalasi.aturan and "angka 8" in eskalasi.aturan and "D.1.2" in eskalasi.aturan
    assert set(eskalasi.kepada) == {w.atasan.pk, w.penilai.pk, w.pegawai.pk}
    untuk_atasan = pesan(w.atasan, "eskalasi")
    assert len(untuk_atasan) == 1 and "Siti Aminah" in untuk_atasan[0] and "D.1.2" in untuk_atasan[0]
    with tenant_context(w.sumedang.pk):
        ev = Evaluasi.objects.get(pk=w.ev.pk)
        assert peran_evaluator(w.users.atasan, ev, pengaturan=pengaturan(w), tanggal=D(2026, 4, 16)) == ATASAN
    # No overdue reminder to the Penilai (she may no longer act); nothing recorded twice.
    for tanggal in (D(2026, 4, 17), D(2026, 4, 24), D(2026, 5, 4), D(2026, 5, 6), D(2026, 5, 7)):
        assert jalan(w, hari, tanggal).eskalasi == 0
    assert [x[1] for x in langkah(w.penilai, "evaluasi_penilai", w.ev.pk)] == ["h-7", "h-2", "h0"]
    # The Atasan's own window: 6 May (30 April and 1 May... counted by the calendar), reminded like the Penilai.
    assert langkah(w.atasan, "evaluasi_atasan", w.ev.pk) == [
        (D(2026, 4, 24), "h-7"),
        (D(2026, 5, 4), "h-2"),
        (D(2026, 5, 6), "h0"),
        (D(2026, 5, 7), "lewat-1"),
    ]
    assert "menunggu evaluasi dan tanda tangan Anda" in pesan(w.atasan)[0]


def test_atasan_menandatangani_d12_pengingat_berhenti_dan_pegawai_diingatkan_tujuh_hari(w, hari):
    jalan(w, hari, D(2026, 4, 16))
    hari(D(2026, 4, 20))
    with tenant_context(w.sumedang.pk):
        ev = bantu.sampai_ditandatangani(w, Evaluasi.objects.get(pk=w.ev.pk), by=w.users.atasan)
        assert ev.oleh_atasan and ev.status == StatusEvaluasi.MENUNGGU_PEGAWAI
        # D.1.2: the Pegawai returns it within 7 working days of receipt (20 April + 7 = 29 April).
        assert jendela.batas_pegawai(ev, pengaturan(w)) == D(2026, 4, 29)
    for tanggal in (D(2026, 4, 24), D(2026, 4, 27), D(2026, 4, 29)):
        jalan(w, hari, tanggal)
    assert langkah(w.atasan, "evaluasi_atasan", w.ev.pk) == []
    assert langkah(w.pegawai, "evaluasi_pegawai", w.ev.pk) == [
        (D(2026, 4, 24), "h-7"),
        (D(2026, 4, 27), "h-2"),
        (D(2026, 4, 29), "h0"),
    ]
    assert "Format D.1.2" in pesan(w.pegawai)[0]
    # Reporting to PyB is now the Atasan's (she signed), not the Penilai's: due 30 working days after 15 April.
    with tenant_context(w.sumedang.pk):
        batas_lapor = jendela.batas_lapor(w.periode, pengaturan(w))
    items = _penyedia(w, penyedia.lapor, D(2026, 4, 29))
    assert [(i.jenis, i.penerima, i.batas) for i in items] == [("lapor_pyb", (w.atasan.pk,), batas_lapor)]


def test_pegawai_diingatkan_menandatangani_dan_berhenti_setelah_ditandatangani(w, hari):
    hari(D(2026, 4, 1))
    with tenant_context(w.sumedang.pk):
        ev = bantu.sampai_ditandatangani(w, w.ev)
        # Received 1 April; 14 working days: 2 April, 6-10, 13-17, 20-22 April (3 April a holiday) = 22 April.
        assert jendela.batas_pegawai(ev, pengaturan(w)) == D(2026, 4, 22)
    for tanggal in (
        D(2026, 4, 10),
        D(2026, 4, 13),
        D(2026, 4, 17),
        D(2026, 4, 20),
        D(2026, 4, 22),
        D(2026, 4, 23),
    ):
        jalan(w, hari, tanggal)
    assert langkah(w.pegawai, "evaluasi_pegawai", ev.pk) == [
        (D(2026, 4, 13), "h-7"),
        (D(2026, 4, 20), "h-2"),
        (D(2026, 4, 22), "h0"),
        (D(2026, 4, 23), "lewat-1"),
    ]
    teks = pesan(w.pegawai)
    assert "Siti Aminah" in teks[0] and "Maret 2026" in teks[0] and "menunggu tanda tangan Anda" in teks[0]
    assert "terlambat 1 hari kerja" in teks[-1]
    # The Penilai signed in her window: no escalation, no reminder of her own window after signing.
    with scopes_disabled():
        assert not Eskalasi.objects.filter(jenis="evaluasi_ke_atasan").exists()
    assert langkah(w.penilai, "evaluasi_penilai", ev.pk) == []
    hari(D(2026, 4, 24))
    with tenant_context(w.sumedang.pk):
        penilaian.tandatangani_pegawai(evaluasi=ev, by=w.users.pegawai, password=bantu.PASSWORD)
    assert jalan(w, hari, D(2026, 4, 29)).pengingat == 0
    assert len(langkah(w.pegawai, "evaluasi_pegawai", ev.pk)) == 4


def test_pelaporan_diingatkan_kepada_penilai_sampai_dilaporkan(w, hari):
    hari(D(2026, 4, 1))
    with tenant_context(w.sumedang.pk):
        ev = bantu.sampai_ditandatangani(w, w.ev)
        batas = jendela.batas_lapor(w.periode, pengaturan(w))
    # 15 April + 30 working days (1 May, 14-15 May, 27 May, 1 June... skipped by the calendar).
    assert batas == D(2026, 6, 4)
    jalan(w, hari, D(2026, 5, 21))
    assert langkah(w.penilai, "lapor_pyb", ev.pk) == [(D(2026, 5, 21), "h-7")]
    assert "belum dilaporkan secara berjenjang" in pesan(w.penilai)[-1]
    with scopes_disabled():
        terakhir = Pemberitahuan.objects.filter(penerima=w.penilai, jenis="tenggat").order_by("pk").last()
        assert terakhir.tautan == reverse("evaluasi_laporan")
    with tenant_context(w.sumedang.pk):
        tindak_lanjut.lapor_berjenjang(evaluasi=ev, by=w.users.penilai)
    jalan(w, hari, D(2026, 6, 4))
    assert langkah(w.penilai, "lapor_pyb", ev.pk) == [(D(2026, 5, 21), "h-7")]


def _keberatan(w, hari, diajukan=None):
    hari(D(2026, 3, 31))
    with tenant_context(w.sumedang.pk):
        ev = bantu.sampai_ditandatangani(w, w.ev)
        hari(diajukan or D(2026, 4, 1))
        return keberatan_services.ajukan_keberatan(
            evaluasi=ev, by=w.users.pegawai, alasan="Modul ke-4 hilang."
        )


def test_keberatan_diingatkan_kepada_atasan_dan_dilaporkan_ke_bkpsdm_bila_terlambat(w, hari):
    k = _keberatan(w, hari)
    with tenant_context(w.sumedang.pk):
        # Filed 1 April; 7 working days (3 April a holiday) = 13 April.
        assert jendela.batas_putus_keberatan(k, pengaturan(w)) == D(2026, 4, 13)
    jalan(w, hari, D(2026, 4, 1))
    assert langkah(w.atasan, "keberatan_putus", k.pk) == [(D(2026, 4, 1), "h-7")]
    assert langkah(w.penilai, "keberatan_putus", k.pk) == []
    # The Atasan asks the Penilai to explain: she is reminded too while she has not answered.
    hari(D(2026, 4, 6))
    with tenant_context(w.sumedang.pk):
        k = keberatan_services.minta_penjelasan(keberatan=k, by=w.users.atasan, pertanyaan="Modul ke-4?")
    jalan(w, hari, D(2026, 4, 9))
    assert langkah(w.atasan, "keberatan_putus", k.pk)[-1] == (D(2026, 4, 9), "h-2")
    assert langkah(w.penilai, "keberatan_putus", k.pk) == [(D(2026, 4, 9), "h-2")]
    assert "penjelasan Pejabat Penilai Kinerja masih ditunggu" in pesan(w.penilai)[-1]
    with tenant_context(w.sumedang.pk):
        keberatan_services.beri_penjelasan(keberatan=k, by=w.users.penilai, teks="Modul ke-4 belum diunggah.")
    jalan(w, hari, D(2026, 4, 13))
    assert langkah(w.atasan, "keberatan_putus", k.pk)[-1] == (D(2026, 4, 13), "h0")
    assert langkah(w.penilai, "keberatan_putus", k.pk) == [(D(2026, 4, 9), "h-2")]
    with scopes_disabled():
        assert not Eskalasi.objects.filter(jenis="keberatan_ke_bkpsdm").exists()

    # 14 April: not decided in time: flagged to BKPSDM, once, with its rule.
    hasil = jalan(w, hari, D(2026, 4, 14))
    assert hasil.eskalasi == 1
    with scopes_disabled():
        eskalasi = Eskalasi.objects.get(jenis="keberatan_ke_bkpsdm")
    assert (eskalasi.objek_jenis, eskalasi.objek_id, eskalasi.batas) == (
        "evaluasi.Keberatan",
        k.pk,
        D(2026, 4, 13),
    )
    assert "Keberatan" in eskalasi.aturan and "angka 6" in eskalasi.aturan
    assert set(eskalasi.kepada) == {w.users.admin.pegawai_id, w.atasan.pk}
    assert any("belum diputus" in t and "BKPSDM" in t for t in pesan(w.users.admin.pegawai, "eskalasi"))
    assert langkah(w.atasan, "keberatan_putus", k.pk)[-1] == (D(2026, 4, 14), "lewat-1")
    assert jalan(w, hari, D(2026, 4, 15)).eskalasi == 0


def test_keberatan_yang_diputus_tidak_diingatkan(w, hari):
    k = _keberatan(w, hari)
    with tenant_context(w.sumedang.pk):
        Keberatan.objects.filter(pk=k.pk).update(status="dikuatkan", diputus_pada=pada(D(2026, 4, 2)))
    assert _penyedia(w, penyedia.keberatan, D(2026, 4, 14)) == []


def test_dikecualikan_dan_selesai_tidak_diingatkan(w, hari):
    hari(D(2026, 4, 1))
    with tenant_context(w.sumedang.pk):
        ev = bantu.sampai_ditandatangani(w, w.ev)
        hari(D(2026, 4, 2))
        penilaian.tandatangani_pegawai(evaluasi=ev, by=w.users.pegawai, password=bantu.PASSWORD)
        tindak_lanjut.lapor_berjenjang(evaluasi=ev, by=w.users.penilai)
        # Her colleague's evaluation, exempt (as a Pegawai on leave would be).
        lain = Evaluasi.objects.filter(periode=w.periode).exclude(pk=ev.pk)
        lain.update(status=StatusEvaluasi.DIKECUALIKAN, alasan_pengecualian="Cuti di luar tanggungan negara")
    for tanggal in (D(2026, 4, 6), D(2026, 4, 15), D(2026, 4, 16), D(2026, 6, 4), D(2026, 6, 5)):
        hasil = jalan(w, hari, tanggal)
        assert [t for t in hasil.terkirim if "evaluasi" in t or "lapor" in t or "keberatan" in t] == []
    for fungsi in penyedia.PENYEDIA:
        assert _penyedia(w, fungsi, D(2026, 4, 16)) == []


def test_periode_ditutup_tidak_diawasi(w, hari):
    with tenant_context(w.sumedang.pk):
        type(w.periode).objects.filter(pk=w.periode.pk).update(status="ditutup")
    assert _penyedia(w, penyedia.penilai, D(2026, 4, 16)) == []


def _penyedia(w, fungsi, tanggal):
    with tenant_context(w.sumedang.pk):
        return fungsi(w.sumedang.pk, tanggal, pengaturan(w))


# ---- a fixed number of queries, however many evaluations -----------------------------------------------------


def _banyak(w, n):
    """`n` more Pegawai in the seksi, their evaluations in every watched state: unsigned, past the window,
    waiting for the Pegawai (received on different days), signed and not reported, with an open keberatan."""
    with tenant_context(w.sumedang.pk):
        admin_user = w.users.admin
        for i in range(n):
            p = PegawaiFactory(pemda=w.sumedang)
            status = [
                StatusEvaluasi.BELUM_DINILAI,
                StatusEvaluasi.DINILAI,
                StatusEvaluasi.MENUNGGU_PEGAWAI,
                StatusEvaluasi.SELESAI,
            ][i % 4]
            ditandatangani = (
                pada(D(2026, 4, 1 + i % 3)) if status in ("menunggu_pegawai", "selesai") else None
            )
            ev = Evaluasi.objects.create(
                pemda=w.sumedang,
                periode=w.periode,
                pegawai=p,
                penilai=w.penilai,
                atasan_penilai=w.atasan,
                unit=w.seksi,
                status=status,
                predikat="baik" if status == "selesai" else "",
                oleh_atasan=i % 5 == 0 and status != "belum_dinilai",
                ditandatangani_penilai_pada=ditandatangani,
            )
            if status == StatusEvaluasi.MENUNGGU_PEGAWAI:
                Keberatan.objects.create(
                    pemda=w.sumedang,
                    evaluasi=ev,
                    alasan="-",
                    diajukan_oleh=admin_user,
                    diajukan_pada=pada(D(2026, 4, 2 + i % 4)),
                    status="diperiksa" if i % 2 else "diajukan",
                    penjelasan_diminta_pada=pada(D(2026, 4, 6)) if i % 2 else None,
                )


def _kueri(w, fungsi, tanggal, monkeypatch):
    """The provider's SQL queries, and how many calendars it builds (each reads the Pemda's days off)."""
    kalender = []

    class Hitung(Kalender):
        def __init__(self, pemda_id):
            kalender.append(pemda_id)
            super().__init__(pemda_id)

    monkeypatch.setattr(jendela, "Kalender", Hitung)
    with tenant_context(w.sumedang.pk):
        cfg = pengaturan(w)
        fungsi(w.sumedang.pk, tanggal, cfg)  # the Pemda's days off cached, as after the first provider
        kalender.clear()
        with CaptureQueriesContext(connection) as ctx:
            hasil = fungsi(w.sumedang.pk, tanggal, cfg)
    return len(ctx), len(kalender), hasil


@pytest.mark.parametrize("fungsi", penyedia.PENYEDIA, ids=lambda f: f.__name__)
def test_jumlah_kueri_tetap(w, hari, fungsi, monkeypatch):
    k = _keberatan(w, hari)
    assert k.pk
    tanggal = D(2026, 4, 20)  # past the Penilai's and the keberatan windows: escalations too
    kecil, kalender_kecil, hasil_kecil = _kueri(w, fungsi, tanggal, monkeypatch)
    _banyak(w, 24)
    besar, kalender_besar, hasil_besar = _kueri(w, fungsi, tanggal, monkeypatch)
    assert len(hasil_besar) > len(hasil_kecil)
    assert all(isinstance(x, (Kewajiban, Peralihan)) for x in hasil_besar)
    assert besar == kecil, (fungsi.__name__, kecil, besar)
    # Windows computed once per period or per receipt / filing day (the 24 rows share 4 days), not per row.
    assert kalender_besar <= kalender_kecil + 4, (fungsi.__name__, kalender_kecil, kalender_besar)


def test_penilai_kepala_daerah_tidak_diingatkan_dan_tidak_dialihkan(w, hari):
    with tenant_context(w.sumedang.pk):
        Evaluasi.objects.filter(pk=w.ev.pk).update(
            penilai=None, penilai_kepala_daerah=True, atasan_penilai=None
        )
    assert [i for i in _penyedia(w, penyedia.penilai, D(2026, 4, 15)) if i.objek_id == w.ev.pk] == []
    assert [i for i in _penyedia(w, penyedia.penilai, D(2026, 4, 16)) if i.objek_id == w.ev.pk] == []


def test_atasan_kepala_daerah_tanpa_pegawai_eskalasi_tetap_dicatat(w, hari):
    with tenant_context(w.sumedang.pk):
        Evaluasi.objects.filter(pk=w.ev.pk).update(atasan_penilai=None, atasan_penilai_kepala_daerah=True)
    items = [i for i in _penyedia(w, penyedia.penilai, D(2026, 4, 16)) if i.objek_id == w.ev.pk]
    # The Bupati's account has no Pegawai: the escalation tells the Penilai and the Pegawai; no reminder.
    assert [(type(i), i.jenis, i.kepada) for i in items] == [
        (Peralihan, "evaluasi_ke_atasan", (w.penilai.pk, w.pegawai.pk))
    ]
    with scopes_disabled():
        from kinerja.models import User

        bupati = PegawaiFactory(pemda=w.sumedang)
        User.objects.filter(pk=w.users.bupati.pk).update(pegawai=bupati)
    items = [i for i in _penyedia(w, penyedia.penilai, D(2026, 4, 16)) if i.objek_id == w.ev.pk]
    assert [(i.jenis, i.kepada if isinstance(i, Peralihan) else i.penerima) for i in items] == [
        ("evaluasi_ke_atasan", (bupati.pk, w.penilai.pk, w.pegawai.pk)),
        ("evaluasi_atasan", (bupati.pk,)),
    ]
