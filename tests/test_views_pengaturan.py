"""Pengaturan Pemda: BKPSDM edits its own settings and days off through the services; others get 403."""

import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from kinerja.kalender import libur_pemda
from kinerja.models import AuditEvent, HariLiburPemda, PengaturanPemda
from kinerja.selectors.pemda import pemda_info

from .test_views_pegawai import messages_of, text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def gambar(fmt="PNG", size=(40, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (30, 60, 110)).save(buf, format=fmt)
    return buf.getvalue()


def form_data(world, **changes):
    """The current Sumedang settings as the page would post them back, with `changes`."""
    with scopes_disabled():
        p = PengaturanPemda.objects.get(pemda=world.sumedang)
    data = {
        "nama_instansi": p.nama_instansi,
        "nama_peraturan": p.nama_peraturan,
        "jabatan_kepala_daerah": p.jabatan_kepala_daerah,
        "nama_kepala_daerah": p.nama_kepala_daerah,
        "nama_bkpsdm": p.nama_bkpsdm,
        "tempat_penandatanganan": p.tempat_penandatanganan,
        "siklus_evaluasi_periodik": p.siklus_evaluasi_periodik,
        "periode_dokumentasi": p.periode_dokumentasi,
        "pendekatan_hasil_kerja": p.pendekatan_hasil_kerja,
        "batas_penetapan_skp_bulan": p.batas_penetapan_skp_bulan,
        "batas_evaluasi_tahunan_bulan": p.batas_evaluasi_tahunan_bulan,
        "dasar_hukum": "{}",
        "jadwal_pengingat": json.dumps(p.jadwal_pengingat),
    }
    for name in (
        "hari_kerja_serah_dokumen",
        "hari_kerja_pegawai_kembalikan",
        "hari_kerja_lapor_pyb",
        "hari_kerja_atasan_tandatangan",
        "hari_kerja_serah_dokumen_atasan",
        "hari_kerja_pegawai_kembalikan_atasan",
        "hari_kerja_ajukan_keberatan",
        "hari_kerja_putus_keberatan",
        "hari_kerja_evaluasi_periodik",
        "toleransi_pola_distribusi",
    ):
        data[name] = getattr(p, name)
    data.update(changes)
    return data


def pengaturan(world):
    with scopes_disabled():
        return PengaturanPemda.objects.get(pemda=world.sumedang)


@pytest.mark.parametrize(
    "name,args,method",
    [
        ("pengaturan", [], "get"),
        ("pengaturan", [], "post"),
        ("hari_libur_tambah", [], "post"),
        ("hari_libur_hapus", [1], "post"),
        ("pemda_logo", [], "get"),
    ],
)
def test_anonymous_visitor_is_sent_to_login_from_pengaturan(client, world, name, args, method):
    response = getattr(client, method)(reverse(name, args=args))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["pegawai", "penilai", "atasan", "bupati"])
def test_only_bkpsdm_opens_or_changes_pengaturan(login, world, persona):
    client = login(getattr(world.users, persona))
    assert client.get(reverse("pengaturan")).status_code == 403
    assert client.post(reverse("pengaturan"), form_data(world, nama_instansi="Diubah")).status_code == 403
    tambah = {"tanggal": "2026-04-22", "nama": "Hari Jadi"}
    assert client.post(reverse("hari_libur_tambah"), tambah).status_code == 403
    assert pengaturan(world).nama_instansi == "Pemerintah Kabupaten Sumedang"


def test_page_shows_help_text_and_the_tenants_own_pasal(login, world):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.sumedang).update(
            dasar_hukum={"siklus_evaluasi_periodik": "Pasal 23 ayat (2) Perbup Sumedang 103/2023"}
        )
    body = text(login(world.users.admin).get(reverse("pengaturan")))
    assert "Dasar: Pasal 23 ayat (2) Perbup Sumedang 103/2023" in body
    assert "Siklus evaluasi kinerja periodik" in body  # help_text
    assert 'type="checkbox" name="pendekatan_hasil_kerja" value="kualitatif"' in body


def test_outsider_admin_edits_her_own_pemda_not_sumedang(login, world):
    body = text(login(world.users.outsider_admin).get(reverse("pengaturan")))
    assert "Pemerintah Kabupaten Bogor" in body and "Pemerintah Kabupaten Sumedang" not in body


def test_admin_saves_settings_through_the_service_with_audit_and_fresh_header(login, world):
    client = login(world.users.admin)
    client.get(reverse("beranda"))  # caches the header info
    data = form_data(world, nama_instansi="Pemkab Sumedang Baru", periode_dokumentasi=["bulanan"])
    response = client.post(reverse("pengaturan"), data)
    assert response.status_code == 302
    p = pengaturan(world)
    assert p.nama_instansi == "Pemkab Sumedang Baru" and p.periode_dokumentasi == ["bulanan"]
    with scopes_disabled():
        event = AuditEvent.objects.get(aksi="pengaturan_update")
    assert event.oleh == world.users.admin and "nama_instansi" in event.data["berubah"]
    with scopes_disabled():
        assert pemda_info(world.sumedang.pk).nama_instansi == "Pemkab Sumedang Baru"
    assert "Pemkab Sumedang Baru" in text(client.get(reverse("beranda")))


