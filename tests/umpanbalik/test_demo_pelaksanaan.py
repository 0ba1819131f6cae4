"""`manage.py seed_demo_pelaksanaan`: after `seed_demo`, the demo chain of a Pemda finds set SKPs with realisasi,
bukti, feedback and a coaching, all made by the services; the demo Pegawai is behind target, the others are not;
a second run adds nothing. "Today" is frozen on 16 November 2026 (tests/umpanbalik/conftest.py is overridden
here), so realisasi exist for January to October of Indragiri Hulu's monthly periods."""

import datetime
import io

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from kinerja.models import Pemda, User
from kinerja.scoping import tenant_context
from kinerja.selectors.penilai import Struktur
from kinerja.services import seed
from skp.models import Skp, StatusSkp
from umpanbalik import demo
from umpanbalik.models import (
    Bimbingan,
    BuktiDukung,
    CatatanHarian,
    JenisBimbingan,
    PeranPemberi,
    Realisasi,
    TanggapanProgres,
    UmpanBalik,
    UndanganUmpanBalik,
)
from umpanbalik.selectors.progres import TERTINGGAL, progres_skp

pytestmark = pytest.mark.django_db
SLUG = "indragiri-hulu"
HARI_INI = datetime.date(2026, 11, 16)


@pytest.fixture(autouse=True)
def hari(monkeypatch):
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: HARI_INI)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def inhu():
    seed.seed_demo(slugs=[SLUG], n_pegawai=60)
    with scopes_disabled():
        return Pemda.objects.get(slug=SLUG)


