"""The life of an SKP (skp/services/alur.py): who may draft, submit, return, approve, sign and set it, and
when. The Penilai of the world's `pegawai` is `penilai` (head of seksi), her Atasan Penilai is `atasan` (head
of bidang); `kadis` is a JPT whose SKP the Kepala Daerah (`bupati`) sets."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django_scopes import scopes_disabled

from dokumen.models import Dokumen, Penandatangan, StatusDokumen
from kinerja.models import AuditEvent, JenisJabatan, PengaturanPemda, RiwayatStatus
from kinerja.scoping import tenant_context
from skp import services
from skp.models import (
    CatatanSkp,
    EkspektasiKhusus,
    Iki,
    JenisRhk,
    JenisSkp,
    LampiranSkp,
    PeranPenetap,
    Skp,
    StatusSkp,
)
from skp.permissions import get_skp_for_user

from ..factories import JabatanFactory, PegawaiFactory, PenempatanFactory, UnitKerjaFactory, UserFactory
from .bantu import PASSWORD, D, ajukan, draft, fresh, isi, sampai_ditetapkan, setujui

pytestmark = pytest.mark.django_db


def aksi_audit(skp):
    with scopes_disabled():
        return list(
            AuditEvent.objects.filter(objek_jenis="Skp", objek_id=skp.pk)
            .order_by("pk")
            .values_list("aksi", "oleh_id")
        )


def dokumen_skp(skp, format_kode=None):
    """The SKP's documents of its own format (A.1.x), or of `format_kode` (e.g. its Lampiran, A.1.8)."""
    with scopes_disabled():
        return Dokumen.objects.filter(
            objek_jenis="skp.Skp", objek_id=skp.pk, format_kode=format_kode or fresh(skp).format_kode
        ).order_by("versi")


# Drafting ---------------------------------------------------------------------------------------------
def test_pegawai_drafts_her_skp_for_her_position_with_her_penilai_and_atasan(sumedang):
    w = sumedang
    skp = draft(w)
    skp = fresh(skp)
    assert (skp.status, skp.versi, skp.tahun) == (StatusSkp.DRAFT, 1, 2026)
    assert (skp.jabatan_id, skp.unit_id) == (w.pelaksana.pk, w.seksi.pk)
    assert (skp.penilai_id, skp.atasan_penilai_id) == (w.penilai.pk, w.atasan.pk)
    assert not skp.penilai_kepala_daerah
    assert (skp.periode_mulai, skp.periode_selesai) == (D(2026, 1, 1), D(2026, 12, 31))
    assert skp.jenis == JenisSkp.ADMINISTRASI and skp.format_kode == "A.1.7"
    assert skp.identitas["penilai"]["nama"] == "Budi Santoso"
    assert skp.identitas["pegawai"]["jabatan"] == "Pengelola Aplikasi"
    assert aksi_audit(skp) == [("skp_buat", w.users.pegawai.pk)]


def test_jpt_uses_the_jpt_form_and_the_kepala_daerah_is_her_penilai(sumedang):
    skp = fresh(draft(sumedang, "kadis"))
    assert skp.jenis == JenisSkp.JPT and skp.format_kode == "A.1.2"
    assert skp.penilai_kepala_daerah and skp.penilai_id is None and skp.atasan_penilai_id is None


def test_pimpinan_unit_kerja_mandiri_uses_the_jpt_form_and_is_set_by_the_coordinating_head(sumedang):
    w = sumedang
    uptd = UnitKerjaFactory(pemda=w.sumedang, parent=w.dinas, nama="UPTD Data", kode="D01.U1", jenis="uptd")
    kepala = PegawaiFactory(pemda=w.sumedang)
    jabatan = JabatanFactory(
        unit=uptd,
        nama="Kepala UPTD",
        jenis=JenisJabatan.ADMINISTRATOR,
        memimpin_unit=True,
        pimpinan_unit_kerja_mandiri=True,
    )
    PenempatanFactory(pegawai=kepala, jabatan=jabatan)
    akun = UserFactory(username=kepala.nip, pemda=w.sumedang, pegawai=kepala)
    skp = services.skp_buat(pegawai=kepala, tahun=2026, pendekatan="kualitatif", by=akun)
    assert (skp.jenis, skp.format_kode, skp.penilai_id) == (JenisSkp.JPT, "A.1.1", w.kadis.pk)


