"""What goes into the SKP's documents: the formats of the Sumedang lampiran, laid out in templates/dokumen/.

Signed at approval (skp.services.alur): the SKP in its format (A.1.1/A.1.2 for JPT and pimpinan unit kerja
mandiri, A.1.6/A.1.7 for administrasi and fungsional, `Skp.format_kode`) and its Lampiran (A.1.8, "bagian
tidak terpisahkan dari SKP"), both with the Pegawai and the approver as signers. One password confirmation
signs both (`tanda_tangani_skp`).

Printed on demand:
- A.1.3 (manual indikator, JPT) and A.1.5 (matriks pembagian peran dan hasil) have no signer in the text.
  They are working papers that change while the SKP and the subordinates' SKP change, so they are rendered
  for reading and never stored (`pdf_manual_indikator`, `pdf_matriks_peran_hasil`): no write on a GET, no
  version pile-up, no verification page claiming an official status they do not have. The PDF says so where
  the QR code would be.
- B.1.1 (rencana aksi) is signed by the Penilai (DOMAIN.md "Documents"): once the SKP is set, the Penilai
  issues it (`rencana_aksi_terbitkan`) and signs it with her password (`rencana_aksi_tanda_tangani`); anyone
  who may read the SKP can print the current state (`pdf_rencana_aksi`).
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dokumen import render
from dokumen import selectors as dokumen_selectors
from dokumen import services as dokumen_services
from dokumen.models import Dokumen, StatusDokumen
from dokumen.render import tanggal_indonesia
from kinerja.models import UnitKerja

from . import waktu
from .models import JenisSkp, Pendekatan, SifatKonsekuensi, Skp, StatusSkp
from .permissions import skp_visible_to
from .selectors import SkpLengkap, matriks_peran_hasil, skp_lengkap

TEMPLATE = {
    "A.1.1": "dokumen/a_1_1.html",
    "A.1.2": "dokumen/a_1_2.html",
    "A.1.3": "dokumen/a_1_3.html",
    "A.1.5": "dokumen/a_1_5.html",
    "A.1.6": "dokumen/a_1_6.html",
    "A.1.7": "dokumen/a_1_7.html",
    "A.1.8": "dokumen/a_1_8.html",
    "B.1.1": "dokumen/b_1_1.html",
}
LAMPIRAN = "A.1.8"

SUBJUDUL = {
    "A.1.1": (
        "Pendekatan hasil kerja kualitatif",
        "Bagi pejabat pimpinan tinggi dan pimpinan unit kerja mandiri",
    ),
    "A.1.2": (
        "Pendekatan hasil kerja kuantitatif",
        "Bagi pejabat pimpinan tinggi dan pimpinan unit kerja mandiri",
    ),
    "A.1.3": ("SKP pejabat pimpinan tinggi dan pimpinan unit kerja mandiri",),
    "A.1.5": (),
    "A.1.6": ("Pendekatan hasil kerja kualitatif", "Bagi pejabat administrasi dan pejabat fungsional"),
    "A.1.7": ("Pendekatan hasil kerja kuantitatif", "Bagi pejabat administrasi dan pejabat fungsional"),
    "A.1.8": (),
    "B.1.1": (),
}
JUDUL_FORMAT = {
    "A.1.3": "Manual Indikator Kinerja",
    "A.1.5": "Matriks Pembagian Peran dan Hasil",
    "A.1.8": "Lampiran Sasaran Kinerja Pegawai",
    "B.1.1": "Rencana Aksi",
}
KONSEKUENSI = {
    SifatKonsekuensi.POSITIF: "Apabila memenuhi ekspektasi Pimpinan",
    SifatKonsekuensi.NEGATIF: "Apabila tidak memenuhi ekspektasi Pimpinan",
}


def format_skp(skp: Skp) -> str:
    """The format the SKP itself is printed in: jenis (JPT or not) x pendekatan (Sumedang lampiran)."""
    return skp.format_kode


def formats_ditandatangani(skp: Skp) -> tuple[str, str]:
    """The documents the Pegawai signs and the Penilai sets: the SKP and its Lampiran (A.1.8)."""
    return (format_skp(skp), LAMPIRAN)


def judul(skp: Skp, format_kode: str | None = None) -> str:
    """The document's title (what the verification page and the PDF metadata show)."""
    versi = f" (versi {skp.versi})" if skp.versi > 1 else ""
    nama = JUDUL_FORMAT.get(format_kode or "", "Sasaran Kinerja Pegawai")
    return f"{nama} {skp.tahun}{versi}"


