"""The leader's responses to progress (Pasal 19(2)(3) Sumedang; Inhu Pasal 18(4)(5)): tanggapan_catat and the
page `tindak_lanjut_skp`, which links a penyesuaian ekspektasi to the SKP revision and pembinaan to its page."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import NoReverseMatch, reverse
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent
from kinerja.scoping import tenant_context
from tests.skp import bantu
from umpanbalik.models import TanggapanProgres
from umpanbalik.services.tindak_lanjut import tanggapan_catat
from umpanbalik.services.umpan_balik import undangan_buat

from ..factories import RhkFactory
from .rute_umpan_balik import rekan_lain

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("jenis", ["apresiasi", "penugasan_baru", "penyesuaian_sumber_daya", "pembinaan"])
def test_the_leader_records_each_kind_of_response(skp_berjalan, sumedang, jenis):
    rhk = skp_berjalan.rhk.first()
    t = tanggapan_catat(
        skp=skp_berjalan, by=sumedang.users.penilai, jenis=jenis, teks="Ditindaklanjuti.", rhk=rhk
    )
    assert (t.jenis, t.rhk, t.oleh, t.pemda_id) == (jenis, rhk, sumedang.users.penilai, sumedang.sumedang.pk)
    assert AuditEvent.objects.filter(aksi="tanggapan_progres_catat", objek_id=t.pk).exists()


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "admin", "bupati", "outsider"])
def test_only_the_leader_responds(skp_berjalan, sumedang, siapa):
    with pytest.raises(PermissionDenied):
        tanggapan_catat(skp=skp_berjalan, by=getattr(sumedang.users, siapa), jenis="apresiasi", teks="Bagus.")
    assert not TanggapanProgres.objects.exists()


def test_an_invited_peer_does_not_respond_either(skp_berjalan, sumedang):
    undangan_buat(skp=skp_berjalan, pegawai=sumedang.rekan, peran="rekan", by=sumedang.users.pegawai)
    with pytest.raises(PermissionDenied):
        tanggapan_catat(skp=skp_berjalan, by=sumedang.users.rekan, jenis="apresiasi", teks="Bagus.")


@pytest.mark.parametrize(
    "kwargs, field",
    [({"jenis": "hukuman"}, "jenis"), ({"teks": " "}, "teks"), ({"rhk": "asing"}, "rhk")],
)
def test_a_bad_response_is_refused_with_a_reason(skp_berjalan, sumedang, kwargs, field):
    if kwargs.get("rhk") == "asing":
        kwargs["rhk"] = RhkFactory(pemda=sumedang.sumedang)
    data = {"jenis": "apresiasi", "teks": "Bagus.", **kwargs}
    with pytest.raises(ValidationError) as exc:
        tanggapan_catat(skp=skp_berjalan, by=sumedang.users.penilai, **data)
    assert field in exc.value.message_dict


def test_no_response_before_the_skp_is_set(sumedang):
    with pytest.raises(ValidationError, match="ditetapkan"):
        tanggapan_catat(skp=bantu.draft(sumedang), by=sumedang.users.penilai, jenis="apresiasi", teks="x")


# Page ------------------------------------------------------------------------------------------------------
def url(skp):
    return reverse("tindak_lanjut_skp", kwargs={"pk": skp.pk})


def test_penyesuaian_ekspektasi_leads_to_the_skp_revision(skp_berjalan, world, login):
    client = login(world.users.penilai)
    response = client.post(
        url(skp_berjalan),
        {
            "tanggapan-jenis": "penyesuaian_ekspektasi",
            "tanggapan-rhk": "",
            "tanggapan-teks": "Target diturunkan.",
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Lanjutkan dengan menyusun revisi SKP" in html
    assert f'action="{reverse("skp_revisi", kwargs={"pk": skp_berjalan.pk})}"' in html
    # The form on the page does create the revision.
    revisi = client.post(
        reverse("skp_revisi", kwargs={"pk": skp_berjalan.pk}), {"revisi-alasan": "Target diturunkan."}
    )
    assert revisi.status_code == 302
    with scopes_disabled():
        assert skp_berjalan.revisi.get().versi == 2


def test_pembinaan_links_to_the_pembinaan_page(skp_berjalan, world, login):
    with tenant_context(world.sumedang.pk):
        tanggapan_catat(
            skp=skp_berjalan, by=world.users.penilai, jenis="pembinaan", teks="Coaching minggu depan."
        )
    html = login(world.users.pegawai).get(url(skp_berjalan)).content.decode()
    try:
        tujuan = reverse("pembinaan_skp", kwargs={"pk": skp_berjalan.pk})
    except NoReverseMatch:
        tujuan = f"/pelaksanaan/skp/{skp_berjalan.pk}/pembinaan/"
    assert f'href="{tujuan}"' in html and "Buka pembinaan kinerja" in html


def test_the_pegawai_reads_the_responses_but_gets_no_form(skp_berjalan, world, login):
    with tenant_context(world.sumedang.pk):
        tanggapan_catat(skp=skp_berjalan, by=world.users.penilai, jenis="apresiasi", teks="Terima kasih.")
    page = login(world.users.pegawai).get(url(skp_berjalan))
    assert page.status_code == 200
    assert "form" not in page.context and not page.context["pimpinan"]
    assert [t.teks for t in page.context["tanggapan"]] == ["Terima kasih."]
    body = {"tanggapan-jenis": "apresiasi", "tanggapan-teks": "Saya hebat."}
    assert login(world.users.pegawai).post(url(skp_berjalan), body).status_code == 403


@pytest.mark.parametrize("siapa", ["atasan", "admin", "bupati"])
def test_the_atasan_bkpsdm_and_bupati_read_the_page(skp_berjalan, world, login, siapa):
    assert login(getattr(world.users, siapa)).get(url(skp_berjalan)).status_code == 200


def test_an_invitee_sees_the_skp_but_not_the_responses(skp_berjalan, world, login):
    with tenant_context(world.sumedang.pk):
        undangan_buat(skp=skp_berjalan, pegawai=world.rekan, peran="rekan", by=world.users.pegawai)
    response = login(world.users.rekan).get(url(skp_berjalan))
    assert response.status_code == 403
    assert "Tanggapan dan pengambilalihan hanya dapat dilihat" in response.content.decode()


def test_an_uninvited_colleague_and_the_outsider_get_404(skp_berjalan, world, login):
    for user in (rekan_lain(world), world.users.outsider):
        assert login(user).get(url(skp_berjalan)).status_code == 404
        assert login(user).post(url(skp_berjalan), {}).status_code == 404


def test_a_response_without_text_answers_400(skp_berjalan, world, login):
    response = login(world.users.penilai).post(
        url(skp_berjalan), {"tanggapan-jenis": "apresiasi", "tanggapan-teks": ""}
    )
    assert response.status_code == 400
    assert "teks" in response.context["form"].errors
    with scopes_disabled():
        assert not TanggapanProgres.objects.exists()
