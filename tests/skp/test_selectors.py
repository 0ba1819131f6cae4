"""Reads of SKP planning (skp/selectors.py): the Penilai's inbox with deadlines, the matriks peran hasil, the
SKP page, and who has no SKP yet. Each runs a fixed number of queries: growing the data must not grow it."""

import pytest

from kinerja.models import PengaturanPemda, RiwayatStatus
from skp import selectors, services
from skp.models import BagianLampiran, Iki, PeranPenetap

from ..conftest import PASSWORD
from ..factories import pegawai_with_account
from .bantu import D, ajukan, draft, isi, sampai_ditetapkan, setujui

pytestmark = pytest.mark.django_db


def staf_baru(w, n):
    """`n` more pelaksana in the seksi: more Pegawai for the same Penilai."""
    return [pegawai_with_account(jabatan=w.pelaksana, nama=f"Staf {i}") for i in range(n)]


def akun(pegawai):
    from kinerja.models import User

    return User.objects.get(pegawai=pegawai)


def ringkas(tugas):
    return [(t.aksi, t.peran, t.skp.pegawai_id, t.batas, t.terlambat) for t in tugas]


# Inbox ------------------------------------------------------------------------------------------------
def test_the_penilai_sees_what_waits_for_her_with_the_deadline(sumedang):
    w = sumedang
    skp_pegawai = ajukan(w, draft(w))
    skp_rekan = setujui(w, draft(w, "rekan"), "rekan")
    services.skp_tanda_tangan_pegawai(skp=skp_rekan, by=w.users.rekan, password=PASSWORD)
    draft(w, "pegawai", tahun=2027)  # a draft waits for nobody
    assert ringkas(selectors.inbox_penilai(w.users.penilai)) == [
        ("setujui", PeranPenetap.PENILAI, w.pegawai.pk, D(2026, 1, 31), False),
        ("tetapkan", PeranPenetap.PENILAI, w.rekan.pk, D(2026, 1, 31), False),
    ]
    assert selectors.inbox_penilai(w.users.atasan) == []  # not before the deadline
    assert selectors.inbox_penilai(w.users.pegawai) == []
    assert selectors.inbox_penilai(w.users.admin) == []
    assert skp_pegawai


def test_after_the_deadline_it_is_late_and_the_atasan_sees_it_too(sumedang, hari):
    w = sumedang
    ajukan(w, draft(w))
    hari(D(2026, 2, 2))
    assert ringkas(selectors.inbox_penilai(w.users.penilai)) == [
        ("setujui", PeranPenetap.PENILAI, w.pegawai.pk, D(2026, 1, 31), True)
    ]
    assert ringkas(selectors.inbox_penilai(w.users.atasan)) == [
        ("setujui", PeranPenetap.ATASAN_PENILAI, w.pegawai.pk, D(2026, 1, 31), True)
    ]


def test_the_kepala_daerah_sees_the_jpt_skp_and_after_the_deadline_those_she_is_atasan_of(sumedang, hari):
    w = sumedang
    ajukan(w, draft(w, "kadis"), "kadis", jpt=True)
    ajukan(w, draft(w, "atasan"), "atasan")  # head of bidang: Penilai kadis, Atasan the Kepala Daerah
    assert ringkas(selectors.inbox_penilai(w.users.bupati)) == [
        ("setujui", PeranPenetap.KEPALA_DAERAH, w.kadis.pk, D(2026, 1, 31), False)
    ]
    assert [t.skp.pegawai_id for t in selectors.inbox_penilai(w.users.kadis)] == [w.atasan.pk]
    hari(D(2026, 2, 2))
    assert sorted(ringkas(selectors.inbox_penilai(w.users.bupati))) == sorted(
        [
            ("setujui", PeranPenetap.KEPALA_DAERAH, w.kadis.pk, D(2026, 1, 31), True),
            ("setujui", PeranPenetap.ATASAN_PENILAI, w.atasan.pk, D(2026, 1, 31), True),
        ]
    )


