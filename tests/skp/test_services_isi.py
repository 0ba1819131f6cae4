"""The parts of an SKP (skp/services/isi.py): RHK and IKI are the owner's while she holds the draft; the
cascading link to the leader's RHK (also while the leader's SKP is a draft) and the notices when it changes;
ekspektasi khusus is the leader's; the lampiran is agreed by both; saved texts; the manual indikator of a JPT."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import AuditEvent
from skp import services
from skp.models import (
    BagianLampiran,
    EkspektasiKhusus,
    Iki,
    JenisPemberitahuan,
    JenisTeks,
    LampiranSkp,
    Pemberitahuan,
    Rhk,
    SifatKonsekuensi,
)
from skp.perilaku import PERILAKU_KERJA, PerilakuKerja

from .bantu import ajukan, draft, fresh, isi, sampai_ditetapkan, setujui

pytestmark = pytest.mark.django_db


# RHK and IKI --------------------------------------------------------------------------------------------
def test_the_owner_adds_changes_orders_and_removes_rhk_and_iki(sumedang):
    w = sumedang
    skp = draft(w)
    a, b = isi(skp, w.users.pegawai, rhk=2, iki=2)
    assert list(Rhk.objects.filter(skp=skp).values_list("urutan", flat=True)) == [1, 2]
    services.rhk_urutkan(skp=skp, urutan=[b.pk, a.pk], by=w.users.pegawai)
    assert list(Rhk.objects.filter(skp=skp).order_by("urutan").values_list("pk", flat=True)) == [b.pk, a.pk]
    services.rhk_ubah(rhk=a, by=w.users.pegawai, teks="Portal data terbangun", jenis="tambahan")
    assert (fresh(a).teks, fresh(a).jenis) == ("Portal data terbangun", "tambahan")
    iki_a = list(Iki.objects.filter(rhk=a).order_by("urutan"))
    services.iki_urutkan(rhk=a, urutan=[iki_a[1].pk, iki_a[0].pk], by=w.users.pegawai)
    services.iki_ubah(iki=iki_a[0], by=w.users.pegawai, target_angka="7,5", target_satuan="%")
    assert (str(fresh(iki_a[0]).target_angka), fresh(iki_a[0]).target_satuan, fresh(iki_a[0]).urutan) == (
        "7.50",
        "%",
        2,
    )
    services.iki_hapus(iki=iki_a[1], by=w.users.pegawai)
    services.rhk_hapus(rhk=b, by=w.users.pegawai)
    assert list(Rhk.objects.filter(skp=skp).values_list("pk", flat=True)) == [a.pk]
    assert Iki.objects.filter(rhk__skp=skp).count() == 1
    aksi = set(AuditEvent.objects.filter(oleh=w.users.pegawai).values_list("aksi", flat=True))
    assert {
        "rhk_tambah",
        "rhk_urutkan",
        "rhk_ubah",
        "iki_tambah",
        "iki_urutkan",
        "iki_ubah",
        "iki_hapus",
        "rhk_hapus",
    } <= aksi


def test_an_order_must_name_every_rhk_once(sumedang):
    skp = draft(sumedang)
    a, b = isi(skp, sumedang.users.pegawai, rhk=2)
    for salah in ([a.pk], [a.pk, a.pk], [a.pk, b.pk, 999999], ["x", b.pk]):
        with pytest.raises(ValidationError):
            services.rhk_urutkan(skp=skp, urutan=salah, by=sumedang.users.pegawai)


def test_bad_values_are_refused_with_a_message(sumedang):
    w = sumedang
    skp = draft(w)
    with pytest.raises(ValidationError) as excinfo:
        services.rhk_tambah(skp=skp, jenis="penting", teks="x", by=w.users.pegawai)
    assert "jenis" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.rhk_tambah(skp=skp, jenis="utama", teks="  ", by=w.users.pegawai)
    (rhk,) = isi(skp, w.users.pegawai, iki=0)
    for salah in (
        {"target_angka": "banyak"},
        {"aspek": "mutu"},
        {"perspektif": "pelanggan"},
        {"target_angka": "1e20"},
    ):
        with pytest.raises(ValidationError):
            services.iki_tambah(rhk=rhk, teks="IKI", by=w.users.pegawai, **salah)


@pytest.mark.parametrize("siapa", ["penilai", "atasan", "rekan", "admin", "bupati"])
def test_only_the_owner_writes_rhk_and_iki(sumedang, siapa):
    w = sumedang
    skp = draft(w)
    (rhk,) = isi(skp, w.users.pegawai)
    iki = Iki.objects.get(rhk=rhk)
    user = getattr(w.users, siapa)
    for tulis in (
        lambda: services.rhk_tambah(skp=skp, jenis="utama", teks="x", by=user),
        lambda: services.rhk_ubah(rhk=rhk, teks="x", by=user),
        lambda: services.rhk_hapus(rhk=rhk, by=user),
        lambda: services.rhk_urutkan(skp=skp, urutan=[rhk.pk], by=user),
        lambda: services.iki_tambah(rhk=rhk, teks="x", by=user),
        lambda: services.iki_ubah(iki=iki, teks="x", by=user),
        lambda: services.iki_hapus(iki=iki, by=user),
    ):
        with pytest.raises(PermissionDenied):
            tulis()
    assert fresh(rhk).teks == "Aplikasi layanan 1 terbangun"


def test_a_set_skp_is_immutable_for_everyone(sumedang):
    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    rhk = Rhk.objects.get(skp=skp)
    iki = Iki.objects.get(rhk=rhk)
    for tulis in (
        lambda: services.rhk_tambah(skp=skp, jenis="utama", teks="x", by=w.users.pegawai),
        lambda: services.rhk_ubah(rhk=rhk, teks="x", by=w.users.pegawai),
        lambda: services.rhk_hapus(rhk=rhk, by=w.users.pegawai),
        lambda: services.iki_ubah(iki=iki, target_angka=1, by=w.users.pegawai),
        lambda: services.lampiran_tambah(
            skp=skp, bagian="dukungan_sumber_daya", teks="x", by=w.users.pegawai
        ),
        lambda: services.ekspektasi_khusus_simpan(skp=skp, perilaku="loyal", teks="x", by=w.users.penilai),
        lambda: services.lampiran_tambah(
            skp=skp, bagian="konsekuensi", sifat="positif", teks="x", by=w.users.penilai
        ),
        lambda: services.skp_hapus_draft(skp=skp, by=w.users.pegawai),
    ):
        with pytest.raises(ValidationError):
            tulis()
    assert (fresh(rhk).teks, fresh(iki).target_angka) == (rhk.teks, iki.target_angka)


# Cascading: the leader's RHK ----------------------------------------------------------------------------
@pytest.fixture
def pimpinan(sumedang):
    """The Penilai's own SKP, still a draft, with two RHK."""
    skp = draft(sumedang, "penilai")
    return skp, isi(skp, sumedang.users.penilai, rhk=2, iki=2)


