"""The documents of the evaluation: Formats C.1.1-C.1.3 (hasil evaluasi) and D.1.1-D.1.3 (dokumen evaluasi) of
the Sumedang lampiran, issued through the document engine (dokumen.services) on the Evaluasi row.

- C.1.x (`format_hasil`): C.1.1 kualitatif, C.1.2 kuantitatif for JPT and pimpinan unit kerja mandiri (not in the
  text: built like B.1.4 plus the ratings, DOMAIN.md), C.1.3 kuantitatif for administrasi and fungsional. It
  carries the capaian organisasi, the pola distribusi chart, the realisasi and feedback per RHK, the perilaku
  with its feedback, both ratings and the predikat. Signed by the evaluator (Penilai, or the Atasan Penilai).
- D.1.1 (the Penilai, then the Pegawai) / D.1.2 (the Atasan Penilai, then the Pegawai; final).
- D.1.3 after a keberatan the Atasan decided to change: the keberatan, the Penilai's explanation, the decision
  and the new recommendation; signed by the Atasan Penilai, the Penilai, then the Pegawai.

Reading copies (`pdf_*`) are for whoever may see the evaluation (evaluasi.permissions) and are never stored: the
issued current version as stored when signed, its frozen preview while signatures are awaited, otherwise the
current data marked DRAF; `versi` reads an older version. `pdf_bundel` is the pelaporan berjenjang (Tindak
Lanjut angka 2): the dokumen evaluasi, the hasil evaluasi and the SKP as ONE PDF. Each context builder runs a
fixed number of queries whatever the number of RHK, IKI, realisasi, bukti or feedback.
"""

import dataclasses
import datetime
import io
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from dokumen import render
from dokumen import selectors as dokumen_selectors
from dokumen import services as dokumen_services
from dokumen.models import Dokumen, Peran
from kinerja.models import PengaturanPemda, User
from skp.models import JenisSkp, Pendekatan
from umpanbalik.documents import _angka, _umpan_balik_cetak
from umpanbalik.models import Realisasi
from umpanbalik.periode import PANJANG, Periode

from . import grafik
from .models import Evaluasi, JenisPeriode, Keberatan, PredikatOrganisasi
from .permissions import evaluasi_visible_to
from .selectors.bahan import bahan as bahan_evaluasi

TEMPLATE = {
    "C.1.1": "dokumen/c_1_1.html",
    "C.1.2": "dokumen/c_1_2.html",
    "C.1.3": "dokumen/c_1_3.html",
    "D.1.1": "dokumen/d_1.html",
    "D.1.2": "dokumen/d_1.html",
    "D.1.3": "dokumen/d_1.html",
}
FORMAT_DOKUMEN = ("D.1.1", "D.1.2")
FORMAT_HASIL = ("C.1.1", "C.1.2", "C.1.3")
SUBJUDUL = {
    "C.1.1": ("Pendekatan hasil kerja kualitatif",),
    "C.1.2": (
        "Pendekatan hasil kerja kuantitatif",
        "Bagi pejabat pimpinan tinggi dan pimpinan unit kerja mandiri",
    ),
    "C.1.3": ("Pendekatan hasil kerja kuantitatif", "Bagi pejabat administrasi dan pejabat fungsional"),
}
JUDUL_FORMAT = {
    **{k: "Hasil Evaluasi Kinerja Pegawai" for k in FORMAT_HASIL},
    "D.1.1": "Dokumen Evaluasi Kinerja Pegawai",
    "D.1.2": "Dokumen Evaluasi Kinerja Pegawai",
    "D.1.3": "Dokumen Evaluasi Kinerja Pegawai",
}


def format_hasil(evaluasi: Evaluasi) -> str:
    skp = evaluasi.skp
    if skp is None or skp.pendekatan == Pendekatan.KUALITATIF:
        return "C.1.1"
    return "C.1.2" if skp.jenis == JenisSkp.JPT else "C.1.3"


def format_dokumen(evaluasi: Evaluasi) -> str:
    return "D.1.2" if evaluasi.oleh_atasan else "D.1.1"


def _pengaturan(pemda_id: int) -> PengaturanPemda | None:
    return PengaturanPemda.objects.filter(pemda_id=pemda_id).first()


def _kepala_daerah(pengaturan: PengaturanPemda | None) -> dict:
    p = pengaturan
    return {
        "nama": (p.nama_kepala_daerah if p else "") or "Kepala Daerah",
        "nip": "",
        "pangkat": "",
        "jabatan": (p.jabatan_kepala_daerah if p else "") or "Kepala Daerah",
        "unit_kerja": p.nama_instansi if p else "",
    }


