"""realisasi_catat, bukti_unggah/bukti_tautan/bukti_hapus and realisasi_dari_catatan: versions kept and bukti
carried, the IKI line across an SKP revision, who may record, the period rules, kuantitatif and kualitatif.

Today is 16 March 2026; Sumedang documents monthly and yearly; the Pegawai's SKP (`skp_berjalan`) is set,
with 2 RHK x 2 IKI, target 4 modul each."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q

from kinerja.models import AuditEvent
from skp import services as skp_services
from skp.models import Iki, Skp, StatusSkp
from tests.skp import bantu
from umpanbalik.models import BuktiDukung, Realisasi
from umpanbalik.periode import Periode
from umpanbalik.selectors.realisasi import realisasi_dari_catatan, realisasi_skp, riwayat_realisasi
from umpanbalik.services.catatan import catatan_harian_buat
from umpanbalik.services.realisasi import bukti_hapus, bukti_tautan, bukti_unggah, realisasi_catat

pytestmark = pytest.mark.django_db

MARET = Periode("bulanan", 3, 2026)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def pdf(nama="laporan.pdf", isi=PDF):
    return SimpleUploadedFile(nama, isi, content_type="application/pdf")


def daftar_iki(skp):
    return list(Iki.objects.filter(rhk__skp=skp).order_by("rhk__urutan", "rhk_id", "urutan", "id"))


def catat(skp, by, iki=None, periode=MARET, **kwargs):
    kwargs.setdefault("nilai", 1)
    return realisasi_catat(skp=skp, iki=iki or daftar_iki(skp)[0], periode=periode, by=by, **kwargs)


def revisi_ditetapkan(world, skp):
    baru = skp_services.skp_revisi(skp=skp, by=world.users.pegawai, alasan="Target disesuaikan")
    baru = skp_services.skp_ajukan(skp=baru, by=world.users.pegawai)
    baru = skp_services.skp_setujui(skp=baru, by=world.users.penilai)
    baru = skp_services.skp_tanda_tangan_pegawai(skp=baru, by=world.users.pegawai, password=bantu.PASSWORD)
    return skp_services.skp_tetapkan(skp=baru, by=world.users.penilai, password=bantu.PASSWORD)


# Versions --------------------------------------------------------------------------------------------------
def test_the_first_record_of_an_iki_in_a_period_is_version_1_and_audited(skp_berjalan, sumedang):
    r = catat(skp_berjalan, sumedang.users.pegawai, nilai="1,5", teks="Modul login selesai")
    assert (r.versi, r.berlaku, r.sebelumnya) == (1, True, None)
    assert (r.jenis_periode, r.nomor_periode, r.sifat) == ("bulanan", 3, "progres")
    assert str(r.nilai) == "1.50"
    assert r.dibuat_oleh == sumedang.users.pegawai
    assert AuditEvent.objects.filter(aksi="realisasi_catat", objek_id=r.pk).exists()


def test_recording_again_makes_a_new_version_and_keeps_the_old_one_with_its_bukti(skp_berjalan, sumedang):
    pegawai = sumedang.users.pegawai
    v1 = catat(skp_berjalan, pegawai, nilai=1)
    berkas = bukti_unggah(realisasi=v1, by=pegawai, berkas=pdf())
    bukti_tautan(realisasi=v1, by=pegawai, tautan="https://drive.example.go.id/modul")
    v2 = catat(skp_berjalan, pegawai, nilai=2, sifat="akhir", alasan="Modul kedua selesai")
    v1.refresh_from_db()
    assert (v2.versi, v2.sebelumnya, v2.berlaku, v1.berlaku) == (2, v1, True, False)
    assert v2.alasan_ubah == "Modul kedua selesai"
    assert v1.bukti.count() == 2, "the old version keeps its bukti"
    dibawa = v2.bukti.get(tautan="")
    assert dibawa.pk != berkas.pk
    assert (dibawa.berkas.name, dibawa.sha256, dibawa.nama_berkas) == (
        berkas.berkas.name,
        berkas.sha256,
        "laporan.pdf",
    )
    assert v2.bukti.filter(tautan="https://drive.example.go.id/modul").exists()
    assert Realisasi.objects.filter(iki=v1.iki, berlaku=True).get() == v2


def test_removing_a_bukti_makes_a_new_version_without_it_while_the_old_version_keeps_it(
    skp_berjalan, sumedang
):
    pegawai = sumedang.users.pegawai
    v1 = catat(skp_berjalan, pegawai)
    a = bukti_unggah(realisasi=v1, by=pegawai, berkas=pdf("a.pdf"))
    bukti_tautan(realisasi=v1, by=pegawai, tautan="http://contoh.go.id/b")
    v2 = bukti_hapus(bukti=a, by=pegawai)
    assert v2.versi == 2 and v2.berlaku and v2.nilai == v1.nilai
    assert "a.pdf" in v2.alasan_ubah
    assert list(v2.bukti.values_list("tautan", flat=True)) == ["http://contoh.go.id/b"]
    assert set(v1.bukti.values_list("nama_berkas", flat=True)) == {"a.pdf", ""}
    assert AuditEvent.objects.filter(aksi="bukti_hapus", objek_id=v2.pk).exists()


def test_a_bukti_of_a_superseded_version_cannot_be_removed_or_added_to(skp_berjalan, sumedang):
    pegawai = sumedang.users.pegawai
    v1 = catat(skp_berjalan, pegawai)
    lama = bukti_tautan(realisasi=v1, by=pegawai, tautan="https://contoh.go.id/1")
    catat(skp_berjalan, pegawai, nilai=2)
    with pytest.raises(ValidationError, match="sudah diperbarui"):
        bukti_hapus(bukti=lama, by=pegawai)
    with pytest.raises(ValidationError, match="sudah diperbarui"):
        bukti_tautan(realisasi=v1, by=pegawai, tautan="https://contoh.go.id/2")


def test_the_history_lists_every_version_newest_first(skp_berjalan, sumedang):
    pegawai = sumedang.users.pegawai
    for n in (1, 2, 3):
        r = catat(skp_berjalan, pegawai, nilai=n)
    assert [v.versi for v in riwayat_realisasi(r)] == [3, 2, 1]


# The IKI line across an SKP revision -----------------------------------------------------------------------
def test_after_a_revision_the_older_versions_realisasi_is_superseded_not_duplicated(
    skp_berjalan, sumedang, hari
):
    pegawai = sumedang.users.pegawai
    lama = catat(skp_berjalan, pegawai, nilai=1)
    bukti_tautan(realisasi=lama, by=pegawai, tautan="https://contoh.go.id/bukti-lama")
    baru_skp = revisi_ditetapkan(sumedang, skp_berjalan)
    assert Skp.objects.get(pk=skp_berjalan.pk).status == StatusSkp.DIGANTIKAN
    iki_baru = daftar_iki(baru_skp)[0]
    assert iki_baru.garis == lama.iki.garis

    # The older version can no longer be written to.
    with pytest.raises(ValidationError, match="digantikan"):
        catat(skp_berjalan, pegawai, iki=lama.iki, nilai=3)

    baru = catat(baru_skp, pegawai, iki=iki_baru, nilai=2)
    lama.refresh_from_db()
    assert (baru.versi, baru.sebelumnya_id, baru.skp_id) == (2, lama.pk, baru_skp.pk)
    assert lama.berlaku is False
    berlaku = Realisasi.objects.filter(
        Q(iki=lama.iki) | Q(iki=iki_baru), jenis_periode="bulanan", nomor_periode=3, berlaku=True
    )
    assert list(berlaku) == [baru]
    assert baru.bukti.get().tautan == "https://contoh.go.id/bukti-lama"


def test_the_new_versions_page_shows_months_recorded_on_the_older_version(skp_berjalan, sumedang):
    pegawai = sumedang.users.pegawai
    februari = catat(skp_berjalan, pegawai, periode=Periode("bulanan", 2, 2026), nilai=1)
    baru_skp = revisi_ditetapkan(sumedang, skp_berjalan)
    rhk = realisasi_skp(baru_skp, Periode("bulanan", 2, 2026))
    assert rhk[0].iki[0].realisasi_kini == februari


# Who may, and on which SKP ---------------------------------------------------------------------------------
@pytest.mark.parametrize("siapa", ["penilai", "atasan", "rekan", "admin", "bupati"])
def test_only_the_owner_records_realisasi(skp_berjalan, sumedang, siapa):
    with pytest.raises(PermissionDenied):
        catat(skp_berjalan, getattr(sumedang.users, siapa))
    assert not Realisasi.objects.exists()


def test_only_the_owner_adds_or_removes_bukti(skp_berjalan, sumedang):
    r = catat(skp_berjalan, sumedang.users.pegawai)
    b = bukti_tautan(realisasi=r, by=sumedang.users.pegawai, tautan="https://contoh.go.id/x")
    with pytest.raises(PermissionDenied):
        bukti_tautan(realisasi=r, by=sumedang.users.penilai, tautan="https://contoh.go.id/y")
    with pytest.raises(PermissionDenied):
        bukti_unggah(realisasi=r, by=sumedang.users.penilai, berkas=pdf())
    with pytest.raises(PermissionDenied):
        bukti_hapus(bukti=b, by=sumedang.users.penilai)
    assert BuktiDukung.objects.count() == 1


def test_another_pemdas_user_cannot_record(skp_berjalan, sumedang):
    with pytest.raises(PermissionDenied):
        catat(skp_berjalan, sumedang.users.outsider)


def test_an_skp_not_yet_set_takes_no_realisasi(skp_berjalan, sumedang):
    Skp.objects.filter(pk=skp_berjalan.pk).update(status=StatusSkp.DIAJUKAN)
    with pytest.raises(ValidationError, match="setelah SKP ditetapkan"):
        catat(Skp.objects.get(pk=skp_berjalan.pk), sumedang.users.pegawai)


def test_an_iki_of_another_skp_is_refused(skp_berjalan, sumedang):
    lain = bantu.draft(sumedang, "rekan")
    bantu.isi(lain, sumedang.users.rekan)
    with pytest.raises(ValidationError, match="IKI harus dari SKP ini"):
        catat(skp_berjalan, sumedang.users.pegawai, iki=daftar_iki(lain)[0])


# Periods ---------------------------------------------------------------------------------------------------
def test_a_yearly_period_of_the_pemda_is_accepted(skp_berjalan, sumedang):
    r = catat(skp_berjalan, sumedang.users.pegawai, periode=Periode("tahunan", 1, 2026))
    assert (r.jenis_periode, r.nomor_periode) == ("tahunan", 1)


@pytest.mark.parametrize(
    ("periode", "pesan"),
    [
        (Periode("triwulanan", 1, 2026), "bukan periode pendokumentasian"),
        (Periode("bulanan", 4, 2026), "belum dimulai"),
        (Periode("bulanan", 3, 2025), "tidak ada dalam tahun SKP"),
        (Periode("bulanan", 13, 2026), "tidak ada dalam tahun SKP"),
        ("bulanan-3", "Periode wajib dipilih"),
    ],
)
def test_a_period_not_open_for_this_skp_is_refused(skp_berjalan, sumedang, periode, pesan):
    with pytest.raises(ValidationError, match=pesan):
        catat(skp_berjalan, sumedang.users.pegawai, periode=periode)


def test_a_period_outside_the_skp_period_is_refused(skp_berjalan, sumedang):
    Skp.objects.filter(pk=skp_berjalan.pk).update(periode_mulai=datetime.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="di luar periode SKP"):
        catat(
            Skp.objects.get(pk=skp_berjalan.pk), sumedang.users.pegawai, periode=Periode("bulanan", 2, 2026)
        )


# Kuantitatif and kualitatif --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("nilai", "pesan"),
    [
        (None, "angka"),
        ("", "angka"),
        ("dua", "bukan angka"),
        (-1, "negatif"),
        ("NaN", "angka"),
        (10**15, "besar"),
    ],
)
def test_a_kuantitatif_iki_needs_a_number_of_zero_or_more(skp_berjalan, sumedang, nilai, pesan):
    with pytest.raises(ValidationError, match=pesan) as exc:
        catat(skp_berjalan, sumedang.users.pegawai, nilai=nilai)
    assert "nilai" in exc.value.message_dict


def test_zero_is_a_valid_kuantitatif_value(skp_berjalan, sumedang):
    assert catat(skp_berjalan, sumedang.users.pegawai, nilai=0).nilai == 0


@pytest.fixture
def skp_kualitatif(sumedang, hari):
    hari(datetime.date(2026, 1, 12))
    skp = bantu.draft(sumedang, "rekan", pendekatan="kualitatif")
    skp = bantu.sampai_ditetapkan(sumedang, skp, "rekan", kualitatif=True)
    hari(datetime.date(2026, 3, 16))
    return skp


def test_a_kualitatif_iki_needs_a_text_not_a_number(skp_kualitatif, sumedang):
    rekan = sumedang.users.rekan
    with pytest.raises(ValidationError, match="Uraikan") as exc:
        catat(skp_kualitatif, rekan, nilai=None, teks="  ")
    assert "teks" in exc.value.message_dict
    with pytest.raises(ValidationError, match="bukan angka"):
        catat(skp_kualitatif, rekan, nilai=3, teks="Berjalan")
    r = catat(skp_kualitatif, rekan, nilai=None, teks="Modul berjalan tanpa keluhan di tiga OPD")
    assert (r.nilai, r.teks) == (None, "Modul berjalan tanpa keluhan di tiga OPD")


def test_an_unknown_sifat_is_refused(skp_berjalan, sumedang):
    with pytest.raises(ValidationError, match="Sifat"):
        catat(skp_berjalan, sumedang.users.pegawai, sifat="selesai")


# Links -----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "tautan", ["javascript:alert(1)", "ftp://contoh.go.id/a", "file:///etc/passwd", "bukan url", ""]
)
def test_a_link_must_be_http_or_https(skp_berjalan, sumedang, tautan):
    r = catat(skp_berjalan, sumedang.users.pegawai)
    with pytest.raises(ValidationError) as exc:
        bukti_tautan(realisasi=r, by=sumedang.users.pegawai, tautan=tautan)
    assert "tautan" in exc.value.message_dict


def test_a_bad_upload_adds_nothing(skp_berjalan, sumedang):
    r = catat(skp_berjalan, sumedang.users.pegawai)
    with pytest.raises(ValidationError, match="Isi berkas bukan PDF"):
        bukti_unggah(realisasi=r, by=sumedang.users.pegawai, berkas=pdf(isi=b"bukan pdf sama sekali"))
    assert not BuktiDukung.objects.exists()


# Pulling the catatan harian --------------------------------------------------------------------------------
def test_the_catatan_of_the_period_on_the_ikis_rhk_become_a_text(skp_berjalan, sumedang):
    pegawai = sumedang.users.pegawai
    iki = daftar_iki(skp_berjalan)[0]
    rhk_lain = daftar_iki(skp_berjalan)[2].rhk
    aksi = skp_services.rencana_aksi_tambah(rhk=iki.rhk, teks="Uji coba modul", by=pegawai)
    tulis = lambda **kw: catatan_harian_buat(skp=skp_berjalan, by=pegawai, **kw)  # noqa: E731
    tulis(tanggal=datetime.date(2026, 3, 2), uraian="Menyusun modul login", hasil="1 modul", rhk=iki.rhk)
    tulis(tanggal=datetime.date(2026, 3, 9), uraian="Menguji modul", rencana_aksi=aksi)
    tulis(tanggal=datetime.date(2026, 2, 27), uraian="Bulan lalu", rhk=iki.rhk)
    tulis(tanggal=datetime.date(2026, 3, 3), uraian="RHK lain", rhk=rhk_lain)
    tulis(tanggal=datetime.date(2026, 3, 4), uraian="Tanpa RHK")
    teks = realisasi_dari_catatan(skp=skp_berjalan, iki=iki, periode=MARET)
    assert teks.splitlines() == [
        "- 2 Maret 2026: Menyusun modul login (hasil: 1 modul)",
        "- 9 Maret 2026: Menguji modul [rencana aksi: Uji coba modul]",
    ]