@pytest.mark.parametrize("siapa", ["penilai", "atasan", "rekan", "admin", "bupati"])
def test_nobody_else_drafts_the_skp_of_a_pegawai(sumedang, siapa):
    with pytest.raises(PermissionDenied):
        services.skp_buat(
            pegawai=sumedang.pegawai, tahun=2026, pendekatan="kuantitatif", by=getattr(sumedang.users, siapa)
        )


def test_a_second_live_skp_for_the_same_position_and_year_is_refused(sumedang):
    draft(sumedang)
    with pytest.raises(ValidationError, match="Sudah ada SKP 2026"):
        draft(sumedang)
    assert draft(sumedang, tahun=2027).tahun == 2027  # next year's plan is another SKP


def test_a_year_other_than_this_or_next_is_refused(sumedang):
    with pytest.raises(ValidationError) as excinfo:
        draft(sumedang, tahun=2025)
    assert "tahun" in excinfo.value.message_dict


EXEMPT = ["pejabat_negara", "diberhentikan_sementara", "cltn", "mpp"]


@pytest.fixture
def pengecualian_sumedang(world):
    """Sumedang's lampiran 'Penetapan SKP' angka 7, as its fixture seeds it."""
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.sumedang).update(status_pengecualian_perencanaan=EXEMPT)


def _status(world, status, mulai, selesai=None):
    with scopes_disabled():
        return RiwayatStatus.objects.create(
            pemda=world.sumedang, pegawai=world.pegawai, status=status, mulai=mulai, selesai=selesai
        )


@pytest.mark.parametrize("status", EXEMPT)
def test_a_pegawai_exempt_from_planning_on_the_day_gets_no_skp(world, pengecualian_sumedang, status):
    _status(world, status, D(2025, 11, 1))
    with (
        tenant_context(world.sumedang.pk),
        pytest.raises(ValidationError, match="Perencanaan kinerja tidak berlaku"),
    ):
        draft(world)


def test_an_exemption_that_ended_or_a_status_the_pemda_does_not_exempt_does_not_block(
    world, pengecualian_sumedang
):
    _status(world, "cltn", D(2025, 1, 1), D(2026, 1, 11))  # ended the day before "today"
    _status(world, "tugas_belajar", D(2025, 9, 1))  # not an exemption from planning (lampiran: own SKP)
    with tenant_context(world.sumedang.pk):
        assert draft(world).status == StatusSkp.DRAFT


def test_where_the_pemda_exempts_nobody_the_status_does_not_block(world):
    _status(world, "cltn", D(2025, 11, 1))  # Sumedang's settings here exempt nobody (Bogor's text lists none)
    with tenant_context(world.sumedang.pk):
        assert draft(world).status == StatusSkp.DRAFT


def test_an_exemption_starting_after_the_draft_blocks_its_submission(world, pengecualian_sumedang, hari):
    with tenant_context(world.sumedang.pk):
        skp = draft(world)
        isi(skp, world.users.pegawai)
    _status(world, "mpp", D(2026, 1, 20))
    hari(D(2026, 1, 21))
    with tenant_context(world.sumedang.pk), pytest.raises(ValidationError, match="Masa persiapan pensiun"):
        services.skp_ajukan(skp=skp, by=world.users.pegawai)


@pytest.fixture
def sarolangun(db):
    """Sarolangun (Perbup 18/2025 Pasal 7(5)): kuantitatif only; timeline and rencana aksi required."""
    from ..factories import PemdaFactory, PengaturanFactory, pegawai_with_account

    pemda = PemdaFactory(slug="sarolangun", nama="Kabupaten Sarolangun")
    PengaturanFactory(
        pemda=pemda, pendekatan_hasil_kerja=["kuantitatif"], wajib_timeline=True, wajib_rencana_aksi=True
    )
    unit = UnitKerjaFactory(pemda=pemda, nama="Dinas Kominfo Sarolangun", kode="S01")
    kasi = pegawai_with_account(
        jabatan=JabatanFactory(
            unit=unit, nama="Kepala Dinas", jenis=JenisJabatan.JPT_PRATAMA, memimpin_unit=True
        )
    )
    staf = pegawai_with_account(
        jabatan=JabatanFactory(unit=unit, nama="Pranata Komputer", jenis="fungsional")
    )
    with scopes_disabled(), tenant_context(pemda.pk):
        from kinerja.models import User

        yield pemda, staf, User.objects.get(pegawai=staf), kasi


