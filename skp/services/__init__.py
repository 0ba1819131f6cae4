"""Writes of SKP planning (STYLE.md "Writes"): each checks who may do it (skp.permissions, from the org
relation on the day), locks the SKP row, changes, records the audit event, and runs in one transaction.

- alur: the life of an SKP (draft .. ditetapkan), revisions, mutations;
- isi: RHK, IKI, manual indikator, ekspektasi khusus, lampiran, saved texts;
- pelaksanaan: timeline and rencana aksi;
- pemberitahuan: notices.
"""

from .alur import (
    skp_ajukan,
    skp_buat,
    skp_hapus_draft,
    skp_kembalikan,
    skp_mulai_mutasi,
    skp_revisi,
    skp_salin_tahun_lalu,
    skp_setujui,
    skp_tanda_tangan_pegawai,
    skp_tetapkan,
    skp_ubah_pendekatan,
)
from .isi import (
    ekspektasi_khusus_simpan,
    iki_hapus,
    iki_tambah,
    iki_ubah,
    iki_urutkan,
    lampiran_hapus,
    lampiran_tambah,
    lampiran_ubah,
    manual_indikator_simpan,
    rhk_hapus,
    rhk_tambah,
    rhk_ubah,
    rhk_urutkan,
    skp_ambil_rhk_pimpinan,
    skp_terapkan_teks,
    teks_tersimpan_hapus,
    teks_tersimpan_simpan,
)
from .pelaksanaan import (
    rencana_aksi_hapus,
    rencana_aksi_tambah,
    rencana_aksi_ubah,
    timeline_ajukan,
    timeline_kegiatan_hapus,
    timeline_kegiatan_tambah,
    timeline_kegiatan_ubah,
    timeline_kembalikan,
    timeline_setujui,
)
from .pemberitahuan import pemberitahuan_baca

__all__ = [
    "ekspektasi_khusus_simpan",
    "iki_hapus",
    "iki_tambah",
    "iki_ubah",
    "iki_urutkan",
    "lampiran_hapus",
    "lampiran_tambah",
    "lampiran_ubah",
    "manual_indikator_simpan",
    "pemberitahuan_baca",
    "rencana_aksi_hapus",
    "rencana_aksi_tambah",
    "rencana_aksi_ubah",
    "rhk_hapus",
    "rhk_tambah",
    "rhk_ubah",
    "rhk_urutkan",
    "skp_ajukan",
    "skp_ambil_rhk_pimpinan",
    "skp_buat",
    "skp_hapus_draft",
    "skp_kembalikan",
    "skp_mulai_mutasi",
    "skp_revisi",
    "skp_salin_tahun_lalu",
    "skp_setujui",
    "skp_tanda_tangan_pegawai",
    "skp_terapkan_teks",
    "skp_tetapkan",
    "skp_ubah_pendekatan",
    "teks_tersimpan_hapus",
    "teks_tersimpan_simpan",
    "timeline_ajukan",
    "timeline_kegiatan_hapus",
    "timeline_kegiatan_tambah",
    "timeline_kegiatan_ubah",
    "timeline_kembalikan",
    "timeline_setujui",
]
