"""The documents of the evaluation: Formats C.1.1-C.1.3 (hasil evaluasi) and D.1.1-D.1.3 (dokumen evaluasi) of
the Sumedang lampiran, issued through the document engine (dokumen.services) on the Evaluasi row.

- C.1.x (`format_hasil`): C.1.1 kualitatif, C.1.2 kuantitatif for JPT and pimpinan unit kerja mandiri (not in the
  text: built like B.1.4 plus the ratings, DOMAIN.md), C.1.3 kuantitatif for administrasi and fungsional. It
  carries the capaian organisasi, the pola distribusi chart, the realisasi and feedback per RHK, the perilaku
  with its feedback, both ratings and the predikat. Signed by the evaluator (Penilai, or the Atasan Penilai).
- D.1.1 (the Penilai, then the Pegawai) / D.1.2 (the Atasan Penilai, then the Pegawai; final).
- D.1.3 after a keberatan the Atasan decided to change: the keberatan, the Penilai's explanation, the decision
  and the new recommendation; signed by the Atasan Penilai, the Penilai, then the Pegawai.
"""

import datetime

from django.utils import timezone

from dokumen import render
from dokumen import selectors as dokumen_selectors
from dokumen import services as dokumen_services
from dokumen.models import Dokumen, Peran
from kinerja.models import PengaturanPemda, User
from skp.models import JenisSkp, Pendekatan

from .models import Evaluasi, Keberatan, PredikatOrganisasi
from .selectors.bahan import bahan as bahan_evaluasi

TEMPLATE = {
    "C.1.1": "dokumen/c_1.html",
    "C.1.2": "dokumen/c_1.html",
    "C.1.3": "dokumen/c_1.html",
    "D.1.1": "dokumen/d_1.html",
    "D.1.2": "dokumen/d_1.html",
    "D.1.3": "dokumen/d_1.html",
}
FORMAT_DOKUMEN = ("D.1.1", "D.1.2")


def format_hasil(evaluasi: Evaluasi) -> str:
    skp = evaluasi.skp
    if skp is None or skp.pendekatan == Pendekatan.KUALITATIF:
        return "C.1.1"
    return "C.1.2" if skp.jenis == JenisSkp.JPT else "C.1.3"


def format_dokumen(evaluasi: Evaluasi) -> str:
    return "D.1.2" if evaluasi.oleh_atasan else "D.1.1"


def _kepala_daerah(pemda_id: int) -> dict:
    p = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    return {
        "nama": (p.nama_kepala_daerah if p else "") or "Kepala Daerah",
        "nip": "",
        "pangkat": "",
        "jabatan": p.jabatan_kepala_daerah if p else "Kepala Daerah",
        "unit_kerja": p.nama_instansi if p else "",
    }


def identitas(evaluasi: Evaluasi) -> dict:
    """Identity blocks on the period's last day (nama, NIP, pangkat/gol., jabatan, unit kerja)."""
    tanggal = evaluasi.periode.selesai
    from kinerja.models import Pegawai

    orang = {
        p.pk: p
        for p in Pegawai.objects.filter(
            pk__in=[evaluasi.pegawai_id, evaluasi.penilai_id, evaluasi.atasan_penilai_id]
        ).select_related("golongan")
    }

    def blok(pid, kd):
        if kd:
            return _kepala_daerah(evaluasi.pemda_id)
        return render.identitas_pegawai(orang[pid], tanggal) if pid in orang else {}

    return {
        "pegawai": blok(evaluasi.pegawai_id, False),
        "penilai": blok(evaluasi.penilai_id, evaluasi.penilai_kepala_daerah),
        "atasan_penilai": blok(evaluasi.atasan_penilai_id, evaluasi.atasan_penilai_kepala_daerah),
    }


def _periode_teks(evaluasi: Evaluasi) -> dict:
    p = evaluasi.periode.periode
    return {
        "periode_format": p.label_format,
        "periode": f"{render.tanggal_indonesia(p.mulai)} s.d. {render.tanggal_indonesia(p.selesai)}",
    }


def konteks_hasil(evaluasi: Evaluasi, *, tanggal: datetime.date | None = None) -> dict:
    from .selectors.distribusi import distribusi_untuk

    b = bahan_evaluasi(evaluasi)
    return {
        **identitas(evaluasi),
        **_periode_teks(evaluasi),
        "evaluasi": evaluasi,
        "bahan": b,
        "capaian": PredikatOrganisasi(evaluasi.capaian_organisasi).label
        if evaluasi.capaian_organisasi
        else "",
        "distribusi": distribusi_untuk(evaluasi),
        "kuantitatif": format_hasil(evaluasi) != "C.1.1",
        "jpt": format_hasil(evaluasi) == "C.1.2",
        "tanggal": tanggal or timezone.localdate(),
    }


def konteks_dokumen(evaluasi: Evaluasi, *, keberatan: Keberatan | None = None, tanggal=None) -> dict:
    return {
        **identitas(evaluasi),
        **_periode_teks(evaluasi),
        "evaluasi": evaluasi,
        "capaian": PredikatOrganisasi(evaluasi.capaian_organisasi).label
        if evaluasi.capaian_organisasi
        else "",
        "keberatan": keberatan,
        "tanggal": tanggal or timezone.localdate(),
    }


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