def test_the_pegawai_starts_from_her_leaders_draft_rhk(sumedang, pimpinan):
    w = sumedang
    _, (r1, r2) = pimpinan
    skp = draft(w)
    baru = services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[r1, r2], by=w.users.pegawai)
    assert [(r.intervensi_id, r.teks, r.intervensi_teks) for r in baru] == [
        (r1.pk, r1.teks, r1.teks),
        (r2.pk, r2.teks, r2.teks),
    ]
    assert (
        services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[r1], by=w.users.pegawai) == []
    )  # no duplicate
    # The leader's draft does not hold her up: her own SKP can go all the way.
    for r in baru:
        services.iki_tambah(
            rhk=r, teks="Modul", by=w.users.pegawai, aspek="kuantitas", target_angka=2, target_satuan="modul"
        )
    services.skp_ajukan(skp=skp, by=w.users.pegawai)


def test_an_rhk_cannot_intervene_her_own_another_years_or_a_superseded_rhk(sumedang, pimpinan):
    w = sumedang
    skp = draft(w)
    (sendiri,) = isi(skp, w.users.pegawai)
    lain_tahun = draft(w, "penilai", tahun=2027)
    (rhk_2027,) = isi(lain_tahun, w.users.penilai)
    for salah in (sendiri, rhk_2027):
        with pytest.raises(ValidationError) as excinfo:
            services.rhk_tambah(skp=skp, jenis="utama", teks="x", by=w.users.pegawai, intervensi=salah)
        assert "intervensi" in excinfo.value.message_dict


def test_an_rhk_may_name_one_iki_of_the_leaders_rhk_but_only_of_that_rhk(sumedang, pimpinan):
    w = sumedang
    _, (r1, r2) = pimpinan
    skp = draft(w)
    iki_r2 = Iki.objects.filter(rhk=r2).first()
    with pytest.raises(ValidationError):
        services.rhk_tambah(
            skp=skp, jenis="utama", teks="x", by=w.users.pegawai, intervensi=r1, intervensi_iki=iki_r2
        )
    rhk = services.rhk_tambah(skp=skp, jenis="utama", teks="x", by=w.users.pegawai, intervensi_iki=iki_r2)
    assert (rhk.intervensi_id, rhk.intervensi_iki_id) == (r2.pk, iki_r2.pk)


