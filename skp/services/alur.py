"""The life of an SKP: draft, ajukan, kembalikan, setujui, tanda tangan Pegawai, tetapkan; revisions and mutations.

Perbup Sumedang 103/2023 Pasal 7 and 14 and its lampiran "Penetapan SKP"; the same Pasal in the other texts
(Bogor Pasal 6 and 13, Sarolangun Pasal 6 and 12, Inhu Pasal 9, 13 and 31). docs/skp.md has the table of who
may do what. The signatures are made by the document engine (dokumen.services): the Penilai's approval issues
the SKP document (A.1.1/A.1.2/A.1.6/A.1.7) and its Lampiran (A.1.8) with the Pegawai and the one who approved as
their signers (skp.documents); the Pegawai signs both with one password confirmation, then the Penilai signs
both, which sets the SKP.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone

from dokumen import selectors as dokumen_selectors
from kinerja.models import JPT, Jabatan, Pegawai, PengaturanPemda, User
from kinerja.permissions import is_admin_bkpsdm
from kinerja.selectors.penilai import rantai_penilai
from kinerja.services.audit import audit_record

from .. import documents
from ..models import (
    STATUS_DAPAT_DIUBAH,
    CatatanSkp,
    JenisPemberitahuan,
    JenisSkp,
    Rhk,
    Skp,
    StatusSkp,
)
from ..selectors import kekurangan_skp, penempatan_pada, pengecualian_perencanaan, perubahan_sejak_penetapan
from ._umum import (
    beritahu_pengintervensi,
    hari_ini,
    identitas,
    kunci,
    pastikan_dapat_diubah,
    pastikan_pemilik,
    pastikan_penilai,
    pengaturan_untuk,
    pesan_rhk_pimpinan,
    sama_pemda,
    set_penilai,
)
from .salin import salin_isi


def jenis_untuk(jabatan: Jabatan) -> str:
    """JPT and pimpinan unit kerja mandiri use Format A.1.1/A.1.2, everyone else A.1.6/A.1.7 (Sumedang lampiran)."""
    return (
        JenisSkp.JPT if jabatan.jenis in JPT or jabatan.pimpinan_unit_kerja_mandiri else JenisSkp.ADMINISTRASI
    )


def cek_pendekatan(pendekatan: str, pengaturan: PengaturanPemda):
    if pendekatan not in pengaturan.pendekatan_hasil_kerja:
        diizinkan = " atau ".join(pengaturan.pendekatan_hasil_kerja) or "-"
        raise ValidationError(
            {
                "pendekatan": f"Pendekatan hasil kerja '{pendekatan}' tidak diizinkan di Pemda ini; yang diizinkan: "
                f"{diizinkan} (pengaturan Pemda, mis. Pasal 7 ayat (5) Perbup Sarolangun 18/2025)."
            }
        )


def _cek_pengecualian(pegawai: Pegawai, tanggal: datetime.date, pengaturan: PengaturanPemda):
    status = pengecualian_perencanaan(pegawai, tanggal, pengaturan)
    if status is not None:
        raise ValidationError(
            f"Perencanaan kinerja tidak berlaku bagi Pegawai yang berstatus '{status.get_status_display()}' "
            f"sejak {status.mulai:%d-%m-%Y} (Inhu Pasal 31 ayat (7); Sumedang lampiran 'Penetapan SKP' angka 7)."
        )


def _periode(tahun: int, penempatan, mulai_paling_awal: datetime.date | None = None):
    mulai = max(datetime.date(tahun, 1, 1), penempatan.mulai, mulai_paling_awal or datetime.date(tahun, 1, 1))
    selesai = datetime.date(tahun, 12, 31)
    if penempatan.selesai is not None:
        selesai = min(selesai, penempatan.selesai)
    if selesai < mulai:
        raise ValidationError(f"Penempatan Pegawai tidak mencakup tahun {tahun}.")
    return mulai, selesai


def _simpan_baru(skp: Skp) -> Skp:
    try:
        with transaction.atomic():
            skp.save()
    except IntegrityError:  # a double click or a second tab: the constraint keeps one
        raise ValidationError(
            f"SKP {skp.tahun} untuk jabatan ini baru saja dibuat. Muat ulang halaman."
        ) from None
    return skp


@transaction.atomic
def skp_buat(*, pegawai: Pegawai, tahun: int, pendekatan: str, by) -> Skp:
    """A new draft SKP of `pegawai` for `tahun`, for the position she holds today.

    Refused for a Pegawai exempt from planning on the day (PengaturanPemda.status_pengecualian_perencanaan and
    her RiwayatStatus), for an approach the Pemda does not allow, and when she already has a live SKP for the
    same position and year. Only the Pegawai herself drafts her SKP.
    """
    sama_pemda(by, pegawai.pemda_id)
    if by.pegawai_id != pegawai.pk:
        raise PermissionDenied("SKP disusun oleh Pegawai yang bersangkutan.")
    pengaturan = pengaturan_untuk(pegawai.pemda_id)
    tanggal = hari_ini(pegawai.pemda_id)
    if tahun not in (tanggal.year, tanggal.year + 1):
        raise ValidationError(
            {"tahun": f"SKP dapat disusun untuk tahun {tanggal.year} atau {tanggal.year + 1}."}
        )
    cek_pendekatan(pendekatan, pengaturan)
    # One creator at a time per Pegawai: the checks below hold until commit.
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    _cek_pengecualian(pegawai, tanggal, pengaturan)
    penempatan = penempatan_pada(pegawai, tanggal)
    if penempatan is None:
        raise ValidationError(
            "Pegawai tidak punya penempatan (jabatan) yang berlaku; SKP disusun untuk jabatan."
        )
    mulai, selesai = _periode(tahun, penempatan)
    hidup = Skp.objects.filter(pegawai=pegawai, tahun=tahun, periode_selesai__gte=mulai).exclude(
        status=StatusSkp.DIGANTIKAN
    )
    sama = hidup.filter(jabatan=penempatan.jabatan).first()
    if sama is not None:
        raise ValidationError(
            f"Sudah ada SKP {tahun} untuk jabatan {penempatan.jabatan.nama} (versi {sama.versi}, status "
            f"'{sama.get_status_display()}'). Lanjutkan SKP itu, atau ajukan revisi bila sudah ditetapkan."
        )
    lama = hidup.filter(status=StatusSkp.DITETAPKAN).exclude(jabatan=penempatan.jabatan).first()
    if lama is not None:
        raise ValidationError(
            f"SKP {tahun} untuk jabatan sebelumnya masih berlaku sampai {lama.periode_selesai:%d-%m-%Y}. "
            "Mulai SKP jabatan baru melalui mutasi, agar SKP lama ditutup pada tanggal pindah."
        )
    skp = Skp(
        pemda_id=pegawai.pemda_id,
        pegawai=pegawai,
        tahun=tahun,
        jenis=jenis_untuk(penempatan.jabatan),
        pendekatan=pendekatan,
        jabatan=penempatan.jabatan,
        unit_id=penempatan.jabatan.unit_id,
        periode_mulai=mulai,
        periode_selesai=selesai,
        dibuat_oleh=by,
    )
    set_penilai(skp, rantai_penilai(pegawai, tanggal))
    skp.identitas = identitas(skp, tanggal)
    _simpan_baru(skp)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_buat",
        objek=skp,
        by=by,
        data={"tahun": tahun, "jabatan": skp.jabatan_id, "penilai": skp.penilai_id, "jenis": skp.jenis},
    )
    return skp


@transaction.atomic
def skp_ubah_pendekatan(*, skp: Skp, pendekatan: str, by) -> Skp:
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    pastikan_dapat_diubah(skp)
    cek_pendekatan(pendekatan, pengaturan_untuk(skp.pemda_id))
    lama = skp.pendekatan
    skp.pendekatan = pendekatan
    skp.save(update_fields=["pendekatan"])
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_ubah_pendekatan",
        objek=skp,
        by=by,
        data={"dari": lama, "ke": pendekatan},
    )
    return skp


@transaction.atomic
def skp_hapus_draft(*, skp: Skp, by, alasan: str = "") -> None:
    """The owner discards a draft that was never approved (a first version, or a revision in progress).
    Subordinates who intervened an RHK of a first version are told; a revision's RHK are copies nobody links to."""
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    pastikan_dapat_diubah(skp)
    if dokumen_selectors.dokumen_objek(skp).exists():
        # An issued document is never deleted and must keep pointing at its SKP.
        raise ValidationError(
            "SKP ini pernah disetujui dan dokumennya sudah diterbitkan; SKP tidak dapat dihapus."
        )
    for rhk in (
        Rhk.objects.filter(skp=skp, diintervensi__isnull=False).select_related("skp__pegawai").distinct()
    ):
        beritahu_pengintervensi(
            rhk,
            jenis=JenisPemberitahuan.RHK_PIMPINAN_DIHAPUS,
            pesan=pesan_rhk_pimpinan(rhk, JenisPemberitahuan.RHK_PIMPINAN_DIHAPUS),
        )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_hapus_draft",
        objek=skp,
        by=by,
        alasan=(alasan or "").strip(),
        data={"tahun": skp.tahun, "versi": skp.versi},
    )
    skp.delete()