def test_kualitatif_is_refused_where_the_pemda_allows_only_kuantitatif(sarolangun):
    pemda, staf, akun, _ = sarolangun
    with pytest.raises(ValidationError) as excinfo:
        services.skp_buat(pegawai=staf, tahun=2026, pendekatan="kualitatif", by=akun)
    assert "kuantitatif" in excinfo.value.message_dict["pendekatan"][0]
    skp = services.skp_buat(pegawai=staf, tahun=2026, pendekatan="kuantitatif", by=akun)
    with pytest.raises(ValidationError):
        services.skp_ubah_pendekatan(skp=skp, pendekatan="kualitatif", by=akun)


def test_a_submitted_skp_whose_approach_the_pemda_no_longer_allows_cannot_be_submitted(sumedang):
    w = sumedang
    skp = draft(w, pendekatan="kualitatif")
    isi(skp, w.users.pegawai, kualitatif=True)
    PengaturanPemda.objects.filter(pemda=w.sumedang).update(pendekatan_hasil_kerja=["kuantitatif"])
    with pytest.raises(ValidationError, match="Pendekatan kualitatif tidak diizinkan"):
        services.skp_ajukan(skp=skp, by=w.users.pegawai)


def test_a_draft_whose_document_was_issued_is_not_deleted(sumedang):
    w = sumedang
    skp = setujui(w, draft(w))
    services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan="Perbaiki.")
    with pytest.raises(ValidationError, match="dokumennya sudah diterbitkan"):
        services.skp_hapus_draft(skp=skp, by=w.users.pegawai)
    assert Skp.objects.filter(pk=skp.pk).exists()


def test_the_owner_may_discard_her_draft(sumedang):
    skp = draft(sumedang)
    with pytest.raises(PermissionDenied):
        services.skp_hapus_draft(skp=skp, by=sumedang.users.penilai)
    services.skp_hapus_draft(skp=skp, by=sumedang.users.pegawai)
    assert not Skp.objects.filter(pk=skp.pk).exists()


# Submitting -------------------------------------------------------------------------------------------
def test_submitting_sends_the_complete_draft_to_the_penilai(sumedang):
    skp = ajukan(sumedang, draft(sumedang))
    assert fresh(skp).status == StatusSkp.DIAJUKAN
    assert fresh(skp).diajukan_pada is not None


@pytest.mark.parametrize(
    "susun, pesan",
    [
        (lambda skp, u: None, "paling sedikit satu rencana hasil kerja utama"),
        (
            lambda skp, u: isi(skp, u, jenis=JenisRhk.TAMBAHAN),
            "paling sedikit satu rencana hasil kerja utama",
        ),
        (lambda skp, u: isi(skp, u, iki=0), "belum punya indikator kinerja individu"),
        (lambda skp, u: isi(skp, u, kualitatif=True), "target kuantitatif (angka dan satuan) belum diisi"),
    ],
    ids=["kosong", "hanya-tambahan", "rhk-tanpa-iki", "iki-tanpa-target"],
)
def test_an_incomplete_skp_cannot_be_submitted(sumedang, susun, pesan):
    skp = draft(sumedang)
    susun(skp, sumedang.users.pegawai)
    with pytest.raises(ValidationError) as excinfo:
        services.skp_ajukan(skp=skp, by=sumedang.users.pegawai)
    assert any(pesan in m for m in excinfo.value.messages)
    assert fresh(skp).status == StatusSkp.DRAFT


def test_a_kualitatif_iki_needs_a_target_statement_and_a_jpt_iki_a_perspektif(sumedang):
    w = sumedang
    skp = draft(w, pendekatan="kualitatif")
    isi(skp, w.users.pegawai)  # numbers, no statement
    with pytest.raises(ValidationError, match="target kualitatif belum diisi"):
        services.skp_ajukan(skp=skp, by=w.users.pegawai)
    jpt = draft(w, "kadis")
    isi(jpt, w.users.kadis)  # no perspektif
    with pytest.raises(ValidationError, match="perspektif belum dipilih"):
        services.skp_ajukan(skp=jpt, by=w.users.kadis)


@pytest.mark.parametrize("siapa", ["penilai", "rekan", "admin"])
def test_only_the_owner_submits(sumedang, siapa):
    skp = draft(sumedang)
    isi(skp, sumedang.users.pegawai)
    with pytest.raises(PermissionDenied):
        services.skp_ajukan(skp=skp, by=getattr(sumedang.users, siapa))