def test_when_the_leader_changes_an_rhk_those_who_intervene_it_are_told(sumedang, pimpinan):
    w = sumedang
    _, (r1, r2) = pimpinan
    services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    services.skp_ambil_rhk_pimpinan(skp=draft(w, "rekan"), rhk_pimpinan=[r2], by=w.users.rekan)
    services.rhk_ubah(rhk=r1, teks="Aplikasi layanan terpadu terbangun", by=w.users.penilai)
    (notice,) = Pemberitahuan.objects.all()
    assert (notice.penerima_id, notice.jenis) == (w.pegawai.pk, JenisPemberitahuan.RHK_PIMPINAN_BERUBAH)
    assert "Aplikasi layanan terpadu terbangun" in notice.pesan and "Budi Santoso" in notice.pesan
    services.rhk_ubah(rhk=r1, penugasan_dari="Kepala Bidang", by=w.users.penilai)  # not a change of the plan
    assert Pemberitahuan.objects.count() == 1
    services.iki_ubah(iki=Iki.objects.filter(rhk=r2).first(), target_angka=9, by=w.users.penilai)
    assert list(Pemberitahuan.objects.order_by("id").values_list("penerima_id", flat=True)) == [
        w.pegawai.pk,
        w.rekan.pk,
    ]


def test_when_the_leader_removes_an_rhk_the_link_is_cleared_and_its_text_kept(sumedang, pimpinan):
    w = sumedang
    _, (r1, _r2) = pimpinan
    (mine,) = services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    services.rhk_hapus(rhk=r1, by=w.users.penilai)
    mine = fresh(mine)
    assert (mine.intervensi_id, mine.intervensi_teks) == (None, "Aplikasi layanan 1 terbangun")
    (notice,) = Pemberitahuan.objects.all()
    assert (notice.penerima_id, notice.jenis, notice.rhk_id) == (
        w.pegawai.pk,
        JenisPemberitahuan.RHK_PIMPINAN_DIHAPUS,
        mine.pk,
    )


def test_discarding_the_leaders_draft_tells_those_who_intervened_it(sumedang, pimpinan):
    w = sumedang
    skp_pimpinan, (r1, _) = pimpinan
    services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    services.skp_hapus_draft(skp=skp_pimpinan, by=w.users.penilai)
    assert list(Pemberitahuan.objects.values_list("penerima_id", "jenis")) == [
        (w.pegawai.pk, JenisPemberitahuan.RHK_PIMPINAN_DIHAPUS)
    ]


def test_the_pegawai_marks_only_her_own_notices_read(sumedang, pimpinan):
    w = sumedang
    _, (r1, _) = pimpinan
    services.skp_ambil_rhk_pimpinan(skp=draft(w), rhk_pimpinan=[r1], by=w.users.pegawai)
    services.rhk_ubah(rhk=r1, teks="Baru", by=w.users.penilai)
    notice = Pemberitahuan.objects.get()
    assert services.pemberitahuan_baca(pemberitahuan=[notice], by=w.users.rekan) == 0
    assert services.pemberitahuan_baca(pemberitahuan=[notice], by=w.users.pegawai) == 1
    assert fresh(notice).dibaca_pada is not None


def test_approval_freezes_the_leaders_rhk_text_as_it_reads_then(sumedang, pimpinan):
    w = sumedang
    _, (r1, _) = pimpinan
    skp = draft(w)
    (mine,) = services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[r1], by=w.users.pegawai)
    services.iki_tambah(
        rhk=mine, teks="Modul", by=w.users.pegawai, aspek="kuantitas", target_angka=2, target_satuan="modul"
    )
    services.skp_ajukan(skp=skp, by=w.users.pegawai)
    services.rhk_ubah(rhk=r1, teks="Teks pimpinan yang baru", by=w.users.penilai)
    services.skp_setujui(skp=skp, by=w.users.penilai)
    assert fresh(mine).intervensi_teks == "Teks pimpinan yang baru"