def test_revisions_and_timelines_wait_without_a_deadline(sumedang, hari):
    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    services.timeline_kegiatan_tambah(
        skp=skp,
        kegiatan="Analisis",
        durasi=5,
        bulan=[3],
        tipe_aktivitas="Analisis",
        pola_penugasan="Mandiri",
        by=w.users.pegawai,
    )
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    hari(D(2026, 3, 2))
    v2 = services.skp_revisi(skp=skp, by=w.users.pegawai, alasan="x")
    services.skp_ajukan(skp=v2, by=w.users.pegawai)
    tugas = selectors.inbox_penilai(w.users.penilai)
    assert sorted((t.aksi, t.skp.pk, t.batas, t.terlambat) for t in tugas) == [
        ("setujui", v2.pk, None, False),
        ("setujui_timeline", skp.pk, None, False),
    ]
    assert selectors.inbox_penilai(w.users.atasan) == []


def test_the_inbox_costs_the_same_number_of_queries_for_one_or_many_skp(sumedang, max_queries):
    w = sumedang
    ajukan(w, draft(w))
    with max_queries(8):
        assert len(selectors.inbox_penilai(w.users.penilai)) == 1
    for staf in staf_baru(w, 4):
        skp = services.skp_buat(pegawai=staf, tahun=2026, pendekatan="kuantitatif", by=akun(staf))
        isi(skp, akun(staf))
        services.skp_ajukan(skp=skp, by=akun(staf))
    with max_queries(8):
        assert len(selectors.inbox_penilai(w.users.penilai)) == 5
    with max_queries(8):
        assert selectors.inbox_penilai(w.users.bupati) == []


# Matriks peran hasil (Format A.1.5) ---------------------------------------------------------------------
@pytest.fixture
def pimpinan(sumedang):
    """The Penilai's SKP (a draft) with RHK 1 (IKI 1.1, 1.2) and RHK 2 (IKI 2.1, 2.2)."""
    skp = draft(sumedang, "penilai")
    return skp, isi(skp, sumedang.users.penilai, rhk=2, iki=2)


def test_the_matriks_shows_who_intervenes_which_iki_and_what_nobody_picked_up(sumedang, pimpinan):
    w = sumedang
    skp_pimpinan, (r1, r2) = pimpinan
    i11, i12 = Iki.objects.filter(rhk=r1).order_by("urutan")
    i21, i22 = Iki.objects.filter(rhk=r2).order_by("urutan")
    (peran_pegawai,) = services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    peran_rekan = services.rhk_tambah(
        skp=draft(w, "rekan"), jenis="utama", teks="Modul 2.1", by=w.users.rekan, intervensi_iki=i21
    )
    (baru,) = staf_baru(w, 1)  # evaluated by her, no SKP yet: a row with no role

    matriks = selectors.matriks_peran_hasil(skp_pimpinan)
    assert [(k.rhk.pk, k.iki.pk) for k in matriks.kolom] == [
        (r1.pk, i11.pk),
        (r1.pk, i12.pk),
        (r2.pk, i21.pk),
        (r2.pk, i22.pk),
    ]
    baris = {b.pegawai.pk: b for b in matriks.baris}
    assert set(baris) == {w.pegawai.pk, w.rekan.pk, baru.pk}
    kolom = {k.iki.pk: k for k in matriks.kolom}
    assert [baris[w.pegawai.pk].peran(kolom[i.pk]) for i in (i11, i12, i21, i22)] == [
        [peran_pegawai],
        [peran_pegawai],
        [],
        [],
    ]
    assert [baris[w.rekan.pk].peran(kolom[i.pk]) for i in (i11, i12, i21, i22)] == [[], [], [peran_rekan], []]
    assert baris[baru.pk].sel == {} and baris[baru.pk].jabatan == "Pengelola Aplikasi"
    assert [k.iki.pk for k in matriks.tanpa_peran] == [i22.pk]


