"""Pages and API of the printed evaluation documents: PDF inline for the Pegawai, her Penilai, the Atasan
Penilai and BKPSDM; 404 for a colleague and for another Pemda; older versions by `?versi=`."""

import pytest
from django.urls import reverse

from evaluasi import documents
from evaluasi.services import penilaian

from . import bantu
from .conftest import D

JENIS = ("hasil", "dokumen", "bundel")


@pytest.fixture
def ev(skp_berjalan, sumedang, hari):
    w = sumedang
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    bantu.capaian(w, p)
    return bantu.sampai_ditandatangani(w, bantu.evaluasi_pegawai(p, w.pegawai), "di_atas", "sesuai")


@pytest.mark.django_db
@pytest.mark.parametrize("siapa", ["pegawai", "penilai", "atasan", "admin"])
def test_yang_berhak_membaca_pdf_halaman_dan_api(ev, sumedang, login, siapa):
    client = login(getattr(sumedang.users, siapa))
    for jenis in JENIS:
        r = client.get(reverse(f"evaluasi_cetak_{jenis}", kwargs={"pk": ev.pk}))
        assert r.status_code == 200, jenis
        assert r["Content-Type"] == "application/pdf"
        assert r["Content-Disposition"].startswith('inline; filename="')
        assert r.content.startswith(b"%PDF")
        r = client.get(reverse(f"api:evaluasi-pdf-{jenis}", kwargs={"pk": ev.pk}))
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf", jenis


@pytest.mark.django_db
def test_nama_berkas_menyebut_format_dan_pegawai(ev, sumedang, login):
    r = login(sumedang.users.pegawai).get(reverse("evaluasi_cetak_hasil", kwargs={"pk": ev.pk}))
    assert 'filename="c13-hasil-evaluasi-kinerja-maret-2026-siti-aminah' in r["Content-Disposition"].lower()


@pytest.mark.django_db
@pytest.mark.parametrize("jenis", [*JENIS, "keberatan"])
def test_rekan_dan_pemda_lain_mendapat_404(ev, sumedang, world, login, jenis):
    for user in (sumedang.users.rekan, world.users.outsider, world.users.outsider_admin):
        client = login(user)
        assert client.get(reverse(f"evaluasi_cetak_{jenis}", kwargs={"pk": ev.pk})).status_code == 404
        assert client.get(reverse(f"api:evaluasi-pdf-{jenis}", kwargs={"pk": ev.pk})).status_code == 404
        assert client.post(reverse(f"evaluasi_cetak_{jenis}", kwargs={"pk": ev.pk})).status_code == 404


@pytest.mark.django_db
def test_tanpa_keberatan_404_dengan_alasan(ev, sumedang, login):
    client = login(sumedang.users.pegawai)
    r = client.get(reverse("evaluasi_cetak_keberatan", kwargs={"pk": ev.pk}))
    assert r.status_code == 404 and "Tidak ada keberatan" in r.content.decode()
    r = client.get(reverse("api:evaluasi-pdf-keberatan", kwargs={"pk": ev.pk}))
    assert r.status_code == 404 and "Tidak ada keberatan" in r.json()["detail"]


@pytest.mark.django_db
def test_versi_lama_lewat_parameter_versi_dan_daftar_versi(ev, sumedang, login):
    w = sumedang
    documents.terbitkan_hasil(ev, by=w.users.penilai)
    client = login(w.users.pegawai)
    url = reverse("evaluasi_cetak_hasil", kwargs={"pk": ev.pk})
    assert client.get(url + "?versi=1").status_code == 200
    assert client.get(url + "?versi=2").status_code == 200
    assert client.get(url + "?versi=7").status_code == 404
    assert client.get(url + "?versi=abc").status_code == 404
    api = reverse("api:evaluasi-pdf-hasil", kwargs={"pk": ev.pk})
    assert client.get(api + "?versi=1").status_code == 200
    assert client.get(api + "?versi=7").status_code == 404
    daftar = client.get(reverse("api:evaluasi-dokumen", kwargs={"pk": ev.pk})).json()
    hasil = [d for d in daftar if d["format_kode"] == "C.1.3"]
    assert [d["versi"] for d in hasil] == [2, 1] and [d["berlaku"] for d in hasil] == [True, False]
    assert hasil[1]["pdf"].endswith("?versi=1")


@pytest.mark.django_db
def test_pegawai_menandatangani_lalu_dokumen_final_tersaji_apa_adanya(ev, sumedang, login):
    w = sumedang
    penilaian.tandatangani_pegawai(evaluasi=ev, by=w.users.pegawai, password=bantu.PASSWORD)
    dok = documents.dokumen_evaluasi(ev)
    r = login(w.users.admin).get(reverse("evaluasi_cetak_dokumen", kwargs={"pk": ev.pk}))
    from dokumen.models import Dokumen

    assert r.content == bytes(Dokumen.objects.get(pk=dok.pk).pdf)