def jalankan(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo_pelaksanaan", "--pemda", SLUG, *args, stdout=out, stderr=out)
    return out.getvalue()


def jumlah() -> dict:
    with scopes_disabled():
        return {
            model.__name__: model.objects.count()
            for model in (
                Skp,
                Realisasi,
                BuktiDukung,
                CatatanHarian,
                UmpanBalik,
                UndanganUmpanBalik,
                TanggapanProgres,
                Bimbingan,
            )
        }


def test_the_demo_chain_gets_set_skps_with_realisasi_feedback_and_a_coaching(inhu, login):
    keluaran = jalankan()
    with tenant_context(inhu.pk):
        rantai = seed.rantai_demo(inhu.pk)
        skps = {s.pegawai_id: s for s in Skp.objects.filter(tahun=2026)}
        assert rantai.pegawai in skps and len(skps) >= 2
        assert all(s.status == StatusSkp.DITETAPKAN for s in skps.values())
        penilai = User.objects.get(pegawai_id=rantai.penilai)
        assert all(s.penilai_id == rantai.penilai for s in skps.values())
        skp = skps[rantai.pegawai]

        # Monthly realisasi for every month that has ended (January to October), cumulative, each IKI.
        n_iki = sum(r.iki.count() for r in skp.rhk.all())
        realisasi = Realisasi.objects.filter(skp=skp, berlaku=True)
        assert realisasi.count() == 10 * n_iki
        assert set(realisasi.values_list("nomor_periode", flat=True)) == set(range(1, 11))
        for iki in [i for r in skp.rhk.all() for i in r.iki.all()]:
            nilai = list(realisasi.filter(iki=iki).order_by("nomor_periode").values_list("nilai", flat=True))
            assert nilai == sorted(nilai)

        # The demo Pegawai is behind; the others are on track or ahead.
        assert progres_skp(skp).status == TERTINGGAL
        for lain in skps.values():
            if lain.pk != skp.pk:
                assert progres_skp(lain).status != TERTINGGAL

        # Bukti: links on the Pemda's site, and a real PDF on her latest realisasi.
        bukti = BuktiDukung.objects.filter(realisasi__skp=skp)
        assert all(b.tautan.startswith("https://inhukab.go.id/") for b in bukti.exclude(tautan=""))
        pdf = bukti.get(tautan="")
        assert pdf.tipe == "application/pdf" and pdf.realisasi.nomor_periode == 10
        with pdf.berkas.open("rb") as f:
            assert f.read(5) == b"%PDF-"

        catatan = CatatanHarian.objects.filter(skp=skp)
        assert catatan.count() == 4
        assert all(c.tanggal.month == 11 and c.tanggal <= HARI_INI for c in catatan)

        # The Penilai's berkala feedback on each ended month; one invited peer with one piece of feedback.
        berkala = UmpanBalik.objects.filter(skp=skp, peran=PeranPemberi.PIMPINAN, jenis="berkala")
        assert sorted(berkala.values_list("nomor_periode", flat=True)) == list(range(1, 11))
        assert set(berkala.values_list("pemberi_id", flat=True)) == {penilai.pk}
        undangan = UndanganUmpanBalik.objects.get(content_object=skp)
        assert undangan.pegawai_id in skps and undangan.pegawai_id != rantai.pegawai
        rekan = UmpanBalik.objects.get(skp=skp, peran=PeranPemberi.REKAN)
        assert rekan.pemberi_id == undangan.user_id

        assert TanggapanProgres.objects.get(skp=skp).jenis == "pembinaan"
        coaching = Bimbingan.objects.get(skp=skp)
        assert coaching.jenis == JenisBimbingan.COACHING and coaching.pembina_id == penilai.pk
        pegawai = User.objects.get(pegawai_id=rantai.pegawai)
        assert coaching.isian["diisi"]["pegawai"]["oleh"] == pegawai.pk
        assert coaching.isian["diisi"]["pembina"]["oleh"] == penilai.pk
        assert coaching.isian["tujuan"] and coaching.isian["fakta"] and coaching.isian["langkah"]

        # Nothing for the others beyond their SKP and realisasi.
        assert not UmpanBalik.objects.exclude(skp=skp).exists()
        assert not Bimbingan.objects.exclude(skp=skp).exists()

    assert "Kabupaten Indragiri Hulu" in keluaran and "tertinggal dari target" in keluaran
    assert f"{len(skps)} SKP ditetapkan" in keluaran

    # The demo Penilai's team page lists them all, the demo Pegawai behind.
    html = login(penilai).get("/pelaksanaan/tim/").content.decode()
    tabel = html[html.index('id="tabel-tim"') :]
    with scopes_disabled():
        for lain in skps.values():
            assert lain.pegawai.nama in tabel
    assert "Tertinggal" in tabel


def test_a_second_run_adds_nothing_and_says_so(inhu):
    jalankan()
    sebelum = jumlah()
    keluaran = jalankan()
    assert jumlah() == sebelum
    assert "tidak ada yang baru" in keluaran and "sudah ada SKP 2026" in keluaran


def test_a_pegawai_whose_signature_fails_gets_nothing_and_the_others_go_on(inhu):
    with tenant_context(inhu.pk):
        rantai = seed.rantai_demo(inhu.pk)
        lain = demo._anggota(
            Struktur.for_pemda(pemda_id=inhu.pk, tanggal=HARI_INI), rantai.penilai, rantai.pegawai
        )
        assert lain, "the demo seksi has more Pegawai"
        for u in User.objects.filter(pegawai_id__in=lain):
            u.set_password("sudah-diganti")
            u.save()
    keluaran = jalankan()
    with tenant_context(inhu.pk):
        assert list(Skp.objects.values_list("pegawai_id", flat=True)) == [rantai.pegawai]
        assert Realisasi.objects.filter(skp__pegawai_id=rantai.pegawai).exists()
    assert keluaran.count("gagal, tidak ada yang disimpan") == len(lain)


def test_a_pemda_without_a_demo_chain_is_skipped_with_a_message():
    with scopes_disabled():
        Pemda.objects.create(slug="kosong", nama="Kabupaten Kosong")
    out = io.StringIO()
    call_command("seed_demo_pelaksanaan", "--pemda", "kosong", stdout=out)
    assert "Kabupaten Kosong: dilewati" in out.getvalue()
    assert jumlah()["Skp"] == 0


def test_realisasi_of_the_demo_pegawai_stay_below_and_of_the_others_at_or_above_the_expected_share():
    for target in (4, 12, 24, 100, 240, 360):
        for bulan in range(1, 12):
            porsi = bulan / 12
            harapan = target * porsi
            assert demo._nilai(target, porsi, demo.LAJU_DEMO, tertinggal=True) < harapan * 0.9
            for laju in demo.LAJU_LAIN:
                assert demo._nilai(target, porsi, laju, tertinggal=False) >= min(harapan, target)