def identitas(evaluasi: Evaluasi, *, pengaturan: PengaturanPemda | None = None) -> dict:
    """Identity blocks on the period's last day (nama, NIP, pangkat/gol., jabatan, unit kerja)."""
    tanggal = evaluasi.periode.selesai
    from kinerja.models import Pegawai

    orang = {
        p.pk: p
        for p in Pegawai.objects.filter(
            pk__in=[evaluasi.pegawai_id, evaluasi.penilai_id, evaluasi.atasan_penilai_id]
        ).select_related("golongan")
    }
    kd = None

    def blok(pid, kepala_daerah):
        nonlocal kd
        if kepala_daerah:
            if kd is None:
                kd = _kepala_daerah(pengaturan or _pengaturan(evaluasi.pemda_id))
            return kd
        return render.identitas_pegawai(orang[pid], tanggal) if pid in orang else {}

    return {
        "pegawai": blok(evaluasi.pegawai_id, False),
        "penilai": blok(evaluasi.penilai_id, evaluasi.penilai_kepala_daerah),
        "atasan_penilai": blok(evaluasi.atasan_penilai_id, evaluasi.atasan_penilai_kepala_daerah),
    }


def periode_format(periode: Periode) -> str:
    """The "PERIODE:" line of C.1.x/D.1.x ("TRIWULAN I/II/III/IV-AKHIR", by the Pemda's period)."""
    if periode.jenis == JenisPeriode.TAHUNAN:
        return f"AKHIR TAHUN {periode.tahun}"
    if periode.jenis == JenisPeriode.BULANAN:
        return f"BULAN {periode.label.upper()}"
    return periode.label.upper()


def _periode_teks(evaluasi: Evaluasi) -> dict:
    p = evaluasi.periode.periode
    return {
        "periode_format": periode_format(p),
        "periode": f"{render.tanggal_indonesia(p.mulai)} s.d. {render.tanggal_indonesia(p.selesai)}",
    }


def _capaian(evaluasi: Evaluasi, pengaturan) -> tuple[str, str]:
    """(predikat, keterangan) of the capaian organisasi: as recorded when the evaluator signed, else as it
    stands now (a reading copy before signing)."""
    if evaluasi.capaian_organisasi:
        return evaluasi.capaian_organisasi, evaluasi.capaian_keterangan
    from .selectors.capaian import capaian_untuk

    c = capaian_untuk(evaluasi, pengaturan=pengaturan)
    return c.predikat, c.keterangan


def _label_capaian(predikat: str) -> str:
    return PredikatOrganisasi(predikat).label if predikat else ""


# Hasil evaluasi C.1.x -----------------------------------------------------------------------------------
@dataclasses.dataclass
class RealisasiPeriode:
    nilai: str
    teks: str
    periode: str
    bukti: list[str]


def _realisasi_periode(evaluasi: Evaluasi) -> dict:
    """Per IKI line (garis) the realisasi of the evaluation period with its bukti dukung: the period's own,
    else the latest finer one inside it. Matched on the line, since it may hang off an older SKP version."""
    if evaluasi.skp_id is None:
        return {}
    periode = evaluasi.periode.periode
    terpilih: dict = {}
    for r in (
        Realisasi.objects.filter(berlaku=True, skp__pegawai_id=evaluasi.pegawai_id, skp__tahun=periode.tahun)
        .select_related("iki")
        .prefetch_related("bukti")
    ):
        if r.jenis_periode not in PANJANG:
            continue
        try:
            p = Periode(r.jenis_periode, r.nomor_periode, periode.tahun)
        except (ValueError, IndexError):
            continue
        if p.mulai < periode.mulai or p.selesai > periode.selesai:
            continue
        kunci = (p.selesai, PANJANG[p.jenis])
        if r.iki.garis not in terpilih or kunci > terpilih[r.iki.garis][0]:
            terpilih[r.iki.garis] = (kunci, p, r)
    hasil = {}
    for garis, (_, p, r) in terpilih.items():
        nilai = f"{_angka(r.nilai)} {r.iki.target_satuan}".strip() if r.nilai is not None else ""
        bukti = [
            (b.nama_berkas or b.tautan) + (f" ({b.keterangan})" if b.keterangan else "")
            for b in r.bukti.all()
        ]
        hasil[garis] = RealisasiPeriode(nilai, r.teks, p.label, bukti)
    return hasil


