"""Invitations to give umpan balik (Pasal 17(2)): a guardian direct grant on the SKP, made by the Pegawai or
her leader, revoked by them; the invitee then sees the SKP, and no longer once revoked. The pages
`undangan_skp`, `undangan_cabut` and `umpan_balik_diundang`."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent
from kinerja.scoping import tenant_context
from skp.models import Skp, StatusSkp
from tests.skp import bantu
from umpanbalik.models import UndanganUmpanBalik
from umpanbalik.permissions import skp_pelaksanaan_visible_to
from umpanbalik.services.umpan_balik import undangan_buat, undangan_cabut

from ..factories import JabatanFactory, PegawaiFactory, PenempatanFactory
from .rute_umpan_balik import rekan_lain

pytestmark = pytest.mark.django_db


def undang(world, skp, siapa="rekan", peran="rekan", by="pegawai"):
    return undangan_buat(skp=skp, pegawai=getattr(world, siapa), peran=peran, by=getattr(world.users, by))


def test_the_pegawai_invites_a_peer_with_a_guardian_grant_on_her_skp(skp_berjalan, sumedang):
    u = undang(sumedang, skp_berjalan)
    assert u.user == sumedang.users.rekan
    assert (u.permission.content_type.app_label, u.permission.codename) == ("skp", "beri_umpan_balik")
    assert u.content_object == skp_berjalan and u.skp == skp_berjalan
    assert u.pemda_id == sumedang.sumedang.pk
    assert (u.peran, u.diundang_oleh, u.dicabut_pada) == ("rekan", sumedang.users.pegawai, None)
    assert AuditEvent.objects.filter(aksi="undangan_umpan_balik_buat", objek_id=u.pk).exists()


def test_the_invitee_sees_the_skp_while_the_invitation_stands(skp_berjalan, sumedang):
    rekan = sumedang.users.rekan
    assert not skp_pelaksanaan_visible_to(rekan).filter(pk=skp_berjalan.pk).exists()
    u = undang(sumedang, skp_berjalan)
    assert skp_pelaksanaan_visible_to(rekan).filter(pk=skp_berjalan.pk).exists()
    undangan_cabut(undangan=u, by=sumedang.users.pegawai)
    assert not skp_pelaksanaan_visible_to(rekan).filter(pk=skp_berjalan.pk).exists()


def test_the_leader_invites_a_colleague_from_another_unit(skp_berjalan, sumedang):
    rekan_lain(sumedang)
    u = undang(sumedang, skp_berjalan, siapa="lain", peran="pihak_lain", by="penilai")
    assert (u.pegawai, u.peran, u.diundang_oleh) == (sumedang.lain, "pihak_lain", sumedang.users.penilai)


@pytest.mark.parametrize("by", ["rekan", "atasan", "admin", "outsider"])
def test_only_the_pegawai_or_her_leader_invite(skp_berjalan, sumedang, by):
    with pytest.raises(PermissionDenied):
        undang(sumedang, skp_berjalan, siapa="atasan" if by == "rekan" else "rekan", by=by)
    assert not UndanganUmpanBalik.objects.exists()


def test_a_second_standing_invitation_for_the_same_person_is_refused(skp_berjalan, sumedang):
    undang(sumedang, skp_berjalan)
    with pytest.raises(ValidationError, match="sudah diundang"):
        undang(sumedang, skp_berjalan, peran="bawahan", by="penilai")
    assert UndanganUmpanBalik.objects.count() == 1


def test_after_revoking_she_can_be_invited_again(skp_berjalan, sumedang):
    undangan_cabut(undangan=undang(sumedang, skp_berjalan), by=sumedang.users.penilai)
    baru = undang(sumedang, skp_berjalan, peran="bawahan")
    assert UndanganUmpanBalik.objects.filter(dicabut_pada__isnull=True).get() == baru


@pytest.mark.parametrize(
    "siapa, peran, pesan",
    [
        ("pegawai", "rekan", "dirinya sendiri"),
        ("penilai", "rekan", "pimpinan"),
        ("rekan", "pimpinan", "tidak dikenal"),
        ("rekan", "teman", "tidak dikenal"),
    ],
)
def test_an_invitation_the_rules_refuse(skp_berjalan, sumedang, siapa, peran, pesan):
    with pytest.raises(ValidationError, match=pesan):
        undang(sumedang, skp_berjalan, siapa=siapa, peran=peran)


def test_a_pegawai_without_an_account_cannot_be_invited(skp_berjalan, sumedang):
    tanpa_akun = PegawaiFactory(pemda=sumedang.sumedang, nama="Tanpa Akun")
    PenempatanFactory(pegawai=tanpa_akun, jabatan=JabatanFactory(unit=sumedang.seksi))
    with pytest.raises(ValidationError, match="belum memiliki akun"):
        undangan_buat(skp=skp_berjalan, pegawai=tanpa_akun, peran="rekan", by=sumedang.users.pegawai)


def test_a_pegawai_of_another_pemda_cannot_be_invited(skp_berjalan, sumedang):
    with pytest.raises(ValidationError, match="Pemda ini"):
        undang(sumedang, skp_berjalan, siapa="outsider")


def test_no_invitation_on_a_draft_skp(sumedang):
    with pytest.raises(ValidationError, match="setelah SKP ditetapkan"):
        undang(sumedang, bantu.draft(sumedang))


def test_revoking_twice_or_by_someone_else_is_refused(skp_berjalan, sumedang):
    u = undang(sumedang, skp_berjalan)
    with pytest.raises(PermissionDenied):
        undangan_cabut(undangan=u, by=sumedang.users.rekan)
    undangan_cabut(undangan=u, by=sumedang.users.pegawai)
    with pytest.raises(ValidationError, match="sudah dicabut"):
        undangan_cabut(undangan=u, by=sumedang.users.pegawai)


# Pages -----------------------------------------------------------------------------------------------------
def url(skp):
    return reverse("undangan_skp", kwargs={"pk": skp.pk})


def test_the_pegawai_invites_from_the_list_of_her_perangkat_daerah(skp_berjalan, login, world):
    client = login(world.users.pegawai)
    page = client.get(url(skp_berjalan))
    assert page.status_code == 200
    pilihan = page.context["form"].fields["pegawai"].choices
    ids = {pk for pk, _ in pilihan if pk}
    assert world.rekan.pk in ids and world.atasan.pk in ids
    assert world.pegawai.pk not in ids and world.penilai.pk not in ids  # herself, her leader
    assert world.admin_pegawai.pk not in ids  # BKPSDM is another Perangkat Daerah
    response = client.post(url(skp_berjalan), {"pegawai": world.rekan.pk, "peran": "rekan"})
    assert response.status_code == 302
    with scopes_disabled():
        assert UndanganUmpanBalik.objects.get().pegawai == world.rekan


def test_the_leader_invites_by_nip_someone_outside_the_list(skp_berjalan, login, world):
    response = login(world.users.penilai).post(
        url(skp_berjalan), {"nip": world.admin_pegawai.nip_format, "peran": "pihak_lain"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert UndanganUmpanBalik.objects.get().pegawai == world.admin_pegawai


@pytest.mark.parametrize(
    "data, field, pesan",
    [
        ({"peran": "rekan"}, "__all__", "salah satu"),
        ({"nip": "199901012020011999", "peran": "rekan"}, "nip", "Tidak ada Pegawai dengan NIP"),
        ({"pegawai": "99999", "peran": "rekan"}, "pegawai", ""),
        ({"nip": "x" * 40, "peran": "rekan"}, "nip", ""),
        ({"pegawai": "", "nip": "", "peran": "pimpinan"}, "peran", ""),
    ],
)
def test_bad_invitation_input_answers_400_with_the_reason(skp_berjalan, login, world, data, field, pesan):
    response = login(world.users.pegawai).post(url(skp_berjalan), data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors and pesan in str(errors[field])
    with scopes_disabled():
        assert not UndanganUmpanBalik.objects.exists()


def test_a_duplicate_invitation_is_shown_on_the_form(skp_berjalan, login, world):
    client = login(world.users.pegawai)
    with tenant_context(world.sumedang.pk):
        undang(world, skp_berjalan, siapa="atasan", peran="pihak_lain")
    response = client.post(url(skp_berjalan), {"nip": world.atasan.nip, "peran": "rekan"})
    assert response.status_code == 400
    assert "sudah diundang" in response.content.decode()


def test_the_invitee_and_a_subordinate_get_403_on_the_invitation_page(skp_berjalan, login, world):
    with tenant_context(world.sumedang.pk):
        undang(world, skp_berjalan)
    response = login(world.users.rekan).get(url(skp_berjalan))
    assert response.status_code == 403
    assert "Undangan umpan balik hanya dapat dilihat" in response.content.decode()
    response = login(world.users.rekan).post(url(skp_berjalan), {"nip": world.kadis.nip, "peran": "rekan"})
    assert response.status_code == 403


def test_bkpsdm_reads_the_invitations_without_managing_them(skp_berjalan, login, world):
    page = login(world.users.admin).get(url(skp_berjalan))
    assert page.status_code == 200 and "form" not in page.context


def test_an_uninvited_colleague_and_the_outsider_get_404(skp_berjalan, login, world):
    lain = rekan_lain(world)
    assert login(lain).get(url(skp_berjalan)).status_code == 404
    assert login(world.users.outsider).get(url(skp_berjalan)).status_code == 404


def test_revoking_from_the_page(skp_berjalan, login, world):
    with tenant_context(world.sumedang.pk):
        u = undang(world, skp_berjalan)
    cabut = reverse("undangan_cabut", kwargs={"pk": u.pk})
    assert login(world.users.rekan).post(cabut).status_code == 403
    response = login(world.users.pegawai).post(cabut)
    assert response.status_code == 302
    assert bantu.fresh(u).dicabut_pada is not None
    again = login(world.users.pegawai).post(cabut, follow=True)
    assert "sudah dicabut" in again.content.decode()


def test_the_invitee_finds_what_she_is_invited_to(skp_berjalan, login, world):
    with tenant_context(world.sumedang.pk):
        u = undang(world, skp_berjalan)
    page = login(world.users.rekan).get(reverse("umpan_balik_diundang"))
    assert page.status_code == 200
    assert list(page.context["undangan"]) == [u]
    assert reverse("umpan_balik_skp", kwargs={"pk": skp_berjalan.pk}) in page.content.decode()
    assert login(world.users.atasan).get(reverse("umpan_balik_diundang")).context["undangan"] == []


def test_the_invitation_form_is_not_offered_on_a_superseded_version(skp_berjalan, login, world):
    with scopes_disabled():
        Skp.objects.filter(pk=skp_berjalan.pk).update(status=StatusSkp.DIGANTIKAN)
    page = login(world.users.pegawai).get(url(skp_berjalan))
    assert page.status_code == 200 and "form" not in page.context
