"""What the bimbingan formats hold: `Bimbingan.isian` (B.1.6 coaching, B.1.7 mentoring), the B.1.8 `jawaban`
and the B.1.9 `nilai`, with their validation. The documents (PDF) read the same structures and import the
constants below (labels, criteria, competencies, scale).

Sumedang lampiran "Pembinaan kinerja" angka 4 and Formats B.1.6 to B.1.9.

`Bimbingan.isian` (a dict; every key optional until that part is filled; strings are trimmed):

    coaching (B.1.6):
    {
      "tujuan": [                       # TUJUAN: apa yang ingin saya capai? (diisi oleh Pegawai)
        {"iki": 12, "iki_teks": "Jumlah modul ...", "base_target": "2 modul", "target": "4 modul",
         "strategi": "..."}
      ],
      "fakta": [                        # FAKTA: dimana saya sekarang? (diisi oleh Pegawai)
        {"iki": 12 | null, "iki_teks": "..." | "", "target_skp": "4 modul", "progres": "1 modul",
         "masalah": "...", "penyebab": "..."}
      ],
      "peluang": "...",                 # PELUANG: apa yang dapat saya lakukan? (diisi oleh Pegawai)
      "langkah": [                      # LANGKAH KEDEPAN (pembina, disepakati dengan Pegawai)
        {"iki": 12, "iki_teks": "...", "strategi": "...", "penyesuaian": true}   # penyesuaian ukuran/target
      ],
      "diisi": {"pegawai": {"oleh": <user id>, "pada": "2026-03-16T09:00:00+07:00"},
                "pembina": {"oleh": <user id>, "pada": "..."}}
    }

    mentoring (B.1.7; the journal rows are JurnalMentoring records, not in isian):
    {
      "tujuan": "...",                  # TUJUAN: apa yang ingin saya capai dengan mentoring? (Pegawai)
      "rencana": [                      # pre-mentoring rencana aksi (Pegawai), one row per keahlian
        {"keahlian": "...", "langkah": "...", "jangka_waktu": "3 bulan", "perubahan": "...",
         "ukuran_keberhasilan": "..."}
      ],
      "diisi": {"pegawai": {...}}
    }

    pelatihan_formal / pelatihan_informal (no format in the lampiran):
    {"uraian": "nama/uraian pelatihan dan hasilnya", "diisi": {"pembina": {...}}}

"iki" is the id of an IKI of the bimbingan's SKP; "iki_teks" is its text copied when written (the print
stays right if the SKP is revised later). Which part is written by whom: BAGIAN[jenis][bagian] -> the keys
of that part; bagian "pegawai" is written by the Pegawai, "pembina" by the pembina (the leader, or the
party given a special assignment).

B.1.8 `UmpanBalikBimbingan.jawaban` (all nine criteria required, keys are the criterion numbers as strings;
written once by the Pegawai, a second submission is refused, as is a second B.1.9):

    {"1": {"jawaban": "ya" | "sebagian" | "tidak", "catatan": "..."}, ..., "9": {...}}

B.1.9 `EvaluasiKompetensi.nilai` (a list in print order; the seven Manajerial and the one Sosio Kultural
competencies are all required, Teknis rows are free, 0-10 of them):

    [{"kelompok": "manajerial" | "sosio_kultural" | "teknis", "kompetensi": "Integritas",
      "nilai": 1..5, "alasan": "..."}, ...]

and `EvaluasiKompetensi.rekomendasi` a text.
"""

from django.core.exceptions import ValidationError

from .models import JenisBimbingan

# Maximum lengths (characters) of the texts in the formats.
PANJANG_SEL = 500  # one cell of a table row
PANJANG_TEKS = 4000  # a free text part (peluang, tujuan mentoring, uraian pelatihan, alasan, catatan)
MAKS_BARIS = 20  # rows per table

PEGAWAI = "pegawai"
PEMBINA = "pembina"

