"""BKPSDM's side of the evaluation: opening periods (by hand and nightly), capaian organisasi, pola distribusi,
their API, and the generic settings page with the new JSON fields."""

import json

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from evaluasi import tasks
from evaluasi.models import CapaianOrganisasi, JenisPeriode, PeriodeEvaluasi
from kinerja.models import AuditEvent, PengaturanPemda
from kinerja.models.pengaturan import pola_distribusi_bawaan
from kinerja.scoping import tenant_context

from . import bantu
from .conftest import D

pytestmark = pytest.mark.django_db


def _periode(w, **kw):
    with scopes_disabled():
        return PeriodeEvaluasi.objects.filter(pemda=w.sumedang, **kw)


def _buka(client, jenis, nomor, tahun=2026):
    return client.post(reverse("evaluasi_periode_list"), {"jenis": jenis, "nomor": nomor, "tahun": tahun})


# Opening ----------------------------------------------------------------------------------------------------
def test_sumedang_membuka_bulan_maret_sejak_hari_pertamanya_tidak_lebih_awal_dan_tidak_dua_kali(
    world, hari, login
):
    c = login(world.users.admin)
    hari(D(2026, 3, 2))
    awal = _buka(c, "bulanan", 4)
    assert awal.status_code == 400 and "baru dapat dibuka mulai 01-04-2026" in awal.content.decode()
    assert not _periode(world, nomor=4).exists()
    r = _buka(c, "bulanan", 3)
    p = _periode(world, jenis="bulanan", nomor=3, tahun=2026).get()
    assert r.status_code == 302 and r.url == reverse("evaluasi_periode_detail", args=[p.pk])
    assert not p.otomatis and p.dibuka_oleh == world.users.admin
    lagi = _buka(c, "bulanan", 3)
    assert lagi.status_code == 400 and "sudah dibuka" in lagi.content.decode()
    halaman = c.get(reverse("evaluasi_periode_list")).content.decode()
    assert "Maret 2026" in halaman and "Bulanan, Tahunan" in halaman


def test_bogor_triwulanan_menolak_periode_bulanan(world, hari, login):
    hari(D(2026, 3, 16))
    c = login(world.users.outsider_admin)
    r = _buka(c, "bulanan", 3)
    assert r.status_code == 400 and "tidak mengevaluasi periode" in r.content.decode()
    assert _buka(c, "triwulanan", 1).status_code == 302
    with scopes_disabled():
        assert PeriodeEvaluasi.objects.filter(pemda=world.bogor, jenis="triwulanan", nomor=1).exists()
    assert "Triwulanan, Tahunan" in c.get(reverse("evaluasi_periode_list")).content.decode()


def test_yang_bukan_admin_tidak_dapat_membuka_atau_memperbarui(world, hari, login):
    hari(D(2026, 3, 16))
    for user in (world.users.penilai, world.users.pegawai, world.users.bupati):
        c = login(user)
        assert c.get(reverse("evaluasi_periode_list")).status_code == 403
        assert _buka(c, "bulanan", 3).status_code == 403
    assert not _periode(world).exists()
    with tenant_context(world.sumedang.pk):
        p = bantu.buka(world)
    assert (
        login(world.users.penilai).post(reverse("evaluasi_periode_siapkan", args=[p.pk])).status_code == 403
    )


def test_perbarui_daftar_menambah_pegawai_yang_baru_punya_skp(skp_berjalan, sumedang, hari, login):
    hari(D(2026, 3, 31))
    with scopes_disabled():
        p = PeriodeEvaluasi.objects.create(pemda=sumedang.sumedang, jenis="bulanan", nomor=3, tahun=2026)
    c = login(sumedang.users.admin)
    r = c.post(reverse("evaluasi_periode_siapkan", args=[p.pk]))
    assert r.status_code == 302
    with scopes_disabled():
        assert p.evaluasi.filter(pegawai=sumedang.pegawai).exists()