# Ekspektasi khusus, lampiran, saved texts -----------------------------------------------------------------
def test_the_penilai_writes_the_ekspektasi_khusus_until_she_approves(sumedang):
    w = sumedang
    skp = draft(w)
    services.ekspektasi_khusus_simpan(
        skp=skp, perilaku=PerilakuKerja.KOLABORATIF, teks="Berbagi ilmu", by=w.users.penilai
    )
    services.ekspektasi_khusus_simpan(
        skp=skp, perilaku=PerilakuKerja.KOLABORATIF, teks="Mentor rekan baru", by=w.users.penilai
    )
    assert list(EkspektasiKhusus.objects.filter(skp=skp).values_list("perilaku", "teks")) == [
        ("kolaboratif", "Mentor rekan baru")
    ]
    for siapa in ("pegawai", "rekan", "atasan", "admin"):
        with pytest.raises(PermissionDenied):
            services.ekspektasi_khusus_simpan(skp=skp, perilaku="loyal", teks="x", by=getattr(w.users, siapa))
    with pytest.raises(ValidationError):
        services.ekspektasi_khusus_simpan(skp=skp, perilaku="jujur", teks="x", by=w.users.penilai)
    ajukan(w, skp)
    services.ekspektasi_khusus_simpan(
        skp=skp, perilaku=PerilakuKerja.KOLABORATIF, teks="", by=w.users.penilai
    )
    assert not EkspektasiKhusus.objects.filter(skp=skp).exists()
    services.skp_setujui(skp=skp, by=w.users.penilai)
    with pytest.raises(ValidationError):
        services.ekspektasi_khusus_simpan(skp=skp, perilaku="loyal", teks="x", by=w.users.penilai)


def test_the_lampiran_is_written_by_the_pegawai_and_her_penilai(sumedang):
    w = sumedang
    skp = draft(w)
    dukungan = services.lampiran_tambah(
        skp=skp,
        bagian=BagianLampiran.DUKUNGAN_SUMBER_DAYA,
        jenis_dukungan="peralatan",
        teks="Laptop pengembang",
        by=w.users.pegawai,
    )
    services.lampiran_tambah(
        skp=skp,
        bagian=BagianLampiran.SKEMA_PERTANGGUNGJAWABAN,
        teks="Progres modul",
        jadwal_pelaporan="bulanan",
        bukti="Tautan repositori",
        by=w.users.penilai,
    )
    services.lampiran_tambah(
        skp=skp, bagian=BagianLampiran.KONSEKUENSI, sifat="negatif", teks="Pembinaan", by=w.users.penilai
    )
    with pytest.raises(ValidationError) as excinfo:
        services.lampiran_tambah(
            skp=skp, bagian=BagianLampiran.KONSEKUENSI, teks="Tanpa sifat", by=w.users.penilai
        )
    assert "sifat" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        services.lampiran_tambah(
            skp=skp, bagian=BagianLampiran.SKEMA_PERTANGGUNGJAWABAN, teks="Tanpa jadwal", by=w.users.pegawai
        )
    assert "jadwal_pelaporan" in excinfo.value.message_dict
    with pytest.raises(PermissionDenied):
        services.lampiran_tambah(
            skp=skp, bagian=BagianLampiran.DUKUNGAN_SUMBER_DAYA, teks="x", by=w.users.rekan
        )
    services.lampiran_ubah(lampiran=dukungan, teks="Laptop dan server uji", by=w.users.penilai)
    assert fresh(dukungan).teks == "Laptop dan server uji"
    ajukan(w, skp)
    with pytest.raises(ValidationError):
        services.lampiran_hapus(lampiran=dukungan, by=w.users.pegawai)  # out of her hands once submitted
    services.lampiran_hapus(lampiran=dukungan, by=w.users.penilai)
    assert list(LampiranSkp.objects.filter(skp=skp).order_by("bagian").values_list("bagian", flat=True)) == [
        "konsekuensi",
        "skema_pertanggungjawaban",
    ]


