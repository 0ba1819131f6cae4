"""Cetak massal pages and API: BKPSDM and a Penilai start a run, follow its progress (the fragment polls while
the job runs and stops when done), download the ZIP; a colleague and another Pemda get 404 on every route,
bad input gets a 400 with the reason."""

import io
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from cetak.models import KelompokCetak, PekerjaanCetak, StatusPekerjaan
from tests.conftest import RLS_SETUP_MARK

from . import bantu

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return bantu.siapkan(world, menunggu_segel=2)


def _buat(client, capture, **post):
    with capture(execute=True):
        return client.post(reverse("cetak_daftar"), post)


def test_bkpsdm_mencetak_lalu_mengunduh_zip(world, data, login, django_capture_on_commit_callbacks):
    client = login(world.users.admin)
    r = client.get(reverse("cetak_daftar"))
    assert r.status_code == 200 and "Seluruh Pemda" in r.content.decode()
    r = _buat(
        client, django_capture_on_commit_callbacks, periode=data.periode.pk, lingkup="pemda", jenis="dokumen"
    )
    with scopes_disabled():
        pekerjaan = PekerjaanCetak.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("cetak_detail", kwargs={"pk": pekerjaan.pk})
    assert pekerjaan.status == StatusPekerjaan.SELESAI

    halaman = client.get(r["Location"]).content.decode()
    assert 'id="progres"' in halaman and "every 2s" not in halaman  # done: no more polling
    assert f'value="{pekerjaan.jumlah}"' in halaman
    with scopes_disabled():
        kelompok = KelompokCetak.objects.get(kunci=f"pd-{world.dinas.pk}")
    assert reverse("cetak_unduh", kwargs={"pk": kelompok.pk}) in halaman

    r = client.get(reverse("cetak_unduh", kwargs={"pk": kelompok.pk}))
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    assert "attachment" in r["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(r.streaming_content))) as zf:
        assert "DAFTAR.csv" in zf.namelist() and len([n for n in zf.namelist() if n.endswith(".pdf")]) == 3


def test_fragmen_kemajuan_terus_ditanya_selama_berjalan(world, data, login):
    client = login(world.users.admin)
    client.post(reverse("cetak_daftar"), {"periode": data.periode.pk, "lingkup": "pemda", "jenis": "dokumen"})
    with scopes_disabled():
        pekerjaan = PekerjaanCetak.objects.get()  # its tasks never ran (no commit in this test)
    r = client.get(reverse("cetak_progres", kwargs={"pk": pekerjaan.pk}))
    isi = r.content.decode()
    assert r.status_code == 200 and 'hx-trigger="every 2s"' in isi
    assert "Sedang diproses" in isi and 'id="lanjutkan"' in isi
    assert reverse("cetak_unduh", kwargs={"pk": 1}) not in isi


def test_penilai_mencetak_pegawainya_dan_hanya_melihat_pekerjaannya(
    world, data, login, django_capture_on_commit_callbacks
):
    client = login(world.users.penilai)
    isi = client.get(reverse("cetak_daftar")).content.decode()
    assert "Pegawai yang saya nilai" in isi and "Seluruh Pemda" not in isi
    r = _buat(
        client,
        django_capture_on_commit_callbacks,
        periode=data.periode.pk,
        lingkup="penilai",
        jenis="dokumen",
    )
    assert r.status_code == 302
    with scopes_disabled():
        milik_penilai = PekerjaanCetak.objects.get()
    # A BKPSDM job is not hers to see; hers is not her colleague's.
    admin = login(world.users.admin)
    _buat(
        admin, django_capture_on_commit_callbacks, periode=data.periode.pk, lingkup="pemda", jenis="dokumen"
    )
    with scopes_disabled():
        milik_bkpsdm = PekerjaanCetak.objects.exclude(pk=milik_penilai.pk).get()
        kelompok_bkpsdm = KelompokCetak.objects.filter(pekerjaan=milik_bkpsdm).first()
    client = login(world.users.penilai)
    assert client.get(reverse("cetak_detail", kwargs={"pk": milik_penilai.pk})).status_code == 200
    assert client.get(reverse("cetak_detail", kwargs={"pk": milik_bkpsdm.pk})).status_code == 404
    assert client.get(reverse("cetak_unduh", kwargs={"pk": kelompok_bkpsdm.pk})).status_code == 404
    assert client.get(reverse("api:cetak-detail", kwargs={"pk": milik_bkpsdm.pk})).status_code == 404
    rekan = login(world.users.rekan)
    assert rekan.get(reverse("cetak_detail", kwargs={"pk": milik_penilai.pk})).status_code == 404
    assert rekan.get(reverse("api:cetak-unduh", kwargs={"pk": kelompok_bkpsdm.pk})).status_code == 404
    # BKPSDM sees every job of her Pemda.
    admin = login(world.users.admin)
    assert admin.get(reverse("cetak_detail", kwargs={"pk": milik_penilai.pk})).status_code == 200


@pytest.mark.parametrize(
    "post, pesan",
    [
        ({"lingkup": "unit", "jenis": "dokumen"}, "Pilih unit kerja"),
        ({"lingkup": "pemda", "jenis": "sertifikat"}, "sertifikat"),
        ({"lingkup": "semua", "jenis": "dokumen"}, "semua"),
        ({"lingkup": "unit", "unit": "999999", "jenis": "dokumen"}, "Unit kerja tidak ditemukan"),
    ],
)
def test_masukan_salah_dijawab_400_dengan_alasan(world, data, login, post, pesan):
    r = login(world.users.admin).post(reverse("cetak_daftar"), {"periode": data.periode.pk, **post})
    assert r.status_code == 400 and pesan in r.content.decode()
    with scopes_disabled():
        assert not PekerjaanCetak.objects.exists()


def test_periode_pemda_lain_tidak_ditemukan(world, data, login):
    from tests.factories import PeriodeEvaluasiFactory

    bogor = PeriodeEvaluasiFactory(pemda=world.bogor, jenis="tahunan", nomor=1, tahun=2026)
    r = login(world.users.admin).post(reverse("cetak_daftar"), {"periode": bogor.pk, "lingkup": "pemda"})
    assert r.status_code == 400 and "Periode evaluasi tidak ditemukan" in r.content.decode()


def test_penilai_tidak_dapat_memilih_seluruh_pemda(world, data, login):
    r = login(world.users.penilai).post(
        reverse("cetak_daftar"), {"periode": data.periode.pk, "lingkup": "pemda", "jenis": "dokumen"}
    )
    assert r.status_code == 400
    with scopes_disabled():
        assert not PekerjaanCetak.objects.exists()


def test_tanpa_pegawai_dan_bukan_bkpsdm_403(world, login):
    assert login(world.users.bupati).get(reverse("cetak_daftar")).status_code == 403


def test_api_buat_daftar_kemajuan_dan_unduh(world, data, login, django_capture_on_commit_callbacks):
    client = login(world.users.admin)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            reverse("api:cetak-list"),
            {"periode": data.periode.pk, "lingkup": "unit", "unit": world.seksi.pk},
            content_type="application/json",
        )
    assert r.status_code == 201, r.content
    pk = r.json()["id"]
    assert r.json()["jumlah"] == 4 and r.json()["lingkup"] == "unit"
    detail = client.get(reverse("api:cetak-detail", kwargs={"pk": pk})).json()
    assert detail["status"] == "selesai" and detail["selesai"] == 4 and detail["disegel"] == 2
    (kelompok,) = detail["kelompok"]
    assert kelompok["siap"] and kelompok["unduh"] == reverse("api:cetak-unduh", kwargs={"pk": kelompok["id"]})
    assert [p["id"] for p in client.get(reverse("api:cetak-list")).json()["results"]] == [pk]
    r = client.get(kelompok["unduh"])
    assert r.status_code == 200 and r["Content-Type"] == "application/zip"
    r = client.post(reverse("api:cetak-lanjutkan", kwargs={"pk": pk}))
    assert r.status_code == 400 and "sudah selesai" in r.content.decode()