@transaction.atomic
def skp_salin_tahun_lalu(*, skp: Skp, by) -> list[Rhk]:
    """Copy the RHK, IKI, manual indikator and lampiran of the Pegawai's SKP of the previous year (the one set
    last; else the latest) to the end of this draft."""
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    pastikan_dapat_diubah(skp)
    sumber = (
        Skp.objects.filter(pegawai_id=skp.pegawai_id, tahun=skp.tahun - 1)
        .exclude(status=StatusSkp.DIGANTIKAN)
        .annotate(urut_status=Q(status=StatusSkp.DITETAPKAN))
        .order_by("-urut_status", "-periode_mulai", "-versi")
        .first()
    )
    if sumber is None:
        raise ValidationError(f"Tidak ada SKP tahun {skp.tahun - 1} yang dapat disalin.")
    baru = salin_isi(sumber, skp, revisi=False)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_salin_tahun_lalu",
        objek=skp,
        by=by,
        data={"sumber": sumber.pk, "rhk": len(baru)},
    )
    return baru


@transaction.atomic
def skp_ajukan(*, skp: Skp, by) -> Skp:
    """The Pegawai submits her draft to the Penilai. Refused while incomplete (skp.selectors.kekurangan_skp:
    at least one RHK utama, every RHK with an IKI, every IKI with a target, the approach allowed)."""
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    if skp.status not in STATUS_DAPAT_DIUBAH:
        raise ValidationError(f"SKP berstatus '{skp.get_status_display()}' tidak dapat diajukan.")
    pengaturan = pengaturan_untuk(skp.pemda_id)
    tanggal = hari_ini(skp.pemda_id)
    _cek_pengecualian(skp.pegawai, tanggal, pengaturan)
    kurang = kekurangan_skp(skp, pengaturan)
    if kurang:
        raise ValidationError(kurang)
    penempatan = penempatan_pada(skp.pegawai, min(tanggal, skp.periode_selesai))
    if penempatan is None or penempatan.jabatan_id != skp.jabatan_id:
        raise ValidationError(
            "Jabatan Anda tidak lagi sama dengan jabatan SKP ini. Susun SKP untuk jabatan yang sekarang."
        )
    # The placement just read holds the SKP's own jabatan (and unit): save()'s same-Pemda check reads them
    # from here instead of one query each (every submit of the January rush).
    skp.jabatan = penempatan.jabatan
    if skp.unit_id == penempatan.jabatan.unit_id:
        skp.unit = penempatan.jabatan.unit
    penilai_lama = (skp.penilai_id, skp.penilai_kepala_daerah)
    set_penilai(skp, rantai_penilai(skp.pegawai, min(tanggal, skp.periode_selesai)))
    skp.status = StatusSkp.DIAJUKAN
    skp.diajukan_pada = timezone.now()
    skp.save(
        update_fields=[
            "status",
            "diajukan_pada",
            "penilai",
            "penilai_kepala_daerah",
            "penilai_dasar",
            "atasan_penilai",
            "atasan_penilai_kepala_daerah",
        ]
    )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_ajukan",
        objek=skp,
        by=by,
        data={
            "versi": skp.versi,
            "penilai": skp.penilai_id,
            "penilai_berganti": penilai_lama != (skp.penilai_id, skp.penilai_kepala_daerah),
        },
    )
    return skp


