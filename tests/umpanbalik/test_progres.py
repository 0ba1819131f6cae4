"""Progress signals (umpanbalik.selectors.progres): realisasi against the share of the target expected by the
end of the reference period, per IKI and per SKP, and the Penilai's team."""

import datetime
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from kinerja.models import PengaturanPemda
from skp.models import KegiatanTimeline, StatusTimeline, Timeline
from tests.factories import RealisasiFactory
from umpanbalik import periode
from umpanbalik.selectors import progres

pytestmark = pytest.mark.django_db
D = datetime.date


def _iki(skp):
    with scopes_disabled():
        return [i for r in skp.rhk.order_by("urutan", "id") for i in r.iki.order_by("urutan", "id")]


def _realisasi(skp, iki, nomor, nilai, jenis="bulanan", teks="progres"):
    return RealisasiFactory(
        pemda=skp.pemda, skp=skp, iki=iki, jenis_periode=jenis, nomor_periode=nomor, nilai=nilai, teks=teks
    )


def test_reference_period_is_the_last_month_ended_for_sumedang(sumedang):
    pengaturan = PengaturanPemda.objects.get(pemda=sumedang.sumedang)
    assert progres.periode_acuan(pengaturan, D(2026, 3, 16)) == periode.Periode("bulanan", 2, 2026)
    assert progres.periode_acuan(pengaturan, D(2026, 3, 31)) == periode.Periode("bulanan", 3, 2026)
    # In the first month nothing has ended yet: January itself.
    assert progres.periode_acuan(pengaturan, D(2026, 1, 20)) == periode.Periode("bulanan", 1, 2026)


def test_quarterly_pemda_compares_at_the_end_of_the_last_quarter(sumedang):
    pengaturan = PengaturanPemda.objects.get(pemda=sumedang.sumedang)
    pengaturan.periode_dokumentasi = ["triwulanan", "tahunan"]
    assert progres.periode_acuan(pengaturan, D(2026, 5, 10)) == periode.Periode("triwulanan", 1, 2026)


def test_behind_on_track_and_ahead_against_the_share_expected_by_february(skp_berjalan):
    # Target 4 modul a year; by the end of February 4 * 2/12 = 0.67 is expected.
    a, b, c, d = _iki(skp_berjalan)
    _realisasi(skp_berjalan, a, 2, Decimal("0.3"))  # 45%: behind
    _realisasi(skp_berjalan, b, 2, Decimal("0.67"))  # 100%: on track
    _realisasi(skp_berjalan, c, 2, Decimal("1"))  # 150%: ahead
    hasil = progres.progres_skp(skp_berjalan, tanggal=D(2026, 3, 16))
    status = {p.iki.pk: p.status for p in hasil.iki}
    assert status == {
        a.pk: progres.TERTINGGAL,
        b.pk: progres.SESUAI,
        c.pk: progres.DI_DEPAN,
        d.pk: progres.TERTINGGAL,  # nothing recorded although a month has ended
    }
    baris = {p.iki.pk: p for p in hasil.iki}
    assert baris[a.pk].harapan == Decimal("0.67")
    assert baris[a.pk].persen == 44
    assert "Belum ada realisasi" in baris[d.pk].alasan
    assert hasil.status == progres.TERTINGGAL


def test_the_latest_cumulative_value_counts_not_an_earlier_one(skp_berjalan):
    a = _iki(skp_berjalan)[0]
    _realisasi(skp_berjalan, a, 1, Decimal("0.1"))
    _realisasi(skp_berjalan, a, 2, Decimal("0.7"))
    baris = progres.progres_skp(skp_berjalan, tanggal=D(2026, 3, 16)).iki[0]
    assert baris.realisasi == Decimal("0.7")
    assert baris.periode_realisasi == "Februari 2026"
    assert baris.status == progres.SESUAI


def test_a_value_recorded_for_a_later_period_is_not_compared_with_an_earlier_expectation(skp_berjalan):
    a = _iki(skp_berjalan)[0]
    _realisasi(skp_berjalan, a, 3, Decimal("0.1"))  # March, still running on the 16th
    baris = progres.progres_skp(skp_berjalan, tanggal=D(2026, 3, 16)).iki[0]
    assert baris.realisasi is None
    assert baris.status == progres.TERTINGGAL


