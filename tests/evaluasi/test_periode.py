"""Who is evaluated in a period and by whom: the cuti exemption (Indragiri Hulu Pasal 31(2), a PengaturanPemda
list) and mutations (Sumedang lampiran Evaluasi Kinerja angka 13-14: the chain read on the period's last day)."""

import pytest
from django_scopes import scopes_disabled

from evaluasi.models import StatusEvaluasi
from evaluasi.services import penilaian
from kinerja.models import Penempatan, PengaturanPemda, RiwayatStatus
from tests.factories import JabatanFactory, PenempatanFactory, UnitKerjaFactory, pegawai_with_account

from . import bantu
from .conftest import D

pytestmark = pytest.mark.django_db


def _cuti(world, jenis, mulai, selesai):
    with scopes_disabled():
        RiwayatStatus.objects.create(
            pemda=world.sumedang,
            pegawai=world.pegawai,
            status="cuti",
            jenis_cuti=jenis,
            mulai=mulai,
            selesai=selesai,
        )


def _kecualikan(world, jenis):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.sumedang).update(cuti_pengecualian_evaluasi_bulanan=jenis)


def test_cuti_melahirkan_sebulan_penuh_dikecualikan_dengan_alasan(skp_berjalan, sumedang, hari):
    w = sumedang
    _kecualikan(w, ["melahirkan"])
    _cuti(w, "melahirkan", D(2026, 2, 20), D(2026, 5, 20))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    assert ev.status == StatusEvaluasi.DIKECUALIKAN
    assert "cuti melahirkan" in ev.alasan_pengecualian and "Maret 2026" in ev.alasan_pengecualian


def test_cuti_sebagian_bulan_tidak_dikecualikan(skp_berjalan, sumedang, hari):
    w = sumedang
    _kecualikan(w, ["melahirkan"])
    _cuti(w, "melahirkan", D(2026, 3, 1), D(2026, 3, 20))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    assert ev.status == StatusEvaluasi.BELUM_DINILAI and ev.alasan_pengecualian == ""


def test_cuti_yang_tidak_terdaftar_tidak_dikecualikan(skp_berjalan, sumedang, hari):
    w = sumedang
    _kecualikan(w, ["melahirkan"])
    _cuti(w, "sakit", D(2026, 3, 1), D(2026, 3, 31))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    assert ev.status == StatusEvaluasi.BELUM_DINILAI


def test_tanpa_daftar_cuti_tidak_ada_pengecualian(skp_berjalan, sumedang, hari):
    w = sumedang
    _kecualikan(w, [])
    _cuti(w, "melahirkan", D(2026, 3, 1), D(2026, 3, 31))
    hari(D(2026, 3, 31))
    assert bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai).status == StatusEvaluasi.BELUM_DINILAI


def test_dikecualikan_tidak_dapat_dinilai(skp_berjalan, sumedang, hari):
    from django.core.exceptions import ValidationError

    w = sumedang
    _kecualikan(w, ["melahirkan"])
    _cuti(w, "melahirkan", D(2026, 3, 1), D(2026, 3, 31))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    with pytest.raises(ValidationError, match="dikecualikan"):
        bantu.nilai(w, ev)


def _seksi_baru(world):
    seksi = UnitKerjaFactory(
        pemda=world.sumedang,
        nama="Seksi Keamanan Informasi",
        kode="D01.B1.S2",
        jenis="seksi",
        parent=world.bidang,
    )
    kasi = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=seksi, nama="Kepala Seksi Keamanan", jenis="pengawas", memimpin_unit=True
        ),
        nama="Candra Wijaya",
    )
    return seksi, kasi


def _pindah(pegawai, jabatan, tanggal):
    with scopes_disabled():
        Penempatan.objects.filter(pegawai=pegawai, selesai__isnull=True).update(
            selesai=tanggal.replace(day=tanggal.day - 1)
        )
    PenempatanFactory(pegawai=pegawai, jabatan=jabatan, mulai=tanggal)


def test_pegawai_pindah_di_tengah_periode_dinilai_penilai_baru(skp_berjalan, sumedang, hari):
    w = sumedang
    seksi, kasi = _seksi_baru(w)
    _pindah(w.pegawai, JabatanFactory(unit=seksi, nama="Pranata Komputer"), D(2026, 3, 16))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    assert ev.penilai_id == kasi.pk and ev.unit_id == seksi.pk and ev.atasan_penilai_id == w.atasan.pk
    with scopes_disabled():
        from kinerja.models import User

        kasi_user = User.objects.get(pegawai=kasi)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        bantu.nilai(w, ev)  # the old Penilai no longer evaluates her
    ev = bantu.nilai(w, ev, by=kasi_user)
    assert ev.status == StatusEvaluasi.DINILAI


def test_pegawai_pindah_di_tengah_triwulan_dinilai_penilai_baru(skp_berjalan, sumedang, hari):
    w = sumedang
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=w.sumedang).update(siklus_evaluasi_periodik="triwulanan")
    seksi, kasi = _seksi_baru(w)
    _pindah(w.pegawai, JabatanFactory(unit=seksi, nama="Pranata Komputer"), D(2026, 2, 16))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w, jenis="triwulanan", nomor=1), w.pegawai)
    assert ev.penilai_id == kasi.pk and ev.unit_id == seksi.pk


def test_penilai_pindah_setelah_akhir_periode_tetap_menilai(skp_berjalan, sumedang, hari):
    w = sumedang
    seksi, _ = _seksi_baru(w)
    _pindah(w.penilai, JabatanFactory(unit=seksi, nama="Analis Keamanan"), D(2026, 4, 2))
    hari(D(2026, 4, 6))
    p = bantu.buka(w)
    bantu.capaian(w, p)
    ev = bantu.evaluasi_pegawai(p, w.pegawai)
    assert ev.penilai_id == w.penilai.pk and ev.unit_id == w.seksi.pk
    ev = bantu.sampai_ditandatangani(w, ev)
    assert ev.status == StatusEvaluasi.MENUNGGU_PEGAWAI


def test_penilai_pindah_sebelum_akhir_periode_tidak_menilai(skp_berjalan, sumedang, hari):
    w = sumedang
    seksi, _ = _seksi_baru(w)
    _pindah(w.penilai, JabatanFactory(unit=seksi, nama="Analis Keamanan"), D(2026, 3, 20))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    assert ev.penilai_id != w.penilai.pk


def test_pakai_hasil_sebelumnya_setelah_pindah(skp_berjalan, sumedang, hari):
    w = sumedang
    hari(D(2026, 2, 27))
    feb = bantu.buka(w, nomor=2)
    bantu.capaian(w, feb)
    ev_feb = bantu.sampai_ditandatangani(w, bantu.evaluasi_pegawai(feb, w.pegawai), "di_atas", "di_atas")
    ev_feb = penilaian.tandatangani_pegawai(evaluasi=ev_feb, by=w.users.pegawai, password=bantu.PASSWORD)
    seksi, kasi = _seksi_baru(w)
    _pindah(w.pegawai, JabatanFactory(unit=seksi, nama="Pranata Komputer"), D(2026, 3, 2))
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    with scopes_disabled():
        from kinerja.models import User

        kasi_user = User.objects.get(pegawai=kasi)
    ev = penilaian.pakai_hasil_sebelumnya(evaluasi=ev, sumber=ev_feb, by=kasi_user)
    assert ev.predikat == "sangat_baik" and ev.dari_evaluasi_id == ev_feb.pk
