"""Pelaporan berjenjang: the evaluator who signed (or BKPSDM) reports once, after signing, within or after
jendela.batas_lapor (working days); the page lists what is left to report, bulk reporting; the API."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from evaluasi import jendela
from evaluasi.models import LaporanBerjenjang
from evaluasi.services import tindak_lanjut as tl
from evaluasi.services._umum import pengaturan_untuk
from kinerja.models import AuditEvent

from . import bantu
from .conftest import D
from .rute_tindak_lanjut import hasil, periode

pytestmark = pytest.mark.django_db


@pytest.fixture
def ditandatangani(skp_berjalan, sumedang, hari):
    """February and March of the world Pegawai, rated and signed by her Penilai (D.1.1)."""
    w = sumedang
    hasilnya = {}
    for bulan, tanggal in ((2, D(2026, 3, 2)), (3, D(2026, 3, 31))):
        hari(tanggal)
        p = bantu.buka(w, nomor=bulan)
        bantu.capaian(w, p)
        hasilnya[bulan] = bantu.sampai_ditandatangani(w, bantu.evaluasi_pegawai(p, w.pegawai))
    return w, hasilnya


def _tepat(laporan):
    with scopes_disabled():
        return AuditEvent.objects.get(aksi="evaluasi_lapor_berjenjang", data__laporan=laporan.pk).data[
            "tepat_waktu"
        ]


def test_penilai_melapor_dalam_dan_di_luar_jangka_waktu(ditandatangani, hari):
    w, ev = ditandatangani
    pengaturan = pengaturan_untuk(w.sumedang.pk)
    batas = jendela.batas_lapor(ev[2].periode, pengaturan)
    hari(batas)
    lap = tl.lapor_berjenjang(evaluasi=ev[2], by=w.users.penilai, kepada="", catatan="Bersama SKP")
    assert lap.kepada == pengaturan.nama_bkpsdm and _tepat(lap) is True
    with pytest.raises(ValidationError, match="sudah dilaporkan"):
        tl.lapor_berjenjang(evaluasi=ev[2], by=w.users.penilai)
    hari(D(2026, 9, 1))
    assert D(2026, 9, 1) > jendela.batas_lapor(ev[3].periode, pengaturan)
    lap = tl.lapor_berjenjang(evaluasi=ev[3], by=w.users.admin, kepada="PyB Kabupaten")
    assert lap.kepada == "PyB Kabupaten" and _tepat(lap) is False


def test_hanya_penandatangan_atau_bkpsdm(ditandatangani):
    w, ev = ditandatangani
    for user in (w.users.pegawai, w.users.rekan, w.users.atasan, w.users.outsider_admin):
        with pytest.raises(PermissionDenied):
            tl.lapor_berjenjang(evaluasi=ev[3], by=user)
    with scopes_disabled():
        assert not LaporanBerjenjang.objects.exists()


def test_belum_ditandatangani_tidak_dapat_dilaporkan(sumedang):
    w = sumedang
    ev = hasil(w.pegawai, periode(w.sumedang, "bulanan", 4), "baik", status="dinilai", penilai=w.penilai)
    with pytest.raises(ValidationError, match="belum ditandatangani"):
        tl.lapor_berjenjang(evaluasi=ev, by=w.users.penilai)


def test_d12_dilaporkan_atasan_penilai(sumedang):
    w = sumedang
    ev = hasil(
        w.pegawai,
        periode(w.sumedang, "bulanan", 4),
        "baik",
        status="menunggu_pegawai",
        penilai=w.penilai,
        atasan_penilai=w.atasan,
        oleh_atasan=True,
        final=True,
    )
    with pytest.raises(PermissionDenied):
        tl.lapor_berjenjang(evaluasi=ev, by=w.users.penilai)
    assert tl.lapor_berjenjang(evaluasi=ev, by=w.users.atasan).pk


def test_halaman_laporkan_satu_dan_banyak(ditandatangani, login):
    w, ev = ditandatangani
    c = login(w.users.penilai)
    html = c.get(reverse("evaluasi_laporan")).content.decode()
    assert f'id="belum-{ev[2].pk}"' in html and f'id="belum-{ev[3].pk}"' in html
    r = c.post(reverse("evaluasi_laporan"), {"kepada": ""})
    assert r.status_code == 400 and "Pilih evaluasi" in r.content.decode()
    r = c.post(reverse("evaluasi_laporkan", args=[ev[2].pk]), {"kepada": "PyB"})
    assert r.status_code == 302
    r = c.post(reverse("evaluasi_laporan"), {"evaluasi": [ev[2].pk, ev[3].pk]})
    assert r.status_code == 400 and "sudah dilaporkan" in r.content.decode()
    html = c.get(reverse("evaluasi_laporan")).content.decode()
    with scopes_disabled():
        assert set(LaporanBerjenjang.objects.values_list("evaluasi_id", flat=True)) == {ev[2].pk, ev[3].pk}
    html = (
        login(w.users.admin).get(reverse("evaluasi_laporan"), {"periode": ev[3].periode_id}).content.decode()
    )
    assert "Sudah dilaporkan" in html and w.pegawai.nama_lengkap in html


def test_halaman_untuk_pegawai_kosong_dan_pemda_lain_404(ditandatangani, login):
    w, ev = ditandatangani
    html = login(w.users.pegawai).get(reverse("evaluasi_laporan")).content.decode()
    assert f'id="belum-{ev[3].pk}"' not in html
    assert login(w.users.pegawai).post(reverse("evaluasi_laporkan", args=[ev[3].pk])).status_code == 403
    c = login(w.users.outsider_admin)
    assert c.post(reverse("evaluasi_laporkan", args=[ev[3].pk])).status_code == 404
    assert c.post(reverse("evaluasi_laporan"), {"evaluasi": [ev[3].pk]}).status_code == 404


def test_api_laporan(ditandatangani, login):
    w, ev = ditandatangani
    c = login(w.users.penilai)
    r = c.post(
        reverse("api:evaluasi-laporan-list"),
        {"evaluasi": ev[3].pk, "kepada": "PyB"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["evaluasi"] == ev[3].pk
    r = c.post(reverse("api:evaluasi-laporan-list"), {"evaluasi": ev[3].pk}, content_type="application/json")
    assert r.status_code == 400 and "sudah dilaporkan" in str(r.json())
    r = login(w.users.rekan).post(reverse("api:evaluasi-laporan-list"), {"evaluasi": ev[2].pk})
    assert r.status_code == 400  # not hers to see: "not found" on the field
    r = login(w.users.atasan).post(reverse("api:evaluasi-laporan-list"), {"evaluasi": ev[2].pk})
    assert r.status_code == 403
    daftar = (
        login(w.users.admin).get(reverse("api:evaluasi-laporan-list"), {"periode": ev[3].periode_id}).json()
    )
    assert [x["evaluasi"] for x in daftar.get("results", daftar)] == [ev[3].pk]
    r = login(w.users.admin).get(reverse("api:evaluasi-laporan-list"), {"periode": "x"})
    assert r.status_code == 400