@transaction.atomic
def skp_kembalikan(*, skp: Skp, by, catatan: str = "", catatan_rhk: dict[int, str] | None = None) -> Skp:
    """The Penilai returns the SKP to the Pegawai with comments, on the whole SKP and/or on single RHK. Possible
    until it is set; a document already issued is superseded when the SKP is approved again."""
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    pengaturan = pengaturan_untuk(skp.pemda_id)
    peran, _ = pastikan_penilai(skp, by, pengaturan=pengaturan, tanggal=hari_ini(skp.pemda_id))
    if skp.status not in (StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, StatusSkp.DITANDATANGANI_PEGAWAI):
        raise ValidationError(f"SKP berstatus '{skp.get_status_display()}' tidak dapat dikembalikan.")
    catatan = (catatan or "").strip()
    try:
        per_rhk = {int(k): (v or "").strip() for k, v in (catatan_rhk or {}).items() if (v or "").strip()}
    except (TypeError, ValueError):
        raise ValidationError({"catatan_rhk": "Catatan per RHK harus menyebut RHK dengan id-nya."}) from None
    if not catatan and not per_rhk:
        raise ValidationError({"catatan": "Tuliskan catatan untuk Pegawai: apa yang perlu diperbaiki."})
    milik = set(Rhk.objects.filter(skp=skp, pk__in=per_rhk).values_list("pk", flat=True))
    if set(per_rhk) - milik:
        raise ValidationError({"catatan_rhk": "Catatan hanya untuk RHK pada SKP ini."})
    putaran = (CatatanSkp.objects.filter(skp=skp).aggregate(m=Max("putaran"))["m"] or 0) + 1
    baris = (
        [CatatanSkp(pemda_id=skp.pemda_id, skp=skp, teks=catatan, penulis=by, putaran=putaran)]
        if catatan
        else []
    )
    baris += [
        CatatanSkp(pemda_id=skp.pemda_id, skp=skp, rhk_id=rhk_id, teks=teks, penulis=by, putaran=putaran)
        for rhk_id, teks in sorted(per_rhk.items())
    ]
    CatatanSkp.objects.bulk_create(baris)
    status_lama = skp.status
    skp.status = StatusSkp.DIKEMBALIKAN
    skp.disetujui_oleh = None
    skp.disetujui_pada = None
    skp.ditandatangani_pegawai_pada = None
    skp.save(update_fields=["status", "disetujui_oleh", "disetujui_pada", "ditandatangani_pegawai_pada"])
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_kembalikan",
        objek=skp,
        by=by,
        alasan=catatan or "; ".join(per_rhk.values()),
        data={"peran": peran, "dari": status_lama, "putaran": putaran, "rhk": sorted(per_rhk)},
    )
    return skp