def _intervensi(rhk_ids: list[int]) -> dict[int, tuple[str, str]]:
    from skp.models import Rhk

    hasil = {}
    for rhk in Rhk.objects.filter(pk__in=rhk_ids).select_related("intervensi__skp__pegawai"):
        teks = rhk.intervensi_teks or (rhk.intervensi.teks if rhk.intervensi_id else "")
        oleh = f"RHK {rhk.intervensi.skp.pegawai.nama_lengkap}" if rhk.intervensi_id else ""
        hasil[rhk.pk] = (teks, oleh)
    return hasil


def _catatan_evaluator(teks: str, judul: str) -> list[dict]:
    teks = (teks or "").strip()
    if not teks:
        return []
    return [
        {
            "peran": judul,
            "nama": "",
            "anonim": False,
            "jenis": "evaluasi",
            "cara": "",
            "tanggal": "",
            "teks": teks,
            "evaluator": True,
        }
    ]


def konteks_hasil(evaluasi: Evaluasi, *, tanggal: datetime.date | None = None) -> dict:
    """Everything C.1.1-C.1.3 print, in a fixed number of queries."""
    from .selectors.distribusi import distribusi_unit

    pengaturan = _pengaturan(evaluasi.pemda_id)
    anonim = bool(pengaturan and pengaturan.umpan_balik_rekan_anonim)
    kode = format_hasil(evaluasi)
    b = bahan_evaluasi(evaluasi)
    capaian, capaian_keterangan = _capaian(evaluasi, pengaturan)
    distribusi = distribusi_unit(evaluasi.periode, evaluasi.unit_id, capaian, pengaturan)
    realisasi = _realisasi_periode(evaluasi)
    intervensi = _intervensi([r.rhk.pk for r in b.rhk]) if kode == "C.1.3" else {}
    judul_evaluator = "Atasan Pejabat Penilai Kinerja" if evaluasi.oleh_atasan else "Pejabat Penilai Kinerja"
    catatan_hasil = evaluasi.catatan_hasil or {}
    catatan_perilaku = evaluasi.catatan_perilaku or {}

    nomor = 0
    bagian = []
    for nama, daftar in (("A. UTAMA", b.utama), ("B. TAMBAHAN", b.tambahan)):
        isi = []
        for r in daftar:
            nomor += 1
            baris = []
            for i in r.iki:
                iki = i.iki
                harapan = ""
                if i.harapan is not None and iki.target_angka is not None:
                    harapan = f"{_angka(i.harapan)} {iki.target_satuan}".strip()
                baris.append(
                    {
                        "teks": iki.teks,
                        "aspek": iki.get_aspek_display() if iki.aspek else "",
                        "perspektif": iki.get_perspektif_display() if iki.perspektif else "",
                        "target": iki.target_tampil or "-",
                        "capaian": f"{_angka(i.realisasi)} {iki.target_satuan}".strip()
                        if i.realisasi is not None
                        else "",
                        "harapan": harapan,
                        "persen": i.persen,
                        "rating": i.rating_label,
                        "alasan": i.alasan,
                        "realisasi": realisasi.get(iki.garis),
                    }
                )
            if not baris:
                baris = [{"teks": "-", "aspek": "", "perspektif": "", "target": "-", "realisasi": None}]
            aa = r.ambil_alih
            teks_intervensi, intervensi_oleh = intervensi.get(r.rhk.pk, ("", ""))
            isi.append(
                {
                    "nomor": nomor,
                    "teks": r.rhk.teks,
                    "penugasan_dari": r.rhk.penugasan_dari,
                    "intervensi": teks_intervensi,
                    "intervensi_oleh": intervensi_oleh,
                    "baris": baris,
                    "baris_total": len(baris),
                    "rating": r.rating_label,
                    "ambil_alih": {
                        "tanggal": render.tanggal_indonesia(aa.tanggal),
                        "catatan": aa.catatan,
                    }
                    if aa
                    else None,
                    "umpan_balik": _catatan_evaluator(
                        catatan_hasil.get(str(r.rhk.garis), ""), judul_evaluator
                    )
                    + [_umpan_balik_cetak(u, anonim) for u in r.umpan_balik],
                    "bukti": sum(len(x["realisasi"].bukti) for x in baris if x.get("realisasi")),
                }
            )
        bagian.append({"nama": nama, "rhk": isi})
    perilaku = [
        {
            "kode": p.kode,
            "nama": p.label,
            "baris": p.panduan,
            "ekspektasi_khusus": p.ekspektasi_khusus,
            "umpan_balik": _catatan_evaluator(catatan_perilaku.get(p.kode, ""), judul_evaluator)
            + [_umpan_balik_cetak(u, anonim) for u in p.umpan_balik],
        }
        for p in b.perilaku
    ]
    tugas_belajar = None
    if evaluasi.tugas_belajar:
        tugas_belajar = {
            "ipk": _angka(evaluasi.ipk) if evaluasi.ipk is not None else "",
            "jenjang": evaluasi.get_jenjang_display() if evaluasi.jenjang else "",
            "lokasi": evaluasi.get_lokasi_studi_display() if evaluasi.lokasi_studi else "",
            "akreditasi": evaluasi.akreditasi_institusi,
            "kelulusan": evaluasi.get_kelulusan_display() if evaluasi.kelulusan else "",
            "saran": b.saran_label,
            "alasan": b.saran_alasan,
        }
    return {
        **identitas(evaluasi, pengaturan=pengaturan),
        **_periode_teks(evaluasi),
        "judul_format": JUDUL_FORMAT[kode],
        "subjudul": SUBJUDUL[kode],
        "evaluasi": evaluasi,
        "bahan": b,
        "capaian": _label_capaian(capaian),
        "capaian_keterangan": capaian_keterangan,
        "distribusi": distribusi,
        "grafik_distribusi": grafik.svg_distribusi(distribusi),
        "bagian": bagian,
        "perilaku": perilaku,
        "umpan_balik_umum": [_umpan_balik_cetak(u, anonim) for u in b.umpan_balik_umum],
        "jumlah_bukti": b.bukti,
        "tugas_belajar": tugas_belajar,
        "saran_hasil": b.saran_label,
        "kuantitatif": kode != "C.1.1",
        "jpt": kode == "C.1.2",
        "judul_evaluator": judul_evaluator,
        "tanggal": tanggal or timezone.localdate(),
    }