# Context ------------------------------------------------------------------------------------------------
def _perangkat_daerah(unit: UnitKerja) -> str:
    """The Perangkat Daerah (the root of the unit's tree), printed as a second letterhead line."""
    if unit.parent_id is None:
        return unit.nama
    root = UnitKerja._base_manager.filter(pk=unit.ancestor_ids[0], pemda_id=unit.pemda_id)
    return root.values_list("nama", flat=True).first() or ""


def _iki(iki) -> dict:
    return {
        "teks": iki.teks,
        "aspek": iki.get_aspek_display() if iki.aspek else "",
        "target": iki.target_tampil or "-",
        "perspektif": iki.get_perspektif_display() if iki.perspektif else "",
    }


def _rhk(rhk, nomor: int) -> dict:
    intervensi_oleh = ""
    if rhk.intervensi_id and rhk.intervensi:
        pimpinan = rhk.intervensi.skp.pegawai
        intervensi_oleh = f"RHK {pimpinan.nama_lengkap}"
    iki = [_iki(i) for i in rhk.iki.all()] or [{"teks": "-", "aspek": "", "target": "-", "perspektif": ""}]
    return {
        "pk": rhk.pk,
        "nomor": nomor,
        "teks": rhk.teks,
        "penugasan_dari": rhk.penugasan_dari,
        "intervensi": rhk.intervensi_teks
        or (rhk.intervensi.teks if rhk.intervensi_id and rhk.intervensi else ""),
        "intervensi_oleh": intervensi_oleh,
        "iki": iki,
        "rencana_aksi": [a.teks for a in rhk.rencana_aksi.all()],
        "manual": [(i, m) for i in rhk.iki.all() for m in i.manual.all()],
    }


def _periode(skp: Skp) -> str:
    return f"{tanggal_indonesia(skp.periode_mulai)} s.d. {tanggal_indonesia(skp.periode_selesai)}"


def konteks_skp(skp: Skp, *, tanggal: datetime.date, lengkap: SkpLengkap | None = None) -> dict:
    """The context of A.1.1/A.1.2/A.1.6/A.1.7, A.1.8, A.1.3 and B.1.1 (each template takes what it prints).
    RHK are numbered on through utama and tambahan, as in the layouts (utama 1, tambahan 2)."""
    lengkap = lengkap or skp_lengkap(skp.pk)
    skp = lengkap.skp
    identitas = skp.identitas or {}
    nomor = 0
    bagian = []
    for nama, daftar in (("A. UTAMA", lengkap.rhk_utama), ("B. TAMBAHAN", lengkap.rhk_tambahan)):
        isi = []
        for rhk in daftar:
            nomor += 1
            isi.append(_rhk(rhk, nomor))
        bagian.append({"nama": nama, "rhk": isi})
    lampiran = lengkap.lampiran
    return {
        "tanggal": tanggal,
        "kop_unit": _perangkat_daerah(skp.unit),
        "periode": _periode(skp),
        "versi_skp": skp.versi,
        "alasan_revisi": skp.alasan_revisi,
        "pegawai": identitas.get("pegawai") or render.identitas_pegawai(skp.pegawai, tanggal),
        "penilai": identitas.get("penilai", {}),
        "jpt": skp.jenis == JenisSkp.JPT,
        "kuantitatif": skp.pendekatan == Pendekatan.KUANTITATIF,
        "bagian": bagian,
        "perilaku": lengkap.perilaku,
        "lampiran": {
            "dukungan_sumber_daya": [
                {"teks": b.teks, "jenis": b.get_jenis_dukungan_display() if b.jenis_dukungan else ""}
                for b in lampiran["dukungan_sumber_daya"]
            ],
            "skema_pertanggungjawaban": [
                {
                    "teks": b.teks,
                    "jadwal": b.get_jadwal_pelaporan_display().lower() if b.jadwal_pelaporan else "",
                    "bukti": b.bukti,
                }
                for b in lampiran["skema_pertanggungjawaban"]
            ],
            "konsekuensi": [
                {"teks": b.teks, "sifat": KONSEKUENSI.get(b.sifat, "")} for b in lampiran["konsekuensi"]
            ],
        },
    }


