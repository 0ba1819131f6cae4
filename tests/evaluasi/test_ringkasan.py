"""The BKPSDM overview of a period: the numbers per Perangkat Daerah and unit, and a fixed query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from evaluasi.models import StatusEvaluasi
from evaluasi.selectors.ringkasan import ringkasan_periode
from evaluasi.services.periode import pegawai_tanpa_skp
from kinerja.models import JenisUnit
from tests.conftest import RLS_SETUP_MARK
from tests.factories import (
    EvaluasiFactory,
    JabatanFactory,
    KeberatanFactory,
    PegawaiFactory,
    PenempatanFactory,
    UnitKerjaFactory,
)

from . import bantu
from .conftest import D

pytestmark = pytest.mark.django_db

# The overview page: session, user, the request's savepoint and its release, the period, the settings, the
# units, the evaluation aggregate, open keberatan, placements without an evaluation per unit, exempt reasons,
# the capaian set in the period (paths and names from the units already read), the header's Pegawai.
# Drilling into a PD adds the PD check and the names of those without SKP.
KUERI_RINGKASAN = 13
KUERI_RINCIAN = 15


def _buka_maret(w, hari):
    hari(D(2026, 3, 31))
    return bantu.buka(w)


def _tambah_pd(w, periode, n, *, kode="D09"):
    """A Perangkat Daerah with two units and `n` evaluated Pegawai in every state, plus 2 without SKP."""
    with scopes_disabled():
        pd = UnitKerjaFactory(pemda=w.sumedang, nama=f"Dinas {kode}", kode=kode)
        bidang = UnitKerjaFactory(
            pemda=w.sumedang, nama=f"Bidang {kode}", kode=f"{kode}.B", jenis=JenisUnit.BIDANG, parent=pd
        )
        jab = {u.pk: JabatanFactory(unit=u, nama=f"Pelaksana {u.kode}") for u in (pd, bidang)}
        kini = timezone.now()
        for i in range(n):
            unit = (pd, bidang)[i % 2]
            p = PegawaiFactory(pemda=w.sumedang)
            PenempatanFactory(pegawai=p, jabatan=jab[unit.pk], mulai=D(2025, 1, 1))
            keadaan = i % 5
            kwargs = {"unit": unit, "penilai": w.penilai}
            if keadaan == 1:
                kwargs |= {"status": StatusEvaluasi.DINILAI, "predikat": "baik"}
            elif keadaan == 2:
                kwargs |= {
                    "status": StatusEvaluasi.MENUNGGU_PEGAWAI,
                    "predikat": "sangat_baik",
                    "ditandatangani_penilai_pada": kini,
                }
            elif keadaan == 3:
                kwargs |= {
                    "status": StatusEvaluasi.SELESAI,
                    "predikat": "baik",
                    "ditandatangani_penilai_pada": kini,
                    "ditandatangani_pegawai_pada": kini,
                    "oleh_atasan": True,
                }
            elif keadaan == 4:
                kwargs |= {
                    "status": StatusEvaluasi.DIKECUALIKAN,
                    "alasan_pengecualian": "Cuti besar sebulan.",
                }
            ev = EvaluasiFactory(pemda=w.sumedang, periode=periode, pegawai=p, **kwargs)
            if keadaan == 2:
                KeberatanFactory(pemda=w.sumedang, evaluasi=ev, diajukan_oleh=w.users.pegawai)
        for _ in range(2):
            p = PegawaiFactory(pemda=w.sumedang)
            PenempatanFactory(pegawai=p, jabatan=jab[bidang.pk], mulai=D(2025, 1, 1))
    return pd, bidang


def _hitung_kueri(client, url) -> int:
    client.get(url)  # warm up: session, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len([q for q in ctx.captured_queries if RLS_SETUP_MARK not in q["sql"]])


def test_angka_per_perangkat_daerah_pada_periode_kecil(skp_berjalan, sumedang, hari):
    w = sumedang
    p = _buka_maret(w, hari)
    pd, bidang = _tambah_pd(w, p, 10)
    r = ringkasan_periode(p, tanggal=D(2026, 3, 31))
    baris = {b.unit_id: b.hitung for b in r.baris}
    dinas, lain = baris[w.dinas.pk], baris[pd.pk]
    # Dinas Kominfo: the world's Pegawai (set SKP) evaluated, not yet rated; Kadis, Kabid, Kasi, Rudi no SKP.
    assert (dinas.dievaluasi, dinas.belum_dinilai, dinas.ttd_penilai, dinas.tanpa_skp) == (1, 1, 0, 4)
    # The seeded PD: 10 rows, 2 of each state.
    assert lain.dievaluasi == 8 and lain.dikecualikan == 2
    assert (lain.belum_dinilai, lain.dinilai, lain.ttd_penilai, lain.ttd_pegawai) == (2, 2, 4, 2)
    assert (lain.oleh_atasan, lain.keberatan_terbuka, lain.tanpa_skp) == (2, 2, 2)
    assert lain.predikat == {"baik": 4, "sangat_baik": 2}
    assert lain.terlambat == 0  # still inside the window
    assert baris[w.bkpsdm.pk].tanpa_skp == 1  # the admin herself
    assert r.total.tanpa_skp == len(pegawai_tanpa_skp(p)) == 7
    assert r.alasan_pengecualian == [("Cuti besar sebulan.", 2)]
    assert 'class="aktual"' in r.grafik and "Pola Sangat Baik: 0%" in r.grafik  # no capaian set yet

    # The expected curve: each unit's pola by its capaian (the bidang takes its PD's), weighted by the rated.
    bantu.capaian(w, p, unit=pd, predikat="istimewa")
    r = ringkasan_periode(p, tanggal=D(2026, 3, 31))
    assert "Pola Sangat Baik: 60%" in r.grafik and "Pola Baik: 25%" in r.grafik

    # Past the Penilai's window: the unsigned, not exempt rows are late.
    r = ringkasan_periode(p, tanggal=D(2026, 6, 1))
    baris = {b.unit_id: b.hitung for b in r.baris}
    assert baris[pd.pk].terlambat == 4 and baris[w.dinas.pk].terlambat == 1

    # Drilling into the PD: its units with their own counts, and who has no SKP.
    r = ringkasan_periode(p, tanggal=D(2026, 3, 31), pd_id=pd.pk)
    per_unit = {b.unit_id: b.hitung for b in r.baris}
    assert per_unit[pd.pk].dievaluasi + per_unit[pd.pk].dikecualikan == 5
    assert per_unit[bidang.pk].tanpa_skp == 2 and len(r.tanpa_skp) == 2
    assert {x["unit"] for x in r.tanpa_skp} == {bidang.nama}
    assert r.pd.hitung.dievaluasi == 8


def test_halaman_ringkasan_menampilkan_angka_dan_rincian(skp_berjalan, sumedang, hari, login):
    w = sumedang
    p = _buka_maret(w, hari)
    pd, _ = _tambah_pd(w, p, 5)
    c = login(w.users.admin)
    html = c.get(reverse("evaluasi_periode_detail", args=[p.pk])).content.decode()
    assert w.dinas.nama in html and f"?pd={pd.pk}" in html and "Cuti besar sebulan." in html
    rinci = c.get(reverse("evaluasi_periode_detail", args=[p.pk]) + f"?pd={pd.pk}")
    assert rinci.status_code == 200 and "Pegawai tanpa SKP ditetapkan (2)" in rinci.content.decode()
    assert c.get(reverse("evaluasi_periode_detail", args=[p.pk]) + f"?pd={w.seksi.pk}").status_code == 404
    assert c.get(reverse("evaluasi_periode_detail", args=[p.pk]) + "?pd=x").status_code == 404


def test_ringkasan_hanya_untuk_bkpsdm(skp_berjalan, sumedang, hari, login):
    p = _buka_maret(sumedang, hari)
    for user in (sumedang.users.penilai, sumedang.users.pegawai):
        assert login(user).get(reverse("evaluasi_periode_detail", args=[p.pk])).status_code == 403


def test_jumlah_kueri_ringkasan_tetap_untuk_periode_kecil_dan_besar(skp_berjalan, sumedang, hari, login):
    w = sumedang
    p = _buka_maret(w, hari)
    c = login(w.users.admin)
    url = reverse("evaluasi_periode_detail", args=[p.pk])
    kecil = _hitung_kueri(c, url)
    kecil_rinci = _hitung_kueri(c, f"{url}?pd={w.dinas.pk}")
    pd, _ = _tambah_pd(w, p, 60, kode="D10")
    _tambah_pd(w, p, 40, kode="D11")
    besar = _hitung_kueri(c, url)
    besar_rinci = _hitung_kueri(c, f"{url}?pd={pd.pk}")
    assert kecil == besar == KUERI_RINGKASAN
    assert kecil_rinci == besar_rinci == KUERI_RINCIAN


def test_api_ringkasan_sama_dengan_halaman(skp_berjalan, sumedang, hari, login):
    w = sumedang
    p = _buka_maret(w, hari)
    pd, _ = _tambah_pd(w, p, 10)
    c = login(w.users.admin)
    data = c.get(reverse("api:evaluasi-periode-ringkasan", args=[p.pk])).json()
    baris = {b["unit"]: b["hitung"] for b in data["baris"]}
    assert baris[pd.pk]["dievaluasi"] == 8 and baris[pd.pk]["keberatan_terbuka"] == 2
    assert data["total"]["tanpa_skp"] == 7
    rinci = c.get(reverse("api:evaluasi-periode-ringkasan", args=[p.pk]), {"pd": pd.pk}).json()
    assert rinci["pd"]["unit"] == pd.pk and len(rinci["tanpa_skp"]) == 2
    salah = c.get(reverse("api:evaluasi-periode-ringkasan", args=[p.pk]), {"pd": w.seksi.pk})
    assert salah.status_code == 400 and "Perangkat Daerah" in str(salah.json()["pd"])
    assert (
        login(w.users.penilai).get(reverse("api:evaluasi-periode-ringkasan", args=[p.pk])).status_code == 403
    )


def test_pegawai_tanpa_skp_are_cached_and_follow_a_new_placement_and_a_new_evaluation(
    skp_berjalan, sumedang, hari
):
    """Counted once per set of the period's evaluations and version of the placements (kinerja.cache_pemda);
    `_kotor().clear()` stands for what a request after COMMIT sees."""
    from kinerja import cache_pemda
    from kinerja.scoping import tenant_context

    w = sumedang
    p = _buka_maret(w, hari)
    pd, bidang = _tambah_pd(w, p, 4)

    def tanpa_bidang():
        cache_pemda._kotor().clear()
        with tenant_context(w.sumedang.pk):
            r = ringkasan_periode(p, tanggal=D(2026, 3, 31))
        return {b.unit_id: b.hitung for b in r.baris}[pd.pk].tanpa_skp

    assert tanpa_bidang() == tanpa_bidang() == 2
    with scopes_disabled():
        baru = PegawaiFactory(pemda=w.sumedang)
        PenempatanFactory(
            pegawai=baru, jabatan=JabatanFactory(unit=bidang, nama="Analis"), mulai=D(2025, 1, 1)
        )
    assert tanpa_bidang() == 3
    with scopes_disabled():
        EvaluasiFactory(pemda=w.sumedang, periode=p, pegawai=baru, unit=bidang, penilai=w.penilai)
    assert tanpa_bidang() == 2