# Returning with comments ------------------------------------------------------------------------------
def test_the_penilai_returns_it_with_comments_on_the_skp_and_on_an_rhk(sumedang):
    w = sumedang
    skp = draft(w)
    (rhk,) = isi(skp, w.users.pegawai)
    services.skp_ajukan(skp=skp, by=w.users.pegawai)
    services.skp_kembalikan(
        skp=skp,
        by=w.users.penilai,
        catatan="Target terlalu rendah.",
        catatan_rhk={rhk.pk: "Perjelas hasilnya."},
    )
    assert fresh(skp).status == StatusSkp.DIKEMBALIKAN
    catatan = list(
        CatatanSkp.objects.filter(skp=skp)
        .order_by("id")
        .values_list("rhk_id", "teks", "putaran", "penulis_id")
    )
    assert catatan == [
        (None, "Target terlalu rendah.", 1, w.users.penilai.pk),
        (rhk.pk, "Perjelas hasilnya.", 1, w.users.penilai.pk),
    ]
    # Back in her hands: she edits and submits again; a second return is the second round.
    services.iki_tambah(
        rhk=rhk,
        teks="Pengguna terlatih",
        by=w.users.pegawai,
        aspek="kualitas",
        target_angka=20,
        target_satuan="orang",
    )
    services.skp_ajukan(skp=skp, by=w.users.pegawai)
    services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan="Lagi.")
    assert CatatanSkp.objects.filter(skp=skp, putaran=2).count() == 1


def test_returning_needs_a_comment_and_comments_only_on_its_own_rhk(sumedang):
    w = sumedang
    skp = ajukan(w, draft(w))
    with pytest.raises(ValidationError):
        services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan="  ")
    lain = draft(w, "rekan")
    (rhk_lain,) = isi(lain, w.users.rekan)
    with pytest.raises(ValidationError):
        services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan_rhk={rhk_lain.pk: "x"})
    with pytest.raises(ValidationError, match="id-nya"):
        services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan_rhk={"rhk-satu": "x"})
    assert fresh(skp).status == StatusSkp.DIAJUKAN


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "admin", "bupati", "kadis"])
def test_before_the_deadline_only_her_penilai_returns_or_approves(sumedang, siapa):
    skp = ajukan(sumedang, draft(sumedang))
    user = getattr(sumedang.users, siapa)
    with pytest.raises(PermissionDenied):
        services.skp_kembalikan(skp=skp, by=user, catatan="x")
    with pytest.raises(PermissionDenied):
        services.skp_setujui(skp=skp, by=user)
    assert fresh(skp).status == StatusSkp.DIAJUKAN


def test_the_pegawai_edits_nothing_once_submitted(sumedang):
    w = sumedang
    skp = draft(w)
    (rhk,) = isi(skp, w.users.pegawai)
    services.skp_ajukan(skp=skp, by=w.users.pegawai)
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.rhk_ubah(rhk=rhk, by=w.users.pegawai, teks="Diam-diam diubah")


# Approving, signing, setting --------------------------------------------------------------------------
def test_approval_issues_the_skp_document_for_the_pegawai_then_the_penilai(sumedang):
    w = sumedang
    skp = setujui(w, draft(w))
    skp = fresh(skp)
    assert (skp.status, skp.disetujui_oleh_id) == (StatusSkp.DISETUJUI, w.users.penilai.pk)
    (dokumen,) = dokumen_skp(skp)
    assert (dokumen.format_kode, dokumen.status) == ("A.1.7", StatusDokumen.MENUNGGU_TANDA_TANGAN)
    with scopes_disabled():
        penandatangan = list(
            Penandatangan.objects.filter(dokumen=dokumen).order_by("urutan").values_list("peran", "user_id")
        )
    assert penandatangan == [("pegawai", w.users.pegawai.pk), ("penilai", w.users.penilai.pk)]
    assert "Aplikasi layanan 1 terbangun" in dokumen.html and "Berorientasi Pelayanan" in dokumen.html


