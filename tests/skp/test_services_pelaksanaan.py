"""After the SKP: the 12-month timeline the Penilai approves (Sarolangun Pasal 14, Bogor Pasal 15) and the
rencana aksi per RHK (Format B.1.1), and what the Pemda's settings require of them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import PengaturanPemda
from skp import selectors, services
from skp.models import KegiatanTimeline, RencanaAksi, Rhk, StatusTimeline, Timeline

from .bantu import D, draft, fresh, isi, sampai_ditetapkan

pytestmark = pytest.mark.django_db


def kegiatan(skp, user, **lebih):
    data = {
        "kegiatan": "Analisis kebutuhan",
        "durasi": 10,
        "bulan": [2, 3],
        "tipe_aktivitas": "Analisis",
        "pola_penugasan": "Mandiri",
    }
    data.update(lebih)
    return services.timeline_kegiatan_tambah(skp=skp, by=user, **data)


def test_the_timeline_is_submitted_once_the_skp_is_set_and_the_penilai_approves_it(sumedang):
    w = sumedang
    skp = draft(w)
    (rhk,) = isi(skp, w.users.pegawai)
    k = kegiatan(skp, w.users.pegawai, rhk=rhk)  # prepared while drafting
    with pytest.raises(ValidationError, match="setelah SKP ditetapkan"):
        services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    skp = sampai_ditetapkan(w, skp)
    with pytest.raises(PermissionDenied):
        services.timeline_ajukan(skp=skp, by=w.users.penilai)
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.timeline_kegiatan_ubah(kegiatan=k, durasi=5, by=w.users.pegawai)
    for siapa in ("pegawai", "rekan", "atasan", "admin", "bupati"):
        with pytest.raises(PermissionDenied):
            services.timeline_setujui(skp=skp, by=getattr(w.users, siapa))
    timeline = services.timeline_setujui(skp=skp, by=w.users.penilai)
    assert (timeline.status, timeline.disetujui_oleh_id) == (StatusTimeline.DISETUJUI, w.users.penilai.pk)
    with pytest.raises(ValidationError):
        services.timeline_setujui(skp=skp, by=w.users.penilai)  # nothing waiting any more


def test_the_penilai_returns_the_timeline_with_a_note_and_the_pegawai_fixes_it(sumedang):
    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    k = kegiatan(skp, w.users.pegawai)
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    with pytest.raises(ValidationError):
        services.timeline_kembalikan(skp=skp, by=w.users.penilai, catatan="")
    services.timeline_kembalikan(skp=skp, by=w.users.penilai, catatan="Durasi terlalu pendek.")
    assert (Timeline.objects.get(skp=skp).status, Timeline.objects.get(skp=skp).catatan) == (
        StatusTimeline.DIKEMBALIKAN,
        "Durasi terlalu pendek.",
    )
    services.timeline_kegiatan_ubah(kegiatan=k, durasi=20, satuan_durasi="hari", by=w.users.pegawai)
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    assert fresh(k).durasi == 20 and Timeline.objects.get(skp=skp).status == StatusTimeline.DIAJUKAN


def test_an_empty_timeline_cannot_be_submitted(sumedang):
    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    k = kegiatan(skp, w.users.pegawai)
    services.timeline_kegiatan_hapus(kegiatan=k, by=w.users.pegawai)
    with pytest.raises(ValidationError, match="belum memuat kegiatan"):
        services.timeline_ajukan(skp=skp, by=w.users.pegawai)


@pytest.mark.parametrize(
    "salah",
    [
        {"bulan": []},
        {"bulan": [13]},
        {"bulan": ["Mei"]},
        {"durasi": 0},
        {"durasi": "lama"},
        {"tipe_aktivitas": " "},
        {"satuan_durasi": "jam"},
    ],
    ids=["tanpa-bulan", "bulan-13", "bulan-teks", "durasi-0", "durasi-teks", "tanpa-tipe", "satuan-jam"],
)
def test_a_timeline_activity_needs_valid_months_duration_and_type(sumedang, salah):
    skp = draft(sumedang)
    with pytest.raises(ValidationError):
        kegiatan(skp, sumedang.users.pegawai, **salah)
    assert not KegiatanTimeline.objects.exists()


def test_a_timeline_activity_links_only_an_rhk_of_the_same_skp(sumedang):
    w = sumedang
    skp = draft(w)
    (lain,) = isi(draft(w, "rekan"), w.users.rekan)
    with pytest.raises(ValidationError):
        kegiatan(skp, w.users.pegawai, rhk=lain)


def test_rencana_aksi_per_rhk_are_the_owners_and_end_with_her_version(sumedang):
    w = sumedang
    skp = draft(w)
    (rhk,) = isi(skp, w.users.pegawai)
    aksi = services.rencana_aksi_tambah(rhk=rhk, teks="Menyusun KAK", by=w.users.pegawai)
    services.rencana_aksi_tambah(rhk=rhk, teks="Pengadaan server", by=w.users.pegawai)
    assert list(RencanaAksi.objects.filter(rhk=rhk).values_list("urutan", "teks")) == [
        (1, "Menyusun KAK"),
        (2, "Pengadaan server"),
    ]
    for siapa in ("penilai", "rekan"):
        with pytest.raises(PermissionDenied):
            services.rencana_aksi_tambah(rhk=rhk, teks="x", by=getattr(w.users, siapa))
    services.rencana_aksi_ubah(rencana_aksi=aksi, teks="Menyusun KAK dan RAB", by=w.users.pegawai)
    assert fresh(aksi).teks == "Menyusun KAK dan RAB"
    skp = sampai_ditetapkan(w, skp)
    services.rencana_aksi_tambah(
        rhk=rhk, teks="Uji coba", by=w.users.pegawai
    )  # after setting: the text's moment
    v2 = services.skp_revisi(skp=skp, by=w.users.pegawai, alasan="x")
    services.skp_ajukan(skp=v2, by=w.users.pegawai)
    services.skp_setujui(skp=v2, by=w.users.penilai)
    services.skp_tanda_tangan_pegawai(skp=v2, by=w.users.pegawai, password="rahasia-123")
    services.skp_tetapkan(skp=v2, by=w.users.penilai, password="rahasia-123")
    with pytest.raises(ValidationError, match="digantikan"):
        services.rencana_aksi_hapus(rencana_aksi=aksi, by=w.users.pegawai)
    assert RencanaAksi.objects.filter(rhk__skp=v2).count() == 3


def test_what_the_pemda_requires_after_the_skp_is_set_is_reported(sumedang):
    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    (rhk,) = Rhk.objects.filter(skp=skp)
    kewajiban = selectors.skp_lengkap(skp.pk).kewajiban
    assert (
        kewajiban["timeline_wajib"],
        kewajiban["timeline_kurang"],
        kewajiban["rhk_tanpa_rencana_aksi"],
    ) == (False, False, [])
    PengaturanPemda.objects.filter(pemda=w.sumedang).update(wajib_timeline=True, wajib_rencana_aksi=True)
    kewajiban = selectors.skp_lengkap(skp.pk).kewajiban
    assert (kewajiban["timeline_kurang"], kewajiban["rhk_tanpa_rencana_aksi"]) == (True, [rhk])
    services.rencana_aksi_tambah(rhk=rhk, teks="Menyusun KAK", by=w.users.pegawai)
    kegiatan(skp, w.users.pegawai)
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    services.timeline_setujui(skp=skp, by=w.users.penilai)
    kewajiban = selectors.skp_lengkap(skp.pk).kewajiban
    assert (
        kewajiban["timeline_status"],
        kewajiban["timeline_kurang"],
        kewajiban["rhk_tanpa_rencana_aksi"],
    ) == ("disetujui", False, [])


def test_timeline_months_stay_within_the_period_of_a_later_skp(sumedang, hari):
    from kinerja.models import JenisJabatan
    from kinerja.services import org

    from ..factories import JabatanFactory

    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    staf = JabatanFactory(unit=w.bidang, nama="Analis Sistem", jenis=JenisJabatan.FUNGSIONAL)
    org.pegawai_mutasi(pegawai=w.pegawai, jabatan=staf, mulai=D(2026, 5, 1), by=w.users.admin)
    hari(D(2026, 5, 4))
    baru = services.skp_mulai_mutasi(skp=skp, by=w.users.pegawai)
    with pytest.raises(ValidationError, match="bulan 5 sampai 12"):
        kegiatan(baru, w.users.pegawai, bulan=[4, 5])
    kegiatan(baru, w.users.pegawai, bulan=[5, 6])
