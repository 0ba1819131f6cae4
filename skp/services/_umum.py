"""What every SKP service does first: the Pemda's settings, today, the lock, and who may act."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max

from dokumen.render import identitas_pegawai
from kinerja.models import Pegawai, PengaturanPemda
from kinerja.selectors.penilai import Rantai

from .. import waktu
from ..models import STATUS_DAPAT_DIUBAH, JenisPemberitahuan, Pemberitahuan, Rhk, Skp, StatusSkp
from ..permissions import peran_penilai, rantai_skp

BELUM_LOGIN = "Masuk terlebih dahulu."
TETAP = object()  # "leave this field as it is" in the *_ubah services


def pilihan(nilai: str, choices, field: str, label: str, *, boleh_kosong: bool = True) -> str:
    nilai = (nilai or "").strip()
    if (nilai == "" and boleh_kosong) or nilai in choices.values:
        return nilai
    raise ValidationError({field: f"{label} tidak dikenal: '{nilai}'."})


def pengaturan_untuk(pemda_id: int) -> PengaturanPemda:
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    if pengaturan is None:
        raise ValidationError("Pengaturan Pemda belum diisi BKPSDM; SKP belum dapat diproses.")
    return pengaturan


def hari_ini(pemda_id: int) -> datetime.date:
    return waktu.hari_ini(pemda_id)


def sama_pemda(by, pemda_id: int):
    """`by` is a logged-in account of this Pemda. Another Pemda's SKP is not hers to touch, whatever her role."""
    if by is None or not by.is_authenticated:
        raise PermissionDenied(BELUM_LOGIN)
    if by.pemda_id != pemda_id:
        raise PermissionDenied("SKP ini bukan milik Pemda Anda.")


def kunci(skp: Skp) -> Skp:
    """The SKP row, locked until the end of the transaction: every change to an SKP or its parts takes it."""
    return Skp.objects.select_for_update(of=("self",)).select_related("pegawai").get(pk=skp.pk)


def pastikan_pemilik(skp: Skp, by):
    sama_pemda(by, skp.pemda_id)
    if by.pegawai_id != skp.pegawai_id:
        raise PermissionDenied("Hanya Pegawai pemilik SKP yang dapat melakukan ini.")


def pastikan_dapat_diubah(skp: Skp):
    if skp.status not in STATUS_DAPAT_DIUBAH:
        raise ValidationError(
            f"SKP berstatus '{skp.get_status_display()}' tidak dapat diubah. Rencana hasil kerja dan indikatornya "
            "hanya dapat diubah selama draf atau setelah dikembalikan Penilai."
        )


def pastikan_berlaku(skp: Skp):
    if skp.status == StatusSkp.DIGANTIKAN:
        raise ValidationError(f"SKP versi {skp.versi} sudah digantikan versi baru dan tidak dapat diubah.")


def pastikan_penilai(
    skp: Skp, by, *, pengaturan: PengaturanPemda, tanggal: datetime.date
) -> tuple[str, Rantai]:
    """The capacity in which `by` acts as the Penilai of `skp` today (skp.permissions.peran_penilai)."""
    sama_pemda(by, skp.pemda_id)
    rantai = rantai_skp(skp, tanggal)
    peran = peran_penilai(
        skp, by, hari_ini=tanggal, bulan_batas=pengaturan.batas_penetapan_skp_bulan, rantai=rantai
    )
    if peran is None:
        raise PermissionDenied(
            "Hanya Pejabat Penilai Kinerja Pegawai ini yang dapat melakukan ini (Kepala Daerah untuk SKP JPT; "
            "atasan Penilai bila SKP belum ditetapkan sampai batas penetapan)."
        )
    return peran, rantai


