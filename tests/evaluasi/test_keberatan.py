"""Keberatan services (Sumedang lampiran Tindak Lanjut "KEBERATAN" angka 1-7): filing, the examination, the
decision (kuatkan / ubah with D.1.3), the windows in working days, who may act."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from dokumen.models import StatusDokumen
from evaluasi import documents
from evaluasi.models import Evaluasi, Keberatan, StatusEvaluasi, StatusKeberatan
from evaluasi.services import keberatan as services
from kinerja.kalender import forget_libur_pemda
from kinerja.models import AuditEvent, HariLiburPemda
from skp.models import JenisPemberitahuan, Pemberitahuan

from . import bantu
from .conftest import D

PASSWORD = bantu.PASSWORD


def pada(tanggal: datetime.date, jam=10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(tanggal.year, tanggal.month, tanggal.day, jam))


def diterima_pada(ev: Evaluasi, tanggal: datetime.date) -> Evaluasi:
    """The evaluator's signature (the Pegawai's receipt) on `tanggal`: the windows count from it."""
    Evaluasi.objects.filter(pk=ev.pk).update(ditandatangani_penilai_pada=pada(tanggal))
    ev.refresh_from_db()
    return ev


def diajukan_pada(k: Keberatan, tanggal: datetime.date) -> Keberatan:
    Keberatan.objects.filter(pk=k.pk).update(diajukan_pada=pada(tanggal))
    k.refresh_from_db()
    return k


def ditandatangani(w, hari, hasil="sesuai", perilaku="sesuai", tanggal=None):
    tanggal = tanggal or D(2026, 3, 31)
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    bantu.capaian(w, p)
    ev = bantu.sampai_ditandatangani(w, bantu.evaluasi_pegawai(p, w.pegawai), hasil, perilaku)
    ev = diterima_pada(ev, tanggal)
    hari(tanggal)
    return ev


def diajukan(w, hari, tanggal=None):
    tanggal = tanggal or D(2026, 4, 1)
    ev = ditandatangani(w, hari)
    hari(tanggal)
    k = services.ajukan_keberatan(
        evaluasi=ev, by=w.users.pegawai, alasan="Realisasi modul ke-4 tidak dihitung."
    )
    return diajukan_pada(k, tanggal)


@pytest.mark.django_db
def test_jalur_lengkap_keberatan_mengubah_hasil_dan_d13_ditandatangani_tiga_pihak(
    skp_berjalan, sumedang, hari
):
    w = sumedang
    ev = ditandatangani(w, hari, "sesuai", "sesuai")
    d11 = documents.dokumen_evaluasi(ev)
    html_d11 = d11.html
    assert ev.predikat == "baik"

    k = services.ajukan_keberatan(
        evaluasi=ev, by=w.users.pegawai, alasan="Realisasi modul ke-4 tidak dihitung."
    )
    assert k.status == StatusKeberatan.DIAJUKAN
    assert (k.predikat_semula, k.rating_hasil_semula, k.rating_perilaku_semula) == (
        "baik",
        "sesuai",
        "sesuai",
    )
    penerima = set(
        Pemberitahuan.objects.filter(jenis=JenisPemberitahuan.KEBERATAN).values_list("penerima_id", flat=True)
    )
    assert penerima == {w.atasan.pk, w.penilai.pk}

    k = services.minta_penjelasan(
        keberatan=k, by=w.users.atasan, pertanyaan="Mengapa modul ke-4 tidak dihitung?"
    )
    assert k.status == StatusKeberatan.DIPERIKSA and k.penjelasan_diminta_pada
    k = services.minta_keterangan(keberatan=k, by=w.users.atasan, permintaan="Lampirkan bukti modul ke-4.")
    k = services.beri_keterangan(keberatan=k, by=w.users.pegawai, teks="Bukti ada di folder bersama.")
    k = services.beri_penjelasan(
        keberatan=k, by=w.users.penilai, teks="Modul ke-4 diserahkan setelah periode."
    )
    k = services.beri_penjelasan(keberatan=k, by=w.users.penilai, teks="Setelah dicek, diserahkan 30 Maret.")
    assert "Modul ke-4 diserahkan setelah periode." in k.penjelasan_penilai
    assert "[Tambahan" in k.penjelasan_penilai and "30 Maret" in k.penjelasan_penilai

    k = services.putuskan(
        keberatan=k,
        by=w.users.atasan,
        keputusan="ubah",
        alasan="Modul ke-4 terbukti diserahkan dalam periode.",
        rekomendasi="Pertahankan; ikutkan pelatihan lanjutan.",
        rating_hasil_baru="di_atas",
        rating_perilaku_baru="di_atas",
        password=PASSWORD,
    )
    assert k.status == StatusKeberatan.DIUBAH and k.predikat_baru == "sangat_baik"
    ev.refresh_from_db()
    assert (ev.rating_hasil, ev.rating_perilaku, ev.predikat) == ("di_atas", "di_atas", "sangat_baik")
    assert ev.catatan_rekomendasi == "Pertahankan; ikutkan pelatihan lanjutan."
    assert k.predikat_semula == "baik"

    d13 = documents.dokumen_keberatan(ev)
    assert d13.format_kode == "D.1.3" and d13.status == StatusDokumen.MENUNGGU_TANDA_TANGAN
    assert "Modul ke-4 terbukti diserahkan" in d13.html and "SANGAT BAIK" in d13.html
    with pytest.raises(PermissionDenied, match="Belum giliran"):
        services.tandatangani_keberatan(keberatan=k, by=w.users.pegawai, password=PASSWORD)
    services.tandatangani_keberatan(keberatan=k, by=w.users.penilai, password=PASSWORD)
    services.tandatangani_keberatan(keberatan=k, by=w.users.pegawai, password=PASSWORD)
    d13.refresh_from_db()
    assert d13.status == StatusDokumen.DITANDATANGANI and d13.pdf
    ev.refresh_from_db()
    assert ev.status == StatusEvaluasi.SELESAI and ev.predikat == "sangat_baik"

    # The D.1.1 is the same document as signed: same version, same frozen HTML, still the current D.1.1.
    d11_lagi = documents.dokumen_evaluasi(ev)
    assert d11_lagi.pk == d11.pk and d11_lagi.html == html_d11 and "BAIK" in html_d11
    assert "SANGAT BAIK" not in html_d11
    aksi = list(
        AuditEvent.objects.filter(objek_jenis="Keberatan", objek_id=k.pk)
        .order_by("pada")
        .values_list("aksi", flat=True)
    )
    assert (
        aksi[0] == "keberatan_ajukan"
        and "keberatan_putuskan" in aksi
        and aksi[-1] == "keberatan_tandatangani"
    )


@pytest.mark.django_db
def test_atasan_menguatkan_hasil_tidak_mengubah_evaluasi_dan_tanpa_d13(skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    k = services.minta_penjelasan(keberatan=k, by=w.users.atasan)
    k = services.beri_penjelasan(keberatan=k, by=w.users.penilai, teks="Sesuai bukti dukung.")
    k = services.putuskan(
        keberatan=k, by=w.users.atasan, keputusan="kuatkan", alasan="Penilaian sesuai bukti."
    )
    assert k.status == StatusKeberatan.DIKUATKAN
    ev = Evaluasi.objects.get(pk=k.evaluasi_id)
    assert (ev.predikat, ev.rating_hasil, ev.status) == ("baik", "sesuai", StatusEvaluasi.MENUNGGU_PEGAWAI)
    assert documents.dokumen_keberatan(ev) is None
    with pytest.raises(ValidationError, match="sudah diputus"):
        services.minta_penjelasan(keberatan=k, by=w.users.atasan)
    with pytest.raises(ValidationError, match="D.1.3"):
        services.tandatangani_keberatan(keberatan=k, by=w.users.penilai, password=PASSWORD)


@pytest.mark.django_db
def test_siapa_boleh_tiap_langkah(skp_berjalan, sumedang, hari):
    w = sumedang
    ev = ditandatangani(w, hari)
    for bukan in (w.users.penilai, w.users.atasan, w.users.rekan, w.users.admin, w.users.bupati):
        with pytest.raises(PermissionDenied):
            services.ajukan_keberatan(evaluasi=ev, by=bukan, alasan="x")
    with pytest.raises(PermissionDenied):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.outsider, alasan="x")
    k = services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="Tidak adil.")
    with pytest.raises(ValidationError, match="sekali"):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="Lagi.")
    for bukan in (w.users.pegawai, w.users.penilai, w.users.rekan, w.users.admin, w.users.outsider):
        with pytest.raises(PermissionDenied):
            services.minta_penjelasan(keberatan=k, by=bukan)
        with pytest.raises(PermissionDenied):
            services.minta_keterangan(keberatan=k, by=bukan, permintaan="?")
        with pytest.raises(PermissionDenied):
            services.putuskan(keberatan=k, by=bukan, keputusan="kuatkan", alasan="x")
    for bukan in (w.users.pegawai, w.users.atasan, w.users.rekan, w.users.admin, w.users.outsider):
        with pytest.raises(PermissionDenied):
            services.beri_penjelasan(keberatan=k, by=bukan, teks="x")
    for bukan in (w.users.penilai, w.users.atasan, w.users.rekan, w.users.admin, w.users.outsider):
        with pytest.raises(PermissionDenied):
            services.beri_keterangan(keberatan=k, by=bukan, teks="x")
    k.refresh_from_db()
    assert k.status == StatusKeberatan.DIAJUKAN and not k.penjelasan_penilai and not k.keterangan_pegawai


@pytest.mark.django_db
def test_alasan_wajib_dan_belum_ditandatangani_ditolak(skp_berjalan, sumedang, hari):
    w = sumedang
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    bantu.capaian(w, p)
    ev = bantu.nilai(w, bantu.evaluasi_pegawai(p, w.pegawai))
    with pytest.raises(ValidationError, match="setelah dokumen evaluasi ditandatangani"):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="x")
    ev = bantu.sampai_ditandatangani(w, ev)
    with pytest.raises(ValidationError, match="Alasan keberatan wajib"):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="   ")
    assert not Keberatan.objects.exists()


@pytest.mark.django_db
def test_jendela_pengajuan_14_hari_kerja_melewati_libur_nasional_dan_libur_pemda(
    skp_berjalan, sumedang, hari
):
    w = sumedang
    with scopes_disabled():
        HariLiburPemda.objects.create(pemda=w.sumedang, tanggal=D(2026, 4, 22), nama="Hari Jadi Sumedang")
    forget_libur_pemda(w.sumedang.pk)
    # Received Thursday 2 April 2026; Good Friday 3 April and Hari Jadi Sumedang 22 April do not count.
    ev = ditandatangani(w, hari, tanggal=D(2026, 4, 2))
    pengaturan = services.pengaturan_untuk(w.sumedang.pk)
    assert services.jendela.batas_keberatan(ev, pengaturan) == D(2026, 4, 24)
    hari(D(2026, 4, 27))  # the next working day (Monday)
    with pytest.raises(ValidationError, match="berakhir 24-04-2026"):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="Terlambat.")
    hari(D(2026, 4, 24))
    k = services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="Tepat di hari terakhir.")
    assert k.pk


@pytest.mark.django_db
def test_hasil_final_tidak_dapat_diajukan_keberatan(skp_berjalan, sumedang, hari):
    w = sumedang
    ev = ditandatangani(w, hari)
    Evaluasi.objects.filter(pk=ev.pk).update(final=True, oleh_atasan=True)
    ev.refresh_from_db()
    with pytest.raises(ValidationError, match="bersifat final.*D.1.2"):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="x")
    Evaluasi.objects.filter(pk=ev.pk).update(oleh_atasan=False, penilai_kepala_daerah=True)
    ev.refresh_from_db()
    with pytest.raises(ValidationError, match="bersifat final.*Kepala Daerah"):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="x")


@pytest.mark.django_db
def test_keputusan_butuh_penjelasan_penilai_atau_batas_waktu(skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari, D(2026, 4, 6))  # decision window: 7 working days -> Wednesday 15 April
    assert services.jendela.batas_putus_keberatan(k, services.pengaturan_untuk(w.sumedang.pk)) == D(
        2026, 4, 15
    )
    with pytest.raises(ValidationError, match="Mintalah penjelasan"):
        services.putuskan(keberatan=k, by=w.users.atasan, keputusan="kuatkan", alasan="x")
    k = services.minta_penjelasan(keberatan=k, by=w.users.atasan)
    hari(D(2026, 4, 14))
    with pytest.raises(ValidationError, match="15-04-2026"):
        services.putuskan(keberatan=k, by=w.users.atasan, keputusan="kuatkan", alasan="x")
    hari(D(2026, 4, 15))
    k = services.putuskan(keberatan=k, by=w.users.atasan, keputusan="kuatkan", alasan="Sesuai bukti.")
    assert "tidak diberikan" in k.penjelasan_penilai
    data = AuditEvent.objects.get(objek_jenis="Keberatan", objek_id=k.pk, aksi="keberatan_putuskan").data
    assert data["terlambat"] is False and data["batas_putus"] == "2026-04-15"


@pytest.mark.django_db
def test_keputusan_terlambat_tetap_diterima_dan_dicatat_terlambat(skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari, D(2026, 4, 6))
    k = services.minta_penjelasan(keberatan=k, by=w.users.atasan)
    k = services.beri_penjelasan(keberatan=k, by=w.users.penilai, teks="Sesuai bukti.")
    hari(D(2026, 4, 16))
    k = services.putuskan(keberatan=k, by=w.users.atasan, keputusan="kuatkan", alasan="Sesuai bukti.")
    data = AuditEvent.objects.get(objek_jenis="Keberatan", objek_id=k.pk, aksi="keberatan_putuskan").data
    assert data["terlambat"] is True


@pytest.mark.django_db
def test_ubah_salah_sandi_atau_rating_sama_tidak_mengubah_apa_pun(skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    k = services.minta_penjelasan(keberatan=k, by=w.users.atasan)
    k = services.beri_penjelasan(keberatan=k, by=w.users.penilai, teks="Sesuai bukti.")
    umum = dict(keberatan=k, by=w.users.atasan, keputusan="ubah", alasan="x", rekomendasi="y")
    with pytest.raises(ValidationError):
        services.putuskan(
            **umum, rating_hasil_baru="di_atas", rating_perilaku_baru="sesuai", password="salah"
        )
    with pytest.raises(ValidationError, match="sama dengan semula"):
        services.putuskan(
            **umum, rating_hasil_baru="sesuai", rating_perilaku_baru="sesuai", password=PASSWORD
        )
    with pytest.raises(ValidationError, match="Rating hasil kerja baru"):
        services.putuskan(**umum, rating_hasil_baru="", rating_perilaku_baru="sesuai", password=PASSWORD)
    k.refresh_from_db()
    ev = Evaluasi.objects.get(pk=k.evaluasi_id)
    assert k.status == StatusKeberatan.DIPERIKSA and ev.predikat == "baik"
    assert documents.dokumen_keberatan(ev) is None


@pytest.mark.django_db
def test_atasan_penilai_kepala_daerah_memutus_dengan_akun_bupati(skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    Evaluasi.objects.filter(pk=k.evaluasi_id).update(atasan_penilai=None, atasan_penilai_kepala_daerah=True)
    k.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.minta_penjelasan(keberatan=k, by=w.users.atasan)
    k = services.minta_penjelasan(keberatan=k, by=w.users.bupati)
    k = services.beri_penjelasan(keberatan=k, by=w.users.penilai, teks="Sesuai bukti.")
    k = services.putuskan(
        keberatan=k,
        by=w.users.bupati,
        keputusan="ubah",
        alasan="Diubah.",
        rekomendasi="Baru.",
        rating_hasil_baru="di_bawah",
        rating_perilaku_baru="sesuai",
        password=PASSWORD,
    )
    assert k.predikat_baru == "butuh_perbaikan"
    assert documents.dokumen_keberatan(k.evaluasi).penandatangan.first().user_id == w.users.bupati.pk


@pytest.mark.django_db
def test_jendela_pengajuan_mengikuti_pengaturan_pemda(skp_berjalan, sumedang, hari):
    from kinerja.models import PengaturanPemda

    w = sumedang
    PengaturanPemda.objects.filter(pemda=w.sumedang).update(hari_kerja_ajukan_keberatan=3)
    ev = ditandatangani(w, hari, tanggal=D(2026, 4, 2))  # Fri 3 April is Good Friday
    hari(D(2026, 4, 9))
    with pytest.raises(ValidationError, match=r"berakhir 08-04-2026 \(3 hari kerja"):
        services.ajukan_keberatan(evaluasi=ev, by=w.users.pegawai, alasan="x")
