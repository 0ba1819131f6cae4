"""Cetak massal services: who may print what, the counts, the ZIP and DAFTAR.csv read back, and a run that
stops half-way and is resumed (tasks in-process: no Redis needed)."""

import csv
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django_scopes import scopes_disabled

from cetak import services, tasks
from cetak.models import ItemCetak, KelompokCetak, PekerjaanCetak, StatusItem, StatusPekerjaan
from dokumen.models import Dokumen
from evaluasi import documents
from kinerja.scoping import tenant_context
from tests.factories import PeriodeEvaluasiFactory

from . import bantu

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(world):
    return bantu.siapkan(world, menunggu_segel=3)


def buat(world, data, by=None, **kw):
    with tenant_context(world.sumedang.pk):
        return services.buat_pekerjaan(
            pemda_id=world.sumedang.pk, by=by or world.users.admin, periode=data.periode, **kw
        )


def jalankan(world, django_capture_on_commit_callbacks, **kw):
    """Create the job and run it in-process (the eager tasks run after the commit)."""
    with django_capture_on_commit_callbacks(execute=True):
        pekerjaan = buat(world, kw.pop("data"), **kw)
    with scopes_disabled():
        return PekerjaanCetak.objects.get(pk=pekerjaan.pk)


def isi_zip(kelompok) -> tuple[list[str], list[dict]]:
    with zipfile.ZipFile(services.path_berkas(kelompok)) as zf:
        nama = zf.namelist()
        daftar = list(csv.DictReader(io.StringIO(zf.read("DAFTAR.csv").decode("utf-8-sig"))))
        for n in nama:
            if n.endswith(".pdf"):
                assert zf.read(n).startswith(b"%PDF")
    return nama, daftar


def test_bkpsdm_mencetak_seluruh_pemda_satu_zip_per_perangkat_daerah(
    world, data, django_capture_on_commit_callbacks
):
    pekerjaan = jalankan(world, django_capture_on_commit_callbacks, data=data)
    assert pekerjaan.status == StatusPekerjaan.SELESAI
    assert (pekerjaan.jumlah, pekerjaan.selesai, pekerjaan.disegel, pekerjaan.dilewati) == (7, 7, 3, 3)
    with scopes_disabled():
        kelompok = {k.nama: k for k in KelompokCetak.objects.filter(pekerjaan=pekerjaan)}
    assert set(kelompok) == {"Dinas Komunikasi dan Informatika", "BKPSDM"}
    assert all(k.siap and k.berkas for k in kelompok.values())

    nama, daftar = isi_zip(kelompok["Dinas Komunikasi dan Informatika"])
    pdf = sorted(n for n in nama if n.endswith(".pdf"))
    with scopes_disabled():
        dicetak = data.menunggu + data.final
        harapan = sorted(services.nama_pdf(e.pegawai.nip, e.pegawai.nama, "D.1.1") for e in dicetak)
    assert pdf == harapan  # every fully signed document once, named by NIP and name
    assert "DAFTAR.csv" in nama
    per_nip = {b["NIP"]: b for b in daftar}
    assert len(daftar) == 6
    assert per_nip[world.pegawai.nip]["Status"] == "Dicetak"
    assert per_nip[world.pegawai.nip]["Berkas"] in pdf
    assert per_nip[world.rekan.nip]["Status"] == "Tidak dicetak"
    assert "Menunggu tanda tangan" in per_nip[world.rekan.nip]["Keterangan"]
    assert "Rudi Hartono" in per_nip[world.rekan.nip]["Keterangan"]
    assert per_nip[world.penilai.nip]["Keterangan"] == "Belum dinilai"

    nama, daftar = isi_zip(kelompok["BKPSDM"])
    assert nama == ["DAFTAR.csv"]
    assert daftar[0]["NIP"] == world.admin_pegawai.nip
    assert daftar[0]["Keterangan"].startswith("Dikecualikan: Cuti di luar tanggungan")

    # The documents were sealed by the run: their PDFs are the ones in the ZIP, and each sealed once.
    with scopes_disabled():
        for e in data.menunggu:
            assert documents.dokumen_evaluasi(e).final
    assert set(bantu.jumlah_segel(world.sumedang.pk).values()) == {1}