# jenis -> bagian -> the isian keys that part writes.
BAGIAN = {
    JenisBimbingan.COACHING: {PEGAWAI: ("tujuan", "fakta", "peluang"), PEMBINA: ("langkah",)},
    JenisBimbingan.MENTORING: {PEGAWAI: ("tujuan", "rencana")},
    JenisBimbingan.PELATIHAN_FORMAL: {PEMBINA: ("uraian",)},
    JenisBimbingan.PELATIHAN_INFORMAL: {PEMBINA: ("uraian",)},
}

# Column labels of the tables, in print order (key -> heading as the format writes it).
KOLOM_TUJUAN = {
    "iki": "Indikator Kinerja Individu",
    "base_target": "Base Target (jika ada)",
    "target": "Target",
    "strategi": "Strategi Pencapaian Target",
}
KOLOM_FAKTA = {
    "target_skp": "Target SKP",
    "progres": "Progres Pencapaian Target",
    "masalah": "Masalah/Hambatan",
    "penyebab": "Penyebab",
}
KOLOM_LANGKAH = {
    "iki": "Indikator Kinerja Individu",
    "strategi": "Strategi untuk Mengatasi Masalah/Hambatan",
    "penyesuaian": "Penyesuaian Ukuran Keberhasilan dan Target (Ya/Tidak)",
}
KOLOM_RENCANA = {
    "keahlian": "Keahlian/Keterampilan Spesifik yang akan Dikembangkan",
    "langkah": "Langkah-langkah Pengembangan",
    "jangka_waktu": "Jangka Waktu Mentoring",
    "perubahan": "Perubahan yang Diharapkan",
    "ukuran_keberhasilan": "Ukuran Keberhasilan Mentoring",
}
KOLOM_JURNAL = {
    "waktu_tempat": "Waktu dan Tempat",
    "materi": "Materi Mentoring",
    "rencana_aksi": "Rencana Aksi",
    "target_waktu": "Target Waktu Rencana Aksi",
}

JUDUL_COACHING = {
    "tujuan": "TUJUAN: APA YANG INGIN SAYA CAPAI?",
    "fakta": "FAKTA: DIMANA SAYA SEKARANG?",
    "peluang": "PELUANG: APA YANG DAPAT SAYA LAKUKAN?",
    "langkah": "LANGKAH KEDEPAN: APA YANG AKAN SAYA LAKUKAN KE DEPAN?",
}
JUDUL_MENTORING = {
    "tujuan": "TUJUAN: APA YANG INGIN SAYA CAPAI DENGAN MENTORING?",
    "rencana": "RENCANA AKSI MENTORING",
    "jurnal": "JURNAL MENTORING",
}
CATATAN_PENYESUAIAN = "Jika diperlukan penyesuaian indikator/target kinerja maka dilakukan perubahan SKP."

# ---- B.1.8 -------------------------------------------------------------------------------------------

# (subjek, [(nomor, kriteria), ...]) in print order.
KRITERIA_B18 = (
    (
        "Tentang Pegawai",
        (
            (1, "Saya merasa diperhatikan dan dipahami"),
            (2, "Saya merasa tindakan/langkah yang telah saya lakukan dihargai"),
            (3, "Saya merasa dapat dengan bebas mengemukakan pendapat/pikiran saya"),
        ),
    ),
    (
        "Tentang Pimpinan/Pihak Lain yang Diberikan Penugasan Khusus",
        (
            (4, "Saya merasa bahwa pandangan yang diberikan berdasarkan data/fakta yang akurat"),
            (5, "Saya merasa bahwa pandangan/pendapat yang diberikan kepada saya bersifat positif"),
            (6, "Lebih banyak menggunakan metode bertanya dibandingkan menggurui"),
        ),
    ),
    (
        "Tentang Pegawai dan Pimpinan/Pihak Lain yang Diberikan Penugasan Khusus",
        (
            (7, "Saya merasa dibantu dalam mencari solusi dan aksi tindak lanjut"),
            (8, "Saya tahu apa yang harus saya lakukan setelah mengikuti kegiatan bimbingan ini"),
            (9, "Saya memahami maksud dan tujuan kegiatan bimbingan kinerja ini"),
        ),
    ),
)
KRITERIA = {nomor: teks for _, baris in KRITERIA_B18 for nomor, teks in baris}
PILIHAN_JAWABAN = {"ya": "Ya", "sebagian": "Sebagian", "tidak": "Tidak"}