# Dokumen evaluasi D.1.x ---------------------------------------------------------------------------------
def _label(choices, nilai: str) -> str:
    return choices(nilai).label if nilai else ""


def konteks_dokumen(evaluasi: Evaluasi, *, keberatan: Keberatan | None = None, tanggal=None) -> dict:
    """D.1.1/D.1.2, and with `keberatan` D.1.3 (items 6-8; the predikat as decided, the former one beside it)."""
    from .models import Predikat, Rating

    pengaturan = _pengaturan(evaluasi.pemda_id)
    capaian, capaian_keterangan = _capaian(evaluasi, pengaturan)
    kode = "D.1.3" if keberatan is not None else format_dokumen(evaluasi)
    perubahan = None
    predikat = evaluasi.get_predikat_display()
    if keberatan is not None:
        perubahan = {
            "predikat_semula": _label(Predikat, keberatan.predikat_semula),
            "predikat_baru": _label(Predikat, keberatan.predikat_baru),
            "hasil_semula": _label(Rating, keberatan.rating_hasil_semula),
            "hasil_baru": _label(Rating, keberatan.rating_hasil_baru),
            "perilaku_semula": _label(Rating, keberatan.rating_perilaku_semula),
            "perilaku_baru": _label(Rating, keberatan.rating_perilaku_baru),
            "diputus_pada": render.tanggal_indonesia(timezone.localdate(keberatan.diputus_pada))
            if keberatan.diputus_pada
            else "",
            "diajukan_pada": render.tanggal_indonesia(timezone.localdate(keberatan.diajukan_pada))
            if keberatan.diajukan_pada
            else "",
        }
        predikat = perubahan["predikat_baru"] or predikat
    return {
        **identitas(evaluasi, pengaturan=pengaturan),
        **_periode_teks(evaluasi),
        "judul_format": JUDUL_FORMAT[kode],
        "evaluasi": evaluasi,
        "capaian": _label_capaian(capaian),
        "capaian_keterangan": capaian_keterangan,
        "predikat": predikat,
        "keberatan": keberatan,
        "perubahan": perubahan,
        "tanggal": tanggal or timezone.localdate(),
    }


# Issuing ------------------------------------------------------------------------------------------------
def _judul(evaluasi: Evaluasi, kode: str) -> str:
    return f"{kode} {evaluasi.pegawai.nama_lengkap} {evaluasi.periode.label}"