def test_unit_mencetak_unit_dan_sub_unitnya_dalam_satu_zip(world, data, django_capture_on_commit_callbacks):
    pekerjaan = jalankan(world, django_capture_on_commit_callbacks, data=data, unit=world.bidang)
    with scopes_disabled():
        kelompok = list(KelompokCetak.objects.filter(pekerjaan=pekerjaan))
    assert [k.nama for k in kelompok] == ["Bidang Aplikasi Informatika"]
    assert pekerjaan.jumlah == 6  # the seksi's five and the bidang's one; BKPSDM's is outside
    _, daftar = isi_zip(kelompok[0])
    assert world.admin_pegawai.nip not in {b["NIP"] for b in daftar}


def test_penilai_mencetak_pegawainya_saja(world, data, django_capture_on_commit_callbacks):
    pekerjaan = jalankan(
        world, django_capture_on_commit_callbacks, data=data, by=world.users.penilai, milik_penilai=True
    )
    assert pekerjaan.jumlah == 5 and pekerjaan.penilai_id == world.penilai.pk
    with scopes_disabled():
        (kelompok,) = KelompokCetak.objects.filter(pekerjaan=pekerjaan)
    _, daftar = isi_zip(kelompok)
    nip = {b["NIP"] for b in daftar}
    assert world.pegawai.nip in nip and world.penilai.nip not in nip and world.admin_pegawai.nip not in nip


def test_penilai_tidak_dapat_mencetak_pemda_atau_unit(world, data):
    with pytest.raises(PermissionDenied):
        buat(world, data, by=world.users.penilai)
    with pytest.raises(PermissionDenied):
        buat(world, data, by=world.users.penilai, unit=world.seksi)


def test_pegawai_tanpa_pegawai_yang_dinilai_mendapat_pesan(world, data):
    with pytest.raises(ValidationError, match="Tidak ada Pegawai yang Anda nilai"):
        buat(world, data, by=world.users.rekan, milik_penilai=True)


def test_pemda_lain_tidak_dapat_memakai_periode_atau_unit_sumedang(world, data):
    with pytest.raises(PermissionDenied):
        buat(world, data, by=world.users.outsider_admin)
    periode_bogor = PeriodeEvaluasiFactory(pemda=world.bogor, jenis="tahunan", nomor=1, tahun=2026)
    with pytest.raises(ValidationError):
        with tenant_context(world.sumedang.pk):
            services.buat_pekerjaan(pemda_id=world.sumedang.pk, by=world.users.admin, periode=periode_bogor)
    with pytest.raises(ValidationError):
        with tenant_context(world.sumedang.pk):
            services.buat_pekerjaan(
                pemda_id=world.sumedang.pk, by=world.users.admin, periode=data.periode, unit=world.unit_bogor
            )


def test_periode_tanpa_evaluasi_ditolak_dengan_pesan(world):
    kosong = PeriodeEvaluasiFactory(pemda=world.sumedang, jenis="tahunan", nomor=1, tahun=2025)
    with pytest.raises(ValidationError, match="Tidak ada evaluasi"):
        with tenant_context(world.sumedang.pk):
            services.buat_pekerjaan(pemda_id=world.sumedang.pk, by=world.users.admin, periode=kosong)


def test_lanjutkan_pekerjaan_pemda_lain_404(world, data):
    pekerjaan = buat(world, data)
    with tenant_context(world.bogor.pk), pytest.raises(Http404):
        services.lanjutkan(pekerjaan, world.users.outsider_admin)
    with tenant_context(world.sumedang.pk), pytest.raises(Http404):
        services.lanjutkan(pekerjaan, world.users.pegawai)  # not hers


