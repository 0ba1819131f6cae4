"""umpan_balik_beri (Sumedang Pasal 16-18): the leader gives berkala and insidental feedback, an invited peer
gives with her role, nobody else does; the target and the period are checked against the SKP."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent
from kinerja.services.org import delegasi_create
from skp.models import Skp, StatusSkp
from tests.skp import bantu
from umpanbalik.models import Realisasi, UmpanBalik
from umpanbalik.periode import Periode
from umpanbalik.services.umpan_balik import umpan_balik_beri, undangan_buat, undangan_cabut

from ..factories import RhkFactory, SkpFactory
from .rute_umpan_balik import rekan_lain

pytestmark = pytest.mark.django_db


def beri(skp, by, **kwargs):
    kwargs.setdefault("teks", "Laporan modul rapi, pertahankan.")
    kwargs.setdefault("jenis", "berkala")
    return umpan_balik_beri(skp=skp, by=by, **kwargs)


def undang(world, skp, siapa="rekan", peran="rekan"):
    return undangan_buat(skp=skp, pegawai=getattr(world, siapa), peran=peran, by=world.users.pegawai)


def test_the_leader_gives_berkala_feedback_for_the_current_month(skp_berjalan, sumedang):
    ub = beri(skp_berjalan, sumedang.users.penilai)
    assert (ub.peran, ub.jenis, ub.cara) == ("pimpinan", "berkala", "langsung")
    assert (ub.jenis_periode, ub.nomor_periode) == ("bulanan", 3)
    assert ub.pemberi == sumedang.users.penilai
    assert ub.pemberi_pegawai == sumedang.penilai
    assert ub.tanggal == datetime.date(2026, 3, 16)
    assert AuditEvent.objects.filter(aksi="umpan_balik_beri", objek_id=ub.pk).exists()


def test_the_leader_gives_insidental_feedback_on_an_iki_and_its_realisasi(skp_berjalan, sumedang):
    iki = skp_berjalan.rhk.first().iki.first()
    realisasi = Realisasi.objects.create(
        pemda=sumedang.sumedang,
        skp=skp_berjalan,
        iki=iki,
        jenis_periode="bulanan",
        nomor_periode=2,
        nilai=1,
        dibuat_oleh=sumedang.users.pegawai,
    )
    ub = beri(
        skp_berjalan,
        sumedang.users.penilai,
        jenis="insidental",
        cara="tidak_langsung",
        periode="bulanan-2",
        realisasi=realisasi,
    )
    assert (ub.jenis, ub.cara, ub.nomor_periode) == ("insidental", "tidak_langsung", 2)
    assert (ub.iki, ub.rhk, ub.realisasi) == (iki, iki.rhk, realisasi)


def test_feedback_on_a_behaviour_value(skp_berjalan, sumedang):
    ub = beri(
        skp_berjalan, sumedang.users.penilai, perilaku="kolaboratif", periode=Periode("bulanan", 1, 2026)
    )
    assert ub.perilaku == "kolaboratif" and ub.rhk is None and ub.nomor_periode == 1


def test_an_invited_peer_gives_feedback_with_her_role(skp_berjalan, sumedang):
    undang(sumedang, skp_berjalan, peran="rekan")
    ub = beri(skp_berjalan, sumedang.users.rekan, jenis="insidental", rhk=skp_berjalan.rhk.first())
    assert ub.peran == "rekan"
    assert ub.pemberi_pegawai == sumedang.rekan


def test_an_invited_subordinate_gives_berkala_feedback_too(skp_berjalan, sumedang):
    """Pasal 18(4): peers, subordinates and other parties may give berkala or insidental."""
    undang(sumedang, skp_berjalan, peran="bawahan")
    assert beri(skp_berjalan, sumedang.users.rekan, jenis="berkala").peran == "bawahan"


def test_an_uninvited_colleague_from_another_unit_cannot_give_feedback(skp_berjalan, sumedang):
    lain = rekan_lain(sumedang)
    with pytest.raises(PermissionDenied):
        beri(skp_berjalan, lain)
    assert not UmpanBalik.objects.exists()


def test_an_uninvited_peer_of_the_same_seksi_cannot_give_feedback(skp_berjalan, sumedang):
    with pytest.raises(PermissionDenied):
        beri(skp_berjalan, sumedang.users.rekan)


def test_the_atasan_penilai_is_not_the_leader_and_needs_an_invitation(skp_berjalan, sumedang):
    with pytest.raises(PermissionDenied):
        beri(skp_berjalan, sumedang.users.atasan)
    undang(sumedang, skp_berjalan, siapa="atasan", peran="pihak_lain")
    assert beri(skp_berjalan, sumedang.users.atasan).peran == "pihak_lain"


def test_a_revoked_invitation_stops_her(skp_berjalan, sumedang):
    undangan = undang(sumedang, skp_berjalan)
    beri(skp_berjalan, sumedang.users.rekan)
    undangan_cabut(undangan=undangan, by=sumedang.users.pegawai)
    with pytest.raises(PermissionDenied):
        beri(skp_berjalan, sumedang.users.rekan)
    assert UmpanBalik.objects.count() == 1


def test_the_pegawai_cannot_give_feedback_to_herself(skp_berjalan, sumedang):
    with pytest.raises(PermissionDenied, match="sendiri"):
        beri(skp_berjalan, sumedang.users.pegawai)


def test_bkpsdm_and_the_bupati_do_not_give_feedback_on_a_staff_skp(skp_berjalan, sumedang):
    for user in (sumedang.users.admin, sumedang.users.bupati):
        with pytest.raises(PermissionDenied):
            beri(skp_berjalan, user)


def test_another_pemdas_user_cannot_give_feedback(skp_berjalan, sumedang):
    with pytest.raises(PermissionDenied):
        beri(skp_berjalan, sumedang.users.outsider)


def test_a_plt_of_the_seksi_gives_as_the_leader(skp_berjalan, sumedang):
    delegasi_create(
        unit=sumedang.seksi,
        pegawai=sumedang.atasan,
        jenis="plt",
        mulai=datetime.date(2026, 3, 1),
        selesai=None,
        by=sumedang.users.admin,
    )
    assert beri(skp_berjalan, sumedang.users.atasan).peran == "pimpinan"


def test_the_kepala_daerah_gives_feedback_on_a_jpt_skp(sumedang, hari):
    hari(datetime.date(2026, 1, 12))
    skp = bantu.sampai_ditetapkan(
        sumedang, bantu.draft(sumedang, "kadis"), siapa="kadis", penilai=sumedang.users.bupati, jpt=True
    )
    hari(datetime.date(2026, 3, 16))
    ub = beri(skp, sumedang.users.bupati)
    assert ub.peran == "pimpinan" and ub.pemberi_pegawai is None
    with pytest.raises(PermissionDenied):
        beri(skp, sumedang.users.atasan)


def test_no_feedback_before_the_skp_is_set(sumedang):
    skp = bantu.draft(sumedang)
    with pytest.raises(ValidationError, match="setelah SKP ditetapkan"):
        beri(skp, sumedang.users.penilai)


def test_no_feedback_on_a_superseded_version(skp_berjalan, sumedang):
    Skp.objects.filter(pk=skp_berjalan.pk).update(status=StatusSkp.DIGANTIKAN)
    with pytest.raises(ValidationError, match="digantikan"):
        beri(skp_berjalan, sumedang.users.penilai)


@pytest.mark.parametrize(
    "periode, pesan",
    [
        ("bulanan-4", "belum dimulai"),
        ("triwulanan-1", "tidak dikenal"),
        ("bulanan-13", "1 sampai 12"),
        ("bulanan-x", "harus angka"),
        (Periode("bulanan", 3, 2025), "tahun SKP"),
        (Periode("semesteran", 1, 2026), "bukan periode"),
    ],
)
def test_a_period_not_open_for_feedback_is_refused(skp_berjalan, sumedang, periode, pesan):
    with pytest.raises(ValidationError, match=pesan) as exc:
        beri(skp_berjalan, sumedang.users.penilai, periode=periode)
    assert "periode" in exc.value.message_dict


def test_a_target_from_another_skp_is_refused(skp_berjalan, sumedang):
    asing = RhkFactory(pemda=sumedang.sumedang, skp=SkpFactory(pemda=sumedang.sumedang))
    with pytest.raises(ValidationError) as exc:
        beri(skp_berjalan, sumedang.users.penilai, rhk=asing)
    assert "rhk" in exc.value.message_dict
    with scopes_disabled():
        iki_lain = skp_berjalan.rhk.last().iki.first()
    with pytest.raises(ValidationError) as exc:
        beri(skp_berjalan, sumedang.users.penilai, rhk=skp_berjalan.rhk.first(), iki=iki_lain)
    assert "iki" in exc.value.message_dict


@pytest.mark.parametrize(
    "kwargs, field",
    [
        ({"teks": "   "}, "teks"),
        ({"jenis": "bulanan"}, "jenis"),
        ({"cara": "surat"}, "cara"),
        ({"perilaku": "jujur"}, "perilaku"),
    ],
)
def test_bad_input_is_refused_with_a_reason(skp_berjalan, sumedang, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        beri(skp_berjalan, sumedang.users.penilai, **kwargs)
    assert field in exc.value.message_dict


def test_a_behaviour_value_is_not_combined_with_an_rhk(skp_berjalan, sumedang):
    with pytest.raises(ValidationError) as exc:
        beri(skp_berjalan, sumedang.users.penilai, perilaku="loyal", rhk=skp_berjalan.rhk.first())
    assert "perilaku" in exc.value.message_dict