def _terbitkan(evaluasi, kode, konteks, penandatangan, by) -> Dokumen:
    return dokumen_services.terbitkan(
        pemda_id=evaluasi.pemda_id,
        format_kode=kode,
        judul=_judul(evaluasi, kode),
        objek=evaluasi,
        template=TEMPLATE[kode],
        konteks=konteks,
        penandatangan=penandatangan,
        by=by,
    )


def _peran_evaluator(evaluasi: Evaluasi) -> str:
    return Peran.ATASAN_PENILAI if evaluasi.oleh_atasan else Peran.PENILAI


def terbitkan_hasil(evaluasi: Evaluasi, *, by) -> Dokumen:
    kode = format_hasil(evaluasi)
    return _terbitkan(evaluasi, kode, konteks_hasil(evaluasi), [(_peran_evaluator(evaluasi), by)], by)


def terbitkan_dokumen(evaluasi: Evaluasi, *, by, pegawai_user: User) -> Dokumen:
    kode = format_dokumen(evaluasi)
    penandatangan = [(_peran_evaluator(evaluasi), by), (Peran.PEGAWAI, pegawai_user)]
    return _terbitkan(evaluasi, kode, konteks_dokumen(evaluasi), penandatangan, by)


def terbitkan_keberatan(keberatan: Keberatan, *, by, penilai_user: User, pegawai_user: User) -> Dokumen:
    evaluasi = keberatan.evaluasi
    penandatangan = [(Peran.ATASAN_PENILAI, by), (Peran.PENILAI, penilai_user), (Peran.PEGAWAI, pegawai_user)]
    return _terbitkan(evaluasi, "D.1.3", konteks_dokumen(evaluasi, keberatan=keberatan), penandatangan, by)


def dokumen_evaluasi(evaluasi: Evaluasi) -> Dokumen | None:
    """The current D.1.1 or D.1.2 of the evaluation."""
    return dokumen_selectors.dokumen_berlaku(evaluasi, format_dokumen(evaluasi))


def dokumen_hasil(evaluasi: Evaluasi) -> Dokumen | None:
    return dokumen_selectors.dokumen_berlaku(evaluasi, format_hasil(evaluasi))


def dokumen_keberatan(evaluasi: Evaluasi) -> Dokumen | None:
    return dokumen_selectors.dokumen_berlaku(evaluasi, "D.1.3")


def versi_dokumen(evaluasi: Evaluasi) -> list[Dokumen]:
    """Every issued version of every format of the evaluation (newest first per format), without bytes."""
    return list(dokumen_selectors.dokumen_objek(evaluasi))


# Reading copies -----------------------------------------------------------------------------------------
def _pastikan_dapat_membaca(evaluasi: Evaluasi, by):
    if by is None or not evaluasi_visible_to(by).filter(pk=evaluasi.pk).exists():
        raise PermissionDenied("Anda tidak dapat melihat evaluasi ini.")


def _blok(urutan: int, peran: str, orang: dict) -> dict:
    return {
        "urutan": urutan,
        "peran": peran,
        "judul_peran": Peran(peran).label,
        "nama": orang.get("nama", ""),
        "nip": orang.get("nip", ""),
        "jabatan": ", ".join(x for x in (orang.get("jabatan", ""), orang.get("unit_kerja", "")) if x),
    }


def _penandatangan_kerja(kode: str, evaluasi: Evaluasi, konteks: dict) -> list[dict]:
    evaluator = _peran_evaluator(evaluasi)
    orang_evaluator = konteks["atasan_penilai"] if evaluasi.oleh_atasan else konteks["penilai"]
    if kode in FORMAT_HASIL:
        peran = [(evaluator, orang_evaluator)]
    elif kode == "D.1.3":
        peran = [
            (Peran.ATASAN_PENILAI, konteks["atasan_penilai"]),
            (Peran.PENILAI, konteks["penilai"]),
            (Peran.PEGAWAI, konteks["pegawai"]),
        ]
    else:
        peran = [(evaluator, orang_evaluator), (Peran.PEGAWAI, konteks["pegawai"])]
    return [_blok(i, p, o) for i, (p, o) in enumerate(peran, start=1)]


def html_kerja(evaluasi: Evaluasi, kode: str, konteks: dict) -> str:
    """The HTML of a reading copy: never issued, so no verification page (the template says so)."""
    return render.render_html(
        pemda_id=evaluasi.pemda_id,
        template=TEMPLATE[kode],
        konteks={**konteks, "pratinjau": True, "tanggal_cetak": render.waktu_indonesia(timezone.now())},
        format_kode=kode,
        judul=_judul(evaluasi, kode),
        versi=1,
        token=uuid.UUID(int=0),
        penandatangan=_penandatangan_kerja(kode, evaluasi, konteks),
        tanggal=konteks.get("tanggal"),
    )


