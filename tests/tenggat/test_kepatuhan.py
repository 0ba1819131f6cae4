"""The BKPSDM compliance view (issue 6): the numbers per Perangkat Daerah on a small seeded Sumedang (SKP
statuses, late SKP after the end-of-January deadline, late evaluations, open and late keberatan, escalations,
unsent reminder emails), the drill-down's names, who may look (BKPSDM; the Kepala PD for her own PD only with
Bogor's Pasal 35(1) setting; nobody else), another Pemda's admin, the export (CSV and XLSX parsed), the API, and
the pinned fixed query count (the same for a small and a larger Pemda)."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from evaluasi.models import Evaluasi, Keberatan, StatusEvaluasi, StatusKeberatan
from evaluasi.services import periode as periode_services
from kinerja.models import JenisJabatan, PengaturanPemda, UnitKerja
from kinerja.scoping import tenant_context
from tenggat.models import Eskalasi, JenisEskalasi, JenisTenggat, Pengingat
from tests.conftest import RLS_SETUP_MARK
from tests.factories import JabatanFactory, UnitKerjaFactory, pegawai_with_account
from tests.skp import bantu

pytestmark = pytest.mark.django_db
D = datetime.date
HARI = D(2026, 5, 15)  # past the SKP deadline (31 Jan) and the March period's windows
KUERI = 18  # pinned: the Pemda view with a period, session and context processors included, PostgreSQL's RLS setup not (see test_jumlah_kueri_tetap)


@pytest.fixture
def hari(monkeypatch):
    sekarang = {"tanggal": D(2026, 1, 12)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: sekarang["tanggal"])

    def pindah(tanggal):
        sekarang["tanggal"] = tanggal

    return pindah


def _seed(world, hari):
    """SKP 2026: Siti and Rudi set, Budi (Kasi) submitted, Ani (Kabid) drafted, Hendra (Kadis) and Dewi (BKPSDM)
    none. March period: Siti's evaluation signed with a keberatan filed on 1 April (late by May), Rudi's not
    signed (late, also for the Atasan). An SKP escalation for Hendra, an evaluation escalation for Rudi, one
    reminder with unsent email to Budi."""
    with tenant_context(world.sumedang.pk):
        bantu.sampai_ditetapkan(world, bantu.draft(world))
        bantu.sampai_ditetapkan(world, bantu.draft(world, "rekan"), "rekan")
        bantu.ajukan(world, bantu.draft(world, "penilai"), "penilai")
        bantu.draft(world, "atasan")
        hari(D(2026, 4, 1))
        periode = periode_services.buka_periode(
            pemda_id=world.sumedang.pk, jenis="bulanan", nomor=3, tahun=2026, by=world.users.admin
        )
        ev_siti = Evaluasi.objects.get(periode=periode, pegawai=world.pegawai)
        ev_rudi = Evaluasi.objects.get(periode=periode, pegawai=world.rekan)
        kini = timezone.now()
        Evaluasi.objects.filter(pk=ev_siti.pk).update(
            status=StatusEvaluasi.MENUNGGU_PEGAWAI,
            predikat="baik",
            rating_hasil="sesuai",
            rating_perilaku="sesuai",
            ditandatangani_penilai_pada=kini,
        )
        Keberatan.objects.create(
            pemda=world.sumedang,
            evaluasi=ev_siti,
            alasan="Hasil kerja tidak dihargai.",
            status=StatusKeberatan.DIAJUKAN,
            diajukan_oleh=world.users.pegawai,
            diajukan_pada=timezone.make_aware(datetime.datetime(2026, 4, 1, 9)),
        )
        Eskalasi.objects.create(
            pemda=world.sumedang,
            jenis=JenisEskalasi.SKP_KE_ATASAN,
            objek_jenis="kinerja.Pegawai/2026",
            objek_id=world.kadis.pk,
            aturan="uji",
            batas=D(2026, 1, 31),
            tanggal=D(2026, 2, 2),
        )
        Eskalasi.objects.create(
            pemda=world.sumedang,
            jenis=JenisEskalasi.EVALUASI_KE_ATASAN,
            objek_jenis="evaluasi.Evaluasi",
            objek_id=ev_rudi.pk,
            aturan="uji",
            batas=D(2026, 4, 14),
            tanggal=D(2026, 4, 15),
        )
        Pengingat.objects.create(
            pemda=world.sumedang,
            penerima=world.penilai,
            jenis=JenisTenggat.SKP_PENETAPAN,
            objek_jenis="kinerja.Pegawai/2026",
            objek_id=world.penilai.pk,
            langkah="h-7",
            batas=D(2026, 1, 31),
            tanggal=D(2026, 1, 22),
            pesan="uji",
            surel="budi@example.org",
        )
    hari(HARI)
    return periode


def _login(client, user):
    client.force_login(user)
    return client


def _api(client, **params):
    return client.get(reverse("api:kepatuhan"), params)


def test_angka_per_perangkat_daerah(world, hari, client):
    periode = _seed(world, hari)
    r = _api(_login(client, world.users.admin), tahun=2026, periode=periode.pk)
    assert r.status_code == 200, r.content
    baris = {b["nama"]: b for b in r.json()["baris"]}
    dinas, bkpsdm = baris[world.dinas.nama], baris[world.bkpsdm.nama]
    assert (dinas["pegawai"], dinas["skp_ditetapkan"], dinas["skp_diajukan"], dinas["skp_draf"]) == (
        5,
        2,
        1,
        1,
    )
    assert dinas["skp_belum"] == 1 and dinas["skp_terlambat"] == 3
    assert (bkpsdm["pegawai"], bkpsdm["skp_belum"], bkpsdm["skp_terlambat"]) == (1, 1, 1)
    assert (dinas["evaluasi"], dinas["dinilai"], dinas["ttd_penilai"], dinas["ttd_pegawai"]) == (2, 1, 1, 0)
    assert dinas["evaluasi_terlambat"] == 1 and dinas["evaluasi_terlambat_atasan"] == 1
    assert dinas["keberatan_terbuka"] == 1 and dinas["keberatan_terlambat"] == 1
    assert dinas["eskalasi"] == 2 and dinas["surel_tertunda"] == 1
    assert bkpsdm["eskalasi"] == 0 and bkpsdm["evaluasi"] == 0
    assert r.json()["total"]["pegawai"] == 6


def test_sebelum_batas_tidak_ada_yang_terlambat(world, hari, client):
    periode = _seed(world, hari)
    hari(D(2026, 1, 20))
    r = _api(_login(client, world.users.admin), tahun=2026)
    assert r.status_code == 200
    assert r.json()["total"]["skp_terlambat"] == 0
    hari(D(2026, 4, 2))  # inside the March period's window, the keberatan just filed
    total = _api(client, tahun=2026, periode=periode.pk).json()["total"]
    assert total["evaluasi_terlambat"] == 0 and total["keberatan_terlambat"] == 0
    assert total["keberatan_terbuka"] == 1 and total["skp_terlambat"] == 4


def test_rincian_pd_dengan_nama_yang_terlambat(world, hari, client):
    periode = _seed(world, hari)
    _login(client, world.users.admin)
    r = client.get(reverse("kepatuhan"), {"tahun": 2026, "periode": periode.pk, "pd": world.dinas.pk})
    assert r.status_code == 200
    html = r.content.decode()
    assert world.seksi.nama in html
    terlambat = html.split('id="terlambat"')[1]
    for nama in ("Hendra Gunawan", "Ani Suryani", "Budi Santoso", "Rudi Hartono", "Siti Aminah"):
        assert nama in terlambat
    assert "Dewi Lestari" not in terlambat
    data = _api(client, tahun=2026, periode=periode.pk, pd=world.dinas.pk).json()
    skp, ev, kb = data["terlambat"]
    assert {n["nama"] for n in skp["nama"]} == {"Hendra Gunawan", "Ani Suryani", "Budi Santoso"}
    assert [n["nama"] for n in ev["nama"]] == ["Rudi Hartono"] and ev["jumlah"] == 1
    assert [n["nama"] for n in kb["nama"]] == ["Siti Aminah"] and kb["jumlah"] == 1
    assert {b["nama"] for b in data["baris"]} == {world.dinas.nama, world.bidang.nama, world.seksi.nama}


def test_halaman_seluruh_pemda_dengan_grafik(world, hari, client):
    _seed(world, hari)
    r = _login(client, world.users.admin).get(reverse("kepatuhan"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "batang-isi" in html and f"pd={world.dinas.pk}" in html
    assert world.outsider.nama not in html and world.unit_bogor.nama not in html


def _awasi(world, pemda, nilai: bool):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=pemda).update(kepala_pd_awasi_pd_sendiri=nilai)


def test_kepala_pd_hanya_pd_sendiri_bila_diizinkan(world, hari, client):
    periode = _seed(world, hari)
    _awasi(world, world.sumedang, True)
    _login(client, world.users.kadis)
    r = client.get(reverse("kepatuhan"), {"tahun": 2026})
    assert r.status_code == 200
    html = r.content.decode()
    assert world.dinas.nama in html and world.bkpsdm.nama not in html
    data = _api(client, tahun=2026, periode=periode.pk).json()
    assert data["pd"]["unit_id"] == world.dinas.pk
    assert client.get(reverse("kepatuhan"), {"pd": world.bkpsdm.pk}).status_code == 404
    assert _api(client, pd=world.bkpsdm.pk).status_code == 404
    assert (
        client.get(reverse("kepatuhan_ekspor"), {"format": "csv", "pd": world.bkpsdm.pk}).status_code == 404
    )
    assert client.get(reverse("kepatuhan"), {"pd": world.unit_bogor.pk}).status_code == 404
    # Setting off: refused with the reason.
    _awasi(world, world.sumedang, False)
    r = client.get(reverse("kepatuhan"))
    assert r.status_code == 403
    r = _api(client)
    assert r.status_code == 403 and "Kepala Perangkat Daerah" in r.json()["detail"]


@pytest.mark.parametrize("siapa", ["pegawai", "penilai", "atasan", "bupati"])
def test_selain_bkpsdm_dan_kepala_pd_ditolak(world, hari, client, siapa):
    _awasi(world, world.sumedang, True)
    _login(client, getattr(world.users, siapa))
    assert client.get(reverse("kepatuhan")).status_code == 403
    assert client.get(reverse("kepatuhan_ekspor")).status_code == 403
    r = _api(client)
    assert r.status_code == 403 and r.json()["detail"]


def test_anonim_ditolak(client):
    assert client.get(reverse("kepatuhan")).status_code == 302
    assert _api(client).status_code in (401, 403)


def test_admin_pemda_lain_tidak_melihat_sumedang(world, hari, client):
    periode = _seed(world, hari)
    _login(client, world.users.outsider_admin)
    data = _api(client, tahun=2026).json()
    assert {b["nama"] for b in data["baris"]} == {world.unit_bogor.nama}
    assert data["total"]["pegawai"] == 2 and data["total"]["eskalasi"] == 0
    assert _api(client, pd=world.dinas.pk).status_code == 404
    assert _api(client, periode=periode.pk).status_code == 404
    assert client.get(reverse("kepatuhan"), {"pd": world.dinas.pk}).status_code == 404
    assert client.get(reverse("kepatuhan"), {"periode": periode.pk}).status_code == 404
    isi = client.get(reverse("kepatuhan_ekspor"), {"format": "csv"}).content.decode("utf-8-sig")
    assert world.dinas.nama not in isi and "Siti" not in isi and world.unit_bogor.nama in isi
    html = client.get(reverse("kepatuhan")).content.decode()
    assert world.dinas.nama not in html


@pytest.mark.parametrize(
    "params",
    [{"tahun": "dua ribu"}, {"tahun": "1900"}, {"periode": "x"}, {"pd": "abc"}, {"format": "pdf"}],
)
def test_masukan_salah_400(world, hari, client, params):
    _login(client, world.users.admin)
    r = client.get(reverse("kepatuhan_ekspor"), params)
    assert r.status_code == 400
    if "format" not in params:
        assert client.get(reverse("kepatuhan"), params).status_code == 400
        r = _api(client, **params)
        assert r.status_code == 400 and r.json()


def test_periode_tahun_lain_400(world, hari, client):
    periode = _seed(world, hari)
    r = _api(_login(client, world.users.admin), tahun=2025, periode=periode.pk)
    assert r.status_code == 400 and "2025" in str(r.json())


def test_ekspor_csv_dan_xlsx(world, hari, client):
    periode = _seed(world, hari)
    _login(client, world.users.admin)
    r = client.get(reverse("kepatuhan_ekspor"), {"format": "csv", "tahun": 2026, "periode": periode.pk})
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    mentah = r.content
    assert mentah.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(mentah.decode("utf-8-sig")), delimiter=";"))
    kepala = rows[0]
    assert kepala[:3] == ["Perangkat Daerah", "Kode unit", "Unit kerja"]
    seksi = next(x for x in rows if len(x) > 3 and x[2] == world.seksi.nama)
    assert seksi[0] == world.dinas.nama
    assert seksi[kepala.index("Pegawai wajib SKP")] == "3"
    assert seksi[kepala.index("SKP terlambat")] == "1"  # Budi, the Kasi
    assert seksi[kepala.index("Evaluasi terlambat")] == "1"
    i = rows.index([])
    nama = rows[i + 2 :]
    assert {(x[1].split()[0], x[3]) for x in nama} >= {
        ("SKP", "Hendra Gunawan"),
        ("SKP", "Dewi Lestari"),
        ("Evaluasi", "Rudi Hartono"),
        ("Keberatan", "Siti Aminah"),
    }
    r = client.get(
        reverse("kepatuhan_ekspor"),
        {"format": "xlsx", "tahun": 2026, "periode": periode.pk, "pd": world.dinas.pk},
    )
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    unit = list(wb["Per unit"].iter_rows(values_only=True))
    assert unit[0][:3] == ("Perangkat Daerah", "Kode unit", "Unit kerja")
    assert {x[2] for x in unit[1:]} == {world.dinas.nama, world.bidang.nama, world.seksi.nama}
    terlambat = list(wb["Terlambat"].iter_rows(values_only=True))
    assert {x[3] for x in terlambat[1:]} == {
        "Hendra Gunawan",
        "Ani Suryani",
        "Budi Santoso",
        "Rudi Hartono",
        "Siti Aminah",
    }


def _perbesar(world, n_unit: int, per_unit: int):
    """More Perangkat Daerah, units and Pegawai (none with an SKP: late, listed by name)."""
    with scopes_disabled():
        for i in range(n_unit):
            pd = UnitKerjaFactory(pemda=world.sumedang, nama=f"Dinas Uji {i}", kode=f"X{i:02d}")
            sub = UnitKerjaFactory(
                pemda=world.sumedang, nama=f"Bidang Uji {i}", kode=f"X{i:02d}.1", parent=pd
            )
            pegawai_with_account(
                jabatan=JabatanFactory(
                    unit=sub, nama="Kepala Bidang", jenis=JenisJabatan.ADMINISTRATOR, memimpin_unit=True
                ),
                nama=f"Kabid Uji {i}",
            )
            jab = JabatanFactory(unit=sub, nama="Pelaksana", jenis=JenisJabatan.PELAKSANA)
            for j in range(per_unit):
                pegawai_with_account(jabatan=jab, nama=f"Pegawai Uji {i}-{j}")


def test_jumlah_kueri_tetap(world, hari, client):
    periode = _seed(world, hari)
    _login(client, world.users.admin)

    def kueri(**params):
        client.get(reverse("kepatuhan"), params)  # warm-up: session, calendar cache
        with CaptureQueriesContext(connection) as c:
            r = client.get(reverse("kepatuhan"), params)
        assert r.status_code == 200
        return len([q for q in c.captured_queries if RLS_SETUP_MARK not in q["sql"]])

    kecil = kueri(tahun=2026, periode=periode.pk)
    kecil_pd = kueri(tahun=2026, periode=periode.pk, pd=world.dinas.pk)
    kecil_api = len_api(client, periode)
    _perbesar(world, 4, 6)
    with scopes_disabled():
        assert UnitKerja.objects.filter(pemda=world.sumedang, parent__isnull=True).count() == 6
    with tenant_context(world.sumedang.pk):
        periode_services.siapkan_evaluasi(periode=periode)
    assert kueri(tahun=2026, periode=periode.pk) == kecil == KUERI
    assert kueri(tahun=2026, periode=periode.pk, pd=world.dinas.pk) == kecil_pd == KUERI + 4
    with scopes_disabled():
        besar_pd = UnitKerja.objects.get(nama="Dinas Uji 0").pk
    assert kueri(tahun=2026, periode=periode.pk, pd=besar_pd) == KUERI + 4
    assert len_api(client, periode) == kecil_api


def len_api(client, periode):
    _api(client, tahun=2026, periode=periode.pk)
    with CaptureQueriesContext(connection) as c:
        assert _api(client, tahun=2026, periode=periode.pk).status_code == 200
    return len([q for q in c.captured_queries if RLS_SETUP_MARK not in q["sql"]])