def test_settings_without_any_pendekatan_are_refused_with_a_message(login, world):
    response = login(world.users.admin).post(
        reverse("pengaturan"), form_data(world, pendekatan_hasil_kerja=[], nama_instansi="X")
    )
    assert response.status_code == 400
    assert messages_of(response)
    assert pengaturan(world).nama_instansi == "Pemerintah Kabupaten Sumedang"


def test_an_unknown_choice_is_refused(login, world):
    response = login(world.users.admin).post(
        reverse("pengaturan"), form_data(world, periode_dokumentasi=["abadi"])
    )
    assert response.status_code == 400
    assert pengaturan(world).periode_dokumentasi == ["bulanan", "tahunan"]


def test_admin_uploads_a_png_logo_that_the_header_then_shows(login, world):
    client = login(world.users.admin)
    data = form_data(world, logo=SimpleUploadedFile("lambang.png", gambar(), content_type="image/png"))
    assert client.post(reverse("pengaturan"), data).status_code == 302
    assert pengaturan(world).logo
    assert reverse("pemda_logo") in text(client.get(reverse("beranda")))
    response = client.get(reverse("pemda_logo"))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == gambar()
    # Bogor has no logo: its users never get Sumedang's.
    assert login(world.users.outsider).get(reverse("pemda_logo")).status_code == 404


def test_a_logo_over_one_megabyte_is_refused(login, world):
    big = gambar(size=(1200, 1200))
    big += b"\0" * (1024 * 1024 + 1 - len(big))
    data = form_data(world, logo=SimpleUploadedFile("besar.png", big, content_type="image/png"))
    response = login(world.users.admin).post(reverse("pengaturan"), data)
    assert response.status_code == 400
    assert "paling besar 1 MB" in text(response)
    assert not pengaturan(world).logo


def test_a_logo_that_is_not_png_or_jpg_is_refused(login, world):
    data = form_data(world, logo=SimpleUploadedFile("lambang.gif", gambar("GIF"), content_type="image/gif"))
    response = login(world.users.admin).post(reverse("pengaturan"), data)
    assert response.status_code == 400
    assert "PNG atau JPG" in text(response)
    assert not pengaturan(world).logo


def test_logo_is_404_when_the_pemda_has_none(login, world):
    assert login(world.users.pegawai).get(reverse("pemda_logo")).status_code == 404


def test_admin_adds_and_deletes_a_day_off_and_the_calendar_follows(login, world):
    client = login(world.users.admin)
    tanggal = datetime.date(2026, 4, 22)
    with scopes_disabled():
        assert libur_pemda(world.sumedang.pk) == {}
    response = client.post(
        reverse("hari_libur_tambah"), {"tanggal": "2026-04-22", "nama": "Hari Jadi Sumedang"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert libur_pemda(world.sumedang.pk) == {tanggal: "Hari Jadi Sumedang"}
        libur = HariLiburPemda.objects.get()
    assert "Hari Jadi Sumedang" in text(client.get(reverse("pengaturan")))
    assert client.post(reverse("hari_libur_hapus", args=[libur.pk])).status_code == 302
    with scopes_disabled():
        assert not HariLiburPemda.objects.exists()
        assert libur_pemda(world.sumedang.pk) == {}


def test_a_duplicate_day_off_is_refused_with_a_message(login, world):
    client = login(world.users.admin)
    client.post(reverse("hari_libur_tambah"), {"tanggal": "2026-04-22", "nama": "Hari Jadi"})
    response = client.post(reverse("hari_libur_tambah"), {"tanggal": "2026-04-22", "nama": "Lagi"})
    assert response.status_code == 400
    assert "sudah terdaftar" in text(response)
    with scopes_disabled():
        assert HariLiburPemda.objects.count() == 1


def test_another_pemdas_admin_gets_404_deleting_a_sumedang_day_off(login, world):
    with scopes_disabled():
        libur = HariLiburPemda.objects.create(
            pemda=world.sumedang, tanggal=datetime.date(2026, 4, 22), nama="X"
        )
    response = login(world.users.outsider_admin).post(reverse("hari_libur_hapus", args=[libur.pk]))
    assert response.status_code == 404
    with scopes_disabled():
        assert HariLiburPemda.objects.exists()


def test_a_non_admin_gets_403_deleting_a_day_off(login, world):
    with scopes_disabled():
        libur = HariLiburPemda.objects.create(
            pemda=world.sumedang, tanggal=datetime.date(2026, 4, 22), nama="X"
        )
    assert login(world.users.pegawai).post(reverse("hari_libur_hapus", args=[libur.pk])).status_code == 403