def _pdf(evaluasi: Evaluasi, kode: str, buat_konteks, versi: int | None) -> bytes:
    if versi is not None:
        dokumen = dokumen_selectors.dokumen_objek(evaluasi, kode).filter(versi=versi).first()
        if dokumen is None:
            raise Http404(f"Format {kode} versi {versi} tidak ada.")
        return dokumen_services.pdf_untuk(dokumen)
    dokumen = dokumen_selectors.dokumen_berlaku(evaluasi, kode)
    if dokumen is not None:
        return dokumen_services.pdf_untuk(dokumen)
    return render.html_ke_pdf(render.tandai_draf(html_kerja(evaluasi, kode, buat_konteks())))


def pdf_hasil(evaluasi: Evaluasi, *, by, versi: int | None = None) -> bytes:
    """Format C.1.x for whoever may see the evaluation."""
    _pastikan_dapat_membaca(evaluasi, by)
    return _pdf(evaluasi, format_hasil(evaluasi), lambda: konteks_hasil(evaluasi), versi)


def pdf_dokumen(evaluasi: Evaluasi, *, by, versi: int | None = None) -> bytes:
    """Format D.1.1 / D.1.2 for whoever may see the evaluation."""
    _pastikan_dapat_membaca(evaluasi, by)
    return _pdf(evaluasi, format_dokumen(evaluasi), lambda: konteks_dokumen(evaluasi), versi)


def keberatan_dari(evaluasi: Evaluasi) -> Keberatan | None:
    return Keberatan.objects.filter(evaluasi_id=evaluasi.pk).first()


def pdf_keberatan(evaluasi: Evaluasi, *, by, versi: int | None = None) -> bytes:
    """Format D.1.3: issued once the Atasan changed the result; before that a DRAF of the keberatan as it
    stands. ValidationError when no keberatan was filed."""
    _pastikan_dapat_membaca(evaluasi, by)
    if versi is None and dokumen_keberatan(evaluasi) is None:
        keberatan = keberatan_dari(evaluasi)
        if keberatan is None:
            raise ValidationError("Tidak ada keberatan atas evaluasi ini.")
        return _pdf(evaluasi, "D.1.3", lambda: konteks_dokumen(evaluasi, keberatan=keberatan), None)
    return _pdf(evaluasi, "D.1.3", lambda: None, versi)


def _pdf_skp(evaluasi: Evaluasi) -> bytes | None:
    """The SKP in its format: the signed A.1.x as stored, else a reading copy marked DRAF."""
    skp = evaluasi.skp
    if skp is None:
        return None
    from skp import documents as skp_documents
    from skp import waktu

    dokumen = dokumen_selectors.dokumen_berlaku(skp, skp.format_kode)
    if dokumen is not None:
        return dokumen_services.pdf_untuk(dokumen)
    konteks = skp_documents.konteks_skp(skp, tanggal=waktu.hari_ini(skp.pemda_id))
    return skp_documents._pdf_kerja(skp, skp.format_kode, konteks, draf=True)


def gabung_pdf(bagian: list[bytes]) -> bytes:
    from pypdf import PdfWriter

    penulis = PdfWriter()
    for pdf in bagian:
        penulis.append(io.BytesIO(pdf))
    keluaran = io.BytesIO()
    penulis.write(keluaran)
    return keluaran.getvalue()


def pdf_bundel(evaluasi: Evaluasi, *, by) -> bytes:
    """The pelaporan berjenjang (Tindak Lanjut angka 2) as ONE PDF: the dokumen evaluasi (D.1.3 when the
    result was changed, else D.1.1/D.1.2), the hasil evaluasi C.1.x, then the SKP."""
    _pastikan_dapat_membaca(evaluasi, by)
    if dokumen_keberatan(evaluasi) is not None:
        dokumen = _pdf(evaluasi, "D.1.3", lambda: None, None)
    else:
        dokumen = _pdf(evaluasi, format_dokumen(evaluasi), lambda: konteks_dokumen(evaluasi), None)
    bagian = [dokumen, _pdf(evaluasi, format_hasil(evaluasi), lambda: konteks_hasil(evaluasi), None)]
    skp = _pdf_skp(evaluasi)
    if skp is not None:
        bagian.append(skp)
    return gabung_pdf(bagian)