# ---- B.1.9 -------------------------------------------------------------------------------------------

MANAJERIAL = "manajerial"
SOSIO_KULTURAL = "sosio_kultural"
TEKNIS = "teknis"
KELOMPOK_KOMPETENSI = {MANAJERIAL: "Manajerial", SOSIO_KULTURAL: "Sosio Kultural", TEKNIS: "Teknis"}
KOMPETENSI_TETAP = (
    (MANAJERIAL, "Integritas"),
    (MANAJERIAL, "Kerjasama"),
    (MANAJERIAL, "Komunikasi"),
    (MANAJERIAL, "Orientasi Pada Hasil"),
    (MANAJERIAL, "Pelayanan Publik"),
    (MANAJERIAL, "Pengembangan Diri dan Orang Lain"),
    (MANAJERIAL, "Mengelola Perubahan"),
    (SOSIO_KULTURAL, "Perekat dan Pemersatu Bangsa"),
)
MAKS_TEKNIS = 10
# nilai -> (label, deskripsi), Format B.1.9 "Deskripsi skala penilaian".
SKALA = {
    1: (
        "Sangat Kurang",
        "Diberikan apabila pegawai yang dinilai kompetensinya jauh dibawah standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai bersangkutan (Tidak ada Indikator Kompetensi yang dipenuhi).",
    ),
    2: (
        "Kurang Memadai",
        "Diberikan apabila pegawai yang dinilai kompetensinya dibawah standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai bersangkutan (1-2 Indikator Kompetensi yang dipenuhi).",
    ),
    3: (
        "Memadai",
        "Diberikan apabila pegawai yang dinilai kompetensinya sesuai standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai yang bersangkutan (3 Indikator kompetensi yang dipenuhi).",
    ),
    4: (
        "Diatas Memadai",
        "Diberikan apabila pegawai yang dinilai kompetensinya diatas standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai yang bersangkutan (3 indikator kompetensi dipenuhi dan "
        "menunjukkan perilaku diatas level kompetensinya).",
    ),
    5: (
        "Istimewa",
        "Diberikan apabila pegawai yang dinilai kompetensinya jauh diatas standar kompetensi yang "
        "dipersyaratkan pada jabatan pegawai yang bersangkutan (3 Indikator perilaku dipenuhi dan "
        "menunjukkan perilaku jauh diatas level kompetensinya).",
    ),
}


# ---- validation ----------------------------------------------------------------------------------------


def teks(nilai, label: str, *, wajib: bool = False, maks: int = PANJANG_SEL) -> str:
    """A trimmed string, or ValidationError naming the field."""
    if nilai is None:
        nilai = ""
    if not isinstance(nilai, str | int | float) or isinstance(nilai, bool):
        raise ValidationError(f"{label}: harus berupa teks.")
    nilai = str(nilai).strip()
    if "\x00" in nilai:  # PostgreSQL refuses NUL in text and in jsonb: a 400, not a 500
        raise ValidationError(f"{label}: memuat karakter NUL yang tidak sah.")
    if wajib and not nilai:
        raise ValidationError(f"{label} wajib diisi.")
    if len(nilai) > maks:
        raise ValidationError(f"{label}: paling banyak {maks} karakter ({len(nilai)}).")
    return nilai


def _daftar(nilai, label: str) -> list:
    if nilai is None:
        return []
    if not isinstance(nilai, list | tuple):
        raise ValidationError(f"{label}: harus berupa daftar baris.")
    if len(nilai) > MAKS_BARIS:
        raise ValidationError(f"{label}: paling banyak {MAKS_BARIS} baris.")
    for baris in nilai:
        if not isinstance(baris, dict):
            raise ValidationError(f"{label}: setiap baris harus berupa objek.")
    return list(nilai)


