"""What goes into the SKP document issued at approval (dokumen.services.terbitkan).

The layout is a working rendering of Formats A.1.1/A.1.2/A.1.6/A.1.7 with the Lampiran SKP (A.1.8) on the
same document, so one pair of signatures covers both; the format work may replace TEMPLATE and `konteks`
without touching the services.
"""

import datetime

from dokumen.render import tanggal_indonesia

from .models import JenisSkp, Skp
from .selectors import skp_lengkap

TEMPLATE = "skp/dokumen/skp.html"

SUBJUDUL = {
    "A.1.1": (
        "Pendekatan hasil kerja kualitatif",
        "bagi pejabat pimpinan tinggi dan pimpinan unit kerja mandiri",
    ),
    "A.1.2": (
        "Pendekatan hasil kerja kuantitatif",
        "bagi pejabat pimpinan tinggi dan pimpinan unit kerja mandiri",
    ),
    "A.1.6": ("Pendekatan hasil kerja kualitatif", "bagi pejabat administrasi dan pejabat fungsional"),
    "A.1.7": ("Pendekatan hasil kerja kuantitatif", "bagi pejabat administrasi dan pejabat fungsional"),
}


def judul(skp: Skp) -> str:
    versi = f" (versi {skp.versi})" if skp.versi > 1 else ""
    return f"Sasaran Kinerja Pegawai {skp.tahun}{versi}"


def konteks(skp: Skp, *, tanggal: datetime.date) -> dict:
    lengkap = skp_lengkap(skp.pk)
    identitas = lengkap.skp.identitas or {}
    return {
        "tanggal": tanggal,
        "subjudul": SUBJUDUL[skp.format_kode],
        "periode": f"{tanggal_indonesia(skp.periode_mulai)} s.d. {tanggal_indonesia(skp.periode_selesai)}",
        "pegawai": identitas.get("pegawai", {}),
        "penilai": identitas.get("penilai", {}),
        "jpt": skp.jenis == JenisSkp.JPT,
        "kuantitatif": skp.pendekatan == "kuantitatif",
        "bagian": [("A. UTAMA", lengkap.rhk_utama), ("B. TAMBAHAN", lengkap.rhk_tambahan)],
        "perilaku": lengkap.perilaku,
        "lampiran": lengkap.lampiran,
        "alasan_revisi": skp.alasan_revisi,
    }
