"""Ambil alih (Pasal 19(6)-(8) Sumedang): the leader takes over an RHK only after a follow-up of ayat (3) did
not help, with the note that the Pegawai could not complete it; once per RHK, across SKP versions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent
from kinerja.scoping import tenant_context
from skp import services as skp_services
from umpanbalik.models import AmbilAlih
from umpanbalik.selectors.umpan_balik import ambil_alih_untuk
from umpanbalik.services.tindak_lanjut import CATATAN_AMBIL_ALIH, ambil_alih, tanggapan_catat
from umpanbalik.services.umpan_balik import undangan_buat

from ..factories import BimbinganFactory
from ..skp.bantu import PASSWORD
from .rute_umpan_balik import rekan_lain

pytestmark = pytest.mark.django_db


def tindak_lanjut(skp, world, jenis="pembinaan", rhk=None):
    return tanggapan_catat(skp=skp, by=world.users.penilai, jenis=jenis, teks="Sudah dibina.", rhk=rhk)


def alih(rhk, world, by="penilai", catatan=CATATAN_AMBIL_ALIH):
    return ambil_alih(rhk=rhk, by=getattr(world.users, by), catatan=catatan)


def test_refused_without_a_prior_follow_up_naming_the_pasal(skp_berjalan, sumedang):
    with pytest.raises(ValidationError, match=r"Pasal 19 ayat \(6\)"):
        alih(skp_berjalan.rhk.first(), sumedang)
    assert not AmbilAlih.objects.exists()


@pytest.mark.parametrize("jenis", ["apresiasi", "penugasan_baru"])
def test_a_response_to_progress_is_not_a_follow_up(skp_berjalan, sumedang, jenis):
    tindak_lanjut(skp_berjalan, sumedang, jenis)
    with pytest.raises(ValidationError, match="tindak lanjut"):
        alih(skp_berjalan.rhk.first(), sumedang)


@pytest.mark.parametrize("jenis", ["penyesuaian_ekspektasi", "penyesuaian_sumber_daya", "pembinaan"])
def test_allowed_after_a_follow_up(skp_berjalan, sumedang, jenis):
    tindak_lanjut(skp_berjalan, sumedang, jenis)
    rhk = skp_berjalan.rhk.first()
    a = alih(rhk, sumedang)
    assert (a.rhk, a.skp, a.oleh, a.catatan) == (
        rhk,
        skp_berjalan,
        sumedang.users.penilai,
        CATATAN_AMBIL_ALIH,
    )
    assert AuditEvent.objects.filter(aksi="ambil_alih_rhk", objek_id=a.pk).exists()


def test_a_bimbingan_held_counts_as_a_follow_up(skp_berjalan, sumedang):
    BimbinganFactory(pemda=sumedang.sumedang, skp=skp_berjalan, pembina=sumedang.users.penilai)
    assert alih(skp_berjalan.rhk.first(), sumedang)


def test_a_follow_up_on_another_rhk_does_not_count(skp_berjalan, sumedang):
    pertama, kedua = skp_berjalan.rhk.all()
    tindak_lanjut(skp_berjalan, sumedang, rhk=kedua)
    with pytest.raises(ValidationError):
        alih(pertama, sumedang)
    assert alih(kedua, sumedang)


def test_once_per_rhk(skp_berjalan, sumedang):
    tindak_lanjut(skp_berjalan, sumedang)
    rhk = skp_berjalan.rhk.first()
    alih(rhk, sumedang)
    with pytest.raises(ValidationError, match="sudah diambil alih"):
        alih(rhk, sumedang, catatan="Lagi.")
    assert AmbilAlih.objects.count() == 1


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "admin", "outsider"])
def test_only_the_leader_takes_over(skp_berjalan, sumedang, siapa):
    tindak_lanjut(skp_berjalan, sumedang)
    with pytest.raises(PermissionDenied):
        alih(skp_berjalan.rhk.first(), sumedang, by=siapa)


def test_not_by_an_invited_peer(skp_berjalan, sumedang):
    tindak_lanjut(skp_berjalan, sumedang)
    undangan_buat(skp=skp_berjalan, pegawai=sumedang.rekan, peran="rekan", by=sumedang.users.pegawai)
    with pytest.raises(PermissionDenied):
        alih(skp_berjalan.rhk.first(), sumedang, by="rekan")


def test_the_note_is_required(skp_berjalan, sumedang):
    tindak_lanjut(skp_berjalan, sumedang)
    with pytest.raises(ValidationError) as exc:
        alih(skp_berjalan.rhk.first(), sumedang, catatan="  ")
    assert "catatan" in exc.value.message_dict


def test_the_take_over_is_found_by_garis_on_the_revised_version(skp_berjalan, sumedang):
    """A take-over on version 1 is read for the RHK of version 2 (the evaluation reads the last version), and
    the follow-up recorded on version 1 still counts there."""
    tindak_lanjut(skp_berjalan, sumedang, "penyesuaian_ekspektasi")
    rhk1, rhk2 = skp_berjalan.rhk.all()
    a = alih(rhk1, sumedang)
    v2 = skp_services.skp_revisi(skp=skp_berjalan, by=sumedang.users.penilai, alasan="Target disesuaikan.")
    v2 = skp_services.skp_ajukan(skp=v2, by=sumedang.users.pegawai)
    v2 = skp_services.skp_setujui(skp=v2, by=sumedang.users.penilai)
    v2 = skp_services.skp_tanda_tangan_pegawai(skp=v2, by=sumedang.users.pegawai, password=PASSWORD)
    v2 = skp_services.skp_tetapkan(skp=v2, by=sumedang.users.penilai, password=PASSWORD)
    salinan1 = v2.rhk.get(garis=rhk1.garis)
    assert ambil_alih_untuk(v2) == {rhk1.garis: a}
    with pytest.raises(ValidationError, match="sudah diambil alih"):
        alih(salinan1, sumedang)
    assert alih(v2.rhk.get(garis=rhk2.garis), sumedang).skp == v2


# Page ------------------------------------------------------------------------------------------------------
def url(rhk):
    return reverse("ambil_alih_rhk", kwargs={"pk": rhk.pk})


def test_the_leader_takes_over_from_the_page_with_the_prefilled_note(skp_berjalan, world, login):
    with scopes_disabled():
        rhk = skp_berjalan.rhk.first()
    client = login(world.users.penilai)
    page = client.get(reverse("tindak_lanjut_skp", kwargs={"pk": skp_berjalan.pk}))
    assert CATATAN_AMBIL_ALIH in page.content.decode()
    refused = client.post(url(rhk), {f"alih{rhk.pk}-catatan": CATATAN_AMBIL_ALIH})
    assert refused.status_code == 400
    assert "Pasal 19 ayat (6)" in refused.content.decode()
    with tenant_context(world.sumedang.pk):
        tindak_lanjut(skp_berjalan, world)
    done = client.post(url(rhk), {f"alih{rhk.pk}-catatan": CATATAN_AMBIL_ALIH})
    assert done.status_code == 302
    with scopes_disabled():
        assert AmbilAlih.objects.get().rhk == rhk
    pegawai_page = login(world.users.pegawai).get(
        reverse("tindak_lanjut_skp", kwargs={"pk": skp_berjalan.pk})
    )
    assert "Diambil alih" in pegawai_page.content.decode()


def test_the_page_refuses_others(skp_berjalan, world, login):
    with scopes_disabled():
        rhk = skp_berjalan.rhk.first()
    with tenant_context(world.sumedang.pk):
        tindak_lanjut(skp_berjalan, world)
    body = {f"alih{rhk.pk}-catatan": CATATAN_AMBIL_ALIH}
    assert login(world.users.pegawai).post(url(rhk), body).status_code == 403
    assert login(world.users.atasan).post(url(rhk), body).status_code == 403
    assert login(rekan_lain(world)).post(url(rhk), body).status_code == 404
    assert login(world.users.outsider).post(url(rhk), body).status_code == 404
    assert login(world.users.penilai).get(url(rhk)).status_code == 405
    with scopes_disabled():
        assert not AmbilAlih.objects.exists()