def test_berhenti_di_tengah_lalu_lanjutkan_menyegel_sekali_dan_tidak_ada_yang_hilang(
    world, data, monkeypatch, django_capture_on_commit_callbacks
):
    """The run dies half-way (the third seal raises after the first two committed), then "Lanjutkan":
    every fully signed document is sealed exactly once and every item ends up done."""
    asli = services.proses_item
    panggilan = {"n": 0}

    class WorkerMati(BaseException):
        """Not an Exception: like a killed worker, nothing catches it and the chunk stops."""

    def rusak(item_id, *, pemda_id):
        panggilan["n"] += 1
        if panggilan["n"] == 3:
            raise WorkerMati
        return asli(item_id, pemda_id=pemda_id)

    monkeypatch.setattr(services, "proses_item", rusak)
    with pytest.raises(WorkerMati), django_capture_on_commit_callbacks(execute=True):
        pekerjaan = buat(world, data)
    with scopes_disabled():
        pekerjaan = PekerjaanCetak.objects.get()
        # The four that need no seal were marked done in bulk, two were sealed, the third seal died.
        assert pekerjaan.selesai == 6 and pekerjaan.status == StatusPekerjaan.BERJALAN
        assert ItemCetak.objects.filter(status=StatusItem.ANTRE).count() == 1
        assert not KelompokCetak.objects.filter(
            siap=True, kunci__startswith="pd-" + str(world.dinas.pk)
        ).exists()
    segel_sebelum = bantu.jumlah_segel(world.sumedang.pk)

    monkeypatch.setattr(services, "proses_item", asli)
    with tenant_context(world.sumedang.pk), django_capture_on_commit_callbacks(execute=True):
        services.lanjutkan(pekerjaan, world.users.admin)
    with scopes_disabled():
        pekerjaan.refresh_from_db()
        assert pekerjaan.status == StatusPekerjaan.SELESAI
        assert (pekerjaan.selesai, pekerjaan.disegel, pekerjaan.dilewati) == (7, 3, 3)
        assert not ItemCetak.objects.exclude(status=StatusItem.SELESAI).exists()
        ditunggu = [documents.dokumen_evaluasi(e).pk for e in data.menunggu + data.final]
    segel = bantu.jumlah_segel(world.sumedang.pk)
    assert set(ditunggu) <= set(segel) and set(segel.values()) == {1}
    assert len(segel) > len(segel_sebelum)
    with scopes_disabled():
        kelompok = KelompokCetak.objects.get(kunci=f"pd-{world.dinas.pk}")
    nama, _ = isi_zip(kelompok)
    assert len([n for n in nama if n.endswith(".pdf")]) == 4


def test_item_yang_gagal_dicatat_lalu_diulang(world, data, monkeypatch, django_capture_on_commit_callbacks):
    asli = services.proses_item
    with scopes_disabled():
        dok_rekan = documents.dokumen_evaluasi(data.belum_ttd[0]).pk

    def rusak_sekali(item_id, *, pemda_id):
        with scopes_disabled():
            evaluasi_id = ItemCetak.objects.get(pk=item_id).evaluasi_id
        if evaluasi_id == data.menunggu[0].pk:
            raise RuntimeError("kertas habis")
        return asli(item_id, pemda_id=pemda_id)

    monkeypatch.setattr(services, "proses_item", rusak_sekali)
    pekerjaan = jalankan(world, django_capture_on_commit_callbacks, data=data)
    assert pekerjaan.status == StatusPekerjaan.GAGAL and pekerjaan.gagal == 1
    with scopes_disabled():
        kelompok = KelompokCetak.objects.get(kunci=f"pd-{world.dinas.pk}")
    _, daftar = isi_zip(kelompok)
    baris = next(b for b in daftar if b["NIP"] == world.pegawai.nip)
    assert baris["Status"] == "Gagal" and "kertas habis" in baris["Keterangan"]

    monkeypatch.setattr(services, "proses_item", asli)
    with tenant_context(world.sumedang.pk), django_capture_on_commit_callbacks(execute=True):
        services.lanjutkan(pekerjaan, world.users.admin)
    with scopes_disabled():
        pekerjaan.refresh_from_db()
        kelompok.refresh_from_db()
        assert not Dokumen.objects.get(pk=dok_rekan).final
    assert pekerjaan.status == StatusPekerjaan.SELESAI and pekerjaan.gagal == 0 and pekerjaan.disegel == 3
    nama, daftar = isi_zip(kelompok)
    assert next(b for b in daftar if b["NIP"] == world.pegawai.nip)["Status"] == "Dicetak"
    assert len([n for n in nama if n.endswith(".pdf")]) == 4
    assert set(bantu.jumlah_segel(world.sumedang.pk).values()) == {1}


