"""The windows of the evaluation in working days (evaluasi.jendela), and what happens when the Penilai's window
passes: she is refused, the Atasan Penilai rates and signs D.1.2, which is final."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scopes_disabled

from evaluasi import documents, jendela
from evaluasi.models import PeriodeEvaluasi, StatusEvaluasi
from evaluasi.services import penilaian
from kinerja.kalender import forget_libur_pemda
from kinerja.models import HariLiburPemda, PengaturanPemda

from . import bantu
from .conftest import D

pytestmark = pytest.mark.django_db


def _pengaturan(world):
    with scopes_disabled():
        return PengaturanPemda.objects.get(pemda=world.sumedang)


def _periode(world, jenis, nomor, tahun):
    with scopes_disabled():
        return PeriodeEvaluasi.objects.create(pemda=world.sumedang, jenis=jenis, nomor=nomor, tahun=tahun)


def test_jendela_bulanan_melewati_libur_nasional_dan_libur_pemda(sumedang):
    w = sumedang
    pengaturan = _pengaturan(w)
    assert pengaturan.hari_kerja_evaluasi_periodik == 10
    maret = _periode(w, "bulanan", 3, 2026)
    # March ends Tue 31-03-2026. Ten working days after it: 1, 2 April; Fri 3 April is Wafat Yesus Kristus
    # (national); 6-10 and 13-15 April: Wed 15 April.
    assert jendela.batas_evaluasi(maret, pengaturan) == D(2026, 4, 15)
    with scopes_disabled():
        HariLiburPemda.objects.create(pemda=w.sumedang, tanggal=D(2026, 4, 8), nama="Libur Pemda (uji)")
    forget_libur_pemda(w.sumedang.pk)
    # The Pemda's own day off on Wed 8 April moves it one working day: Thu 16 April.
    assert jendela.batas_evaluasi(maret, pengaturan) == D(2026, 4, 16)
    # The Atasan: 14 working days after 16 April: 17, 20-24, 27-30 April (10); Fri 1 May Hari Buruh; 4-7 May.
    assert jendela.batas_atasan(maret, pengaturan) == D(2026, 5, 7)
    # Reported berjenjang within hari_kerja_lapor_pyb after the evaluation window.
    assert jendela.batas_lapor(maret, pengaturan) > D(2026, 4, 16)


def test_jendela_april_melewati_hari_buruh_dan_kenaikan(sumedang):
    pengaturan = _pengaturan(sumedang)
    april = _periode(sumedang, "bulanan", 4, 2026)
    # Thu 30 April; Fri 1 May (Hari Buruh); 4-8, 11-13 May (8); 14 May Kenaikan, 15 May cuti bersama; 18, 19 May.
    assert jendela.batas_evaluasi(april, pengaturan) == D(2026, 5, 19)


def test_jendela_tahunan_akhir_januari_tahun_berikutnya(sumedang):
    pengaturan = _pengaturan(sumedang)
    tahunan = _periode(sumedang, "tahunan", 1, 2026)
    assert pengaturan.batas_evaluasi_tahunan_bulan == 1
    assert jendela.batas_evaluasi(tahunan, pengaturan) == D(2027, 1, 31)


@pytest.fixture
def maret(skp_berjalan, sumedang, hari):
    hari(D(2026, 3, 31))
    p = bantu.buka(sumedang)
    bantu.capaian(sumedang, p)
    return bantu.evaluasi_pegawai(p, sumedang.pegawai)


def test_jendela_pegawai_dan_keberatan_dari_tanda_tangan_penilai(maret, sumedang, hari):
    w = sumedang
    hari(D(2026, 4, 1))
    ev = bantu.sampai_ditandatangani(w, maret)
    pengaturan = _pengaturan(w)
    assert jendela.diterima(ev) is not None
    assert jendela.batas_pegawai(ev, pengaturan) > jendela.diterima(ev)
    assert jendela.batas_keberatan(ev, pengaturan) > jendela.diterima(ev)


def test_setelah_jendela_penilai_ditolak_atasan_menilai_d12_final(maret, sumedang, hari):
    w = sumedang
    hari(D(2026, 4, 15))  # the last day of the window: the Penilai still may, the Atasan not yet
    bantu.nilai(w, maret)
    with pytest.raises(PermissionDenied):
        bantu.nilai(w, maret, by=w.users.atasan)
    hari(D(2026, 4, 16))  # the window has ended without her signature
    with pytest.raises(PermissionDenied, match="Jangka waktu evaluasi berakhir 15-04-2026"):
        penilaian.tandatangani_evaluator(evaluasi=maret, by=w.users.penilai, password=bantu.PASSWORD)
    with pytest.raises(PermissionDenied):
        bantu.nilai(w, maret)
    # The Atasan must save her own rating before signing.
    with pytest.raises(ValidationError, match="simpan ulang"):
        penilaian.tandatangani_evaluator(evaluasi=maret, by=w.users.atasan, password=bantu.PASSWORD)
    ev = bantu.sampai_ditandatangani(w, maret, "di_bawah", "sesuai", by=w.users.atasan)
    assert ev.oleh_atasan and ev.final and ev.status == StatusEvaluasi.MENUNGGU_PEGAWAI
    assert ev.predikat == "butuh_perbaikan"
    assert documents.dokumen_evaluasi(ev).format_kode == "D.1.2"
    ev = penilaian.tandatangani_pegawai(evaluasi=ev, by=w.users.pegawai, password=bantu.PASSWORD)
    assert ev.status == StatusEvaluasi.SELESAI and ev.final
