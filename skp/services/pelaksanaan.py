"""After the SKP: the 12-month timeline approved by the Penilai, and the rencana aksi of each RHK.

Sarolangun Pasal 14 and Bogor Pasal 15: "Setelah SKP ditetapkan, setiap Pegawai wajib menyusun (a) jadwal
rencana kinerja (timeline) selama 12 bulan ... dan (b) rencana aksi dari setiap rencana kinerja"; the timeline
"wajib mendapat persetujuan dari Pejabat Penilai Kinerja". Sumedang has the rencana aksi formats (B.1.1,
B.1.2) and no timeline. Whether a Pemda requires them is PengaturanPemda.wajib_timeline / wajib_rencana_aksi
(skp.selectors.kewajiban_pelaksanaan reports what is missing); where not required they may still be kept.
The Pegawai may prepare both while her SKP is being drafted; the timeline is submitted once it is set.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.services.audit import audit_record

from ..models import (
    KegiatanTimeline,
    RencanaAksi,
    Rhk,
    SatuanDurasi,
    Skp,
    StatusSkp,
    StatusTimeline,
    Timeline,
)
from ._umum import (
    TETAP,
    hari_ini,
    kunci,
    pastikan_berlaku,
    pastikan_pemilik,
    pastikan_penilai,
    pengaturan_untuk,
    pilihan,
    sama_pemda,
    urutan_berikut,
    wajib_teks,
)

TIMELINE_DAPAT_DIUBAH = (StatusTimeline.DRAFT, StatusTimeline.DIKEMBALIKAN)


def _bulan(bulan, skp: Skp) -> list[int]:
    try:
        daftar = sorted({int(b) for b in bulan})
    except (TypeError, ValueError):
        raise ValidationError({"bulan": "Bulan pelaksanaan harus angka 1 sampai 12."}) from None
    if not daftar:
        raise ValidationError({"bulan": "Pilih paling sedikit satu bulan pelaksanaan."})
    awal, akhir = skp.periode_mulai.month, skp.periode_selesai.month
    if any(b < awal or b > akhir for b in daftar):
        raise ValidationError(
            {"bulan": f"Bulan pelaksanaan harus dalam periode SKP (bulan {awal} sampai {akhir})."}
        )
    return daftar


def _kunci_timeline(skp: Skp, by) -> tuple[Skp, Timeline]:
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    pastikan_berlaku(skp)
    timeline, _ = Timeline.objects.get_or_create(pemda_id=skp.pemda_id, skp=skp)
    if timeline.status not in TIMELINE_DAPAT_DIUBAH:
        raise ValidationError(f"Timeline berstatus '{timeline.get_status_display()}' tidak dapat diubah.")
    return skp, timeline


def _rhk_skp(skp: Skp, rhk: Rhk | None) -> Rhk | None:
    if rhk is None:
        return None
    if not Rhk.objects.filter(pk=rhk.pk, skp=skp).exists():
        raise ValidationError({"rhk": "RHK harus dari SKP ini."})
    return rhk


def _isi_kegiatan(
    k: KegiatanTimeline,
    skp: Skp,
    *,
    kegiatan,
    durasi,
    satuan_durasi,
    bulan,
    tipe_aktivitas,
    pola_penugasan,
    rhk,
):
    if kegiatan is not TETAP:
        k.kegiatan = wajib_teks(kegiatan, "kegiatan", "Kegiatan wajib diisi.")
    if durasi is not TETAP:
        try:
            k.durasi = int(durasi)
        except (TypeError, ValueError):
            raise ValidationError({"durasi": "Durasi pengerjaan harus angka."}) from None
        if not 0 < k.durasi <= 366:
            raise ValidationError({"durasi": "Durasi pengerjaan harus 1 sampai 366."})
    if satuan_durasi is not TETAP:
        k.satuan_durasi = pilihan(
            satuan_durasi, SatuanDurasi, "satuan_durasi", "Satuan durasi", boleh_kosong=False
        )
    if bulan is not TETAP:
        k.bulan = _bulan(bulan, skp)
    if tipe_aktivitas is not TETAP:
        k.tipe_aktivitas = wajib_teks(tipe_aktivitas, "tipe_aktivitas", "Tipe aktivitas wajib diisi.")[:100]
    if pola_penugasan is not TETAP:
        k.pola_penugasan = wajib_teks(pola_penugasan, "pola_penugasan", "Pola penugasan wajib diisi.")[:100]
    if rhk is not TETAP:
        k.rhk = _rhk_skp(skp, rhk)


@transaction.atomic
def timeline_kegiatan_tambah(
    *,
    skp: Skp,
    kegiatan: str,
    durasi: int,
    bulan: list[int],
    tipe_aktivitas: str,
    pola_penugasan: str,
    by,
    satuan_durasi: str = SatuanDurasi.HARI,
    rhk: Rhk | None = None,
) -> KegiatanTimeline:
    skp, timeline = _kunci_timeline(skp, by)
    k = KegiatanTimeline(
        pemda_id=skp.pemda_id,
        timeline=timeline,
        urutan=urutan_berikut(KegiatanTimeline.objects.filter(timeline=timeline)),
    )
    _isi_kegiatan(
        k,
        skp,
        kegiatan=kegiatan,
        durasi=durasi,
        satuan_durasi=satuan_durasi,
        bulan=bulan,
        tipe_aktivitas=tipe_aktivitas,
        pola_penugasan=pola_penugasan,
        rhk=rhk,
    )
    k.save()
    audit_record(pemda_id=skp.pemda_id, aksi="timeline_kegiatan_tambah", objek=k, by=by, data={"skp": skp.pk})
    return k


def _kegiatan_milik(kegiatan: KegiatanTimeline, by) -> tuple[Skp, KegiatanTimeline]:
    sama_pemda(by, kegiatan.pemda_id)
    timeline = Timeline.objects.get(pk=kegiatan.timeline_id)
    skp, timeline = _kunci_timeline(Skp.objects.get(pk=timeline.skp_id), by)
    return skp, KegiatanTimeline.objects.get(pk=kegiatan.pk, timeline=timeline)


@transaction.atomic
def timeline_kegiatan_ubah(
    *,
    kegiatan: KegiatanTimeline,
    by,
    uraian=TETAP,
    durasi=TETAP,
    satuan_durasi=TETAP,
    bulan=TETAP,
    tipe_aktivitas=TETAP,
    pola_penugasan=TETAP,
    rhk=TETAP,
) -> KegiatanTimeline:
    skp, k = _kegiatan_milik(kegiatan, by)
    _isi_kegiatan(
        k,
        skp,
        kegiatan=uraian,
        durasi=durasi,
        satuan_durasi=satuan_durasi,
        bulan=bulan,
        tipe_aktivitas=tipe_aktivitas,
        pola_penugasan=pola_penugasan,
        rhk=rhk,
    )
    k.save()
    audit_record(pemda_id=skp.pemda_id, aksi="timeline_kegiatan_ubah", objek=k, by=by, data={"skp": skp.pk})
    return k


@transaction.atomic
def timeline_kegiatan_hapus(*, kegiatan: KegiatanTimeline, by) -> None:
    skp, k = _kegiatan_milik(kegiatan, by)
    audit_record(pemda_id=skp.pemda_id, aksi="timeline_kegiatan_hapus", objek=k, by=by, data={"skp": skp.pk})
    k.delete()


@transaction.atomic
def timeline_ajukan(*, skp: Skp, by) -> Timeline:
    """The Pegawai submits her timeline once the SKP is set (Sarolangun Pasal 14(1), Bogor Pasal 15(1))."""
    skp, timeline = _kunci_timeline(skp, by)
    if skp.status != StatusSkp.DITETAPKAN:
        raise ValidationError("Timeline diajukan setelah SKP ditetapkan.")
    if not KegiatanTimeline.objects.filter(timeline=timeline).exists():
        raise ValidationError("Timeline belum memuat kegiatan.")
    timeline.status = StatusTimeline.DIAJUKAN
    timeline.diajukan_pada = timezone.now()
    timeline.save(update_fields=["status", "diajukan_pada"])
    audit_record(pemda_id=skp.pemda_id, aksi="timeline_ajukan", objek=timeline, by=by, data={"skp": skp.pk})
    return timeline


def _kunci_timeline_penilai(skp: Skp, by) -> tuple[Skp, Timeline, str]:
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    pastikan_berlaku(skp)
    peran, _ = pastikan_penilai(
        skp, by, pengaturan=pengaturan_untuk(skp.pemda_id), tanggal=hari_ini(skp.pemda_id)
    )
    timeline = Timeline.objects.filter(skp=skp).first()
    if timeline is None or timeline.status != StatusTimeline.DIAJUKAN:
        raise ValidationError("Tidak ada timeline yang menunggu persetujuan pada SKP ini.")
    return skp, timeline, peran


@transaction.atomic
def timeline_setujui(*, skp: Skp, by) -> Timeline:
    """The Penilai approves the timeline (Sarolangun Pasal 14(2), Bogor Pasal 15(2))."""
    skp, timeline, peran = _kunci_timeline_penilai(skp, by)
    timeline.status = StatusTimeline.DISETUJUI
    timeline.disetujui_oleh = by
    timeline.disetujui_pada = timezone.now()
    timeline.catatan = ""
    timeline.save(update_fields=["status", "disetujui_oleh", "disetujui_pada", "catatan"])
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="timeline_setujui",
        objek=timeline,
        by=by,
        data={"skp": skp.pk, "peran": peran},
    )
    return timeline


@transaction.atomic
def timeline_kembalikan(*, skp: Skp, by, catatan: str) -> Timeline:
    catatan = wajib_teks(catatan, "catatan", "Tuliskan apa yang perlu diperbaiki pada timeline.")
    skp, timeline, peran = _kunci_timeline_penilai(skp, by)
    timeline.status = StatusTimeline.DIKEMBALIKAN
    timeline.catatan = catatan
    timeline.save(update_fields=["status", "catatan"])
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="timeline_kembalikan",
        objek=timeline,
        by=by,
        alasan=catatan,
        data={"skp": skp.pk, "peran": peran},
    )
    return timeline


# Rencana aksi ---------------------------------------------------------------------------------------------
def _kunci_rhk_pelaksanaan(rhk: Rhk, by) -> tuple[Skp, Rhk]:
    sama_pemda(by, rhk.pemda_id)
    skp = Skp.objects.get(pk=rhk.skp_id)
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    pastikan_berlaku(skp)
    return skp, Rhk.objects.get(pk=rhk.pk, skp=skp)


@transaction.atomic
def rencana_aksi_tambah(*, rhk: Rhk, teks: str, by) -> RencanaAksi:
    skp, rhk = _kunci_rhk_pelaksanaan(rhk, by)
    aksi = RencanaAksi(
        pemda_id=skp.pemda_id,
        rhk=rhk,
        teks=wajib_teks(teks, "teks", "Rencana aksi wajib diisi."),
        urutan=urutan_berikut(RencanaAksi.objects.filter(rhk=rhk)),
    )
    aksi.save()
    audit_record(pemda_id=skp.pemda_id, aksi="rencana_aksi_tambah", objek=aksi, by=by, data={"skp": skp.pk})
    return aksi


@transaction.atomic
def rencana_aksi_ubah(*, rencana_aksi: RencanaAksi, teks: str, by) -> RencanaAksi:
    sama_pemda(by, rencana_aksi.pemda_id)
    skp, rhk = _kunci_rhk_pelaksanaan(Rhk.objects.get(pk=rencana_aksi.rhk_id), by)
    aksi = RencanaAksi.objects.get(pk=rencana_aksi.pk, rhk=rhk)
    aksi.teks = wajib_teks(teks, "teks", "Rencana aksi wajib diisi.")
    aksi.save(update_fields=["teks"])
    audit_record(pemda_id=skp.pemda_id, aksi="rencana_aksi_ubah", objek=aksi, by=by, data={"skp": skp.pk})
    return aksi


@transaction.atomic
def rencana_aksi_hapus(*, rencana_aksi: RencanaAksi, by) -> None:
    sama_pemda(by, rencana_aksi.pemda_id)
    skp, rhk = _kunci_rhk_pelaksanaan(Rhk.objects.get(pk=rencana_aksi.rhk_id), by)
    aksi = RencanaAksi.objects.get(pk=rencana_aksi.pk, rhk=rhk)
    audit_record(pemda_id=skp.pemda_id, aksi="rencana_aksi_hapus", objek=aksi, by=by, data={"skp": skp.pk})
    aksi.delete()
