"""The demo seed: the four Pemda configured from their regulation fixtures, an org tree, Pegawai, accounts.

`manage.py seed_demo` and `manage.py demo_accounts` are thin wrappers around `seed_demo()` and `akun_demo()`.

- Regulation settings come from `fixtures/pemda/<slug>.json`, a plain JSON format read here (not loaddata):
  `pemda` (the tenant row), `pengaturan` (every PengaturanPemda field but the logo, with `dasar_hukum`
  naming the Pasal of each value) and `demo` (emblem colour, kecamatan names for the demo tree). Each
  fixture is checked for completeness and validated with the model's `full_clean()` when loaded.
- Everything else is generated, deterministically: the same fixture and `--pegawai` give the same tree,
  names and NIPs. Names come from Faker id_ID seeded per Pemda; NIPs follow kinerja/nip.py.
- Rows are written with bulk_create and one shared password hash, so 20 000 Pegawai take seconds.
- Idempotent: a Pemda that already has an org tree or Pegawai is left as it is; `reset=True` first deletes
  every row and account of that Pemda (demo data only: never run it against real data).
"""

import copy
import datetime
import io
import json
import math
import random
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from faker import Faker
from PIL import Image, ImageDraw, ImageFont

from kinerja import cache_pemda
from kinerja.models import (
    REGULATED_FIELDS,
    Golongan,
    Jabatan,
    JenisASN,
    JenisJabatan,
    JenisUnit,
    Pegawai,
    Pemda,
    Penempatan,
    PengaturanPemda,
    UnitKerja,
    User,
    is_tenant_model,
    tenant_foreign_keys,
)
from kinerja.scoping import national_context, tenant_context
from kinerja.selectors.pemda import forget_pemda_info
from kinerja.selectors.penilai import Struktur

DEMO_PASSWORD = "demo12345"
FIXTURE_DIR = Path(settings.BASE_DIR) / "fixtures" / "pemda"
MIN_PEGAWAI = 20
BATCH = 1000

# Every editable PengaturanPemda field but the logo, which the seed draws itself.
FIXTURE_FIELDS = [
    f.name
    for f in PengaturanPemda._meta.concrete_fields
    if f.editable and f.name not in ("id", "pemda", "logo")
]


class FixtureError(ValueError):
    """A regulation fixture is incomplete or does not pass the model's validation."""


# Fixtures ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PemdaFixture:
    slug: str
    pemda: dict
    pengaturan: dict
    demo: dict
    path: Path


def fixture_slugs(directory: Path | None = None) -> list[str]:
    return sorted(path.stem for path in Path(directory or FIXTURE_DIR).glob("*.json"))


def load_fixture(slug: str, directory: Path | None = None) -> PemdaFixture:
    """Read and check one fixture: every setting present, nothing unknown, a Pasal for every regulated value.
    Field values themselves are validated by `pengaturan_from_fixture()` (the model's full_clean)."""
    path = Path(directory or FIXTURE_DIR) / f"{slug}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(f"Tidak ada fixture Pemda '{slug}' ({path}).") from None
    except json.JSONDecodeError as exc:
        raise FixtureError(f"{path.name}: bukan JSON yang sah ({exc}).") from exc
    if not isinstance(data, dict):
        raise FixtureError(f"{path.name}: isi berkas harus objek JSON.")
    pemda = data.get("pemda") or {}
    pengaturan = data.get("pengaturan") or {}
    demo = data.get("demo") or {}
    errors = []
    if pemda.get("slug") != slug:
        errors.append(f"pemda.slug harus '{slug}', sama dengan nama berkas.")
    if not str(pemda.get("nama", "")).startswith("Kabupaten "):
        errors.append("pemda.nama harus berbentuk 'Kabupaten ...'.")
    missing = [name for name in FIXTURE_FIELDS if name not in pengaturan]
    if missing:
        errors.append("pengaturan belum memuat: " + ", ".join(missing) + ".")
    unknown = sorted(set(pengaturan) - set(FIXTURE_FIELDS))
    if unknown:
        errors.append("pengaturan memuat isian yang tidak dikenal: " + ", ".join(unknown) + ".")
    dasar = pengaturan.get("dasar_hukum")
    if not isinstance(dasar, dict):
        errors.append("pengaturan.dasar_hukum harus objek {nama isian: Pasal}.")
    else:
        for name in REGULATED_FIELDS:
            if "Pasal" not in str(dasar.get(name, "")):
                errors.append(f"dasar_hukum.{name} harus menyebut Pasal yang menjadi dasarnya.")
        unknown = sorted(set(dasar) - set(FIXTURE_FIELDS))
        if unknown:
            errors.append("dasar_hukum untuk isian yang tidak dikenal: " + ", ".join(unknown) + ".")
    kecamatan = demo.get("kecamatan")
    if not isinstance(kecamatan, list) or not kecamatan or not all(isinstance(k, str) for k in kecamatan):
        errors.append("demo.kecamatan harus daftar nama kecamatan.")
    if errors:
        raise FixtureError(f"{path.name}: " + " ".join(errors))
    return PemdaFixture(slug=slug, pemda=pemda, pengaturan=pengaturan, demo=demo, path=path)


def pengaturan_from_fixture(
    *, fixture: PemdaFixture, pemda: Pemda, instance: PengaturanPemda | None = None
) -> PengaturanPemda:
    """The PengaturanPemda of `pemda` with the fixture's values, validated, not saved.
    Needs an active scope (full_clean checks the one-per-Pemda constraint with a query)."""
    row = instance or PengaturanPemda(pemda=pemda)
    for name in FIXTURE_FIELDS:
        setattr(row, name, copy.deepcopy(fixture.pengaturan[name]))
    try:
        row.full_clean()
    except ValidationError as exc:
        detail = "; ".join(f"{key}: {' '.join(msgs)}" for key, msgs in exc.message_dict.items())
        raise FixtureError(f"{fixture.path.name}: {detail}") from exc
    return row


# The emblem --------------------------------------------------------------------------------------------
def _bintang(cx: float, cy: float, luar: float, dalam: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        r = luar if i % 2 == 0 else dalam
        sudut = math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(sudut), cy - r * math.sin(sudut)))
    return points