def test_penyapu_melanjutkan_pekerjaan_yang_macet(world, data, settings, django_capture_on_commit_callbacks):
    pekerjaan = buat(world, data)  # committed in the test transaction; its `mulai` never ran (lost message)
    settings.CETAK_MACET_MENIT = 1
    import datetime

    from django.utils import timezone

    with scopes_disabled():
        PekerjaanCetak.objects.filter(pk=pekerjaan.pk).update(
            diubah_pada=timezone.now() - datetime.timedelta(minutes=5)
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.sapu() == 1
    with scopes_disabled():
        pekerjaan.refresh_from_db()
    assert pekerjaan.status == StatusPekerjaan.SELESAI and pekerjaan.selesai == 7
    assert tasks.sapu() == 0


def test_memproses_item_dua_kali_tidak_menyegel_dua_kali(world, data):
    pekerjaan = buat(world, data)
    with scopes_disabled():
        item = ItemCetak.objects.get(pekerjaan=pekerjaan, evaluasi=data.menunggu[0])
    assert services.proses_item(item.pk, pemda_id=world.sumedang.pk) == "dicetak"
    assert services.proses_item(item.pk, pemda_id=world.sumedang.pk) is None
    with scopes_disabled():
        item.refresh_from_db()
        pekerjaan.refresh_from_db()
    assert item.disegel and pekerjaan.selesai == 1 and pekerjaan.disegel == 1
    assert set(bantu.jumlah_segel(world.sumedang.pk).values()) == {1}


def test_hasil_evaluasi_tanpa_dokumen_c1_semua_tercatat_dengan_alasan(
    world, data, django_capture_on_commit_callbacks
):
    sebelum = bantu.jumlah_segel(world.sumedang.pk)
    pekerjaan = jalankan(world, django_capture_on_commit_callbacks, data=data, jenis="hasil")
    assert pekerjaan.status == StatusPekerjaan.SELESAI
    assert (pekerjaan.selesai, pekerjaan.dilewati, pekerjaan.disegel) == (7, 7, 0)
    with scopes_disabled():
        kelompok = KelompokCetak.objects.get(pekerjaan=pekerjaan, kunci=f"pd-{world.dinas.pk}")
    nama, daftar = isi_zip(kelompok)
    assert nama == ["DAFTAR.csv"] and {b["Status"] for b in daftar} == {"Tidak dicetak"}
    assert bantu.jumlah_segel(world.sumedang.pk) == sebelum  # the D.1.1 waiting for its seal are not touched


def test_pilah_satu_potongan_jumlah_kueri_tetap(world, data, max_queries):
    """The items that need no seal cost a fixed number of queries per chunk, not per Pegawai."""
    pekerjaan = buat(world, data)
    with scopes_disabled():
        ids = list(ItemCetak.objects.filter(pekerjaan=pekerjaan).values_list("pk", flat=True))
    with max_queries(9):  # savepoint, 5 reads, 2 writes, release
        segel = services.pilah(ids, pemda_id=world.sumedang.pk)
    with scopes_disabled():
        assert sorted(segel) == sorted(
            ItemCetak.objects.filter(evaluasi__in=data.menunggu).values_list("pk", flat=True)
        )
        pekerjaan.refresh_from_db()
    assert (pekerjaan.selesai, pekerjaan.dilewati, pekerjaan.disegel) == (4, 3, 0)