# Automatic opening ----------------------------------------------------------------------------------------
def test_periode_dibuka_otomatis_pada_hari_terakhirnya(world, hari, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    hari(D(2026, 3, 30))
    tasks.buka_periode_otomatis_semua.delay().get()
    assert not _periode(world, jenis="bulanan", nomor=3, tahun=2026).exists()
    assert _periode(world, jenis="bulanan", nomor=2, tahun=2026, otomatis=True).exists()
    hari(D(2026, 3, 31))
    hasil = tasks.buka_periode_otomatis_semua.delay().get()
    assert "Maret 2026" in " ".join(hasil["sumedang"])
    assert _periode(world, jenis="bulanan", nomor=3, tahun=2026, otomatis=True).exists()
    with scopes_disabled():
        bogor = PeriodeEvaluasi.objects.filter(pemda=world.bogor, tahun=2026)
        assert set(bogor.values_list("jenis", "nomor")) == {("triwulanan", 1)}
    assert tasks.buka_periode_otomatis.delay(world.sumedang.pk).get() == []  # nothing twice


def test_tanpa_buka_otomatis_tidak_ada_yang_dibuka(world, hari, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.sumedang).update(buka_periode_otomatis=False)
    hari(D(2026, 3, 31))
    assert tasks.buka_periode_otomatis.delay(world.sumedang.pk).get() == []
    assert not _periode(world).exists()


def test_jadwal_malam_terdaftar(settings):
    jadwal = {v["task"] for v in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "evaluasi.tasks.buka_periode_otomatis_semua" in jadwal


# Capaian -----------------------------------------------------------------------------------------------------
@pytest.fixture
def maret(sumedang, hari):
    hari(D(2026, 3, 31))
    return bantu.buka(sumedang)


def _capaian(w, p):
    with scopes_disabled():
        return {c.unit_id: c.predikat for c in CapaianOrganisasi.objects.filter(periode=p)}


def test_admin_menetapkan_capaian_unit_mana_pun(sumedang, maret, login):
    w, p = sumedang, maret
    c = login(w.users.admin)
    halaman = c.get(reverse("evaluasi_capaian", args=[p.pk])).content.decode()
    assert all(u.nama in halaman for u in (w.dinas, w.bidang, w.seksi, w.bkpsdm))
    r = c.post(
        reverse("evaluasi_capaian", args=[p.pk]),
        {
            f"predikat-{w.seksi.pk}": "baik",
            f"keterangan-{w.seksi.pk}": "IKU 95%",
            f"predikat-{w.dinas.pk}": "istimewa",
        },
    )
    assert r.status_code == 302
    assert _capaian(w, p) == {w.seksi.pk: "baik", w.dinas.pk: "istimewa"}
    salah = c.post(reverse("evaluasi_capaian", args=[p.pk]), {f"predikat-{w.bidang.pk}": "luar_biasa"})
    assert salah.status_code == 400 and w.bidang.pk not in _capaian(w, p)


def test_pimpinan_unit_hanya_melihat_dan_menetapkan_unitnya(sumedang, maret, login):
    w, p = sumedang, maret
    c = login(w.users.penilai)  # Kasi: leads the seksi
    halaman = c.get(reverse("evaluasi_capaian", args=[p.pk])).content.decode()
    assert w.seksi.nama in halaman and w.bkpsdm.nama not in halaman and w.bidang.nama not in halaman
    c.post(
        reverse("evaluasi_capaian", args=[p.pk]),
        {f"predikat-{w.seksi.pk}": "butuh_perbaikan", f"predikat-{w.bidang.pk}": "istimewa"},
    )
    assert _capaian(w, p) == {w.seksi.pk: "butuh_perbaikan"}  # the bidang is not hers: ignored


def test_pimpinan_unit_lain_dan_pegawai_ditolak(sumedang, maret, login):
    w, p = sumedang, maret
    api = reverse("api:evaluasi-periode-capaian", args=[p.pk])
    r = login(w.users.atasan).post(api, {"unit": w.seksi.pk, "predikat": "baik"})  # Kabid, not the seksi's
    assert r.status_code == 403 and "pimpinan unit" in r.json()["detail"]
    assert login(w.users.pegawai).get(reverse("evaluasi_capaian", args=[p.pk])).status_code == 403
    assert login(w.users.pegawai).get(api).status_code == 403
    assert login(w.users.outsider_admin).get(reverse("evaluasi_capaian", args=[p.pk])).status_code == 404
    assert login(w.users.outsider).post(api, {"unit": w.seksi.pk, "predikat": "baik"}).status_code == 404
    assert _capaian(w, p) == {}


def test_capaian_tahunan_setelah_januari_memakai_tahun_lalu(sumedang, hari, login):
    w = sumedang
    hari(D(2025, 12, 1))
    with tenant_context(w.sumedang.pk):
        lalu = bantu.buka(w, jenis="tahunan", nomor=1, tahun=2024)
        ini = bantu.buka(w, jenis="tahunan", nomor=1, tahun=2025)
        bantu.capaian(w, lalu, unit=w.seksi, predikat="istimewa")
    hari(D(2026, 2, 16))  # past the annual deadline (end of January 2026), nothing set for 2025
    c = login(w.users.admin)
    halaman = c.get(reverse("evaluasi_capaian", args=[ini.pk])).content.decode()
    assert "dipakai capaian tahun 2024" in halaman
    c.post(reverse("evaluasi_capaian", args=[ini.pk]), {f"predikat-{w.seksi.pk}": "kurang"})
    data = {d["unit"]: d for d in c.get(reverse("api:evaluasi-periode-capaian", args=[ini.pk])).json()}
    # Set now, after January 2026: the 2024 capaian still applies.
    assert data[w.seksi.pk]["predikat"] == "kurang" and data[w.seksi.pk]["berlaku"] == "istimewa"
    assert "ditetapkan setelah" in data[w.seksi.pk]["berlaku_keterangan"]


def test_api_capaian_menolak_isian_salah(sumedang, maret, login):
    w, p = sumedang, maret
    c = login(w.users.admin)
    api = reverse("api:evaluasi-periode-capaian", args=[p.pk])
    assert c.post(api, {"unit": w.seksi.pk, "predikat": "luar_biasa"}).status_code == 400
    assert "tidak ditemukan" in str(c.post(api, {"unit": 10**9, "predikat": "baik"}).json())
    ok = c.post(api, {"unit": w.seksi.pk, "predikat": "baik", "keterangan": "IKU"})
    assert ok.status_code == 200 and ok.json()["berlaku"] == "baik"


# Pola distribusi ----------------------------------------------------------------------------------------
def _grid(pola, toleransi=15):
    data = {"toleransi": toleransi}
    for c, baris in pola.items():
        for p, v in baris.items():
            data[f"pola-{c}-{p}"] = v
    return data


def test_pola_disimpan_dengan_audit_dan_baris_tidak_100_ditolak(world, login):
    c = login(world.users.admin)
    halaman = c.get(reverse("evaluasi_pola"))
    assert halaman.status_code == 200 and halaman.content.decode().count('class="grafik-distribusi"') == 5
    pola = pola_distribusi_bawaan()
    pola["baik"]["baik"] = 50  # 90
    r = c.post(reverse("evaluasi_pola"), _grid(pola))
    assert (
        r.status_code == 400
        and "Pola &#x27;baik&#x27;: jumlah persentase 90, harus 100" in r.content.decode()
    )
    pola["baik"]["butuh_perbaikan"] = 25
    assert c.post(reverse("evaluasi_pola"), _grid(pola)).status_code == 302
    with scopes_disabled():
        p = PengaturanPemda.objects.get(pemda=world.sumedang)
        assert p.pola_distribusi["baik"]["butuh_perbaikan"] == 25 and p.toleransi_pola_distribusi == 15
        assert AuditEvent.objects.filter(aksi="pola_distribusi_ubah", pemda=world.sumedang).count() == 1
    assert login(world.users.penilai).get(reverse("evaluasi_pola")).status_code == 403


def test_api_pola(world, login):
    c = login(world.users.admin)
    url = reverse("api:evaluasi-pola")
    assert c.get(url).json()["pola"] == pola_distribusi_bawaan()
    pola = pola_distribusi_bawaan()
    pola["istimewa"]["sangat_baik"] = 70
    r = c.put(url, json.dumps({"pola": pola, "toleransi": 10}), content_type="application/json")
    assert r.status_code == 400 and "harus 100" in str(r.json())
    kurang = {k: v for k, v in pola_distribusi_bawaan().items() if k != "kurang"}
    r = c.put(url, json.dumps({"pola": kurang, "toleransi": 10}), content_type="application/json")
    assert r.status_code == 400 and "kelima capaian" in str(r.json())
    r = c.put(
        url, json.dumps({"pola": pola_distribusi_bawaan(), "toleransi": 101}), content_type="application/json"
    )
    assert r.status_code == 400
    r = c.put(
        url, json.dumps({"pola": pola_distribusi_bawaan(), "toleransi": 10}), content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["toleransi"] == 10
    assert login(world.users.penilai).get(url).status_code == 403


# API of periods ----------------------------------------------------------------------------------------
def test_api_periode(world, hari, login):
    hari(D(2026, 3, 16))
    c = login(world.users.admin)
    url = reverse("api:evaluasi-periode-list")
    terlalu_awal = c.post(url, {"jenis": "bulanan", "nomor": 4, "tahun": 2026})
    assert terlalu_awal.status_code == 400 and "baru dapat dibuka" in str(terlalu_awal.json())
    assert c.post(url, {"jenis": "mingguan", "nomor": 1, "tahun": 2026}).status_code == 400
    r = c.post(url, {"jenis": "bulanan", "nomor": 3, "tahun": 2026})
    assert r.status_code == 201 and r.json()["label"] == "Maret 2026"
    assert c.post(url, {"jenis": "bulanan", "nomor": 3, "tahun": 2026}).status_code == 400
    daftar = c.get(url, {"tahun": 2026}).json()
    assert len(daftar) == 13 and {d["jenis"] for d in daftar} == {JenisPeriode.BULANAN, JenisPeriode.TAHUNAN}
    maret = next(d for d in daftar if d["nomor"] == 3 and d["jenis"] == "bulanan")
    assert maret["periode"] == r.json()["id"] and maret["batas_evaluasi"] > "2026-03-31"
    assert c.get(url, {"tahun": "abc"}).status_code == 400
    pk = r.json()["id"]
    assert c.get(reverse("api:evaluasi-periode-detail", args=[pk])).status_code == 200
    assert c.post(reverse("api:evaluasi-periode-siapkan", args=[pk])).json() == {"ditambahkan": 0}
    bogor = login(world.users.outsider_admin).post(url, {"jenis": "bulanan", "nomor": 3, "tahun": 2026})
    assert bogor.status_code == 400 and "tidak mengevaluasi" in str(bogor.json())
    penilai = login(world.users.penilai)
    assert penilai.get(url).status_code == 403
    assert penilai.post(url, {"jenis": "bulanan", "nomor": 2, "tahun": 2026}).status_code == 403
    assert penilai.post(reverse("api:evaluasi-periode-siapkan", args=[pk])).status_code == 403


# The generic settings page --------------------------------------------------------------------------------
def _isian_halaman(response):
    """What the browser would post back: every field of the settings form with its shown value."""
    form = response.context["form"]
    data = {}
    for field in form:
        if field.name == "logo":
            continue
        nilai = field.value()
        if isinstance(nilai, bool):
            if nilai:
                data[field.name] = "on"
            continue
        if nilai is None:
            continue
        data[field.name] = nilai
    return data


def test_halaman_pengaturan_tetap_tersimpan_dengan_aturan_sanksi_json(world, login):
    c = login(world.users.admin)
    halaman = c.get(reverse("pengaturan"))
    html = halaman.content.decode()
    assert 'name="pola_distribusi"' not in html and 'name="sanksi_kinerja"' in html
    assert reverse("evaluasi_pola") in html
    data = _isian_halaman(halaman)
    data["nama_instansi"] = "Pemkab Sumedang (uji)"
    assert c.post(reverse("pengaturan"), data).status_code == 302
    aturan = [
        {
            "kode": "pppk",
            "nama": "Pemutusan PPPK",
            "dasar": "Pasal 31 ayat (2)",
            "predikat": ["sangat_kurang"],
        }
    ]
    data["sanksi_kinerja"] = json.dumps(aturan)
    assert c.post(reverse("pengaturan"), data).status_code == 302
    with scopes_disabled():
        p = PengaturanPemda.objects.get(pemda=world.sumedang)
        assert p.nama_instansi == "Pemkab Sumedang (uji)" and p.sanksi_kinerja == aturan
        assert p.pola_distribusi == pola_distribusi_bawaan()
    assert '"kode": "pppk"' in c.get(reverse("pengaturan")).content.decode().replace("&quot;", '"')
    rusak = c.post(reverse("pengaturan"), {**data, "sanksi_kinerja": "[{kode: 1"})
    assert rusak.status_code == 400
    salah = c.post(reverse("pengaturan"), {**data, "sanksi_kinerja": json.dumps([{"kode": "x"}])})
    assert salah.status_code == 400 and "memerlukan kode, nama dan dasar" in salah.content.decode()
    kosong = c.post(reverse("pengaturan"), {**data, "sanksi_kinerja": ""})
    assert kosong.status_code == 302
    with scopes_disabled():
        assert PengaturanPemda.objects.get(pemda=world.sumedang).sanksi_kinerja == []
