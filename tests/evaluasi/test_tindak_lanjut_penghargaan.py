"""Penghargaan: BKPSDM records it for a signed Sangat Baik (a Baik only with a written reason; lower refused);
the calon list is the Sangat Baik of the latest annual period."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from evaluasi.models import Penghargaan
from evaluasi.services import tindak_lanjut as tl
from tests.factories import KeberatanFactory

from .rute_tindak_lanjut import hasil, periode

pytestmark = pytest.mark.django_db


@pytest.fixture
def th(sumedang):
    return periode(sumedang.sumedang, "tahunan", 1, 2026)


def test_sangat_baik_dicatat_sekali_per_jenis(sumedang, th):
    w = sumedang
    ev = hasil(w.pegawai, th, "sangat_baik", hasil_kerja="di_atas", perilaku="di_atas")
    p = tl.catat_penghargaan(evaluasi=ev, jenis="suksesi", by=w.users.admin)
    assert p.pegawai_id == w.pegawai.pk and p.dicatat_oleh == w.users.admin
    with pytest.raises(ValidationError, match="sudah dicatat"):
        tl.catat_penghargaan(evaluasi=ev, jenis="suksesi", by=w.users.admin)
    assert tl.catat_penghargaan(evaluasi=ev, jenis="kompetensi", by=w.users.admin).pk


def test_baik_hanya_dengan_alasan_dan_di_bawahnya_ditolak(sumedang, th):
    w = sumedang
    baik = hasil(w.pegawai, th, "baik")
    with pytest.raises(ValidationError, match="tuliskan alasannya"):
        tl.catat_penghargaan(evaluasi=baik, jenis="lainnya", by=w.users.admin)
    assert tl.catat_penghargaan(
        evaluasi=baik, jenis="lainnya", keterangan="Inovasi layanan", by=w.users.admin
    )
    kurang = hasil(w.rekan, th, "butuh_perbaikan", hasil_kerja="di_bawah")
    with pytest.raises(ValidationError, match="hanya bagi predikat Sangat Baik"):
        tl.catat_penghargaan(evaluasi=kurang, jenis="lainnya", keterangan="x", by=w.users.admin)


def test_belum_ditandatangani_atau_keberatan_diproses_ditolak(sumedang, th):
    w = sumedang
    draf = hasil(w.pegawai, th, "sangat_baik", status="dinilai")
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        tl.catat_penghargaan(evaluasi=draf, jenis="suksesi", by=w.users.admin)
    ev = hasil(w.rekan, th, "sangat_baik", status="menunggu_pegawai")
    KeberatanFactory(pemda=w.sumedang, evaluasi=ev, status="diperiksa", diajukan_oleh=w.users.rekan)
    with pytest.raises(ValidationError, match="Keberatan"):
        tl.catat_penghargaan(evaluasi=ev, jenis="suksesi", by=w.users.admin)


def test_hanya_bkpsdm_pemdanya(sumedang, th):
    w = sumedang
    ev = hasil(w.pegawai, th, "sangat_baik")
    for user in (w.users.penilai, w.users.pegawai, w.users.bupati, w.users.outsider_admin):
        with pytest.raises(PermissionDenied):
            tl.catat_penghargaan(evaluasi=ev, jenis="suksesi", by=user)


def test_halaman_calon_dan_pencatatan(sumedang, th, login):
    w = sumedang
    sb = hasil(w.pegawai, th, "sangat_baik", unit=w.seksi, penilai=w.penilai)
    baik = hasil(w.rekan, th, "baik", unit=w.seksi)
    lama = hasil(w.penilai, periode(w.sumedang, "tahunan", 1, 2025), "sangat_baik")
    c = login(w.users.admin)
    html = c.get(reverse("evaluasi_penghargaan")).content.decode()
    assert (
        f'id="calon-{sb.pk}"' in html
        and f'id="calon-{baik.pk}"' not in html
        and f'id="calon-{lama.pk}"' not in html
    )
    r = c.post(reverse("evaluasi_penghargaan_catat", args=[baik.pk]), {"jenis": "kompetensi"})
    assert r.status_code == 400 and "alasannya" in r.content.decode()
    r = c.post(reverse("evaluasi_penghargaan_catat", args=[sb.pk]), {"jenis": "kompetensi"})
    assert r.status_code == 302
    with scopes_disabled():
        p = Penghargaan.objects.get()
    assert f'id="penghargaan-{p.pk}"' in c.get(reverse("evaluasi_penghargaan")).content.decode()
    assert login(w.users.penilai).get(reverse("evaluasi_penghargaan")).status_code == 403
    assert (
        login(w.users.penilai).post(reverse("evaluasi_penghargaan_catat", args=[sb.pk]), {}).status_code
        == 403
    )


def test_api_penghargaan(sumedang, th, login):
    w = sumedang
    sb = hasil(w.pegawai, th, "sangat_baik", penilai=w.penilai)
    kurang = hasil(w.rekan, th, "kurang", perilaku="di_bawah")
    c = login(w.users.admin)
    r = c.post(reverse("api:evaluasi-penghargaan-list"), {"evaluasi": sb.pk, "jenis": "suksesi"})
    assert r.status_code == 201 and r.json()["predikat"] == "sangat_baik"
    r = c.post(reverse("api:evaluasi-penghargaan-list"), {"evaluasi": kurang.pk, "jenis": "suksesi"})
    assert r.status_code == 400 and "Sangat Baik" in str(r.json())
    r = c.post(reverse("api:evaluasi-penghargaan-list"), {"evaluasi": sb.pk, "jenis": "emas"})
    assert r.status_code == 400 and "jenis" in r.json()
    daftar = login(w.users.pegawai).get(reverse("api:evaluasi-penghargaan-list")).json()
    assert [x["evaluasi"] for x in daftar.get("results", daftar)] == [sb.pk]  # her own
    daftar = login(w.users.rekan).get(reverse("api:evaluasi-penghargaan-list")).json()
    assert daftar.get("results", daftar) == []
    r = login(w.users.penilai).post(
        reverse("api:evaluasi-penghargaan-list"), {"evaluasi": sb.pk, "jenis": "lainnya"}
    )
    assert r.status_code == 403