def test_the_pegawai_signs_with_her_password_then_the_penilai_sets_it(sumedang):
    w = sumedang
    skp = setujui(w, draft(w))
    with pytest.raises(ValidationError, match="belum dapat ditetapkan"):
        services.skp_tetapkan(skp=skp, by=w.users.penilai, password=PASSWORD)  # the Pegawai signs first
    with pytest.raises(ValidationError):
        services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.pegawai, password="salah")
    assert fresh(skp).status == StatusSkp.DISETUJUI
    with pytest.raises(PermissionDenied):
        services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.penilai, password=PASSWORD)
    services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.pegawai, password=PASSWORD)
    assert fresh(skp).status == StatusSkp.DITANDATANGANI_PEGAWAI
    for siapa in ("pegawai", "rekan", "atasan", "admin"):
        with pytest.raises(PermissionDenied):
            services.skp_tetapkan(skp=skp, by=getattr(w.users, siapa), password=PASSWORD)
    with pytest.raises(ValidationError):
        services.skp_tetapkan(skp=skp, by=w.users.penilai, password="salah")
    services.skp_tetapkan(skp=skp, by=w.users.penilai, password=PASSWORD)
    skp = fresh(skp)
    assert (skp.status, skp.ditetapkan_sebagai, skp.ditetapkan_oleh_id) == (
        StatusSkp.DITETAPKAN,
        PeranPenetap.PENILAI,
        w.users.penilai.pk,
    )
    (dokumen,) = dokumen_skp(skp)
    assert dokumen.status == StatusDokumen.DITANDATANGANI
    assert [a for a, _ in aksi_audit(skp)] == [
        "skp_buat",
        "skp_ajukan",
        "skp_setujui",
        "skp_tanda_tangan_pegawai",
        "skp_tetapkan",
    ]


def test_a_return_after_approval_supersedes_the_unsigned_document_at_the_next_approval(sumedang):
    w = sumedang
    skp = setujui(w, draft(w))
    services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan="Satu IKI lagi.")
    services.skp_ajukan(skp=skp, by=w.users.pegawai)
    services.skp_setujui(skp=skp, by=w.users.penilai)
    assert [d.status for d in dokumen_skp(skp)] == [
        StatusDokumen.DIGANTIKAN,
        StatusDokumen.MENUNGGU_TANDA_TANGAN,
    ]


def test_the_kepala_daerah_approves_and_sets_the_skp_of_a_jpt(sumedang):
    w = sumedang
    skp = ajukan(w, draft(w, "kadis"), "kadis", jpt=True)
    for siapa in ("penilai", "atasan", "admin", "kadis"):
        with pytest.raises(PermissionDenied):
            services.skp_setujui(skp=skp, by=getattr(w.users, siapa))
    services.skp_setujui(skp=skp, by=w.users.bupati)
    services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.kadis, password=PASSWORD)
    services.skp_tetapkan(skp=skp, by=w.users.bupati, password=PASSWORD)
    skp = fresh(skp)
    assert (skp.status, skp.ditetapkan_sebagai, skp.format_kode) == (
        StatusSkp.DITETAPKAN,
        PeranPenetap.KEPALA_DAERAH,
        "A.1.2",
    )
    with scopes_disabled():
        assert list(
            Penandatangan.objects.filter(dokumen__objek_id=skp.pk, dokumen__format_kode="A.1.2")
            .order_by("urutan")
            .values_list("peran", flat=True)
        ) == ["pegawai", "kepala_daerah"]


# The deadline: end of January, then the Atasan Penilai --------------------------------------------------
def test_on_the_last_day_of_january_the_atasan_still_may_not_act(sumedang, hari):
    skp = ajukan(sumedang, draft(sumedang))
    hari(D(2026, 1, 31))
    with pytest.raises(PermissionDenied):
        services.skp_setujui(skp=skp, by=sumedang.users.atasan)


def test_after_the_deadline_the_atasan_penilai_sets_an_skp_not_yet_set(sumedang, hari):
    w = sumedang
    skp = ajukan(w, draft(w))
    hari(D(2026, 2, 2))
    services.skp_setujui(skp=skp, by=w.users.atasan)
    services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.pegawai, password=PASSWORD)
    with pytest.raises(PermissionDenied, match="Kembalikan lalu setujui ulang"):
        services.skp_tetapkan(skp=skp, by=w.users.penilai, password=PASSWORD)  # the document names the Atasan
    services.skp_tetapkan(skp=skp, by=w.users.atasan, password=PASSWORD)
    skp = fresh(skp)
    assert (skp.status, skp.ditetapkan_sebagai) == (StatusSkp.DITETAPKAN, PeranPenetap.ATASAN_PENILAI)
    assert skp.penilai_id == w.penilai.pk  # the record still names her Penilai


def test_after_the_deadline_the_penilai_keeps_her_right_and_others_still_have_none(sumedang, hari):
    w = sumedang
    skp = ajukan(w, draft(w))
    hari(D(2026, 3, 2))
    for siapa in ("rekan", "admin", "kadis", "bupati"):
        with pytest.raises(PermissionDenied):
            services.skp_setujui(skp=skp, by=getattr(w.users, siapa))
    services.skp_setujui(skp=skp, by=w.users.penilai)