def test_the_penilai_applies_her_saved_texts_in_one_step(sumedang):
    w = sumedang
    skp = draft(w)
    ekspektasi = services.teks_tersimpan_simpan(
        by=w.users.penilai,
        jenis=JenisTeks.EKSPEKTASI_KHUSUS,
        perilaku="adaptif",
        judul="Adaptif standar",
        teks="Menguasai kerangka kerja baru",
    )
    konsekuensi = services.teks_tersimpan_simpan(
        by=w.users.penilai,
        jenis=JenisTeks.KONSEKUENSI_POSITIF,
        judul="Pelatihan",
        teks="Diprioritaskan ikut pelatihan",
    )
    services.skp_terapkan_teks(skp=skp, teks=ekspektasi, by=w.users.penilai)
    services.skp_terapkan_teks(skp=skp, teks=konsekuensi, by=w.users.penilai)
    assert EkspektasiKhusus.objects.get(skp=skp).teks == "Menguasai kerangka kerja baru"
    assert list(LampiranSkp.objects.filter(skp=skp).values_list("bagian", "sifat", "teks")) == [
        ("konsekuensi", SifatKonsekuensi.POSITIF, "Diprioritaskan ikut pelatihan")
    ]
    with pytest.raises(PermissionDenied):
        services.skp_terapkan_teks(skp=skp, teks=ekspektasi, by=w.users.atasan)  # not hers
    with pytest.raises(PermissionDenied):
        services.teks_tersimpan_hapus(teks=ekspektasi, by=w.users.atasan)
    with pytest.raises(ValidationError):
        services.teks_tersimpan_simpan(
            by=w.users.penilai, jenis=JenisTeks.EKSPEKTASI_KHUSUS, judul="Tanpa nilai", teks="x"
        )
    services.teks_tersimpan_hapus(teks=ekspektasi, by=w.users.penilai)


def test_someone_elses_saved_text_cannot_be_applied_even_by_a_penilai(sumedang):
    w = sumedang
    skp = draft(w)
    milik_atasan = services.teks_tersimpan_simpan(
        by=w.users.atasan, jenis=JenisTeks.KONSEKUENSI_NEGATIF, judul="Teguran", teks="Teguran lisan"
    )
    with pytest.raises(PermissionDenied):
        services.skp_terapkan_teks(skp=skp, teks=milik_atasan, by=w.users.penilai)
    with pytest.raises(PermissionDenied):  # and the atasan is not her Penilai before the deadline
        services.skp_terapkan_teks(skp=skp, teks=milik_atasan, by=w.users.atasan)
    assert not LampiranSkp.objects.filter(skp=skp).exists()


# Manual indikator (Format A.1.3) --------------------------------------------------------------------------
def test_a_jpt_writes_the_manual_of_her_iki(sumedang):
    w = sumedang
    skp = draft(w, "kadis")
    (rhk,) = isi(skp, w.users.kadis, jpt=True)
    iki = Iki.objects.get(rhk=rhk)
    data = dict(
        tujuan="Mengukur layanan",
        definisi="Modul yang dipakai",
        tingkat_kendali="outcome_antara",
        sumber_data="Log aplikasi",
        periode_pelaporan="triwulanan",
    )
    with pytest.raises(ValidationError) as excinfo:
        services.manual_indikator_simpan(iki=iki, by=w.users.kadis, **data)  # kuantitatif: formula needed
    assert "formula" in excinfo.value.message_dict
    manual = services.manual_indikator_simpan(
        iki=iki, by=w.users.kadis, formula="modul aktif / modul", satuan_pengukuran="%", **data
    )
    again = services.manual_indikator_simpan(
        iki=iki, by=w.users.kadis, formula="x", satuan_pengukuran="%", **data
    )
    assert manual.pk == again.pk
    with pytest.raises(PermissionDenied):
        services.manual_indikator_simpan(
            iki=iki, by=w.users.bupati, formula="x", satuan_pengukuran="%", **data
        )


def test_the_manual_indikator_is_for_jpt_only(sumedang):
    w = sumedang
    skp = draft(w)
    (rhk,) = isi(skp, w.users.pegawai)
    with pytest.raises(ValidationError, match="A.1.3"):
        services.manual_indikator_simpan(
            iki=Iki.objects.get(rhk=rhk),
            by=w.users.pegawai,
            tujuan="x",
            definisi="x",
            tingkat_kendali="outcome",
            sumber_data="x",
            periode_pelaporan="bulanan",
            formula="x",
            satuan_pengukuran="x",
        )


def test_the_perilaku_kerja_are_seven_values_with_three_lines_each():
    assert list(PERILAKU_KERJA) == list(PerilakuKerja.values)
    assert [len(baris) for baris in PERILAKU_KERJA.values()] == [3] * 7
    assert PerilakuKerja.values == [
        "berorientasi_pelayanan",
        "akuntabel",
        "kompeten",
        "harmonis",
        "loyal",
        "adaptif",
        "kolaboratif",
    ]
    assert (
        PERILAKU_KERJA["harmonis"][2] == "Membangun lingkungan kerja yang kondusif"
    )  # not the format's truncation


def test_once_approved_the_pegawai_cannot_change_the_lampiran(sumedang):
    w = sumedang
    skp = setujui(w, draft(w))
    with pytest.raises(ValidationError):
        services.lampiran_tambah(skp=skp, bagian="dukungan_sumber_daya", teks="x", by=w.users.pegawai)
