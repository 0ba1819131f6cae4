"""Catatan harian: the services (only the owner, on her SKP in force, for a day of the SKP period not after
today, with an RHK or rencana aksi of that SKP) and the page /pelaksanaan/catatan/ with its htmx forms."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent
from kinerja.scoping import tenant_context
from skp.models import RencanaAksi, Skp, StatusSkp
from skp.services._umum import TETAP
from tests.factories import RhkFactory, SkpFactory
from umpanbalik.models import CatatanHarian
from umpanbalik.services.catatan import catatan_harian_buat, catatan_harian_hapus, catatan_harian_ubah

from .test_realisasi_views import bangun_skp_cepat

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def skp_cepat(world):
    return bangun_skp_cepat(world)


def rhk_pertama(skp):
    with scopes_disabled():
        return skp.rhk.order_by("urutan").first()


def buat(world, skp, by=None, **kwargs):
    kwargs.setdefault("tanggal", D(2026, 3, 16))
    kwargs.setdefault("uraian", "Menyusun modul login")
    with tenant_context(world.sumedang.pk):
        return catatan_harian_buat(skp=skp, by=by or world.users.pegawai, **kwargs)


# Services --------------------------------------------------------------------------------------------------
def test_the_owner_writes_a_catatan_on_an_rhk_and_it_is_audited(world, skp_cepat):
    rhk = rhk_pertama(skp_cepat)
    c = buat(world, skp_cepat, rhk=rhk, hasil="1 modul", uraian="  Menguji modul  ")
    assert (c.pegawai, c.skp, c.rhk, c.uraian, c.hasil) == (
        world.pegawai,
        skp_cepat,
        rhk,
        "Menguji modul",
        "1 modul",
    )
    with scopes_disabled():
        assert AuditEvent.objects.filter(aksi="catatan_harian_buat", objek_id=c.pk).exists()


def test_a_rencana_aksi_brings_its_rhk(world, skp_cepat):
    rhk = rhk_pertama(skp_cepat)
    with scopes_disabled():
        aksi = RencanaAksi.objects.create(pemda=world.sumedang, rhk=rhk, teks="Uji coba")
    c = buat(world, skp_cepat, rencana_aksi=aksi)
    assert (c.rhk, c.rencana_aksi) == (rhk, aksi)
    with scopes_disabled():
        lain = skp_cepat.rhk.order_by("urutan").last()
    with pytest.raises(ValidationError, match="bukan milik RHK"):
        buat(world, skp_cepat, rhk=lain, rencana_aksi=aksi)


@pytest.mark.parametrize(
    ("tanggal", "pesan"),
    [(D(2026, 3, 17), "akan datang"), (D(2025, 12, 31), "dalam periode SKP"), (None, "wajib")],
)
def test_the_date_must_be_in_the_skp_period_and_not_after_today(world, skp_cepat, tanggal, pesan):
    with pytest.raises(ValidationError, match=pesan) as exc:
        buat(world, skp_cepat, tanggal=tanggal)
    assert "tanggal" in exc.value.message_dict


def test_an_empty_uraian_is_refused(world, skp_cepat):
    with pytest.raises(ValidationError, match="Tuliskan"):
        buat(world, skp_cepat, uraian="   ")


def test_an_rhk_of_another_skp_is_refused(world, skp_cepat):
    lain = RhkFactory(pemda=world.sumedang, skp=SkpFactory(pemda=world.sumedang, pegawai=world.rekan))
    with pytest.raises(ValidationError, match="RHK harus dari SKP ini"):
        buat(world, skp_cepat, rhk=lain)


@pytest.mark.parametrize("siapa", ["penilai", "rekan", "admin", "outsider"])
def test_only_the_owner_writes_her_catatan(world, skp_cepat, siapa):
    with pytest.raises(PermissionDenied):
        buat(world, skp_cepat, by=getattr(world.users, siapa))
    c = buat(world, skp_cepat)
    with tenant_context(world.sumedang.pk), pytest.raises(PermissionDenied):
        catatan_harian_ubah(catatan=c, by=getattr(world.users, siapa), uraian="Diubah orang lain")
    with tenant_context(world.sumedang.pk), pytest.raises(PermissionDenied):
        catatan_harian_hapus(catatan=c, by=getattr(world.users, siapa))


def test_an_skp_not_in_force_takes_no_catatan(world, skp_cepat):
    with scopes_disabled():
        Skp.objects.filter(pk=skp_cepat.pk).update(status=StatusSkp.DIGANTIKAN)
        skp = Skp.objects.get(pk=skp_cepat.pk)
    with pytest.raises(ValidationError, match="digantikan"):
        buat(world, skp)


def test_the_owner_changes_only_what_she_sends_and_deletes(world, skp_cepat):
    rhk = rhk_pertama(skp_cepat)
    c = buat(world, skp_cepat, rhk=rhk, hasil="draf")
    with tenant_context(world.sumedang.pk):
        c = catatan_harian_ubah(
            catatan=c, by=world.users.pegawai, uraian="Menyelesaikan modul", tanggal=TETAP
        )
        assert (c.uraian, c.hasil, c.rhk, c.tanggal) == ("Menyelesaikan modul", "draf", rhk, D(2026, 3, 16))
        c = catatan_harian_ubah(catatan=c, by=world.users.pegawai, rhk=None)
        assert c.rhk is None
        catatan_harian_hapus(catatan=c, by=world.users.pegawai)
        assert not CatatanHarian.objects.exists()
        assert AuditEvent.objects.filter(aksi="catatan_harian_hapus", objek_id=c.pk).exists()


# The page --------------------------------------------------------------------------------------------------
URL = "/pelaksanaan/catatan/"


def test_the_page_lists_the_log_newest_first_with_a_form_dated_today(login, world, skp_cepat):
    buat(world, skp_cepat, tanggal=D(2026, 3, 2), uraian="Catatan awal Maret")
    buat(world, skp_cepat, tanggal=D(2026, 3, 10), uraian="Catatan pertengahan Maret")
    response = login(world.users.pegawai).get(URL)
    isi = response.content.decode()
    assert response.status_code == 200
    assert isi.index("Catatan pertengahan Maret") < isi.index("Catatan awal Maret")
    assert 'value="2026-03-16"' in isi
    assert "Aplikasi layanan 1 terbangun" in isi  # the RHK choice
    assert reverse("realisasi_skp", kwargs={"pk": skp_cepat.pk}) in isi


def test_without_an_skp_in_force_the_page_says_so(login, world):
    response = login(world.users.rekan).get(URL)
    assert response.status_code == 200
    assert "belum memiliki SKP yang ditetapkan" in response.content.decode()
    response = login(world.users.rekan).post(URL, {"baru-tanggal": "2026-03-16", "baru-uraian": "x"})
    assert response.status_code == 400


def test_adding_with_htmx_returns_the_list_with_the_new_catatan(login, world, skp_cepat):
    rhk = rhk_pertama(skp_cepat)
    response = login(world.users.pegawai).post(
        URL,
        {"baru-tanggal": "2026-03-16", "baru-uraian": "Rapat koordinasi modul", "baru-rhk": rhk.pk},
        HTTP_HX_REQUEST="true",
    )
    isi = response.content.decode()
    assert response.status_code == 200
    assert isi.lstrip().startswith('<section id="catatan-harian">')
    assert "Rapat koordinasi modul" in isi
    with scopes_disabled():
        assert CatatanHarian.objects.get().rhk == rhk


def test_a_future_date_is_a_400_with_the_message(login, world, skp_cepat):
    response = login(world.users.pegawai).post(URL, {"baru-tanggal": "2026-03-20", "baru-uraian": "Nanti"})
    assert response.status_code == 400
    assert "tanggal yang akan datang" in response.content.decode()
    with scopes_disabled():
        assert not CatatanHarian.objects.exists()


def test_editing_and_deleting_from_the_page(login, world, skp_cepat):
    c = buat(world, skp_cepat)
    client = login(world.users.pegawai)
    url_ubah = reverse("catatan_harian_ubah", kwargs={"pk": c.pk})
    form = client.get(url_ubah, HTTP_HX_REQUEST="true")
    assert form.status_code == 200 and f'id="form-catatan-{c.pk}"' in form.content.decode()
    response = client.post(url_ubah, {f"c{c.pk}-tanggal": "2026-03-15", f"c{c.pk}-uraian": "Sudah diubah"})
    assert response.status_code == 302
    with scopes_disabled():
        c.refresh_from_db()
    assert (c.tanggal, c.uraian) == (D(2026, 3, 15), "Sudah diubah")
    response = client.post(reverse("catatan_harian_hapus", kwargs={"pk": c.pk}), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Belum ada catatan harian" in response.content.decode()


def test_the_penilai_cannot_edit_and_a_rekan_does_not_find_it(login, world, skp_cepat):
    c = buat(world, skp_cepat)
    url = reverse("catatan_harian_ubah", kwargs={"pk": c.pk})
    data = {f"c{c.pk}-tanggal": "2026-03-15", f"c{c.pk}-uraian": "Diubah"}
    assert login(world.users.penilai).post(url, data).status_code == 403
    assert login(world.users.rekan).post(url, data).status_code == 404
    assert (
        login(world.users.rekan).post(reverse("catatan_harian_hapus", kwargs={"pk": c.pk})).status_code == 404
    )
    with scopes_disabled():
        assert CatatanHarian.objects.get().uraian == "Menyusun modul login"