def _akun_pegawai(pegawai_id: int) -> User:
    akun = User.objects.filter(pegawai_id=pegawai_id, is_active=True).first()
    if akun is None:
        raise ValidationError(
            "Pegawai belum punya akun aktif untuk menandatangani SKP; hubungi admin BKPSDM."
        )
    return akun


@transaction.atomic
def skp_setujui(*, skp: Skp, by) -> Skp:
    """The Penilai (or whoever acts for her, skp.permissions) approves the submitted SKP. Its document is issued
    (dokumen.services.terbitkan) with the Pegawai and the approver as signers, in that order."""
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    pengaturan = pengaturan_untuk(skp.pemda_id)
    tanggal = hari_ini(skp.pemda_id)
    peran, rantai = pastikan_penilai(skp, by, pengaturan=pengaturan, tanggal=tanggal)
    if skp.status != StatusSkp.DIAJUKAN:
        raise ValidationError(f"SKP berstatus '{skp.get_status_display()}' tidak dapat disetujui.")
    kurang = kekurangan_skp(skp, pengaturan)
    if kurang:
        raise ValidationError(kurang)
    akun_pegawai = _akun_pegawai(skp.pegawai_id)
    set_penilai(skp, rantai)
    skp.identitas = identitas(skp, tanggal)
    # What the Pegawai signs shows the leader's RHK as they read now.
    for rhk in Rhk.objects.filter(skp=skp, intervensi__isnull=False).select_related("intervensi"):
        if rhk.intervensi_teks != rhk.intervensi.teks:
            rhk.intervensi_teks = rhk.intervensi.teks
            rhk.save(update_fields=["intervensi_teks"])
    skp.status = StatusSkp.DISETUJUI
    skp.disetujui_oleh = by
    skp.disetujui_pada = timezone.now()
    skp.save()
    dokumen = documents.terbitkan_untuk_ditandatangani(
        skp, penandatangan=[("pegawai", akun_pegawai), (peran, by)], by=by, tanggal=tanggal
    )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_setujui",
        objek=skp,
        by=by,
        data={
            "peran": peran,
            "versi": skp.versi,
            "dokumen": [d.pk for d in dokumen],
            "format": [d.format_kode for d in dokumen],
        },
    )
    return skp