def logo_png(*, nama: str, warna: str) -> bytes:
    """A simple shield: the Pemda colour, a gold star and the name. A placeholder for the real lambang."""
    size = 512
    gold = (212, 175, 55, 255)
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.polygon([(56, 32), (456, 32), (456, 268), (424, 352), (256, 488), (88, 352), (56, 268)], fill=gold)
    draw.polygon([(80, 56), (432, 56), (432, 264), (404, 338), (256, 458), (108, 338), (80, 264)], fill=warna)
    draw.polygon(_bintang(256, 150, 70, 28), fill=gold)
    draw.rectangle((80, 246, 432, 326), fill=(255, 255, 255, 240))
    teks = nama.removeprefix("Kabupaten ").upper()
    ukuran = 56
    font = ImageFont.load_default(size=ukuran)
    while ukuran > 16 and draw.textlength(teks, font=font) > 330:
        ukuran -= 4
        font = ImageFont.load_default(size=ukuran)
    draw.text((256, 286), teks, fill=warna, font=font, anchor="mm")
    image = image.resize((256, 256), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


# The org tree plan -------------------------------------------------------------------------------------
F, P = JenisJabatan.FUNGSIONAL, JenisJabatan.PELAKSANA
ADM, PGW, JPT_PRATAMA = JenisJabatan.ADMINISTRATOR, JenisJabatan.PENGAWAS, JenisJabatan.JPT_PRATAMA

PELAKSANA = [
    ("Penata Layanan Operasional", P, "pelaksana", 3),
    ("Pengelola Layanan Operasional", P, "pelaksana", 3),
    ("Operator Layanan Operasional", P, "pelaksana", 1),
]
ARSIPARIS = [("Arsiparis Terampil", F, "pelaksana", 1)]

# Share of the staff (everyone but the unit heads) per sector; units share their sector's staff by weight.
SEKTOR = {"inti": 0.27, "sekolah": 0.43, "kesehatan": 0.20, "kecamatan": 0.10}
STAF_PER_SEKOLAH = 16
STAF_PER_PUSKESMAS = 30

ROMAWI = ["", " II", " III"]


@dataclass
class _Jab:
    nama: str
    jenis: str
    profil: str
    bobot: int = 1
    memimpin: bool = False
    mandiri: bool = False
    admin: bool = False
    obj: Jabatan | None = None


@dataclass
class _Unit:
    kode: str
    nama: str
    jenis: str
    kepala: _Jab
    staf: list[_Jab]
    sektor: str
    bobot: float
    depth: int
    parent: "_Unit | None" = None
    children: list["_Unit"] = field(default_factory=list)
    obj: UnitKerja | None = None


PROFIL_KEPALA = {JPT_PRATAMA: "jpt", ADM: "administrator", PGW: "pengawas"}


class _Pohon:
    """Builds the tree in memory; units are listed parents first."""

    def __init__(self):
        self.roots: list[_Unit] = []
        self.units: list[_Unit] = []

    def _unit(self, *, parent, kode, nama, jenis, kepala, kepala_jenis, staf, sektor, bobot, mandiri, profil):
        unit = _Unit(
            kode=kode,
            nama=nama,
            jenis=jenis,
            kepala=_Jab(
                kepala,
                kepala_jenis,
                profil or PROFIL_KEPALA[kepala_jenis],
                memimpin=True,
                mandiri=mandiri,
            ),
            # staff: (nama, jenis, profil, bobot[, admin])
            staf=[_Jab(*s[:4], admin=bool(s[4:5] and s[4])) for s in staf],
            sektor=sektor or (parent.sektor if parent else "inti"),
            bobot=bobot,
            depth=parent.depth + 1 if parent else 0,
            parent=parent,
        )
        (parent.children if parent else self.roots).append(unit)
        self.units.append(unit)
        return unit

    def pd(
        self,
        nama,
        kepala,
        *,
        jenis=JenisUnit.PERANGKAT_DAERAH,
        kepala_jenis=JPT_PRATAMA,
        staf=(),
        sektor=None,
    ):
        return self._unit(
            parent=None,
            kode=f"{len(self.roots) + 1:02d}",
            nama=nama,
            jenis=jenis,
            kepala=kepala,
            kepala_jenis=kepala_jenis,
            staf=list(staf),
            sektor=sektor,
            bobot=1,
            mandiri=False,
            profil=None,
        )

    def anak(
        self,
        parent,
        nama,
        jenis,
        kepala,
        kepala_jenis,
        *,
        staf=(),
        bobot=2,
        kode=None,
        sektor=None,
        mandiri=False,
        profil=None,
    ):
        return self._unit(
            parent=parent,
            kode=kode or f"{parent.kode}.{len(parent.children) + 1:02d}",
            nama=nama,
            jenis=jenis,
            kepala=kepala,
            kepala_jenis=kepala_jenis,
            staf=list(staf),
            sektor=sektor,
            bobot=bobot,
            mandiri=mandiri,
            profil=profil,
        )


def _dinas(t: _Pohon, n: int, nama: str, bidang, *, kepala=None, sekretariat=150):
    """A Dinas or Badan: Sekretariat (with subbagian in large seeds), Bidang, and Seksi under a Bidang.
    `bidang`: [(min_n, name, [(min_n, seksi name)], functional staff)]; a part exists when n >= its min_n."""
    pd = t.pd(nama, kepala or f"Kepala {nama}")
    if n >= sekretariat:
        sek = t.anak(
            pd,
            f"Sekretariat {nama}",
            JenisUnit.SEKRETARIAT,
            f"Sekretaris {nama}",
            ADM,
            staf=ARSIPARIS + PELAKSANA,
            bobot=3,
        )
        if n >= 2000:
            for sub in ("Umum dan Kepegawaian", "Keuangan"):
                t.anak(
                    sek,
                    f"Subbagian {sub}",
                    JenisUnit.SUBBAGIAN,
                    f"Kepala Subbagian {sub}",
                    PGW,
                    staf=PELAKSANA,
                )
    for batas, nama_bidang, seksi, jf in bidang:
        if n < batas:
            continue
        b = t.anak(
            pd,
            f"Bidang {nama_bidang}",
            JenisUnit.BIDANG,
            f"Kepala Bidang {nama_bidang}",
            ADM,
            staf=list(jf) + PELAKSANA[:1],
            bobot=3,
        )
        for batas_seksi, nama_seksi in seksi:
            if n >= batas_seksi:
                t.anak(
                    b,
                    f"Seksi {nama_seksi}",
                    JenisUnit.SEKSI,
                    f"Kepala Seksi {nama_seksi}",
                    PGW,
                    staf=PELAKSANA + list(jf[:1]),
                )
    return pd


def _rencana(*, n: int, kecamatan: list[str]) -> _Pohon:
    """The org tree of a Pemda with `n` Pegawai: a fixed core that grows with n, plus schools, puskesmas
    and kecamatan in proportion. The first Seksi by kode (Kominfo's Pengembangan Aplikasi) always exists
    with its Bidang and Dinas: the demo Penilai chain. BKPSDM's Bidang Penilaian Kinerja holds the admin."""
    t = _Pohon()

    setda = t.pd("Sekretariat Daerah", "Sekretaris Daerah", jenis=JenisUnit.SEKRETARIAT)
    analis_kebijakan = [
        ("Analis Kebijakan Ahli Pertama", F, "analis", 2),
        ("Analis Kebijakan Ahli Muda", F, "analis", 1),
    ]
    for batas, bagian, subbagian, jf in [
        (0, "Pemerintahan", ["Pemerintahan Umum", "Otonomi Daerah"], analis_kebijakan),
        (
            150,
            "Hukum",
            ["Perundang-undangan", "Bantuan Hukum"],
            [
                ("Analis Hukum Ahli Pertama", F, "analis", 2),
                ("Perancang Peraturan Perundang-undangan Ahli Muda", F, "analis", 1),
            ],
        ),
        (150, "Organisasi", ["Kelembagaan dan Analisis Jabatan", "Reformasi Birokrasi"], analis_kebijakan),
        (300, "Umum", ["Tata Usaha Pimpinan", "Rumah Tangga"], ARSIPARIS),
        (
            600,
            "Perencanaan dan Keuangan",
            ["Perencanaan", "Keuangan"],
            [("Analis Keuangan Pusat dan Daerah Ahli Pertama", F, "analis", 2)],
        ),
        (
            1000,
            "Protokol dan Komunikasi Pimpinan",
            ["Protokol", "Dokumentasi Pimpinan"],
            [("Pranata Humas Ahli Pertama", F, "analis", 2)],
        ),
    ]:
        if n < batas:
            continue
        b = t.anak(
            setda,
            f"Bagian {bagian}",
            JenisUnit.BAGIAN,
            f"Kepala Bagian {bagian}",
            ADM,
            staf=jf + PELAKSANA[:2],
            bobot=3,
        )
        if n >= 2000:
            for sub in subbagian:
                t.anak(
                    b, f"Subbagian {sub}", JenisUnit.SUBBAGIAN, f"Kepala Subbagian {sub}", PGW, staf=PELAKSANA
                )

    if n >= 600:
        inspektorat = t.pd("Inspektorat Daerah", "Inspektur")
        t.anak(
            inspektorat,
            "Sekretariat Inspektorat Daerah",
            JenisUnit.SEKRETARIAT,
            "Sekretaris Inspektorat",
            ADM,
            staf=ARSIPARIS + PELAKSANA,
            bobot=3,
        )
        auditor = [
            ("Auditor Ahli Pertama", F, "analis", 3),
            ("Auditor Ahli Muda", F, "analis", 2),
            ("Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama", F, "analis", 2),
        ]
        for wilayah in ["I", "II", "III", "IV"][: 2 if n < 1500 else 4]:
            t.anak(
                inspektorat,
                f"Inspektur Pembantu Wilayah {wilayah}",
                JenisUnit.BIDANG,
                f"Inspektur Pembantu Wilayah {wilayah}",
                ADM,
                staf=auditor,
                bobot=4,
            )

    pranata_komputer = [
        ("Pranata Komputer Ahli Pertama", F, "analis_ti", 2),
        ("Pranata Komputer Ahli Muda", F, "analis_ti", 1),
    ]
    _dinas(
        t,
        n,
        "Dinas Komunikasi dan Informatika",
        [
            (
                0,
                "Aplikasi Informatika",
                [(0, "Pengembangan Aplikasi"), (1000, "Tata Kelola E-Government")],
                pranata_komputer,
            ),
            (
                300,
                "Informasi dan Komunikasi Publik",
                [(1000, "Pengelolaan Informasi Publik"), (1000, "Kemitraan Media")],
                [("Pranata Humas Ahli Pertama", F, "analis", 2)],
            ),
            (
                600,
                "Statistik dan Persandian",
                [(1500, "Statistik Sektoral"), (1500, "Persandian dan Keamanan Informasi")],
                [("Statistisi Ahli Pertama", F, "analis", 2), ("Sandiman Ahli Pertama", F, "analis_ti", 1)],
            ),
        ],
    )

    dindik = _dinas(
        t,
        n,
        "Dinas Pendidikan",
        [
            (
                150,
                "Pembinaan Sekolah Dasar",
                [
                    (1000, "Kurikulum dan Penilaian Sekolah Dasar"),
                    (1000, "Kelembagaan dan Sarana Prasarana Sekolah Dasar"),
                ],
                [("Pengawas Sekolah Ahli Muda", F, "guru", 2)],
            ),
            (
                300,
                "Pembinaan Sekolah Menengah Pertama",
                [(1000, "Kurikulum dan Penilaian Sekolah Menengah Pertama")],
                [("Pengawas Sekolah Ahli Madya", F, "guru", 1)],
            ),
            (
                600,
                "Guru dan Tenaga Kependidikan",
                [(1500, "Pendidik dan Tenaga Kependidikan")],
                [("Analis Sumber Daya Manusia Aparatur Ahli Pertama", F, "analis", 2)],
            ),
            (
                1500,
                "Pendidikan Anak Usia Dini dan Pendidikan Nonformal",
                [],
                [("Penilik Ahli Pertama", F, "guru", 2)],
            ),
        ],
    )
    guru_sd = [
        ("Guru Kelas Ahli Pertama", F, "guru", 6),
        ("Guru Kelas Ahli Muda", F, "guru", 3),
        ("Guru Pendidikan Agama Islam Ahli Pertama", F, "guru", 1),
        ("Guru Pendidikan Jasmani dan Kesehatan Ahli Pertama", F, "guru", 1),
        ("Pengelola Layanan Operasional", P, "pelaksana", 1),
    ]
    guru_smp = [
        ("Guru Matematika Ahli Pertama", F, "guru", 2),
        ("Guru Bahasa Indonesia Ahli Pertama", F, "guru", 2),
        ("Guru Ilmu Pengetahuan Alam Ahli Muda", F, "guru", 2),
        ("Guru Bahasa Inggris Ahli Pertama", F, "guru", 1),
        ("Guru Bimbingan dan Konseling Ahli Pertama", F, "guru", 1),
        ("Pengelola Layanan Operasional", P, "pelaksana", 1),
    ]
    n_sekolah = max(1, round(n * SEKTOR["sekolah"] / STAF_PER_SEKOLAH))
    nomor: dict[tuple[str, str], int] = {}
    for i in range(n_sekolah):
        kec = kecamatan[i % len(kecamatan)]
        jenjang = "SMP" if i % 4 == 3 else "SD"
        nomor[(jenjang, kec)] = nomor.get((jenjang, kec), 0) + 1
        t.anak(
            dindik,
            f"{jenjang} Negeri {nomor[(jenjang, kec)]} {kec}",
            JenisUnit.SEKOLAH,
            "Kepala Sekolah",
            F,
            staf=guru_smp if jenjang == "SMP" else guru_sd,
            bobot=1,
            kode=f"{dindik.kode}.S{i + 1:03d}",
            sektor="sekolah",
            mandiri=True,
            profil="kepala_sekolah",
        )

    dinkes = _dinas(
        t,
        n,
        "Dinas Kesehatan",
        [
            (
                300,
                "Kesehatan Masyarakat",
                [(1000, "Kesehatan Keluarga dan Gizi"), (1500, "Promosi Kesehatan")],
                [("Administrator Kesehatan Ahli Pertama", F, "nakes", 2)],
            ),
            (
                600,
                "Pencegahan dan Pengendalian Penyakit",
                [(1000, "Surveilans dan Imunisasi")],
                [("Epidemiolog Kesehatan Ahli Pertama", F, "nakes", 2)],
            ),
            (
                600,
                "Pelayanan dan Sumber Daya Kesehatan",
                [(1500, "Kefarmasian dan Alat Kesehatan")],
                [("Apoteker Ahli Pertama", F, "nakes", 1)],
            ),
        ],
    )
    t.anak(
        dinkes,
        "UPTD Laboratorium Kesehatan Daerah",
        JenisUnit.UPTD,
        "Kepala UPTD Laboratorium Kesehatan Daerah",
        PGW,
        staf=[
            ("Pranata Laboratorium Kesehatan Ahli Pertama", F, "nakes", 3),
            ("Pranata Laboratorium Kesehatan Terampil", F, "nakes", 2),
            ("Pengelola Layanan Operasional", P, "pelaksana", 1),
        ],
        bobot=0.4,
        kode=f"{dinkes.kode}.U01",
        sektor="kesehatan",
        mandiri=True,
    )
    puskesmas_staf = [
        ("Dokter Ahli Pertama", F, "dokter", 2),
        ("Perawat Terampil", F, "perawat", 4),
        ("Perawat Ahli Pertama", F, "perawat", 2),
        ("Bidan Terampil", F, "bidan", 4),
        ("Apoteker Ahli Pertama", F, "nakes", 1),
        ("Nutrisionis Terampil", F, "nakes", 1),
        ("Pranata Laboratorium Kesehatan Terampil", F, "nakes", 1),
        ("Penata Layanan Operasional", P, "pelaksana", 1),
    ]
    n_puskesmas = min(3 * len(kecamatan), max(1, round(n * SEKTOR["kesehatan"] / STAF_PER_PUSKESMAS)))
    for i in range(n_puskesmas):
        nama = f"Puskesmas {kecamatan[i % len(kecamatan)]}{ROMAWI[i // len(kecamatan)]}"
        t.anak(
            dinkes,
            nama,
            JenisUnit.PUSKESMAS,
            "Kepala Puskesmas",
            F,
            staf=puskesmas_staf,
            bobot=1,
            kode=f"{dinkes.kode}.P{i + 1:03d}",
            sektor="kesehatan",
            mandiri=True,
            profil="kepala_puskesmas",
        )

    if n >= 300:
        teknik = [
            ("Teknik Jalan dan Jembatan Ahli Pertama", F, "teknik", 2),
            ("Teknik Pengairan Ahli Pertama", F, "teknik", 1),
        ]
        pupr = _dinas(
            t,
            n,
            "Dinas Pekerjaan Umum dan Penataan Ruang",
            [
                (
                    300,
                    "Bina Marga",
                    [(1000, "Pembangunan Jalan dan Jembatan"), (1000, "Preservasi Jalan dan Jembatan")],
                    teknik,
                ),
                (600, "Sumber Daya Air", [(1500, "Irigasi")], teknik[1:]),
                (
                    600,
                    "Cipta Karya",
                    [(1500, "Air Minum dan Sanitasi")],
                    [("Teknik Penyehatan Lingkungan Ahli Pertama", F, "teknik", 2)],
                ),
                (1500, "Penataan Ruang", [], [("Penata Ruang Ahli Pertama", F, "teknik", 2)]),
            ],
        )
        if n >= 1500:
            t.anak(
                pupr,
                "UPTD Laboratorium Pengujian Bahan Konstruksi",
                JenisUnit.UPTD,
                "Kepala UPTD Laboratorium Pengujian Bahan Konstruksi",
                PGW,
                staf=[("Teknik Jalan dan Jembatan Terampil", F, "teknik", 2)] + PELAKSANA[:1],
                kode=f"{pupr.kode}.U01",
                mandiri=True,
            )
    if n >= 600:
        _dinas(
            t,
            n,
            "Dinas Kependudukan dan Pencatatan Sipil",
            [
                (
                    600,
                    "Pelayanan Pendaftaran Penduduk",
                    [(1500, "Identitas Penduduk")],
                    [("Administrator Database Kependudukan Ahli Pertama", F, "analis_ti", 2)],
                ),
                (
                    600,
                    "Pelayanan Pencatatan Sipil",
                    [(1500, "Kelahiran dan Kematian")],
                    [("Administrator Database Kependudukan Terampil", F, "analis_ti", 1)],
                ),
                (
                    1500,
                    "Pengelolaan Informasi Administrasi Kependudukan",
                    [],
                    [("Pranata Komputer Ahli Pertama", F, "analis_ti", 2)],
                ),
            ],
        )
    if n >= 1000:
        _dinas(
            t,
            n,
            "Dinas Sosial",
            [
                (
                    1000,
                    "Rehabilitasi Sosial",
                    [(2000, "Rehabilitasi Sosial Penyandang Disabilitas")],
                    [("Pekerja Sosial Ahli Pertama", F, "analis", 2)],
                ),
                (
                    1000,
                    "Perlindungan dan Jaminan Sosial",
                    [(2000, "Jaminan Sosial Keluarga")],
                    [("Penyuluh Sosial Ahli Pertama", F, "analis", 2)],
                ),
            ],
        )
    if n >= 600:
        perencana = [("Perencana Ahli Pertama", F, "analis", 2), ("Perencana Ahli Muda", F, "analis", 1)]
        _dinas(
            t,
            n,
            "Badan Perencanaan Pembangunan Daerah",
            [
                (600, "Perencanaan Pemerintahan dan Pembangunan Manusia", [], perencana),
                (1000, "Perencanaan Perekonomian, Infrastruktur dan Kewilayahan", [], perencana),
                (1500, "Penelitian dan Pengembangan", [], [("Peneliti Ahli Pertama", F, "analis", 1)]),
            ],
        )
    if n >= 300:
        keuangan = [("Analis Keuangan Pusat dan Daerah Ahli Pertama", F, "analis", 2)]
        _dinas(
            t,
            n,
            "Badan Pengelolaan Keuangan dan Aset Daerah",
            [
                (300, "Anggaran", [], keuangan),
                (600, "Perbendaharaan", [], keuangan),
                (1000, "Akuntansi dan Pelaporan", [], keuangan),
                (
                    1000,
                    "Pengelolaan Barang Milik Daerah",
                    [],
                    [("Pengelola Barang Milik Daerah", P, "pelaksana", 2)],
                ),
            ],
        )

    analis_sdm = [
        ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", F, "analis", 2),
        ("Pranata Sumber Daya Manusia Aparatur Terampil", F, "pelaksana", 1),
    ]
    _dinas(
        t,
        n,
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        [
            # The demo admin BKPSDM is the first Analis SDM Aparatur Ahli Muda here.
            (
                0,
                "Penilaian Kinerja dan Penghargaan",
                [],
                [("Analis Sumber Daya Manusia Aparatur Ahli Muda", F, "analis", 2, True)] + analis_sdm,
            ),
            (300, "Pengadaan, Pemberhentian dan Informasi", [], analis_sdm),
            (600, "Mutasi dan Promosi", [], analis_sdm),
            (
                1000,
                "Pengembangan Kompetensi",
                [],
                [("Widyaiswara Ahli Pertama", F, "analis", 1)] + analis_sdm,
            ),
        ],
    )

    n_kecamatan = min(len(kecamatan), max(1, round(n / 500)))
    for nama in kecamatan[:n_kecamatan]:
        kec = t.pd(
            f"Kecamatan {nama}", "Camat", jenis=JenisUnit.KECAMATAN, kepala_jenis=ADM, sektor="kecamatan"
        )
        t.anak(
            kec,
            f"Sekretariat Kecamatan {nama}",
            JenisUnit.SEKRETARIAT,
            "Sekretaris Kecamatan",
            ADM,
            staf=PELAKSANA,
            bobot=2,
        )
        for batas, seksi in [
            (0, "Pemerintahan"),
            (600, "Pelayanan Umum"),
            (1500, "Ketenteraman dan Ketertiban Umum"),
        ]:
            if n >= batas:
                t.anak(
                    kec,
                    f"Seksi {seksi}",
                    JenisUnit.SEKSI,
                    f"Kepala Seksi {seksi}",
                    PGW,
                    staf=PELAKSANA,
                    bobot=1,
                )
    return t


def _bagi(total: int, bobot: list[float]) -> list[int]:
    """Split `total` in proportion to `bobot` (largest remainder; ties to the first)."""
    if total <= 0 or not bobot:
        return [0] * len(bobot)
    jumlah = sum(bobot)
    raw = [total * b / jumlah for b in bobot]
    hasil = [int(r) for r in raw]
    urut = sorted(range(len(raw)), key=lambda i: (-(raw[i] - hasil[i]), i))
    for i in urut[: total - sum(hasil)]:
        hasil[i] += 1
    return hasil


def _alokasi_staf(units: list[_Unit], total: int) -> dict[int, int]:
    """How many staff each unit (by index) gets: sectors by SEKTOR, units by weight. The demo Seksi and the
    admin's Bidang get at least one, so the demo accounts exist at every size."""
    idx = [i for i, u in enumerate(units) if u.staf]
    sektor = sorted({units[i].sektor for i in idx}, key=list(SEKTOR).index)
    per_sektor = dict(zip(sektor, _bagi(total, [SEKTOR[s] for s in sektor]), strict=True))
    hasil = {}
    for s in sektor:
        anggota = [i for i in idx if units[i].sektor == s]
        hasil.update(zip(anggota, _bagi(per_sektor[s], [units[i].bobot for i in anggota]), strict=True))
    wajib = [i for i in idx if units[i].jenis == JenisUnit.SEKSI][:1]
    wajib += [i for i in idx if any(j.admin for j in units[i].staf)][:1]
    for i in wajib:
        if hasil[i] == 0:
            donor = max(hasil, key=lambda k: (hasil[k], -k))
            hasil[donor] -= 1
            hasil[i] += 1
    return hasil


def _bagi_jabatan(unit: _Unit, total: int) -> list[int]:
    """Split a unit's staff over its positions by weight; the admin's position is filled first."""
    hasil = _bagi(total, [j.bobot for j in unit.staf])
    for i, jab in enumerate(unit.staf):
        if jab.admin and total and not hasil[i]:
            hasil[max(range(len(hasil)), key=lambda k: (hasil[k], -k))] -= 1
            hasil[i] += 1
    return hasil


# People ------------------------------------------------------------------------------------------------
# Profile -> (gelar (depan, belakang) choices, PNS golongan, PPPK golongan or None, usia range)
PROFIL = {
    "jpt": (
        [
            ("", "S.STP., M.Si."),
            ("", "S.H., M.H."),
            ("", "S.E., M.M."),
            ("Dr.", "S.Sos., M.Si."),
            ("", "S.T., M.T."),
            ("", "S.IP., M.AP."),
        ],
        ["IV/c", "IV/d"],
        None,
        (46, 57),
    ),
    "administrator": (
        [
            ("", "S.STP., M.Si."),
            ("", "S.E., M.Ak."),
            ("", "S.Sos., M.AP."),
            ("", "S.T., M.T."),
            ("", "S.H., M.H."),
            ("", "S.Kom., M.Kom."),
        ],
        ["IV/a", "IV/b"],
        None,
        (40, 56),
    ),
    "pengawas": (
        [
            ("", "S.E."),
            ("", "S.Sos."),
            ("", "S.Kom."),
            ("", "S.IP."),
            ("", "S.H."),
            ("", "S.T."),
            ("", "S.AP."),
        ],
        ["III/c", "III/d"],
        None,
        (33, 55),
    ),
    "kepala_sekolah": (
        [("", "S.Pd., M.Pd."), ("", "S.Pd."), ("", "S.Pd.SD."), ("", "S.Ag., M.Pd.I.")],
        ["IV/a", "IV/b"],
        None,
        (42, 57),
    ),
    "kepala_puskesmas": (
        [("dr.", ""), ("dr.", "M.Kes."), ("", "S.K.M., M.Kes."), ("", "S.Kep., Ners")],
        ["III/d", "IV/a"],
        None,
        (35, 54),
    ),
    "analis": (
        [
            ("", "S.E."),
            ("", "S.Sos."),
            ("", "S.H."),
            ("", "S.Psi."),
            ("", "S.AP."),
            ("", "S.E., M.M."),
            ("", "S.IP."),
        ],
        ["III/a", "III/b", "III/c", "III/d"],
        ["IX", "X"],
        (25, 56),
    ),
    "analis_ti": (
        [("", "S.Kom."), ("", "S.T."), ("", "A.Md.Kom."), ("", "S.Kom., M.Kom.")],
        ["III/a", "III/b", "III/c"],
        ["VII", "IX"],
        (24, 50),
    ),
    "guru": (
        [
            ("", "S.Pd."),
            ("", "S.Pd."),
            ("", "S.Pd.I."),
            ("", "S.Pd., M.Pd."),
            ("", "S.Pd.SD."),
            ("", "S.Si."),
        ],
        ["III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"],
        ["IX"],
        (24, 57),
    ),
    "dokter": (
        [("dr.", ""), ("dr.", ""), ("drg.", ""), ("dr.", "M.Kes.")],
        ["III/b", "III/c", "III/d"],
        ["XI"],
        (27, 52),
    ),
    "perawat": (
        [("", "A.Md.Kep."), ("", "S.Kep., Ners")],
        ["II/c", "II/d", "III/a", "III/b", "III/c"],
        ["VII", "IX"],
        (24, 55),
    ),
    "bidan": ([("", "A.Md.Keb."), ("", "S.Tr.Keb.")], ["II/c", "II/d", "III/a", "III/b"], ["VII"], (24, 55)),
    "nakes": (
        [("", "S.Farm., Apt."), ("", "S.Gz."), ("", "A.Md.A.K."), ("", "S.K.M."), ("", "A.Md.Farm.")],
        ["II/c", "III/a", "III/b", "III/c"],
        ["VII", "IX"],
        (24, 55),
    ),
    "teknik": (
        [("", "S.T."), ("", "A.Md.T."), ("Ir.", ""), ("", "S.T., M.T.")],
        ["III/a", "III/b", "III/c", "III/d"],
        ["VII", "IX"],
        (25, 56),
    ),
    "pelaksana": (
        [("", ""), ("", ""), ("", ""), ("", "A.Md."), ("", "S.E."), ("", "S.Kom."), ("", "S.Sos.")],
        ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"],
        ["V", "VII"],
        (22, 57),
    ),
}
PPPK_SHARE = 0.3
# A functional position's level decides the golongan and a plausible minimum age (Terampil = D3 level).
JENJANG_JF = {
    "Ahli Madya": (["IV/a", "IV/b", "IV/c"], ["XI"], 42),
    "Ahli Muda": (["III/c", "III/d"], ["X"], 33),
    "Ahli Pertama": (["III/a", "III/b"], ["IX"], 0),
    "Terampil": (["II/c", "II/d", "III/a"], ["VII"], 0),
}


class _Pembuat:
    """Deterministic names and NIPs for one Pemda. NIPs must be unique across Pemda (usernames are NIPs):
    each fixture gets its own block of sequence numbers, and NIPs already used in the database are skipped."""

    def __init__(self, *, seed: int, blok: range, used: set[str], today: datetime.date):
        self.rng = random.Random(seed)
        self.fake = Faker("id_ID")
        self.fake.seed_instance(seed)
        self.blok = blok
        self.used = used
        self.today = today
        self.urut: dict[str, int] = {}

    def nama(self, jenis_kelamin: str) -> str:
        fake, laki = self.fake, jenis_kelamin == "L"
        depan = fake.first_name_male() if laki else fake.first_name_female()
        belakang = fake.last_name_male() if laki else fake.last_name_female()
        r = self.rng.random()
        if r < 0.15:
            return depan
        if r < 0.3:
            tengah = fake.first_name_male() if laki else fake.first_name_female()
            return f"{depan} {tengah} {belakang}"
        return f"{depan} {belakang}"

    def nip(self, *, usia: tuple[int, int], pppk: bool, gender: str) -> str:
        rng, today = self.rng, self.today
        while True:
            lahir = datetime.date(today.year - rng.randint(*usia), 1, 1) + datetime.timedelta(
                days=rng.randrange(365)
            )
            if pppk:
                # PPPK were first appointed in 2019.
                tahun_tmt = rng.randint(max(2019, lahir.year + 20), today.year - 1)
            else:
                tahun_tmt = min(today.year - 1, lahir.year + rng.randint(22, 30))
            prefix = f"{lahir:%Y%m%d}{tahun_tmt:04d}{rng.randint(1, 12):02d}{1 if gender == 'L' else 2}"
            urut = self.urut.get(prefix, self.blok.start + rng.randrange(min(50, len(self.blok))))
            while urut < self.blok.stop and f"{prefix}{urut:03d}" in self.used:
                urut += 1
            if urut < self.blok.stop:
                self.urut[prefix] = urut + 1
                nip = f"{prefix}{urut:03d}"
                self.used.add(nip)
                return nip

    def pegawai(self, *, pemda_id: int, jabatan: _Jab, golongan: dict) -> Pegawai:
        rng, leader = self.rng, jabatan.memimpin
        gelar, gol_pns, gol_pppk, usia = PROFIL[jabatan.profil]
        jenjang = next((v for k, v in JENJANG_JF.items() if k in jabatan.nama), None)
        if jenjang and not leader and jabatan.jenis == JenisJabatan.FUNGSIONAL:
            gol_pns, gol_pppk = jenjang[0], jenjang[1] if gol_pppk else None
            usia = (max(usia[0], jenjang[2]), usia[1])
        pppk = not leader and gol_pppk is not None and rng.random() < PPPK_SHARE
        gender = "L" if rng.random() < 0.5 else "P"
        depan, belakang = rng.choice(gelar)
        if depan == "Ir." and rng.random() < 0.5:
            depan = ""
        jenis_asn = (JenisASN.PPPK if pppk else JenisASN.PNS).value
        pegawai = Pegawai(
            pemda_id=pemda_id,
            nip=self.nip(usia=(max(25, usia[0]), 55) if pppk else usia, pppk=pppk, gender=gender),
            nama=self.nama(gender),
            gelar_depan=depan,
            gelar_belakang=belakang,
            jenis_asn=jenis_asn,
            golongan_id=golongan[(jenis_asn, rng.choice(gol_pppk if pppk else gol_pns))],
        )
        pegawai.fill_from_nip()  # validates the NIP (kinerja/nip.py) and sets birth date, TMT and gender
        return pegawai

    def mulai(self, pegawai: Pegawai, *, leader: bool) -> datetime.date:
        rng = self.rng
        tahun = rng.randint(2021 if leader else 2018, self.today.year - 1)
        return max(pegawai.tmt, datetime.date(tahun, rng.choice([1, 4, 7, 10]), 1))


# Seeding -----------------------------------------------------------------------------------------------
@dataclass
class SeedHasil:
    slug: str
    nama: str
    dibuat: bool
    pegawai: int
    unit: int
    jabatan: int
    detik: float


def seed_demo(
    *, slugs: list[str] | None = None, n_pegawai: int = 300, reset: bool = False, log=None
) -> list[SeedHasil]:
    """Seed the demo Pemda named by `slugs` (default: every fixture) with `n_pegawai` Pegawai each."""
    if n_pegawai < MIN_PEGAWAI:
        raise ValueError(f"Jumlah Pegawai per Pemda paling sedikit {MIN_PEGAWAI}.")
    semua = fixture_slugs()
    slugs = list(dict.fromkeys(slugs or semua))
    unknown = [s for s in slugs if s not in semua]
    if unknown:
        raise FixtureError(f"Tidak ada fixture untuk: {', '.join(unknown)}. Yang ada: {', '.join(semua)}.")
    fixtures = [load_fixture(slug) for slug in slugs]
    password = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo account
    ukuran_blok = 999 // len(semua)
    hasil = []
    for fixture in fixtures:
        i = semua.index(fixture.slug)
        blok = range(1 + i * ukuran_blok, 1 + (i + 1) * ukuran_blok)
        hasil.append(_seed_pemda(fixture, n=n_pegawai, reset=reset, password=password, blok=blok))
        if log:
            log(hasil[-1])
    return hasil


def _seed_pemda(fixture: PemdaFixture, *, n: int, reset: bool, password: str, blok: range) -> SeedHasil:
    mulai = time.monotonic()
    with transaction.atomic():
        with national_context():
            pemda, _ = Pemda.objects.get_or_create(
                slug=fixture.slug,
                defaults={"nama": fixture.pemda["nama"], "provinsi": fixture.pemda.get("provinsi", "")},
            )
            if reset:
                pemda_kosongkan(pemda=pemda)
        with tenant_context(pemda.pk):
            pengaturan = PengaturanPemda.objects.first()
            if pengaturan is None:
                pengaturan = pengaturan_from_fixture(fixture=fixture, pemda=pemda)
                pengaturan.save()
            if not pengaturan.logo or not pengaturan.logo.storage.exists(pengaturan.logo.name):
                png = logo_png(nama=pemda.nama, warna=fixture.demo.get("warna", "#1f4e79"))
                pengaturan.logo.save(f"{fixture.slug}.png", ContentFile(png), save=False)
                pengaturan.save(update_fields=["logo"])
            _akun_kepala_daerah(pemda=pemda, pengaturan=pengaturan, password=password)
            dibuat = not (UnitKerja.objects.exists() or Pegawai.objects.exists())
            if dibuat:
                _bangun(pemda=pemda, fixture=fixture, n=n, password=password, blok=blok)
            hasil = SeedHasil(
                slug=pemda.slug,
                nama=pemda.nama,
                dibuat=dibuat,
                pegawai=Pegawai.objects.count(),
                unit=UnitKerja.objects.count(),
                jabatan=Jabatan.objects.count(),
                detik=0.0,
            )
        transaction.on_commit(lambda: forget_pemda_info(pemda.pk))
    hasil.detik = time.monotonic() - mulai
    return hasil


def _akun_kepala_daerah(*, pemda: Pemda, pengaturan: PengaturanPemda, password: str) -> User:
    """The Kepala Daerah's login: not a Pegawai (a pejabat negara), with a readable username."""
    nama = (pengaturan.nama_kepala_daerah or pengaturan.jabatan_kepala_daerah).title()
    user, _ = User.objects.get_or_create(
        username=f"bupati.{pemda.slug}",
        defaults={"pemda": pemda, "is_kepala_daerah": True, "first_name": nama[:150], "password": password},
    )
    return user


def _bangun(*, pemda: Pemda, fixture: PemdaFixture, n: int, password: str, blok: range) -> None:
    today = timezone.localdate()
    pohon = _rencana(n=n, kecamatan=fixture.demo["kecamatan"])
    units = pohon.units
    n_staf = n - len(units)
    if n_staf < 2:
        raise ValueError(f"{n} Pegawai terlalu sedikit untuk {len(units)} unit kerja demo {pemda.nama}.")

    # Units, level by level: a unit's path needs its parent's id.
    for depth in range(max(u.depth for u in units) + 1):
        level = [u for u in units if u.depth == depth]
        objs = [
            UnitKerja(
                pemda=pemda,
                kode=u.kode,
                nama=u.nama,
                jenis=u.jenis,
                parent=u.parent.obj if u.parent else None,
                path="/",
                depth=depth,
            )
            for u in level
        ]
        UnitKerja.objects.bulk_create(objs, batch_size=BATCH)
        for u, obj in zip(level, objs, strict=True):
            obj.path = f"{u.parent.obj.path if u.parent else '/'}{obj.pk}/"
            u.obj = obj
        UnitKerja.objects.bulk_update(objs, ["path"], batch_size=BATCH)

    semua_jab = []
    for u in units:
        for jab in [u.kepala, *u.staf]:
            jab.obj = Jabatan(
                pemda=pemda,
                unit=u.obj,
                nama=jab.nama,
                jenis=jab.jenis,
                memimpin_unit=jab.memimpin,
                pimpinan_unit_kerja_mandiri=jab.mandiri,
            )
            semua_jab.append(jab.obj)
    Jabatan.objects.bulk_create(semua_jab, batch_size=BATCH)

    golongan = {(g.jenis_asn, g.kode): g.pk for g in Golongan.objects.all()}
    # Usernames are global: skip every NIP any account already has.
    used = set(User.objects.values_list("username", flat=True))
    used |= set(Pegawai.objects.values_list("nip", flat=True))
    pembuat = _Pembuat(seed=zlib.crc32(fixture.slug.encode()), blok=blok, used=used, today=today)

    penempatan: list[tuple[Pegawai, _Jab, datetime.date, str]] = []
    for i, u in enumerate(units, 1):
        pegawai = pembuat.pegawai(pemda_id=pemda.pk, jabatan=u.kepala, golongan=golongan)
        mulai = pembuat.mulai(pegawai, leader=True)
        penempatan.append((pegawai, u.kepala, mulai, f"821.2/{i:04d}/BKPSDM/{mulai.year}"))
    alokasi = _alokasi_staf(units, n_staf)
    for i, u in enumerate(units):
        per_jab = _bagi_jabatan(u, alokasi.get(i, 0))
        for jab, jumlah in zip(u.staf, per_jab, strict=True):
            for _ in range(jumlah):
                pegawai = pembuat.pegawai(pemda_id=pemda.pk, jabatan=jab, golongan=golongan)
                penempatan.append((pegawai, jab, pembuat.mulai(pegawai, leader=False), ""))

    Pegawai.objects.bulk_create([p for p, *_ in penempatan], batch_size=BATCH)
    Penempatan.objects.bulk_create(
        [
            Penempatan(pemda=pemda, pegawai=p, jabatan=jab.obj, mulai=mulai, nomor_sk=sk)
            for p, jab, mulai, sk in penempatan
        ],
        batch_size=BATCH,
    )
    cache_pemda.naikkan(cache_pemda.STRUKTUR, pemda.pk)  # bulk_create sends no post_save
    admin = next(p for p, jab, *_ in penempatan if jab.admin)
    User.objects.bulk_create(
        [
            User(
                username=p.nip,
                pemda=pemda,
                pegawai=p,
                password=password,
                # A reserved domain (RFC 2606): the deadline reminders' emails show in the console, never sent.
                email=f"{p.nip}@{pemda.slug}.kinerja.example",
                is_admin_bkpsdm=p is admin,
            )
            for p, *_ in penempatan
        ],
        batch_size=BATCH,
    )


def pemda_kosongkan(*, pemda: Pemda) -> None:
    """Delete every tenant-owned row and every account of `pemda`, keeping the Pemda row (for --reset).
    Generic over the app registry, so the rows of later stages (SKP, evaluasi, ...) go too.
    Runs inside national_context()."""
    models = [m for m in apps.get_models() if is_tenant_model(m)]
    for row in PengaturanPemda._base_manager.filter(pemda=pemda).exclude(logo=""):
        row.logo.delete(save=False)
    # Nullable links between tenant rows (a unit's parent, ...) are cut first, so cycles cannot block.
    for model in models:
        for fk in tenant_foreign_keys(model):
            if fk.null:
                model._base_manager.filter(pemda=pemda, **{f"{fk.attname}__isnull": False}).update(
                    **{fk.attname: None}
                )
    sisa = set(models)
    while sisa:
        dirujuk = {
            fk.related_model
            for m in sisa
            for fk in tenant_foreign_keys(m)
            if not fk.null and fk.related_model is not m
        }
        siap = [m for m in sisa if m not in dirujuk] or list(sisa)
        for model in sorted(siap, key=lambda m: m._meta.label):
            model._base_manager.filter(pemda=pemda).delete()
            sisa.discard(model)
    User.objects.filter(pemda=pemda).delete()


# Demo accounts -----------------------------------------------------------------------------------------
PERAN = (
    "Admin BKPSDM",
    "Kepala Daerah",
    "Kepala Perangkat Daerah",
    "Atasan Penilai",
    "Pejabat Penilai Kinerja",
    "Pegawai",
)


class RantaiDemo(NamedTuple):
    """Pegawai ids of the demo chain, top down: each one is the Penilai of the next."""

    kepala_pd: int
    atasan_penilai: int
    penilai: int
    pegawai: int


@dataclass(frozen=True)
class AkunDemo:
    pemda: str  # slug
    pemda_nama: str
    role: (
        str  # stable code for tools: admin_bkpsdm, kepala_daerah, kepala_pd, atasan_penilai, penilai, pegawai
    )
    peran: str  # its name in the UI
    nama: str
    username: str
    password: str
    user_id: int
    pegawai_id: int | None


def akun_demo() -> list[AkunDemo]:
    """The demo accounts of every Pemda, derived from the data (so the list cannot drift from it):
    - Admin BKPSDM and Kepala Daerah: the first account (by username) with that flag;
    - Pejabat Penilai Kinerja: the head of the first Seksi (by kode) whose chain is complete, i.e. whose
      Penilai is a Pegawai (the Atasan Penilai) whose own Penilai heads a Perangkat Daerah (the Kepala PD),
      and who evaluates at least one Pegawai of the Seksi; the Pegawai is the one with the lowest NIP.
    The password is shown only while the account still has the demo password."""
    with national_context():
        pemdas = list(Pemda.objects.order_by("nama"))
    hasil = []
    cocok: dict[str, bool] = {}
    for pemda in pemdas:
        with tenant_context(pemda.pk):
            akun = _akun_demo_pemda(pemda)
        for role, peran, user in akun:
            if user.password not in cocok:
                cocok[user.password] = check_password(DEMO_PASSWORD, user.password)
            hasil.append(
                AkunDemo(
                    pemda=pemda.slug,
                    pemda_nama=pemda.nama,
                    role=role,
                    peran=peran,
                    nama=user.nama_tampil,
                    username=user.username,
                    password=DEMO_PASSWORD if cocok[user.password] else "(sudah diganti)",
                    user_id=user.pk,
                    pegawai_id=user.pegawai_id,
                )
            )
    return hasil


def _akun_demo_pemda(pemda: Pemda) -> list[tuple[str, str, User]]:
    users = User.objects.filter(pemda=pemda, is_active=True).select_related("pegawai").order_by("username")
    akun = [
        ("admin_bkpsdm", "Admin BKPSDM", users.filter(is_admin_bkpsdm=True).first()),
        ("kepala_daerah", "Kepala Daerah", users.filter(is_kepala_daerah=True).first()),
    ]
    rantai = rantai_demo(pemda.pk)
    if rantai:
        by_pegawai = {u.pegawai_id: u for u in users.filter(pegawai_id__in=rantai)}
        akun += [
            ("kepala_pd", "Kepala Perangkat Daerah", by_pegawai.get(rantai.kepala_pd)),
            ("atasan_penilai", "Atasan Penilai", by_pegawai.get(rantai.atasan_penilai)),
            ("penilai", "Pejabat Penilai Kinerja", by_pegawai.get(rantai.penilai)),
            ("pegawai", "Pegawai", by_pegawai.get(rantai.pegawai)),
        ]
    return [(role, peran, user) for role, peran, user in akun if user is not None]


def rantai_demo(pemda_id: int) -> RantaiDemo | None:
    """The demo chain of the Pemda (see akun_demo), or None. Needs an active scope."""
    struktur = Struktur.for_pemda(pemda_id=pemda_id)
    roots = {unit_id for unit_id, parent_id in struktur.parent.items() if parent_id is None}
    for unit_id in (
        UnitKerja.objects.filter(jenis=JenisUnit.SEKSI, aktif=True)
        .order_by("kode")
        .values_list("pk", flat=True)
    ):
        lead = struktur.leader.get(unit_id)
        if not lead:
            continue
        penilai_id = lead[0]
        atasan = struktur.penilai(penilai_id)[0]
        if atasan is None or atasan.pegawai_id is None:
            continue
        kepala = struktur.penilai(atasan.pegawai_id)[0]
        if kepala is None or kepala.pegawai_id is None or kepala.unit_id not in roots:
            continue
        bawahan = [
            pid
            for pid in struktur.dinilai_oleh(penilai_id)
            if struktur.posisi[pid].unit_id == unit_id and not struktur.posisi[pid].memimpin
        ]
        if not bawahan:
            continue
        pegawai_id = (
            Pegawai.objects.filter(pk__in=bawahan).order_by("nip").values_list("pk", flat=True).first()
        )
        return RantaiDemo(kepala.pegawai_id, atasan.pegawai_id, penilai_id, pegawai_id)
    return None
