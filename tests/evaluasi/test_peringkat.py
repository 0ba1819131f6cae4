"""Pemeringkatan: by predikat best first, ties share a competition rank, within the unit and the Pemda, the
current predikat after a keberatan, exempt apart; pages and API; a fixed number of queries."""

import pytest
from django.urls import reverse

from evaluasi.selectors.peringkat import peringkat
from tests.factories import KeberatanFactory, PegawaiFactory, UnitKerjaFactory

from .rute_tindak_lanjut import hasil, periode

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia(sumedang):
    w = sumedang
    p = periode(w.sumedang, "bulanan", 3)
    ev = {
        "pegawai": hasil(w.pegawai, p, "baik", unit=w.seksi, penilai=w.penilai, hasil_kerja="di_atas"),
        "rekan": hasil(w.rekan, p, "baik", unit=w.seksi, penilai=w.penilai, hasil_kerja="sesuai"),
        "penilai": hasil(w.penilai, p, "sangat_baik", unit=w.bidang, penilai=w.atasan, hasil_kerja="di_atas"),
        "atasan": hasil(w.atasan, p, "kurang", unit=w.dinas, penilai=w.kadis),
        "admin": hasil(w.admin_pegawai, p, "baik", unit=w.bkpsdm),
    }
    lain = PegawaiFactory(pemda=w.sumedang, nama="Zaenal Dikecualikan")
    ev["kecuali"] = hasil(
        lain, p, "", status="dikecualikan", unit=w.seksi, alasan_pengecualian="Cuti melahirkan"
    )
    belum = PegawaiFactory(pemda=w.sumedang, nama="Belum Dinilai")
    ev["belum"] = hasil(belum, p, "", status="belum_dinilai", unit=w.seksi)
    return w, p, ev


def _rank(res):
    return {b.evaluasi.pegawai.nama: (b.peringkat, b.peringkat_unit, b.peringkat_pemda) for b in res.baris}


def test_predikat_terbaik_lebih_dulu_dan_predikat_sama_berbagi_peringkat(dunia):
    w, p, ev = dunia
    res = peringkat(p)
    names = [b.evaluasi.pegawai.nama for b in res.baris]
    # Sangat Baik, then the three Baik (hasil kerja Di Atas first, then by name), then Kurang.
    assert names == ["Budi Santoso", "Siti Aminah", "Dewi Lestari", "Rudi Hartono", "Ani Suryani"]
    assert [b.peringkat for b in res.baris] == [1, 2, 2, 2, 5]  # competition ranking
    assert res.jumlah_pemda == 5


def test_peringkat_dalam_unit_dan_dalam_pemda(dunia):
    w, p, ev = dunia
    r = _rank(peringkat(p))
    assert r["Siti Aminah"] == (2, 1, 2) and r["Rudi Hartono"] == (2, 1, 2)
    assert r["Ani Suryani"] == (5, 1, 5)
    sebagian = _rank(peringkat(p, unit=w.dinas))
    assert set(sebagian) == {"Siti Aminah", "Rudi Hartono", "Budi Santoso", "Ani Suryani"}
    assert sebagian["Ani Suryani"] == (4, 1, 5)  # 4th in the Dinas, 5th in the Pemda


def test_dikecualikan_terpisah_dan_belum_ditandatangani_hanya_dihitung(dunia):
    w, p, ev = dunia
    res = peringkat(p)
    assert [e.pk for e in res.dikecualikan] == [ev["kecuali"].pk]
    assert res.dikecualikan[0].alasan_pengecualian == "Cuti melahirkan"
    assert ev["belum"].pk not in {b.evaluasi.pk for b in res.baris}
    assert res.belum_ditandatangani == 1


def test_predikat_setelah_keberatan_yang_dipakai(dunia):
    w, p, ev = dunia
    a = ev["atasan"]
    a.predikat, a.rating_hasil, a.rating_perilaku = "sangat_baik", "di_atas", "di_atas"
    a.save()
    KeberatanFactory(
        pemda=w.sumedang,
        evaluasi=a,
        status="diubah",
        predikat_semula="kurang",
        predikat_baru="sangat_baik",
        diajukan_oleh=w.users.atasan,
    )
    r = _rank(peringkat(p))
    assert r["Ani Suryani"][0] == 1 and r["Budi Santoso"][0] == 1 and r["Siti Aminah"][0] == 3