@transaction.atomic
def skp_tanda_tangan_pegawai(*, skp: Skp, by, password: str) -> Skp:
    """The Pegawai signs her approved SKP, confirming with her password (Pasal 14(3) Sumedang)."""
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    if skp.status != StatusSkp.DISETUJUI:
        raise ValidationError(f"SKP berstatus '{skp.get_status_display()}' tidak menunggu tanda tangan Anda.")
    # One password confirmation signs the SKP and its Lampiran (A.1.8).
    dokumen = documents.dokumen_ditandatangani(skp)
    documents.tanda_tangani_skp(skp, user=by, password=password)
    skp.status = StatusSkp.DITANDATANGANI_PEGAWAI
    skp.ditandatangani_pegawai_pada = timezone.now()
    skp.save(update_fields=["status", "ditandatangani_pegawai_pada"])
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_tanda_tangan_pegawai",
        objek=skp,
        by=by,
        data={"dokumen": [d.pk for d in dokumen]},
    )
    return skp


@transaction.atomic
def skp_tetapkan(*, skp: Skp, by, password: str) -> Skp:
    """The Penilai sets the SKP the Pegawai signed, confirming with her password (Pasal 14(3) Sumedang; for JPT
    the Kepala Daerah, lampiran "Penetapan SKP" angka 2). A revision replaces its previous version now: the
    previous version stays readable, marked digantikan."""
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    pengaturan = pengaturan_untuk(skp.pemda_id)
    peran, _ = pastikan_penilai(skp, by, pengaturan=pengaturan, tanggal=hari_ini(skp.pemda_id))
    if skp.status != StatusSkp.DITANDATANGANI_PEGAWAI:
        raise ValidationError(f"SKP berstatus '{skp.get_status_display()}' belum dapat ditetapkan.")
    dokumen = documents.dokumen_ditandatangani(skp)
    penandatangan = dokumen[0].penandatangan.order_by("-urutan").first()
    if penandatangan is None or penandatangan.user_id != by.pk:
        raise PermissionDenied(
            f"Dokumen SKP ini disetujui untuk ditandatangani {penandatangan.nama if penandatangan else '-'}. "
            "Kembalikan lalu setujui ulang untuk menetapkannya sendiri."
        )
    documents.tanda_tangani_skp(skp, user=by, password=password)
    sekarang = timezone.now()
    skp.status = StatusSkp.DITETAPKAN
    skp.ditetapkan_oleh = by
    skp.ditetapkan_sebagai = peran
    skp.ditetapkan_pada = sekarang
    skp.save(update_fields=["status", "ditetapkan_oleh", "ditetapkan_sebagai", "ditetapkan_pada"])
    diganti = None
    if skp.sebelumnya_id:
        diganti = Skp.objects.select_for_update(of=("self",)).get(pk=skp.sebelumnya_id)
        diganti.status = StatusSkp.DIGANTIKAN
        diganti.digantikan_pada = sekarang
        diganti.save(update_fields=["status", "digantikan_pada"])
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_tetapkan",
        objek=skp,
        by=by,
        data={
            "peran": peran,
            "versi": skp.versi,
            "dokumen": [d.pk for d in dokumen],
            "menggantikan": diganti and diganti.pk,
        },
    )
    return skp