def test_the_atasan_of_a_head_of_bidang_is_the_kepala_daerah_after_the_deadline(sumedang, hari):
    w = sumedang
    skp = ajukan(
        w, draft(w, "atasan"), "atasan"
    )  # the head of bidang: Penilai kadis, Atasan the Kepala Daerah
    with pytest.raises(PermissionDenied):
        services.skp_setujui(skp=skp, by=w.users.bupati)
    hari(D(2026, 2, 2))
    services.skp_setujui(skp=skp, by=w.users.bupati)
    assert fresh(skp).status == StatusSkp.DISETUJUI


def test_a_revision_has_no_deadline_so_the_atasan_never_takes_it_over(sumedang, hari):
    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    hari(D(2026, 3, 2))
    v2 = services.skp_revisi(skp=skp, by=w.users.pegawai, alasan="Anggaran dipotong.")
    services.skp_ajukan(skp=v2, by=w.users.pegawai)
    with pytest.raises(PermissionDenied):
        services.skp_setujui(skp=v2, by=w.users.atasan)


# Across Pemda -----------------------------------------------------------------------------------------
def test_the_outsider_of_bogor_does_not_find_the_skp_and_may_do_nothing_with_it(world):
    with tenant_context(world.sumedang.pk):
        skp = ajukan(world, draft(world))
    for user in (world.users.outsider, world.users.outsider_admin):
        with tenant_context(world.bogor.pk):
            with pytest.raises(Http404):
                get_skp_for_user(user, skp.pk)
            with pytest.raises(PermissionDenied):
                services.skp_setujui(skp=skp, by=user)
            with pytest.raises(PermissionDenied):
                services.skp_kembalikan(skp=skp, by=user, catatan="x")
            with pytest.raises(PermissionDenied):
                services.rhk_tambah(skp=skp, jenis="utama", teks="x", by=user)
    assert fresh(skp).status == StatusSkp.DIAJUKAN


@pytest.mark.parametrize(
    "siapa, melihat",
    [
        ("pegawai", True),
        ("penilai", True),
        ("atasan", True),
        ("admin", True),
        ("bupati", True),
        ("rekan", False),
    ],
)
def test_who_may_read_the_skp(sumedang, siapa, melihat):
    skp = draft(sumedang)
    user = getattr(sumedang.users, siapa)
    if melihat:
        assert get_skp_for_user(user, skp.pk) == skp
    else:
        with pytest.raises(Http404):
            get_skp_for_user(user, skp.pk)


# Starting from last year's SKP --------------------------------------------------------------------------
def test_the_pegawai_starts_from_last_years_skp_as_new_lines(sumedang, hari):
    w = sumedang
    hari(D(2025, 12, 1))
    pimpinan = draft(w, "penilai", tahun=2025)
    (rhk_pimpinan,) = isi(pimpinan, w.users.penilai)
    lalu = draft(w, tahun=2025)
    (rhk_lalu,) = isi(lalu, w.users.pegawai, iki=2, intervensi=rhk_pimpinan)
    services.lampiran_tambah(skp=lalu, bagian="dukungan_sumber_daya", teks="Akses server", by=w.users.pegawai)
    services.ekspektasi_khusus_simpan(
        skp=lalu, perilaku="loyal", teks="Menjaga data pribadi", by=w.users.penilai
    )
    hari(D(2026, 1, 12))
    skp = draft(w)
    with pytest.raises(PermissionDenied):
        services.skp_salin_tahun_lalu(skp=skp, by=w.users.penilai)
    (salinan,) = services.skp_salin_tahun_lalu(skp=skp, by=w.users.pegawai)
    assert (salinan.teks, salinan.intervensi_id, salinan.skp_id) == (rhk_lalu.teks, None, skp.pk)
    assert salinan.garis != rhk_lalu.garis
    assert list(Iki.objects.filter(rhk=salinan).values_list("teks", "target_angka")) == list(
        Iki.objects.filter(rhk=rhk_lalu).values_list("teks", "target_angka")
    )
    assert list(LampiranSkp.objects.filter(skp=skp).values_list("teks", flat=True)) == ["Akses server"]
    assert not EkspektasiKhusus.objects.filter(skp=skp).exists()  # this year's leader sets her own
    with pytest.raises(ValidationError, match="Tidak ada SKP tahun 2025"):
        services.skp_salin_tahun_lalu(skp=draft(w, "rekan"), by=w.users.rekan)