def _dengan_judul(konteks: dict, format_kode: str) -> dict:
    return {
        **konteks,
        "subjudul": SUBJUDUL[format_kode],
        "judul_format": JUDUL_FORMAT.get(format_kode, "Sasaran Kinerja Pegawai"),
    }


# Issued at approval and signed by the Pegawai and the Penilai ---------------------------------------
def terbitkan_untuk_ditandatangani(
    skp: Skp, *, penandatangan: list, by, tanggal: datetime.date
) -> list[Dokumen]:
    """Issue the SKP (its format) and its Lampiran (A.1.8) for the same signers, in that order. Called by
    skp_setujui inside its transaction; the previous unsigned versions (a return, then a new approval) are
    superseded by the engine."""
    konteks = konteks_skp(skp, tanggal=tanggal)
    return [
        dokumen_services.terbitkan(
            pemda_id=skp.pemda_id,
            format_kode=kode,
            judul=judul(skp, kode),
            objek=skp,
            template=TEMPLATE[kode],
            konteks=_dengan_judul(konteks, kode),
            penandatangan=penandatangan,
            by=by,
        )
        for kode in formats_ditandatangani(skp)
    ]


def dokumen_ditandatangani(skp: Skp) -> list[Dokumen]:
    """The current versions of the SKP document and its Lampiran; ValidationError when one is missing."""
    hasil = [dokumen_selectors.dokumen_berlaku(skp, kode) for kode in formats_ditandatangani(skp)]
    if any(d is None for d in hasil):
        raise ValidationError("Dokumen SKP belum diterbitkan; SKP perlu disetujui Penilai lebih dulu.")
    return hasil


def tanda_tangani_skp(skp: Skp, *, user, password: str) -> list:
    """`user` signs the SKP and its Lampiran with one password confirmation (checked once); both signatures
    commit together or not at all (the caller's transaction)."""
    return dokumen_services.tanda_tangani_semua(
        dokumen=dokumen_ditandatangani(skp), user=user, password=password, by=user
    )


# Printed on demand --------------------------------------------------------------------------------------
def _pastikan_dapat_membaca(skp: Skp, by):
    if by is None or not skp_visible_to(by).filter(pk=skp.pk).exists():
        raise PermissionDenied("Anda tidak dapat melihat SKP ini.")


def _pdf_kerja(
    skp: Skp, format_kode: str, konteks: dict, *, draf: bool = False, penandatangan: list | None = None
) -> bytes:
    """A PDF rendered for reading, never stored: no verification page (the template says so); the blocks of
    `penandatangan` (dicts as dokumen.render.render_html takes them) stay unsigned."""
    html = render.render_html(
        pemda_id=skp.pemda_id,
        template=TEMPLATE[format_kode],
        konteks={
            **_dengan_judul(konteks, format_kode),
            "pratinjau": True,
            "tanggal_cetak": render.waktu_indonesia(timezone.now()),
        },
        format_kode=format_kode,
        judul=judul(skp, format_kode),
        versi=1,
        token=uuid.UUID(int=0),
        penandatangan=penandatangan or [],
        tanggal=konteks.get("tanggal"),
        kop_pemda=render.kop(skp.pemda_id),
    )
    return render.html_ke_pdf(render.tandai_draf(html) if draf else html)


def konteks_manual_indikator(skp: Skp, *, tanggal: datetime.date | None = None) -> dict:
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    konteks = konteks_skp(skp, tanggal=tanggal)
    konteks["ada_manual"] = any(r["manual"] for b in konteks["bagian"] for r in b["rhk"])
    return konteks


def pdf_manual_indikator(skp: Skp, *, by) -> bytes:
    """Format A.1.3 for a JPT's SKP: one manual per IKI that has one. For anyone who may read the SKP."""
    _pastikan_dapat_membaca(skp, by)
    if skp.jenis != JenisSkp.JPT:
        raise ValidationError("Manual indikator kinerja (Format A.1.3) disusun untuk SKP JPT.")
    return _pdf_kerja(skp, "A.1.3", konteks_manual_indikator(skp))