def set_penilai(skp: Skp, rantai: Rantai):
    """Record the Penilai and Atasan Penilai of `rantai` on the SKP (the caller saves)."""
    if rantai.penilai is None:
        masalah = "; ".join(rantai.masalah) or "rantai penilai kosong"
        raise ValidationError(f"Pejabat Penilai Kinerja Pegawai ini tidak dapat ditentukan ({masalah}).")
    skp.penilai_id = rantai.penilai.pegawai_id
    skp.penilai_kepala_daerah = rantai.penilai.is_kepala_daerah
    skp.penilai_dasar = rantai.penilai.dasar
    atasan = rantai.atasan_penilai
    skp.atasan_penilai_id = atasan.pegawai_id if atasan else None
    skp.atasan_penilai_kepala_daerah = bool(atasan and atasan.is_kepala_daerah)


def identitas(skp: Skp, tanggal: datetime.date) -> dict:
    """The identity blocks printed on the SKP (nama, NIP, pangkat/gol., jabatan, unit kerja)."""
    pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
    kepala_daerah = {
        "nama": (pengaturan.nama_kepala_daerah if pengaturan else "") or "Kepala Daerah",
        "nip": "",
        "pangkat": "",
        "jabatan": pengaturan.jabatan_kepala_daerah if pengaturan else "Kepala Daerah",
        "unit_kerja": pengaturan.nama_instansi if pengaturan else "",
    }
    pegawai = {
        p.pk: p
        for p in Pegawai.objects.filter(
            pk__in=[skp.pegawai_id, skp.penilai_id, skp.atasan_penilai_id]
        ).select_related("golongan")
    }

    def blok(pegawai_id, kd):
        if kd:
            return kepala_daerah
        return identitas_pegawai(pegawai[pegawai_id], tanggal) if pegawai_id in pegawai else {}

    return {
        "pegawai": blok(skp.pegawai_id, False),
        "penilai": blok(skp.penilai_id, skp.penilai_kepala_daerah),
        "atasan_penilai": blok(skp.atasan_penilai_id, skp.atasan_penilai_kepala_daerah),
    }


def urutan_berikut(queryset) -> int:
    return (queryset.aggregate(m=Max("urutan"))["m"] or 0) + 1


def wajib_teks(nilai: str, field: str, pesan: str) -> str:
    nilai = (nilai or "").strip()
    if not nilai:
        raise ValidationError({field: pesan})
    return nilai


def beritahu_pengintervensi(rhk: Rhk, *, jenis: str, pesan: str) -> int:
    """A notice to every Pegawai whose current SKP intervenes this RHK (any version of it: the link follows
    its `garis`). Returns how many were written."""
    penerima = (
        Rhk.objects.filter(intervensi__garis=rhk.garis)
        .exclude(skp__status=StatusSkp.DIGANTIKAN)
        .exclude(skp__pegawai_id=rhk.skp.pegawai_id)
        .values_list("skp__pegawai_id", "skp_id", "pk")
        .order_by("skp__pegawai_id", "skp_id", "pk")
    )
    rows, seen = [], set()
    for pegawai_id, skp_id, rhk_id in penerima:
        if pegawai_id in seen:
            continue
        seen.add(pegawai_id)
        rows.append(
            Pemberitahuan(
                pemda_id=rhk.pemda_id,
                penerima_id=pegawai_id,
                jenis=jenis,
                pesan=pesan,
                skp_id=skp_id,
                rhk_id=rhk_id,
            )
        )
    Pemberitahuan.objects.bulk_create(rows)
    return len(rows)


def pesan_rhk_pimpinan(rhk: Rhk, jenis: str) -> str:
    nama = rhk.skp.pegawai.nama_lengkap
    kata = "dihapus" if jenis == JenisPemberitahuan.RHK_PIMPINAN_DIHAPUS else "diubah"
    return (
        f'RHK pimpinan yang Anda intervensi {kata} oleh {nama} (SKP {rhk.skp.tahun}): "{rhk.teks[:200]}". '
        "Periksa kembali RHK Anda yang mengintervensinya."
    )