def _kosong(baris: dict, kunci) -> bool:
    return all(
        baris.get(k) in (None, "", False) or (isinstance(baris.get(k), str) and not baris[k].strip())
        for k in kunci
    )


def _iki(nilai, iki_skp: dict, label: str, *, wajib: bool = True):
    """The IKI id of a row, which must be an IKI of this SKP; returns (id, teks)."""
    if nilai in (None, ""):
        if wajib:
            raise ValidationError(f"{label}: pilih Indikator Kinerja Individu.")
        return None, ""
    try:
        iki_id = int(nilai)
    except (TypeError, ValueError):
        raise ValidationError(f"{label}: Indikator Kinerja Individu tidak dikenal.") from None
    if isinstance(nilai, bool) or iki_id not in iki_skp:
        raise ValidationError(f"{label}: Indikator Kinerja Individu bukan bagian dari SKP ini.")
    return iki_id, iki_skp[iki_id]


def _ya_tidak(nilai, label: str) -> bool:
    if isinstance(nilai, bool):
        return nilai
    if isinstance(nilai, str) and nilai.strip().lower() in ("ya", "true", "1"):
        return True
    if isinstance(nilai, str) and nilai.strip().lower() in ("tidak", "false", "0", ""):
        return False
    if nilai is None:
        return False
    raise ValidationError(f"{label}: pilih Ya atau Tidak.")


def _tujuan_coaching(baris_baris, iki_skp):
    hasil = []
    for i, baris in enumerate(_daftar(baris_baris, "Tujuan"), start=1):
        if _kosong(baris, KOLOM_TUJUAN):
            continue
        label = f"Tujuan baris {i}"
        iki_id, iki_teks = _iki(baris.get("iki"), iki_skp, label)
        hasil.append(
            {
                "iki": iki_id,
                "iki_teks": iki_teks,
                "base_target": teks(baris.get("base_target"), f"{label}, base target"),
                "target": teks(baris.get("target"), f"{label}, target", wajib=True),
                "strategi": teks(baris.get("strategi"), f"{label}, strategi", wajib=True),
            }
        )
    return hasil


def _fakta(baris_baris, iki_skp):
    hasil = []
    for i, baris in enumerate(_daftar(baris_baris, "Fakta"), start=1):
        if _kosong(baris, ("iki", *KOLOM_FAKTA)):
            continue
        label = f"Fakta baris {i}"
        iki_id, iki_teks = _iki(baris.get("iki"), iki_skp, label, wajib=False)
        hasil.append(
            {
                "iki": iki_id,
                "iki_teks": iki_teks,
                "target_skp": teks(baris.get("target_skp"), f"{label}, target SKP", wajib=True),
                "progres": teks(baris.get("progres"), f"{label}, progres", wajib=True),
                "masalah": teks(baris.get("masalah"), f"{label}, masalah/hambatan", wajib=True),
                "penyebab": teks(baris.get("penyebab"), f"{label}, penyebab"),
            }
        )
    return hasil


def _langkah(baris_baris, iki_skp):
    hasil = []
    for i, baris in enumerate(_daftar(baris_baris, "Langkah ke depan"), start=1):
        # The page posts every row with its Ya/Tidak select set: a row is empty without IKI and strategi.
        if _kosong(baris, ("iki", "strategi")):
            continue
        label = f"Langkah ke depan baris {i}"
        iki_id, iki_teks = _iki(baris.get("iki"), iki_skp, label)
        hasil.append(
            {
                "iki": iki_id,
                "iki_teks": iki_teks,
                "strategi": teks(baris.get("strategi"), f"{label}, strategi", wajib=True),
                "penyesuaian": _ya_tidak(baris.get("penyesuaian"), f"{label}, penyesuaian"),
            }
        )
    return hasil