@transaction.atomic
def skp_revisi(*, skp: Skp, by, alasan: str) -> Skp:
    """Penyesuaian ekspektasi (Pasal 14(2) and 19(3)(a) Sumedang): a new version of a set SKP, as a draft with
    a copy of every part. The set version stays in force until the new one is set (skp_tetapkan)."""
    sama_pemda(by, skp.pemda_id)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Sebutkan alasan penyesuaian ekspektasi."})
    skp = kunci(skp)
    pengaturan = pengaturan_untuk(skp.pemda_id)
    tanggal = hari_ini(skp.pemda_id)
    if by.pegawai_id != skp.pegawai_id:
        pastikan_penilai(skp, by, pengaturan=pengaturan, tanggal=tanggal)
    if skp.status != StatusSkp.DITETAPKAN:
        raise ValidationError("Hanya SKP yang sudah ditetapkan dan masih berlaku yang dapat direvisi.")
    if skp.periode_selesai < tanggal:
        raise ValidationError("Periode SKP ini sudah berakhir; SKP tidak dapat direvisi lagi.")
    berjalan = Skp.objects.filter(sebelumnya=skp).first()
    if berjalan is not None:
        raise ValidationError(
            f"Revisi SKP ini (versi {berjalan.versi}) sedang disusun; lanjutkan atau hapus revisi itu dulu."
        )
    baru = Skp(
        pemda_id=skp.pemda_id,
        pegawai_id=skp.pegawai_id,
        tahun=skp.tahun,
        jenis=skp.jenis,
        pendekatan=skp.pendekatan,
        jabatan_id=skp.jabatan_id,
        unit_id=skp.unit_id,
        periode_mulai=skp.periode_mulai,
        periode_selesai=skp.periode_selesai,
        versi=skp.versi + 1,
        sebelumnya=skp,
        alasan_revisi=alasan,
        asal_mutasi_id=skp.asal_mutasi_id,
        dibuat_oleh=by,
    )
    set_penilai(baru, rantai_penilai(skp.pegawai, min(tanggal, skp.periode_selesai)))
    baru.identitas = identitas(baru, tanggal)
    _simpan_baru(baru)
    salin_isi(skp, baru, revisi=True)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_revisi",
        objek=baru,
        by=by,
        alasan=alasan,
        data={"sebelumnya": skp.pk, "versi": baru.versi},
    )
    return baru


