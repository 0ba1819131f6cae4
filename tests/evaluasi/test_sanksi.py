"""Sanksi per the Pemda's rules: Bogor Pasal 33-34 (JA/JF Kurang -> six months -> uji kompetensi -> outcome; a JPT
with Butuh Perbaikan, the old CUKUP), Sumedang Pasal 31(2) (PPPK), a Pemda without rules; pages and API."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from evaluasi.models import Sanksi
from evaluasi.selectors.sanksi import calon_sanksi
from evaluasi.services import tindak_lanjut as tl
from evaluasi.services._umum import pengaturan_untuk
from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context
from tests.factories import (
    JabatanFactory,
    PegawaiFactory,
    PenempatanFactory,
    SkpFactory,
    UnitKerjaFactory,
    pegawai_with_account,
)

from .conftest import D
from .rute_tindak_lanjut import hasil, periode

pytestmark = pytest.mark.django_db


def _aturan(pemda, slug):
    with open(f"fixtures/pemda/{slug}.json") as f:
        rules = json.load(f)["pengaturan"]["sanksi_kinerja"]
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=pemda).update(sanksi_kinerja=rules)
    return rules


@pytest.fixture
def bogor(world, hari):
    w = world
    _aturan(w.bogor, "bogor")
    hari(D(2027, 2, 1))
    unit = UnitKerjaFactory(pemda=w.bogor, parent=w.unit_bogor, nama="Seksi Surveilans", kode="B01.1")
    jf = JabatanFactory(unit=unit, nama="Epidemiolog", jenis="fungsional")
    w.jf = PegawaiFactory(pemda=w.bogor, nama="Fungsional Bogor")
    PenempatanFactory(pegawai=w.jf, jabatan=jf)
    w.skp_jf = SkpFactory(pemda=w.bogor, pegawai=w.jf, jabatan=jf, penilai=w.outsider)
    w.th = periode(w.bogor, "tahunan", 1, 2026)
    with tenant_context(w.bogor.pk):
        yield w


def test_bogor_jf_kurang_enam_bulan_uji_kompetensi_lalu_hasil(bogor, hari):
    w = bogor
    ev = hasil(w.jf, w.th, "kurang", hasil_kerja="di_atas", perilaku="di_bawah", skp=w.skp_jf)
    calon = calon_sanksi(w.th, pengaturan_untuk(w.bogor.pk))
    assert [(c.evaluasi.pk, [a["kode"] for a in c.aturan]) for c in calon] == [(ev.pk, ["bogor-ja-jf"])]
    s = tl.mulai_sanksi(evaluasi=ev, aturan_kode="bogor-ja-jf", by=w.users.outsider_admin)
    assert s.tahap == "perbaikan" and s.mulai == D(2027, 2, 1) and s.batas_perbaikan == D(2027, 8, 1)
    assert s.dasar == "Pasal 34 Perbup Bogor 17/2023"
    with pytest.raises(ValidationError, match="sudah dicatat"):
        tl.mulai_sanksi(evaluasi=ev, aturan_kode="bogor-ja-jf", by=w.users.outsider_admin)
    hari(D(2027, 5, 1))
    with pytest.raises(ValidationError, match="setelah kesempatan perbaikan"):
        tl.catat_uji_kompetensi(sanksi=s, tanggal=D(2027, 5, 1), by=w.users.outsider_admin)
    with pytest.raises(ValidationError, match="Kesempatan memperbaiki"):
        tl.selesaikan_sanksi(sanksi=s, hasil="membaik", by=w.users.outsider_admin)
    hari(D(2027, 8, 10))
    with pytest.raises(ValidationError, match="uji kompetensi terlebih dahulu"):
        tl.selesaikan_sanksi(sanksi=s, hasil="diturunkan", by=w.users.outsider_admin)
    s = tl.catat_uji_kompetensi(sanksi=s, tanggal=D(2027, 8, 5), by=w.users.outsider_admin)
    assert s.tahap == "uji_kompetensi" and s.uji_kompetensi_pada == D(2027, 8, 5)
    with pytest.raises(ValidationError, match="Hasil menurut aturan"):
        tl.selesaikan_sanksi(sanksi=s, hasil="diberhentikan_pppk", by=w.users.outsider_admin)
    s = tl.selesaikan_sanksi(
        sanksi=s, hasil="jabatan_sementara", catatan="Satu tahun", by=w.users.outsider_admin
    )
    assert s.tahap == "selesai" and s.hasil == "jabatan_sementara"
    s = tl.selesaikan_sanksi(sanksi=s, hasil="diberhentikan_hormat", by=w.users.outsider_admin)
    assert s.hasil == "diberhentikan_hormat" and "Satu tahun" in s.catatan
    with pytest.raises(ValidationError, match="sudah selesai"):
        tl.selesaikan_sanksi(sanksi=s, hasil="membaik", by=w.users.outsider_admin)


def test_bogor_kinerja_membaik_mengakhiri_sanksi_tanpa_uji(bogor, hari):
    w = bogor
    ev = hasil(w.jf, w.th, "sangat_kurang", hasil_kerja="di_bawah", perilaku="di_bawah", skp=w.skp_jf)
    s = tl.mulai_sanksi(evaluasi=ev, aturan_kode="bogor-ja-jf", by=w.users.outsider_admin)
    hari(D(2027, 8, 2))
    s = tl.selesaikan_sanksi(sanksi=s, hasil="membaik", by=w.users.outsider_admin)
    assert s.tahap == "selesai" and s.hasil == "membaik"


def test_bogor_jpt_butuh_perbaikan_dihitung_cukup_tetapi_jf_tidak(bogor):
    w = bogor
    jpt = hasil(w.outsider, w.th, "butuh_perbaikan", hasil_kerja="di_bawah")  # no SKP: the placement, JPT
    jf = hasil(w.jf, w.th, "butuh_perbaikan", hasil_kerja="di_bawah", skp=w.skp_jf)
    calon = {
        c.evaluasi.pk: [a["kode"] for a in c.aturan] for c in calon_sanksi(w.th, pengaturan_untuk(w.bogor.pk))
    }
    assert calon == {jpt.pk: ["bogor-jpt"]}
    with pytest.raises(ValidationError, match="tidak memenuhi aturan"):
        tl.mulai_sanksi(evaluasi=jf, aturan_kode="bogor-ja-jf", by=w.users.outsider_admin)
    with pytest.raises(ValidationError, match="tidak memenuhi aturan"):
        tl.mulai_sanksi(evaluasi=jpt, aturan_kode="bogor-ja-jf", by=w.users.outsider_admin)
    s = tl.mulai_sanksi(evaluasi=jpt, aturan_kode="bogor-jpt", by=w.users.outsider_admin)
    assert s.dasar == "Pasal 33 Perbup Bogor 17/2023" and s.batas_perbaikan == D(2027, 8, 1)


def test_sanksi_hanya_atas_hasil_tahunan_yang_ditandatangani(bogor):
    w = bogor
    tw = periode(w.bogor, "triwulanan", 4, 2026)
    ev = hasil(w.jf, tw, "kurang", hasil_kerja="di_atas", perilaku="di_bawah", skp=w.skp_jf)
    with pytest.raises(ValidationError, match="tahunan"):
        tl.mulai_sanksi(evaluasi=ev, aturan_kode="bogor-ja-jf", by=w.users.outsider_admin)
    ev = hasil(w.jf, w.th, "kurang", status="dinilai", skp=w.skp_jf)
    with pytest.raises(ValidationError, match="belum ditandatangani"):
        tl.mulai_sanksi(evaluasi=ev, aturan_kode="bogor-ja-jf", by=w.users.outsider_admin)
    with pytest.raises(PermissionDenied):
        tl.mulai_sanksi(evaluasi=ev, aturan_kode="bogor-ja-jf", by=w.users.outsider)


@pytest.fixture
def pppk(sumedang, hari):
    w = sumedang
    _aturan(w.sumedang, "sumedang")
    hari(D(2027, 2, 1))
    w.pppk = pegawai_with_account(jabatan=w.pelaksana, nama="Pppk Sumedang", jenis_asn="PPPK", golongan=None)
    w.th = periode(w.sumedang, "tahunan", 1, 2026)
    return w


def test_sumedang_pppk_di_bawah_ekspektasi_diberhentikan(pppk):
    w = pppk
    ev = hasil(w.pppk, w.th, "butuh_perbaikan", hasil_kerja="di_bawah", perilaku="sesuai", unit=w.seksi)
    pns = hasil(w.pegawai, w.th, "butuh_perbaikan", hasil_kerja="di_bawah", perilaku="sesuai", unit=w.seksi)
    calon = calon_sanksi(w.th, pengaturan_untuk(w.sumedang.pk))
    assert [c.evaluasi.pk for c in calon] == [ev.pk]
    with pytest.raises(ValidationError, match="tidak memenuhi"):
        tl.mulai_sanksi(evaluasi=pns, aturan_kode="sumedang-pppk", by=w.users.admin)
    s = tl.mulai_sanksi(evaluasi=ev, aturan_kode="sumedang-pppk", by=w.users.admin)
    assert s.batas_perbaikan is None and s.tahap == "perbaikan"
    with pytest.raises(ValidationError, match="uji kompetensi"):
        tl.catat_uji_kompetensi(sanksi=s, tanggal=D(2027, 2, 1), by=w.users.admin)
    with pytest.raises(ValidationError, match="Hasil menurut aturan"):
        tl.selesaikan_sanksi(sanksi=s, hasil="membaik", by=w.users.admin)
    s = tl.selesaikan_sanksi(sanksi=s, hasil="diberhentikan_pppk", by=w.users.admin)
    assert s.tahap == "selesai" and s.hasil == "diberhentikan_pppk"


def test_pemda_tanpa_aturan_dicatat_sesuai_peraturan_tanpa_tahapan(sumedang, hari):
    w = sumedang
    hari(D(2027, 2, 1))
    th = periode(w.sumedang, "tahunan", 1, 2026)
    ev = hasil(w.pegawai, th, "kurang", hasil_kerja="sesuai", perilaku="di_bawah")
    baik = hasil(w.rekan, th, "baik")
    assert [c.evaluasi.pk for c in calon_sanksi(th, pengaturan_untuk(w.sumedang.pk))] == [ev.pk]
    s = tl.mulai_sanksi(evaluasi=ev, by=w.users.admin)
    assert (s.aturan, s.tahap, s.hasil) == ("perundang-undangan", "selesai", "lainnya")
    assert s.dasar == "Sesuai ketentuan peraturan perundang-undangan"
    with pytest.raises(ValidationError, match="tidak dikenai"):
        tl.mulai_sanksi(evaluasi=baik, by=w.users.admin)


def test_halaman_pemda_tanpa_aturan(sumedang, hari, login):
    w = sumedang
    hari(D(2027, 2, 1))
    ev = hasil(
        w.pegawai,
        periode(w.sumedang, "tahunan", 1, 2026),
        "sangat_kurang",
        hasil_kerja="di_bawah",
        perilaku="di_bawah",
    )
    c = login(w.users.admin)
    assert 'id="tanpa-aturan"' in c.get(reverse("evaluasi_sanksi_mulai", args=[ev.pk])).content.decode()
    assert (
        c.post(reverse("evaluasi_sanksi_mulai", args=[ev.pk]), {"catatan": "PP 94/2021"}).status_code == 302
    )
    with scopes_disabled():
        assert Sanksi.objects.get().aturan == "perundang-undangan"


def test_masa_keberatan_harus_lewat(pppk, hari):
    w = pppk
    diterima = datetime.datetime(2027, 1, 25, 9, tzinfo=datetime.UTC)
    ev = hasil(
        w.pppk,
        w.th,
        "butuh_perbaikan",
        hasil_kerja="di_bawah",
        status="menunggu_pegawai",
        ditandatangani_penilai_pada=diterima,
    )
    with pytest.raises(ValidationError, match="masih dapat mengajukan keberatan"):
        tl.mulai_sanksi(evaluasi=ev, aturan_kode="sumedang-pppk", by=w.users.admin)
    hari(D(2027, 4, 1))
    assert tl.mulai_sanksi(evaluasi=ev, aturan_kode="sumedang-pppk", by=w.users.admin).pk


def test_halaman_dan_api_sanksi(pppk, login):
    w = pppk
    ev = hasil(w.pppk, w.th, "butuh_perbaikan", hasil_kerja="di_bawah", unit=w.seksi)
    c = login(w.users.admin)
    r = c.get(reverse("evaluasi_sanksi"), {"periode": w.th.pk})
    assert r.status_code == 200 and f'id="calon-{ev.pk}"' in r.content.decode()
    r = c.post(reverse("evaluasi_sanksi_mulai", args=[ev.pk]), {"aturan": "tidak-ada"})
    assert r.status_code == 400
    r = c.post(reverse("evaluasi_sanksi_mulai", args=[ev.pk]), {"aturan": "sumedang-pppk"})
    assert r.status_code == 302
    with scopes_disabled():
        s = Sanksi.objects.get(evaluasi=ev)
    assert c.get(reverse("evaluasi_sanksi_detail", args=[s.pk])).status_code == 200
    r = c.post(reverse("evaluasi_sanksi_selesai", args=[s.pk]), {"hasil": "membaik"})
    assert r.status_code == 400  # not an outcome of this rule
    r = c.post(reverse("api:evaluasi-sanksi-selesai", args=[s.pk]), {"hasil": "membaik"})
    assert r.status_code == 400 and "hasil" in r.json()
    r = c.post(reverse("api:evaluasi-sanksi-uji-kompetensi", args=[s.pk]), {"tanggal": "2027-02-01"})
    assert r.status_code == 400 and "uji kompetensi" in str(r.json())
    r = c.post(reverse("api:evaluasi-sanksi-selesai", args=[s.pk]), {"hasil": "diberhentikan_pppk"})
    assert r.status_code == 200 and r.json()["tahap"] == "selesai"
    r = c.get(reverse("api:evaluasi-sanksi-calon"), {"periode": w.th.pk})
    assert r.status_code == 200 and r.json()[0]["sudah"] == ["sumedang-pppk"]
    assert c.get(reverse("api:evaluasi-sanksi-calon")).status_code == 400
    daftar = c.get(reverse("api:evaluasi-sanksi-list")).json()
    assert [x["id"] for x in daftar.get("results", daftar)] == [s.pk]
    ev2 = hasil(w.pegawai, periode(w.sumedang, "tahunan", 1, 2025), "kurang", hasil_kerja="di_bawah")
    r = c.post(reverse("api:evaluasi-sanksi-list"), {"evaluasi": ev2.pk, "aturan": "sumedang-pppk"})
    assert r.status_code == 400 and "tidak memenuhi" in str(r.json())


@pytest.mark.parametrize("persona", ["penilai", "pegawai"])
def test_selain_bkpsdm_tidak_dapat(pppk, login, persona):
    w = pppk
    ev = hasil(w.pppk, w.th, "butuh_perbaikan", hasil_kerja="di_bawah", unit=w.seksi, penilai=w.penilai)
    c = login(getattr(w.users, persona))
    assert c.get(reverse("evaluasi_sanksi")).status_code == 403
    r = c.post(reverse("api:evaluasi-sanksi-list"), {"evaluasi": ev.pk, "aturan": "sumedang-pppk"})
    # the Penilai sees the evaluation and is refused (403); the Pegawai may not see it: not found (400 field)
    assert r.status_code == (403 if persona == "penilai" else 400)
    daftar = c.get(reverse("api:evaluasi-sanksi-list")).json()
    assert daftar.get("results", daftar) == []
    with scopes_disabled():
        assert not Sanksi.objects.exists()
