"""Reads of the document engine: the public verification record, the documents of an object."""

import datetime
from dataclasses import dataclass, field

from kinerja.scoping import national_context

from .models import Dokumen, StatusDokumen, TandaTangan


@dataclass(frozen=True)
class TandaTanganPublik:
    judul_peran: str
    nama: str
    jabatan: str
    pada: datetime.datetime | None


@dataclass(frozen=True)
class VerifikasiDokumen:
    """What the public verification page may show: what was signed, nothing else of the Pemda."""

    token: str
    format_kode: str
    judul: str
    nama_pemda: str
    nama_instansi: str
    versi: int
    status: str
    status_label: str
    html_sha256: str
    pdf_sha256: str
    diterbitkan_pada: datetime.datetime
    ditandatangani_pada: datetime.datetime | None
    sertifikat_subjek: str
    sertifikat_sidik_jari: str
    penandatangan: list[TandaTanganPublik] = field(default_factory=list)
    berlaku: bool = True
    versi_terbaru: int | None = None
    token_terbaru: str | None = None


def verifikasi(token) -> VerifikasiDokumen | None:
    """The verification record of the document with this token, or None. Looked up across every Pemda: the
    token is the only key and it is unguessable (UUID4)."""
    # national_context() puts the request's own Pemda back for RLS on the way out (kinerja/scoping.py).
    with national_context():
        ditemukan = list(
            Dokumen.objects.filter(token=token)
            .select_related("sertifikat")
            .defer("html", "pdf", "sertifikat__kunci_pem_terenkripsi", "sertifikat__sertifikat_pem")[:2]
        )
        if len(ditemukan) != 1:
            return None
        dokumen = ditemukan[0]
        from kinerja.models import Pemda, PengaturanPemda

        nama_pemda = Pemda.objects.values_list("nama", flat=True).get(pk=dokumen.pemda_id)
        nama_instansi = (
            PengaturanPemda.objects.filter(pemda_id=dokumen.pemda_id)
            .values_list("nama_instansi", flat=True)
            .first()
            or nama_pemda
        )
        pada = dict(TandaTangan.objects.filter(dokumen=dokumen).values_list("penandatangan_id", "pada"))
        penandatangan = [
            TandaTanganPublik(judul_peran=p.judul_peran, nama=p.nama, jabatan=p.jabatan, pada=pada.get(p.pk))
            for p in dokumen.penandatangan.order_by("urutan")
        ]
        terbaru = dokumen
        for _ in range(1000):  # follow the chain of corrections to the current version
            if terbaru.diganti_oleh_id is None:
                break
            terbaru = Dokumen.objects.only("pk", "versi", "token", "diganti_oleh_id").get(
                pk=terbaru.diganti_oleh_id
            )
        sertifikat = dokumen.sertifikat
        return VerifikasiDokumen(
            token=str(dokumen.token),
            format_kode=dokumen.format_kode,
            judul=dokumen.judul,
            nama_pemda=nama_pemda,
            nama_instansi=nama_instansi,
            versi=dokumen.versi,
            status=dokumen.status,
            status_label=dokumen.get_status_display(),
            html_sha256=dokumen.html_sha256,
            pdf_sha256=dokumen.pdf_sha256,
            diterbitkan_pada=dokumen.diterbitkan_pada,
            ditandatangani_pada=dokumen.ditandatangani_pada,
            sertifikat_subjek=sertifikat.subjek if sertifikat else "",
            sertifikat_sidik_jari=sertifikat.sidik_jari_sha256 if sertifikat else "",
            penandatangan=penandatangan,
            berlaku=dokumen.status != StatusDokumen.DIGANTIKAN,
            versi_terbaru=terbaru.versi if terbaru.pk != dokumen.pk else None,
            token_terbaru=str(terbaru.token) if terbaru.pk != dokumen.pk else None,
        )


def dokumen_objek(objek, format_kode: str | None = None):
    """Every version of the documents of `objek` (newest first), without their HTML and PDF bytes."""
    qs = Dokumen.objects.filter(objek_jenis=objek._meta.label, objek_id=objek.pk).defer("html", "pdf")
    if format_kode:
        qs = qs.filter(format_kode=format_kode)
    return qs.order_by("format_kode", "-versi")


def dokumen_berlaku(objek, format_kode: str) -> Dokumen | None:
    """The current (not superseded) version of `format_kode` for `objek`, if any."""
    return dokumen_objek(objek, format_kode).exclude(status=StatusDokumen.DIGANTIKAN).first()