def test_the_matriks_follows_the_leaders_rhk_into_her_revision(sumedang, pimpinan):
    w = sumedang
    skp_pimpinan, (r1, _) = pimpinan
    services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    skp_pimpinan = sampai_ditetapkan(w, skp_pimpinan, "penilai", penilai=w.users.atasan)
    v2 = services.skp_revisi(skp=skp_pimpinan, by=w.users.penilai, alasan="Target dinas berubah")
    matriks = selectors.matriks_peran_hasil(v2)
    baris = {b.pegawai.pk: b for b in matriks.baris}
    assert sum(len(v) for v in baris[w.pegawai.pk].sel.values()) == 2  # both IKI of RHK 1, via the lineage


def test_the_matriks_costs_the_same_number_of_queries_whatever_its_size(sumedang, pimpinan, max_queries):
    w = sumedang
    skp_pimpinan, (r1, r2) = pimpinan
    services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    with max_queries(10):
        selectors.matriks_peran_hasil(skp_pimpinan)
    isi(skp_pimpinan, w.users.penilai, rhk=3, iki=3)
    for staf in staf_baru(w, 4):
        skp = services.skp_buat(pegawai=staf, tahun=2026, pendekatan="kuantitatif", by=akun(staf))
        services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[r1, r2], by=akun(staf))
    with max_queries(10):
        matriks = selectors.matriks_peran_hasil(skp_pimpinan)
    assert len(matriks.baris) == 6 and len(matriks.kolom) == 13


def test_the_pegawai_is_offered_her_penilais_rhk_and_a_jpt_none(sumedang, pimpinan):
    w = sumedang
    skp_pimpinan, (r1, r2) = pimpinan
    leader, rhk = selectors.rhk_pimpinan_tersedia(draft(w))
    assert (leader, rhk) == (skp_pimpinan, [r1, r2])
    assert selectors.rhk_pimpinan_tersedia(draft(w, "rekan"), pimpinan=w.kadis) == (None, [])  # none yet
    skp_kadis = draft(w, "kadis")
    assert selectors.rhk_pimpinan_tersedia(skp_kadis) == (None, [])  # the Kepala Daerah has no SKP
    (r_kadis,) = isi(skp_kadis, w.users.kadis, jpt=True)
    assert selectors.rhk_pimpinan_tersedia(draft(w, "atasan"), pimpinan=w.kadis) == (skp_kadis, [r_kadis])


