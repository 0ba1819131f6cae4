"""Permission tests every API endpoint gets for free (NetBox `utilities/testing/views.py`): anonymous is
refused, an outsider from another Pemda gets 404 on a Sumedang object and no Sumedang row in a list, the
allowed personas get 200, and a platform superadmin without a Pemda gets 403 with a reason.

A new endpoint is one small class: its URL, its kind and who may read it.
"""

import pytest
from django_scopes import scopes_disabled

from kinerja.models import Pegawai, UnitKerja

from .factories import UserFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = ("outsider", "outsider_admin")
EVERYONE = ("pegawai", "rekan", "penilai", "atasan", "kadis", "admin", "bupati")


def pytest_generate_tests(metafunc):
    if "allowed_persona" in metafunc.fixturenames:
        metafunc.parametrize("allowed_persona", metafunc.cls.allowed)
    if "hidden_persona" in metafunc.fixturenames:
        metafunc.parametrize("hidden_persona", metafunc.cls.hidden_from)
    if "outsider_persona" in metafunc.fixturenames:
        metafunc.parametrize("outsider_persona", OUTSIDERS)


class EndpointPermissionTests:
    kind: str  # "list": paginated rows; "detail": one Sumedang object; "single": the user's own Pemda
    allowed: tuple[str, ...] = EVERYONE

    def url(self, world) -> str:
        raise NotImplementedError

    def sumedang_ids(self, world) -> set[int]:
        """Ids of every Sumedang row a list could leak."""
        raise NotImplementedError

    def test_anonymous_is_refused(self, client, world):
        response = client.get(self.url(world))
        assert response.status_code in (401, 403)

    def test_allowed_persona_reads_it(self, login, world, allowed_persona):
        response = login(getattr(world.users, allowed_persona)).get(self.url(world))
        assert response.status_code == 200, response.content
        body = response.json()
        if self.kind == "list":
            assert set(body) == {"count", "next", "previous", "results"}
            assert body["results"] and all("id" in row for row in body["results"])
        else:
            assert "id" in body

    def test_outsider_never_sees_sumedang(self, login, world, outsider_persona):
        response = login(getattr(world.users, outsider_persona)).get(self.url(world))
        if self.kind == "detail":
            assert response.status_code == 404
            return
        assert response.status_code == 200
        body = response.json()
        if self.kind == "list":
            ids = {row["id"] for row in body["results"]}
            assert ids, "the outsider should see her own Pemda's rows"
            assert not ids & self.sumedang_ids(world)
        else:
            assert self.belongs_to_bogor(world, body)

    def test_superadmin_without_pemda_is_refused_with_a_reason(self, client, world):
        root = UserFactory(username="root", pemda=None, is_superuser=True, is_staff=True)
        client.force_login(root)
        response = client.get(self.url(world))
        assert response.status_code == 403
        assert "tidak terikat pada Pemda" in response.json()["detail"]


class HiddenInsidePemdaTests:
    """For objects not everyone of the Pemda may see: those personas get the same 404 as an outsider."""

    hidden_from: tuple[str, ...] = ()

    def test_same_pemda_persona_without_the_right_gets_404(self, login, world, hidden_persona):
        response = login(getattr(world.users, hidden_persona)).get(self.url(world))
        assert response.status_code == 404


def _ids(model, pemda):
    with scopes_disabled():
        return set(model.objects.filter(pemda=pemda).values_list("pk", flat=True))


class TestUnitKerjaList(EndpointPermissionTests):
    kind = "list"

    def url(self, world):
        return "/api/unit-kerja/"

    def sumedang_ids(self, world):
        return _ids(UnitKerja, world.sumedang)


class TestUnitKerjaDetail(EndpointPermissionTests):
    kind = "detail"

    def url(self, world):
        return f"/api/unit-kerja/{world.seksi.pk}/"


class TestPegawaiList(EndpointPermissionTests):
    kind = "list"

    def url(self, world):
        return "/api/pegawai/"

    def sumedang_ids(self, world):
        return _ids(Pegawai, world.sumedang)


class TestPegawaiDetail(EndpointPermissionTests, HiddenInsidePemdaTests):
    """Siti (the pegawai) is seen by herself, her Penilai, her Atasan Penilai, BKPSDM and the Bupati; not by
    her colleague in the same seksi, nor by the Kepala Dinas two levels above her Atasan Penilai's chain."""

    kind = "detail"
    allowed = ("pegawai", "penilai", "atasan", "admin", "bupati")
    hidden_from = ("rekan", "kadis")

    def url(self, world):
        return f"/api/pegawai/{world.pegawai.pk}/"


class TestPemda(EndpointPermissionTests):
    kind = "single"

    def url(self, world):
        return "/api/pemda/"

    def belongs_to_bogor(self, world, body):
        return body["id"] == world.bogor.pk and body["slug"] == "bogor"


class TestPengaturan(EndpointPermissionTests):
    kind = "single"

    def url(self, world):
        return "/api/pengaturan/"

    def belongs_to_bogor(self, world, body):
        return body["nama_instansi"] == "Pemerintah Kabupaten Bogor"