def _rencana(baris_baris):
    hasil = []
    for i, baris in enumerate(_daftar(baris_baris, "Rencana mentoring"), start=1):
        if _kosong(baris, KOLOM_RENCANA):
            continue
        label = f"Rencana mentoring baris {i}"
        hasil.append(
            {
                "keahlian": teks(baris.get("keahlian"), f"{label}, keahlian/keterampilan", wajib=True),
                "langkah": teks(baris.get("langkah"), f"{label}, langkah-langkah", wajib=True),
                "jangka_waktu": teks(baris.get("jangka_waktu"), f"{label}, jangka waktu", wajib=True),
                "perubahan": teks(baris.get("perubahan"), f"{label}, perubahan yang diharapkan"),
                "ukuran_keberhasilan": teks(
                    baris.get("ukuran_keberhasilan"), f"{label}, ukuran keberhasilan", wajib=True
                ),
            }
        )
    return hasil


def bersihkan_bagian(*, jenis: str, bagian: str, data, iki_skp: dict) -> dict:
    """Validate one part of `Bimbingan.isian`; returns the clean keys of that part.

    `iki_skp` maps the id of every IKI of the bimbingan's SKP to its text."""
    if bagian not in BAGIAN.get(jenis, {}):
        raise ValidationError(f"Bagian '{bagian}' tidak ada pada format bimbingan ini.")
    if not isinstance(data, dict):
        raise ValidationError("Isian harus berupa objek.")
    kunci = BAGIAN[jenis][bagian]
    asing = sorted(set(data) - set(kunci))
    if asing:
        raise ValidationError(f"Isian tidak dikenal pada bagian ini: {', '.join(asing)}.")
    if jenis == JenisBimbingan.COACHING and bagian == PEGAWAI:
        hasil = {
            "tujuan": _tujuan_coaching(data.get("tujuan"), iki_skp),
            "fakta": _fakta(data.get("fakta"), iki_skp),
            "peluang": teks(data.get("peluang"), "Peluang", maks=PANJANG_TEKS),
        }
        if not (hasil["tujuan"] or hasil["fakta"] or hasil["peluang"]):
            raise ValidationError("Isi paling sedikit satu baris tujuan, fakta, atau peluang.")
        return hasil
    if jenis == JenisBimbingan.COACHING:
        hasil = {"langkah": _langkah(data.get("langkah"), iki_skp)}
        if not hasil["langkah"]:
            raise ValidationError("Isi paling sedikit satu baris langkah ke depan.")
        return hasil
    if jenis == JenisBimbingan.MENTORING:
        hasil = {
            "tujuan": teks(data.get("tujuan"), "Tujuan mentoring", wajib=True, maks=PANJANG_TEKS),
            "rencana": _rencana(data.get("rencana")),
        }
        if not hasil["rencana"]:
            raise ValidationError(
                "Isi paling sedikit satu baris keahlian/keterampilan yang akan dikembangkan."
            )
        return hasil
    return {"uraian": teks(data.get("uraian"), "Uraian pelatihan", wajib=True, maks=PANJANG_TEKS)}


def perlu_perubahan_skp(isian: dict) -> bool:
    """A LANGKAH KEDEPAN row agreed to adjust the measure or target: the SKP must be revised (B.1.6 note)."""
    baris_baris = (isian or {}).get("langkah", [])
    return any(
        baris.get("penyesuaian") is True or str(baris.get("penyesuaian", "")).strip().lower() == "ya"
        for baris in baris_baris
        if isinstance(baris, dict)
    )