def test_superseded_versions_are_ignored(skp_berjalan):
    a = _iki(skp_berjalan)[0]
    lama = _realisasi(skp_berjalan, a, 2, Decimal("3"))
    with scopes_disabled():
        lama.berlaku = False
        lama.save()
    RealisasiFactory(
        pemda=skp_berjalan.pemda, skp=skp_berjalan, iki=a, nomor_periode=2, nilai=Decimal("0.2"), versi=2
    )
    baris = progres.progres_skp(skp_berjalan, tanggal=D(2026, 3, 16)).iki[0]
    assert baris.realisasi == Decimal("0.2")


def test_whole_target_reached_is_ahead_whatever_the_share(skp_berjalan):
    a = _iki(skp_berjalan)[0]
    _realisasi(skp_berjalan, a, 2, Decimal("4"))
    assert progres.progres_skp(skp_berjalan, tanggal=D(2026, 3, 16)).iki[0].status == progres.DI_DEPAN


def test_approved_timeline_months_set_the_expected_share(skp_berjalan):
    a = _iki(skp_berjalan)[0]
    with scopes_disabled():
        timeline = Timeline.objects.create(
            pemda=skp_berjalan.pemda, skp=skp_berjalan, status=StatusTimeline.DISETUJUI
        )
        KegiatanTimeline.objects.create(
            pemda=skp_berjalan.pemda,
            timeline=timeline,
            rhk=a.rhk,
            kegiatan="Pengembangan modul",
            durasi=2,
            bulan=[2, 3, 4, 5],
            tipe_aktivitas="Pengembangan",
            pola_penugasan="Mandiri",
        )
    # One of four planned months has passed by the end of February: 1 modul expected.
    _realisasi(skp_berjalan, a, 2, Decimal("0.7"))
    baris = progres.progres_skp(skp_berjalan, tanggal=D(2026, 3, 16)).iki[0]
    assert baris.harapan == Decimal("1.00")
    assert baris.status == progres.TERTINGGAL


def test_first_month_without_realisasi_is_not_yet_behind(skp_berjalan):
    hasil = progres.progres_skp(skp_berjalan, tanggal=D(2026, 1, 20))
    assert {p.status for p in hasil.iki} == {progres.BELUM_ADA}
    assert hasil.status == progres.BELUM_ADA


def test_realisasi_of_an_older_version_of_the_same_lineage_counts(skp_berjalan):
    """A revision copies the IKI with the same garis; the realisasi stays attached to the old row."""
    from tests.factories import IkiFactory, RhkFactory, SkpFactory

    a = _iki(skp_berjalan)[0]
    _realisasi(skp_berjalan, a, 2, Decimal("1"))
    with scopes_disabled():
        baru = SkpFactory(
            pemda=skp_berjalan.pemda,
            pegawai=skp_berjalan.pegawai,
            jabatan=skp_berjalan.jabatan,
            penilai=skp_berjalan.penilai,
            status="ditetapkan",
            ditetapkan_sebagai="penilai",
            versi=2,
            sebelumnya=skp_berjalan,
        )
        rhk = RhkFactory(pemda=baru.pemda, skp=baru, garis=a.rhk.garis)
        IkiFactory(pemda=baru.pemda, rhk=rhk, garis=a.garis, target_angka=4)
    hasil = progres.progres_skp(baru, tanggal=D(2026, 3, 16))
    assert hasil.iki[0].realisasi == Decimal("1")


def test_kualitatif_indikator_is_on_track_when_the_reference_period_is_recorded(sumedang, hari):
    from tests.skp import bantu

    hari(D(2026, 1, 12))
    skp = bantu.draft(sumedang, pendekatan="kualitatif")
    skp = bantu.sampai_ditetapkan(sumedang, skp, rhk=1, iki=1, kualitatif=True)
    iki = _iki(skp)[0]
    assert progres.progres_skp(skp, tanggal=D(2026, 3, 16)).iki[0].status == progres.TERTINGGAL
    _realisasi(skp, iki, 2, None, teks="Modul berjalan tanpa keluhan pada Februari")
    assert progres.progres_skp(skp, tanggal=D(2026, 3, 16)).iki[0].status == progres.SESUAI