def test_api_masukan_salah_dan_hak(world, data, login):
    client = login(world.users.admin)
    r = client.post(
        reverse("api:cetak-list"),
        {"periode": data.periode.pk, "lingkup": "unit"},
        content_type="application/json",
    )
    assert r.status_code == 400 and "unit" in r.json()
    r = client.post(
        reverse("api:cetak-list"), {"periode": 10**9, "lingkup": "pemda"}, content_type="application/json"
    )
    assert r.status_code == 400 and "periode" in r.json()
    r = login(world.users.penilai).post(
        reverse("api:cetak-list"),
        {"periode": data.periode.pk, "lingkup": "pemda"},
        content_type="application/json",
    )
    assert r.status_code == 403
    with scopes_disabled():
        assert not PekerjaanCetak.objects.exists()


def test_fragmen_kemajuan_jumlah_kueri_tetap(world, data, login, max_queries):
    """Polled every 2 s by every open job page: session, user, the job, its groups; not per Pegawai."""
    client = login(world.users.admin)
    client.post(reverse("cetak_daftar"), {"periode": data.periode.pk, "lingkup": "pemda", "jenis": "dokumen"})
    with scopes_disabled():
        pekerjaan = PekerjaanCetak.objects.get()
    url = reverse("cetak_progres", kwargs={"pk": pekerjaan.pk})
    client.get(url)
    with max_queries(6):
        assert client.get(url).status_code == 200


def _hitung(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as kueri:
        assert client.get(url).status_code == 200
    return sum(RLS_SETUP_MARK not in q["sql"] for q in kueri.captured_queries)


@pytest.mark.parametrize("nama", ["cetak_daftar", "api:cetak-list"])
def test_daftar_pekerjaan_jumlah_kueri_tidak_bergantung_banyaknya(world, data, login, nama):
    """The job list (page and API): the same fixed number of queries for one job and for three."""
    client = login(world.users.admin)
    post = {"periode": data.periode.pk, "lingkup": "pemda", "jenis": "dokumen"}
    client.post(reverse("cetak_daftar"), post)
    satu = _hitung(client, reverse(nama))
    client.post(reverse("cetak_daftar"), post)
    client.post(reverse("cetak_daftar"), {**post, "lingkup": "unit", "unit": world.seksi.pk})
    with scopes_disabled():
        assert PekerjaanCetak.objects.count() == 3
    assert _hitung(client, reverse(nama)) == satu == {"cetak_daftar": 9, "api:cetak-list": 6}[nama]
