"""Revisions (penyesuaian ekspektasi: a new version, the old one kept and readable) with the differences
between versions, and mutations (a new SKP for the new position or the new Penilai, the old one kept)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import JenisJabatan
from kinerja.services import org
from skp import selectors, services
from skp.models import EkspektasiKhusus, Iki, LampiranSkp, RencanaAksi, Rhk, Skp, StatusSkp

from ..factories import JabatanFactory, PegawaiFactory, UserFactory
from .bantu import PASSWORD, D, draft, fresh, isi, sampai_ditetapkan

pytestmark = pytest.mark.django_db


@pytest.fixture
def ditetapkan(sumedang):
    """The pegawai's SKP 2026 set in January, intervening her leader's (draft) RHK, with every part filled."""
    w = sumedang
    pimpinan = draft(w, "penilai")
    (rhk_pimpinan,) = isi(pimpinan, w.users.penilai)
    skp = draft(w)
    (mine,) = services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[rhk_pimpinan], by=w.users.pegawai)
    services.iki_tambah(
        rhk=mine,
        teks="Modul terpasang",
        by=w.users.pegawai,
        aspek="kuantitas",
        target_angka=3,
        target_satuan="modul",
    )
    services.ekspektasi_khusus_simpan(
        skp=skp, perilaku="kompeten", teks="Sertifikasi cloud", by=w.users.penilai
    )
    services.lampiran_tambah(skp=skp, bagian="dukungan_sumber_daya", teks="Akses server", by=w.users.pegawai)
    services.rencana_aksi_tambah(rhk=mine, teks="Analisis kebutuhan", by=w.users.pegawai)
    skp = sampai_ditetapkan(w, skp)
    return skp


# Revisions --------------------------------------------------------------------------------------------
def test_a_revision_is_a_new_draft_version_with_a_copy_of_every_part(sumedang, ditetapkan):
    w = sumedang
    v1 = ditetapkan
    v2 = services.skp_revisi(skp=v1, by=w.users.pegawai, alasan="Anggaran aplikasi dipotong.")
    v2 = fresh(v2)
    assert (v2.versi, v2.sebelumnya_id, v2.status, v2.alasan_revisi) == (
        2,
        v1.pk,
        StatusSkp.DRAFT,
        "Anggaran aplikasi dipotong.",
    )
    assert (v2.jabatan_id, v2.periode_mulai, v2.periode_selesai) == (
        v1.jabatan_id,
        v1.periode_mulai,
        v1.periode_selesai,
    )

    def isi_versi(skp):
        return (
            list(
                Rhk.objects.filter(skp=skp)
                .order_by("urutan")
                .values_list("garis", "teks", "intervensi_id", "jenis")
            ),
            list(
                Iki.objects.filter(rhk__skp=skp)
                .order_by("rhk__urutan", "urutan")
                .values_list("garis", "teks", "target_angka")
            ),
            list(EkspektasiKhusus.objects.filter(skp=skp).values_list("perilaku", "teks")),
            list(LampiranSkp.objects.filter(skp=skp).values_list("bagian", "teks")),
            list(RencanaAksi.objects.filter(rhk__skp=skp).values_list("teks", flat=True)),
        )

    assert isi_versi(v2) == isi_versi(v1)
    assert not set(Rhk.objects.filter(skp=v2).values_list("pk", flat=True)) & set(
        Rhk.objects.filter(skp=v1).values_list("pk", flat=True)
    )
    # The set version stays in force until the revision is set.
    assert fresh(v1).status == StatusSkp.DITETAPKAN
    assert selectors.skp_berlaku_pada(w.pegawai, D(2026, 1, 12)) == v1


def test_setting_the_revision_supersedes_the_old_version_which_stays_readable_and_unchanged(
    sumedang, ditetapkan, hari
):
    w = sumedang
    v1 = ditetapkan
    hari(D(2026, 4, 6))
    v2 = services.skp_revisi(skp=v1, by=w.users.penilai, alasan="Penugasan baru dari Kepala Dinas.")
    iki_v2 = Iki.objects.filter(rhk__skp=v2).first()
    services.iki_ubah(iki=iki_v2, target_angka=5, by=w.users.pegawai)
    services.skp_ajukan(skp=v2, by=w.users.pegawai)
    services.skp_setujui(skp=v2, by=w.users.penilai)
    services.skp_tanda_tangan_pegawai(skp=v2, by=w.users.pegawai, password=PASSWORD)
    services.skp_tetapkan(skp=v2, by=w.users.penilai, password=PASSWORD)
    assert (fresh(v1).status, fresh(v2).status) == (StatusSkp.DIGANTIKAN, StatusSkp.DITETAPKAN)
    assert fresh(v1).digantikan_pada is not None
    assert selectors.skp_berlaku_pada(w.pegawai, D(2026, 4, 6)) == v2
    assert [s.pk for s in selectors.riwayat_versi(v1)] == [v1.pk, v2.pk]
    assert Iki.objects.filter(rhk__skp=v1).first().target_angka == 3  # the old version is as it was set
    with pytest.raises(ValidationError):
        services.rhk_tambah(skp=v1, jenis="utama", teks="x", by=w.users.pegawai)
    with pytest.raises(ValidationError):
        services.skp_revisi(skp=v1, by=w.users.pegawai, alasan="Lagi")  # only the version in force


def test_a_revision_needs_a_reason_a_set_skp_and_no_other_revision_in_progress(sumedang, ditetapkan):
    w = sumedang
    with pytest.raises(ValidationError) as excinfo:
        services.skp_revisi(skp=ditetapkan, by=w.users.pegawai, alasan=" ")
    assert "alasan" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.skp_revisi(skp=draft(w, "rekan"), by=w.users.rekan, alasan="Belum ditetapkan")
    v2 = services.skp_revisi(skp=ditetapkan, by=w.users.pegawai, alasan="Satu")
    with pytest.raises(ValidationError, match="sedang disusun"):
        services.skp_revisi(skp=ditetapkan, by=w.users.penilai, alasan="Dua")
    services.skp_hapus_draft(skp=v2, by=w.users.pegawai)  # discarded: the set version simply stays
    assert fresh(ditetapkan).status == StatusSkp.DITETAPKAN
    assert services.skp_revisi(skp=ditetapkan, by=w.users.penilai, alasan="Dua").versi == 2


@pytest.mark.parametrize("siapa", ["rekan", "atasan", "admin", "bupati"])
def test_only_the_pegawai_or_her_penilai_starts_a_revision(sumedang, ditetapkan, siapa):
    with pytest.raises(PermissionDenied):
        services.skp_revisi(skp=ditetapkan, by=getattr(sumedang.users, siapa), alasan="x")
    assert not Skp.objects.filter(sebelumnya=ditetapkan).exists()


def test_the_differences_between_two_versions_per_rhk_iki_and_field(sumedang, ditetapkan):
    w = sumedang
    v1 = ditetapkan
    a, b = Rhk.objects.filter(skp=v1).order_by("urutan")  # the leader's RHK picked up, and the helper's RHK
    v2 = services.skp_revisi(skp=v1, by=w.users.pegawai, alasan="Penyesuaian")
    a2 = Rhk.objects.get(skp=v2, garis=a.garis)
    b2 = Rhk.objects.get(skp=v2, garis=b.garis)
    services.rhk_ubah(rhk=a2, teks="Modul layanan terpasang dan dipakai", by=w.users.pegawai)
    (iki_a2,) = Iki.objects.filter(rhk=a2)
    services.iki_ubah(iki=iki_a2, target_angka=6, target_satuan="modul aktif", by=w.users.pegawai)
    baru_iki = services.iki_tambah(
        rhk=a2, teks="Pengguna puas", by=w.users.pegawai, aspek="kualitas", target_angka=80, target_satuan="%"
    )
    services.rhk_hapus(rhk=b2, by=w.users.pegawai)
    c2 = services.rhk_tambah(skp=v2, jenis="tambahan", teks="Dokumentasi API", by=w.users.pegawai)
    services.ekspektasi_khusus_simpan(
        skp=v2, perilaku="kompeten", teks="Sertifikasi cloud tingkat lanjut", by=w.users.penilai
    )

    beda = selectors.perbedaan_versi(v1, v2)
    assert not beda.kosong
    per_jenis = {(p.jenis, (p.sesudah or p.sebelum).garis): p for p in beda.rhk}
    assert set(per_jenis) == {("diubah", a.garis), ("dihapus", b.garis), ("ditambah", c2.garis)}
    diubah = per_jenis[("diubah", a.garis)]
    assert diubah.rincian == {"teks": (a.teks, "Modul layanan terpasang dan dipakai")}
    iki = {(p.jenis, (p.sesudah or p.sebelum).pk): p for p in diubah.iki}
    assert set(iki) == {("diubah", iki_a2.pk), ("ditambah", baru_iki.pk)}
    assert {k: (str(v[0]), str(v[1])) for k, v in iki[("diubah", iki_a2.pk)].rincian.items()} == {
        "target_angka": ("3.00", "6.00"),
        "target_satuan": ("modul", "modul aktif"),
    }
    assert beda.ekspektasi_khusus == {"kompeten": ("Sertifikasi cloud", "Sertifikasi cloud tingkat lanjut")}
    assert selectors.perbedaan_versi(v1, fresh(v1)).kosong


# Mutations --------------------------------------------------------------------------------------------
def test_a_move_after_the_skp_was_set_starts_a_new_skp_for_the_new_position(sumedang, ditetapkan, hari):
    w = sumedang
    staf_bidang = JabatanFactory(unit=w.bidang, nama="Analis Sistem", jenis=JenisJabatan.FUNGSIONAL)
    org.pegawai_mutasi(pegawai=w.pegawai, jabatan=staf_bidang, mulai=D(2026, 4, 1), by=w.users.admin)
    hari(D(2026, 4, 6))
    perubahan = selectors.perubahan_sejak_penetapan(ditetapkan)
    assert (perubahan.jabatan_berubah, perubahan.penilai_berubah, perubahan.tanggal) == (
        True,
        True,
        D(2026, 4, 1),
    )
    with pytest.raises(PermissionDenied):
        services.skp_mulai_mutasi(skp=ditetapkan, by=w.users.rekan)
    baru = fresh(services.skp_mulai_mutasi(skp=ditetapkan, by=w.users.pegawai))
    assert (baru.jabatan_id, baru.unit_id, baru.penilai_id, baru.atasan_penilai_id) == (
        staf_bidang.pk,
        w.bidang.pk,
        w.atasan.pk,
        w.kadis.pk,
    )
    assert (baru.periode_mulai, baru.periode_selesai, baru.versi, baru.status) == (
        D(2026, 4, 1),
        D(2026, 12, 31),
        1,
        StatusSkp.DRAFT,
    )
    assert baru.asal_mutasi_id == ditetapkan.pk and not Rhk.objects.filter(skp=baru).exists()
    lama = fresh(ditetapkan)
    assert (lama.status, lama.periode_selesai) == (StatusSkp.DITETAPKAN, D(2026, 3, 31))
    assert selectors.skp_berlaku_pada(w.pegawai, D(2026, 3, 15)) == lama
    assert selectors.perubahan_sejak_penetapan(lama) is None  # its period is over
    # The new SKP is set by the new Penilai.
    isi(baru, w.users.pegawai)
    services.skp_ajukan(skp=baru, by=w.users.pegawai)
    with pytest.raises(PermissionDenied):
        services.skp_setujui(skp=baru, by=w.users.penilai)
    services.skp_setujui(skp=baru, by=w.users.atasan)


def test_a_new_definitive_penilai_starts_a_new_skp_but_a_plh_does_not(sumedang, ditetapkan, hari):
    w = sumedang
    org.delegasi_create(
        unit=w.seksi,
        pegawai=w.rekan,
        jenis="plh",
        mulai=D(2026, 2, 2),
        selesai=D(2026, 2, 13),
        by=w.users.admin,
    )
    hari(D(2026, 2, 3))
    assert selectors.perubahan_sejak_penetapan(ditetapkan) is None
    with pytest.raises(ValidationError, match="tidak berubah"):
        services.skp_mulai_mutasi(skp=ditetapkan, by=w.users.pegawai)
    # The head of seksi retires; a new one is placed in March.
    org.penempatan_akhiri(pegawai=w.penilai, selesai=D(2026, 2, 28), by=w.users.admin)
    kasi_baru = PegawaiFactory(pemda=w.sumedang, nama="Citra Lestari")
    UserFactory(username=kasi_baru.nip, pemda=w.sumedang, pegawai=kasi_baru)
    kepala_seksi = w.seksi.jabatan.get(memimpin_unit=True)
    org.pegawai_mutasi(pegawai=kasi_baru, jabatan=kepala_seksi, mulai=D(2026, 3, 1), by=w.users.admin)
    hari(D(2026, 3, 9))
    perubahan = selectors.perubahan_sejak_penetapan(ditetapkan)
    assert (perubahan.jabatan_berubah, perubahan.penilai_berubah, perubahan.tanggal) == (
        False,
        True,
        D(2026, 3, 9),
    )
    assert [s.pk for s, _ in selectors.skp_perlu_mutasi(pemda_id=w.sumedang.pk, tahun=2026)] == [
        ditetapkan.pk
    ]
    baru = services.skp_mulai_mutasi(skp=ditetapkan, by=w.users.admin, salin_isi_lama=True)
    assert (baru.penilai_id, baru.jabatan_id, baru.periode_mulai) == (
        kasi_baru.pk,
        ditetapkan.jabatan_id,
        D(2026, 3, 9),
    )
    lama_rhk = list(Rhk.objects.filter(skp=ditetapkan).values_list("teks", "garis"))
    baru_rhk = list(Rhk.objects.filter(skp=baru).values_list("teks", "garis"))
    assert [t for t, _ in baru_rhk] == [t for t, _ in lama_rhk]
    assert not {g for _, g in baru_rhk} & {g for _, g in lama_rhk}  # new lines, not versions of the old
    assert fresh(ditetapkan).periode_selesai == D(2026, 3, 8)
    assert selectors.skp_perlu_mutasi(pemda_id=w.sumedang.pk, tahun=2026) == []


def test_only_a_set_skp_is_continued_by_a_mutation(sumedang):
    w = sumedang
    skp = draft(w)
    with pytest.raises(ValidationError):
        services.skp_mulai_mutasi(skp=skp, by=w.users.pegawai)


def test_a_new_position_while_the_old_skp_is_in_force_goes_through_the_mutation(sumedang, ditetapkan, hari):
    w = sumedang
    staf_bidang = JabatanFactory(unit=w.bidang, nama="Analis Sistem", jenis=JenisJabatan.FUNGSIONAL)
    org.pegawai_mutasi(pegawai=w.pegawai, jabatan=staf_bidang, mulai=D(2026, 4, 1), by=w.users.admin)
    hari(D(2026, 4, 6))
    with pytest.raises(ValidationError, match="melalui mutasi"):
        draft(w)