def test_halaman_bkpsdm_dan_filter_unit(dunia, login):
    w, p, ev = dunia
    c = login(w.users.admin)
    r = c.get(reverse("evaluasi_peringkat"), {"periode": p.pk})
    assert r.status_code == 200
    html = r.content.decode()
    assert f'id="peringkat-{ev["penilai"].pk}"' in html and "Cuti melahirkan" in html
    r = c.get(reverse("evaluasi_peringkat"), {"periode": p.pk, "unit": w.seksi.pk})
    html = r.content.decode()
    assert f'id="peringkat-{ev["pegawai"].pk}"' in html and f'id="peringkat-{ev["admin"].pk}"' not in html


def test_penilai_melihat_pegawai_yang_dinilainya_saja(dunia, login):
    w, p, ev = dunia
    r = login(w.users.penilai).get(reverse("evaluasi_peringkat"), {"periode": p.pk})
    assert r.status_code == 200
    html = r.content.decode()
    assert f'id="peringkat-{ev["pegawai"].pk}"' in html and f'id="peringkat-{ev["rekan"].pk}"' in html
    assert f'id="peringkat-{ev["admin"].pk}"' not in html and "Peringkat Pemda" not in html


def test_pegawai_tanpa_bawahan_ditolak_dan_pemda_lain_404(dunia, login):
    w, p, ev = dunia
    assert login(w.users.pegawai).get(reverse("evaluasi_peringkat"), {"periode": p.pk}).status_code == 403
    c = login(w.users.outsider_admin)
    assert c.get(reverse("evaluasi_peringkat"), {"periode": p.pk}).status_code == 404
    assert c.get(reverse("api:evaluasi-peringkat"), {"periode": p.pk}).status_code == 404


def test_api_peringkat(dunia, login):
    w, p, ev = dunia
    c = login(w.users.admin)
    r = c.get(reverse("api:evaluasi-peringkat"), {"periode": p.pk, "unit": w.bidang.pk})
    assert r.status_code == 200
    data = r.json()
    assert [b["peringkat"] for b in data["baris"]] == [1, 2, 2]
    assert data["baris"][0]["peringkat_pemda"] == 1 and data["jumlah_pemda"] == 5
    assert data["dikecualikan"][0]["alasan"] == "Cuti melahirkan"
    assert c.get(reverse("api:evaluasi-peringkat"), {"periode": "x"}).status_code == 400
    assert c.get(reverse("api:evaluasi-peringkat"), {"periode": 10**8}).status_code == 404
    assert login(w.users.pegawai).get(reverse("api:evaluasi-peringkat")).status_code == 403


def _isi(w, p, n):
    unit = UnitKerjaFactory(pemda=w.sumedang, parent=w.dinas)
    for i in range(n):
        pg = PegawaiFactory(pemda=w.sumedang)
        hasil(pg, p, ["sangat_baik", "baik", "kurang"][i % 3], unit=unit if i % 2 else w.seksi)
        if i % 5 == 0:
            hasil(PegawaiFactory(pemda=w.sumedang), p, "", status="dikecualikan", unit=unit)


@pytest.mark.parametrize("api", [False, True])
def test_jumlah_query_tetap_3_dan_30_pegawai(sumedang, login, max_queries, api):
    w = sumedang
    c = login(w.users.admin)
    url = reverse("api:evaluasi-peringkat" if api else "evaluasi_peringkat")
    counts = []
    for n, tahun in ((3, 2026), (30, 2027)):
        p = periode(w.sumedang, "bulanan", 3, tahun)
        _isi(w, p, n)
        c.get(url, {"periode": p.pk, "unit": w.dinas.pk})  # warm up
        with max_queries(40) as ctx:
            r = c.get(url, {"periode": p.pk, "unit": w.dinas.pk})
        assert r.status_code == 200
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1]