@transaction.atomic
def skp_mulai_mutasi(*, skp: Skp, by, salin_isi_lama: bool = False) -> Skp:
    """Start the SKP of the new position (or with the new Penilai) when either changed after `skp` was set
    (Sumedang lampiran "Penetapan SKP" angka 5 and 6; Inhu Pasal 31(5)(6)). The old SKP stays, its period
    ending the day before; the new one is a draft from that day to the end of the year, empty unless
    `salin_isi_lama` (useful when only the Penilai changed).

    By the Pegawai, the BKPSDM admin, or the system (`by=None`, e.g. after a placement is recorded).
    """
    if by is not None:
        sama_pemda(by, skp.pemda_id)
        if by.pegawai_id != skp.pegawai_id and not is_admin_bkpsdm(by):
            raise PermissionDenied(
                "Hanya Pegawai yang bersangkutan atau admin BKPSDM yang dapat memulai SKP baru."
            )
    skp = kunci(skp)
    pengaturan = pengaturan_untuk(skp.pemda_id)
    tanggal = hari_ini(skp.pemda_id)
    if skp.status != StatusSkp.DITETAPKAN:
        raise ValidationError(
            "SKP baru karena mutasi dimulai dari SKP yang sudah ditetapkan dan masih berlaku."
        )
    perubahan = perubahan_sejak_penetapan(skp, tanggal)
    if perubahan is None:
        raise ValidationError("Jabatan dan Penilai Pegawai tidak berubah sejak SKP ini ditetapkan.")
    if perubahan.penempatan is None:
        raise ValidationError("Pegawai tidak punya penempatan yang berlaku; SKP baru belum dapat dimulai.")
    mulai = perubahan.tanggal
    if mulai <= skp.periode_mulai or mulai > skp.periode_selesai:
        raise ValidationError(
            f"Perubahan berlaku {mulai:%d-%m-%Y}, di luar periode SKP ini "
            f"({skp.periode_mulai:%d-%m-%Y} s.d. {skp.periode_selesai:%d-%m-%Y})."
        )
    _cek_pengecualian(skp.pegawai, tanggal, pengaturan)
    lama_selesai = skp.periode_selesai
    # Every live version of the old SKP (a revision in progress too) ends the day before.
    Skp.objects.filter(
        pegawai_id=skp.pegawai_id, tahun=skp.tahun, jabatan_id=skp.jabatan_id, periode_mulai=skp.periode_mulai
    ).exclude(status=StatusSkp.DIGANTIKAN).update(periode_selesai=mulai - datetime.timedelta(days=1))
    jabatan = perubahan.penempatan.jabatan
    _, selesai = _periode(skp.tahun, perubahan.penempatan)
    pendekatan = skp.pendekatan
    if pendekatan not in pengaturan.pendekatan_hasil_kerja:
        pendekatan = pengaturan.pendekatan_hasil_kerja[0]
    baru = Skp(
        pemda_id=skp.pemda_id,
        pegawai_id=skp.pegawai_id,
        tahun=skp.tahun,
        jenis=jenis_untuk(jabatan),
        pendekatan=pendekatan,
        jabatan=jabatan,
        unit_id=jabatan.unit_id,
        periode_mulai=mulai,
        periode_selesai=selesai,
        asal_mutasi=skp,
        dibuat_oleh=by,
    )
    set_penilai(baru, perubahan.rantai)
    baru.identitas = identitas(baru, tanggal)
    _simpan_baru(baru)
    if salin_isi_lama:
        salin_isi(skp, baru, revisi=False)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="skp_mulai_mutasi",
        objek=baru,
        by=by,
        alasan=perubahan.alasan,
        data={
            "asal": skp.pk,
            "periode_lama_selesai": [str(lama_selesai), str(mulai - datetime.timedelta(days=1))],
            "jabatan_berubah": perubahan.jabatan_berubah,
            "penilai_berubah": perubahan.penilai_berubah,
        },
    )
    return baru
