"""The request path made lighter for the January rush (issue 7): the SKP list's narrow pagination, its Penilai
columns built without serializers, and the owner's submit found without the org snapshot. Same answers, same
isolation; timings are in bench/beban.py, not here."""

import datetime

import pytest
from django.core.paginator import Paginator
from rest_framework.authtoken.models import Token

from kinerja.api import _PaginatorSempit
from kinerja.models import User
from kinerja.scoping import tenant_context
from skp import permissions as skp_permissions
from skp import services
from skp.api import PenilaiSkpSerializer, SkpSerializer
from skp.models import Skp, StatusSkp

from .factories import pegawai_with_account
from .skp.bantu import draft, fresh, isi


@pytest.fixture(autouse=True)
def hari(monkeypatch):
    # Before the SKP deadline, as tests/skp/conftest.py freezes it.
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: datetime.date(2026, 1, 12))


@pytest.fixture
def lima_draf(world):
    """Five Pegawai of the seksi, each with a complete draft SKP (names out of id order on purpose)."""
    hasil = []
    with tenant_context(world.sumedang.pk):
        for nama in ("Yanti", "Agus", "Maya", "Cahya", "Joko"):
            p = pegawai_with_account(jabatan=world.pelaksana, nama=nama)
            user = User.objects.get(pegawai=p)
            skp = services.skp_buat(pegawai=p, tahun=2026, pendekatan="kuantitatif", by=user)
            isi(skp, user)
            hasil.append((skp, user))
    return hasil


def _token(user):
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.create(user=user).key}"}


def test_narrow_pages_hold_the_same_rows_in_the_same_order_as_plain_pages(world, lima_draf):
    with tenant_context(world.sumedang.pk):
        urut = Skp.objects.select_related("pegawai", "penilai").order_by(
            "-tahun", "pegawai__nama", "pegawai_id"
        )
        biasa = Paginator(urut, 2)
        sempit = _PaginatorSempit(urut, 2)
        assert sempit.count == biasa.count == 5 and sempit.num_pages == 3
        for n in biasa.page_range:
            assert [s.pk for s in sempit.page(n)] == [s.pk for s in biasa.page(n)]


def test_api_list_pages_cover_every_skp_once_in_index_order(client, world, lima_draf):
    """Newest year first, then by Pegawai (skp_urutan_idx): a page is read off the index, not sorted."""
    auth = _token(world.users.admin)
    body = client.get("/api/skp/", **auth).json()
    kunci = [(-row["tahun"], row["pegawai"]["id"]) for row in body["results"]]
    assert body["count"] == 5
    assert kunci == sorted(kunci) and len(set(kunci)) == 5
    assert {row["id"] for row in body["results"]} == {skp.pk for skp, _ in lima_draf}


def test_list_penilai_columns_answer_as_the_serializer_did(world, lima_draf):
    skp, _ = lima_draf[0]
    with tenant_context(world.sumedang.pk):
        skp = Skp.objects.select_related("penilai", "atasan_penilai").get(pk=skp.pk)
        row = SkpSerializer(skp).data
        assert (
            row["penilai"]
            == PenilaiSkpSerializer({"kepala_daerah": skp.penilai_kepala_daerah, "pegawai": skp.penilai}).data
        )
        assert row["penilai"]["pegawai"]["id"] == world.penilai.pk
        assert (
            row["atasan_penilai"]
            == PenilaiSkpSerializer(
                {"kepala_daerah": skp.atasan_penilai_kepala_daerah, "pegawai": skp.atasan_penilai}
            ).data
        )
        # The Kepala Daerah as Penilai: no Pegawai, the flag set.
        skp.penilai, skp.penilai_kepala_daerah = None, True
        assert SkpSerializer(skp).data["penilai"] == {"kepala_daerah": True, "pegawai": None}


def test_owner_submits_through_the_api_without_the_org_snapshot(client, world, lima_draf, monkeypatch):
    skp, user = lima_draf[0]
    panggilan = []
    asli = skp_permissions.pegawai_visible_to

    def mata_mata(u):
        panggilan.append(u.pk)
        return asli(u)

    monkeypatch.setattr(skp_permissions, "pegawai_visible_to", mata_mata)
    response = client.post(f"/api/skp/{skp.pk}/ajukan/", **_token(user))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == StatusSkp.DIAJUKAN
    assert fresh(skp).status == StatusSkp.DIAJUKAN
    assert panggilan == []
    # The same spy sees the full path: a Penilai's read of that SKP decides what she may see.
    assert client.get(f"/api/skp/{skp.pk}/", **_token(world.users.penilai)).status_code == 200
    assert panggilan == [world.users.penilai.pk]


def test_a_penilai_submitting_her_pegawais_skp_is_refused_not_hidden(client, world, lima_draf):
    skp, _ = lima_draf[0]
    response = client.post(f"/api/skp/{skp.pk}/ajukan/", **_token(world.users.penilai))
    assert response.status_code == 403
    assert fresh(skp).status == StatusSkp.DRAFT


@pytest.mark.parametrize("siapa", ["rekan", "outsider", "outsider_admin"])
def test_someone_who_may_not_see_the_skp_gets_404_on_submit(client, world, lima_draf, siapa):
    skp, _ = lima_draf[0]
    response = client.post(f"/api/skp/{skp.pk}/ajukan/", **_token(getattr(world.users, siapa)))
    assert response.status_code == 404
    assert fresh(skp).status == StatusSkp.DRAFT


def test_owner_submit_of_a_missing_or_huge_id_is_404(client, world, lima_draf):
    _, user = lima_draf[0]
    auth = _token(user)
    assert client.post("/api/skp/999999999/ajukan/", **auth).status_code == 404
    assert client.post(f"/api/skp/{2**63}/ajukan/", **auth).status_code == 404


def test_owner_submit_of_her_own_draft_of_the_world_still_checks_completeness(client, world):
    with tenant_context(world.sumedang.pk):
        skp = draft(world)
    response = client.post(f"/api/skp/{skp.pk}/ajukan/", **_token(world.users.pegawai))
    assert response.status_code == 400
    assert fresh(skp).status == StatusSkp.DRAFT