# The SKP page -----------------------------------------------------------------------------------------
def test_the_skp_page_has_every_part_in_a_fixed_number_of_queries(sumedang, pimpinan, max_queries):
    w = sumedang
    _, (r1, _) = pimpinan
    skp = draft(w)
    services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[r1], by=w.users.pegawai)
    isi(skp, w.users.pegawai)
    services.ekspektasi_khusus_simpan(
        skp=skp, perilaku="akuntabel", teks="Laporan tepat waktu", by=w.users.penilai
    )
    services.lampiran_tambah(
        skp=skp, bagian=BagianLampiran.KONSEKUENSI, sifat="positif", teks="Apresiasi", by=w.users.penilai
    )
    services.timeline_kegiatan_tambah(
        skp=skp,
        kegiatan="Analisis",
        durasi=5,
        bulan=[3],
        tipe_aktivitas="Analisis",
        pola_penugasan="Mandiri",
        by=w.users.pegawai,
    )
    pengaturan = PengaturanPemda.objects.get(pemda=w.sumedang)
    with max_queries(10):
        halaman = selectors.skp_lengkap(skp.pk, pengaturan)
        teks = [
            (r.teks, r.intervensi and r.intervensi.skp.pegawai.nama, [i.target_tampil for i in r.iki.all()])
            for r in halaman.rhk
        ]
        [p.ekspektasi_khusus for p in halaman.perilaku]
        [c.penulis for c in halaman.catatan]
    assert teks[0] == ("Aplikasi layanan 1 terbangun", "Budi Santoso", [])
    assert teks[1] == ("Aplikasi layanan 1 terbangun", None, ["4 modul"])
    assert [p.kode for p in halaman.perilaku][:2] == ["berorientasi_pelayanan", "akuntabel"]
    assert (
        halaman.perilaku[1].ekspektasi_khusus == "Laporan tepat waktu" and len(halaman.perilaku[1].baris) == 3
    )
    assert [x.teks for x in halaman.lampiran["konsekuensi"]] == ["Apresiasi"]
    # Growing every part does not grow the count.
    isi(skp, w.users.pegawai, rhk=4, iki=3)
    for rhk in halaman.rhk:
        services.rencana_aksi_tambah(rhk=rhk, teks="Langkah", by=w.users.pegawai)
    for n in range(3):
        services.lampiran_tambah(
            skp=skp, bagian="dukungan_sumber_daya", teks=f"Dukungan {n}", by=w.users.pegawai
        )
    with max_queries(10):
        halaman = selectors.skp_lengkap(skp.pk, pengaturan)
        [
            (
                r.intervensi and r.intervensi.skp.pegawai.nama,
                [i.manual.all() for i in r.iki.all()],
                list(r.rencana_aksi.all()),
            )
            for r in halaman.rhk
        ]
    assert len(halaman.rhk) == 6


# Compliance (BKPSDM) ----------------------------------------------------------------------------------
def test_who_has_no_skp_yet_leaving_out_the_exempt(sumedang, max_queries):
    w = sumedang
    PengaturanPemda.objects.filter(pemda=w.sumedang).update(status_pengecualian_perencanaan=["cltn", "mpp"])
    RiwayatStatus.objects.create(
        pemda=w.sumedang, pegawai=w.admin_pegawai, status="mpp", mulai=D(2025, 12, 1)
    )
    with max_queries(2):
        semua = {
            p.pk: (p.jabatan_nama, p.unit_nama)
            for p in selectors.belum_punya_skp(pemda_id=w.sumedang.pk, tahun=2026)
        }
    assert set(semua) == {
        w.kadis.pk,
        w.atasan.pk,
        w.penilai.pk,
        w.pegawai.pk,
        w.rekan.pk,
    }  # not the MPP admin
    assert semua[w.pegawai.pk] == ("Pengelola Aplikasi", "Seksi Pengembangan Aplikasi")
    skp = draft(w)
    belum = set(selectors.belum_punya_skp(pemda_id=w.sumedang.pk, tahun=2026).values_list("pk", flat=True))
    assert w.pegawai.pk not in belum
    belum_ditetapkan = set(
        selectors.belum_punya_skp(pemda_id=w.sumedang.pk, tahun=2026, belum_ditetapkan=True).values_list(
            "pk", flat=True
        )
    )
    assert w.pegawai.pk in belum_ditetapkan
    sampai_ditetapkan(w, skp)
    assert w.pegawai.pk not in set(
        selectors.belum_punya_skp(pemda_id=w.sumedang.pk, tahun=2026, belum_ditetapkan=True).values_list(
            "pk", flat=True
        )
    )
    assert w.outsider.pk not in semua  # another Pemda's Pegawai never show up


def test_the_notices_of_a_pegawai_are_hers_only(sumedang, pimpinan):
    w = sumedang
    _, (r1, _) = pimpinan
    services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    services.rhk_ubah(rhk=r1, teks="Baru", by=w.users.penilai)
    assert selectors.pemberitahuan_untuk(w.users.pegawai).count() == 1
    assert selectors.pemberitahuan_untuk(w.users.rekan).count() == 0
    assert selectors.pemberitahuan_untuk(w.users.bupati).count() == 0