def bersihkan_jawaban(jawaban) -> dict:
    """Validate the nine B.1.8 answers: {"1": {"jawaban": "ya", "catatan": ""}, ...}."""
    if not isinstance(jawaban, dict):
        raise ValidationError("Jawaban harus berupa objek dengan nomor kriteria 1-9.")
    asing = sorted(str(k) for k in jawaban if str(k) not in {str(n) for n in KRITERIA})
    if asing:
        raise ValidationError(f"Kriteria tidak dikenal: {', '.join(asing)}.")
    hasil = {}
    for nomor, kriteria in KRITERIA.items():
        isi = jawaban.get(str(nomor), jawaban.get(nomor))
        label = f"Kriteria {nomor} ({kriteria})"
        if isinstance(isi, str):
            isi = {"jawaban": isi}
        if not isinstance(isi, dict) or not isi.get("jawaban"):
            raise ValidationError(f"{label}: pilih Ya, Sebagian, atau Tidak.")
        pilihan = str(isi["jawaban"]).strip().lower()
        if pilihan not in PILIHAN_JAWABAN:
            raise ValidationError(f"{label}: pilih Ya, Sebagian, atau Tidak.")
        hasil[str(nomor)] = {
            "jawaban": pilihan,
            "catatan": teks(isi.get("catatan"), f"{label}, catatan", maks=PANJANG_SEL),
        }
    return hasil


def _nilai_skala(nilai, label: str) -> int:
    if isinstance(nilai, bool):
        raise ValidationError(f"{label}: nilai harus 1 sampai 5.")
    try:
        angka = int(str(nilai).strip()) if nilai not in (None, "") else None
    except (TypeError, ValueError):
        angka = None
    if angka not in SKALA:
        raise ValidationError(f"{label}: nilai harus 1 sampai 5.")
    return angka


def bersihkan_nilai(nilai) -> list:
    """Validate the B.1.9 rows. Every fixed competency must be rated once; teknis rows need a name."""
    if not isinstance(nilai, list | tuple):
        raise ValidationError("Nilai kompetensi harus berupa daftar baris.")
    tetap = {}
    teknis = []
    for baris in nilai:
        if not isinstance(baris, dict):
            raise ValidationError("Setiap baris nilai kompetensi harus berupa objek.")
        kelompok = baris.get("kelompok")
        if kelompok not in KELOMPOK_KOMPETENSI:
            raise ValidationError("Kelompok kompetensi harus manajerial, sosio_kultural, atau teknis.")
        if kelompok == TEKNIS:
            if _kosong(baris, ("kompetensi", "nilai", "alasan")):
                continue
            label = "Kompetensi teknis"
            nama = teks(baris.get("kompetensi"), f"{label}, nama kompetensi", wajib=True, maks=200)
            teknis.append(
                {
                    "kelompok": TEKNIS,
                    "kompetensi": nama,
                    "nilai": _nilai_skala(baris.get("nilai"), f"{label} {nama}"),
                    "alasan": teks(
                        baris.get("alasan"), f"{label} {nama}, alasan", wajib=True, maks=PANJANG_TEKS
                    ),
                }
            )
            continue
        nama = baris.get("kompetensi")
        if (kelompok, nama) not in KOMPETENSI_TETAP:
            raise ValidationError(f"Kompetensi {KELOMPOK_KOMPETENSI[kelompok]} tidak dikenal: {nama}.")
        if (kelompok, nama) in tetap:
            raise ValidationError(f"Kompetensi {nama} dinilai lebih dari sekali.")
        tetap[(kelompok, nama)] = {
            "kelompok": kelompok,
            "kompetensi": nama,
            "nilai": _nilai_skala(baris.get("nilai"), f"Kompetensi {nama}"),
            "alasan": teks(baris.get("alasan"), f"Kompetensi {nama}, alasan", wajib=True, maks=PANJANG_TEKS),
        }
    kurang = [nama for kunci in KOMPETENSI_TETAP if kunci not in tetap for nama in [kunci[1]]]
    if kurang:
        raise ValidationError(f"Kompetensi belum dinilai: {', '.join(kurang)}.")
    if len(teknis) > MAKS_TEKNIS:
        raise ValidationError(f"Kompetensi teknis paling banyak {MAKS_TEKNIS} baris.")
    return [tetap[kunci] for kunci in KOMPETENSI_TETAP] + teknis