def konteks_matriks(skp: Skp, *, tanggal: datetime.date | None = None) -> dict:
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    matriks = matriks_peran_hasil(skp, tanggal=tanggal)
    pimpinan = skp.identitas.get("pegawai") if skp.identitas else None
    pimpinan = pimpinan or render.identitas_pegawai(skp.pegawai, tanggal)
    baris = [
        {
            "nama": b.pegawai.nama_lengkap,
            "nip": render.format_nip(b.pegawai.nip),
            "jabatan": b.jabatan,
            "sel": [[r.teks for r in b.peran(k)] for k in matriks.kolom],
        }
        for b in matriks.baris
    ]
    return {
        "tanggal": tanggal,
        "kop_unit": _perangkat_daerah(skp.unit),
        "periode": _periode(skp),
        "pimpinan": pimpinan,
        "kolom": [
            {"rhk": k.rhk.teks, "iki": k.iki.teks if k.iki else "", "nomor": n}
            for n, k in enumerate(matriks.kolom, start=1)
        ],
        "baris": baris,
        "tanpa_peran": [k.iki.teks if k.iki else k.rhk.teks for k in matriks.tanpa_peran],
    }


def pdf_matriks_peran_hasil(skp: Skp, *, by) -> bytes:
    """Format A.1.5 of a leader's SKP: her IKI against the RHK of those who intervene them, as of today."""
    _pastikan_dapat_membaca(skp, by)
    return _pdf_kerja(skp, "A.1.5", konteks_matriks(skp))


def pdf_rencana_aksi(skp: Skp, *, by) -> bytes:
    """Format B.1.1: the signed version if the Penilai signed it, else the current state for reading, marked
    DRAF (the Penilai has not signed it)."""
    _pastikan_dapat_membaca(skp, by)
    dokumen = dokumen_selectors.dokumen_berlaku(skp, "B.1.1")
    if dokumen is not None and dokumen.status == StatusDokumen.DITANDATANGANI:
        return dokumen_services.pdf_untuk(dokumen)
    konteks = konteks_skp(skp, tanggal=waktu.hari_ini(skp.pemda_id))
    penilai = konteks["penilai"]
    blok = {
        "urutan": 1,
        "peran": "penilai",
        "judul_peran": "Pejabat Penilai Kinerja",
        "nama": penilai.get("nama", ""),
        "nip": penilai.get("nip", ""),
        "jabatan": penilai.get("jabatan", ""),
    }
    return _pdf_kerja(skp, "B.1.1", konteks, draf=True, penandatangan=[blok])


@transaction.atomic
def rencana_aksi_terbitkan(skp: Skp, *, by) -> Dokumen:
    """The Penilai issues Format B.1.1 of a set SKP for her own signature. A later change of the rencana aksi
    is a new `rencana_aksi_terbitkan` (a new version; the old one stays readable)."""
    from .services._umum import pastikan_penilai, pengaturan_untuk

    tanggal = waktu.hari_ini(skp.pemda_id)
    peran, _ = pastikan_penilai(skp, by, pengaturan=pengaturan_untuk(skp.pemda_id), tanggal=tanggal)
    if skp.status != StatusSkp.DITETAPKAN:
        raise ValidationError("Rencana aksi ditandatangani setelah SKP ditetapkan.")
    konteks = konteks_skp(skp, tanggal=tanggal)
    if not any(r["rencana_aksi"] for b in konteks["bagian"] for r in b["rhk"]):
        raise ValidationError("Belum ada rencana aksi pada SKP ini.")
    return dokumen_services.terbitkan(
        pemda_id=skp.pemda_id,
        format_kode="B.1.1",
        judul=judul(skp, "B.1.1"),
        objek=skp,
        template=TEMPLATE["B.1.1"],
        konteks=_dengan_judul(konteks, "B.1.1"),
        penandatangan=[(peran, by)],
        by=by,
    )


@transaction.atomic
def rencana_aksi_tanda_tangani(skp: Skp, *, by, password: str):
    dokumen = dokumen_selectors.dokumen_berlaku(skp, "B.1.1")
    if dokumen is None:
        raise ValidationError("Rencana aksi (Format B.1.1) belum diterbitkan.")
    return dokumen_services.tanda_tangani(dokumen=dokumen, user=by, password=password, by=by)
