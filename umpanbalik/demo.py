"""Demo data of pelaksanaan (`manage.py seed_demo_pelaksanaan`), on top of `seed_demo`.

For each demo Pemda, the demo chain (kinerja.services.seed.rantai_demo) gets a year of work to look at: the
demo Pegawai and up to five other Pegawai the demo Penilai evaluates in the same seksi each have a set SKP of
this year (2 RHK with 1-2 kuantitatif IKI), taken from draft to ditetapkan by the SKP services with the demo
password, and realisasi for every period of the Pemda's finest documentation kind that has ended. The demo
Pegawai is clearly behind target; the others are on track or ahead. She also has link and PDF bukti, catatan
harian of the last working days, the Penilai's berkala feedback on every ended period, a peer invited with one
piece of feedback, a "pembinaan" response and one coaching (B.1.6) with both parts filled. A period has ended
when its last day is today or earlier; the current period is left for the user to record.

Everything is written through the services (skp.services, umpanbalik.services), as the users would, so the demo
holds nothing the application could not have produced. Deterministic: no randomness; the values depend only on
"today" (skp.waktu.hari_ini) and the seed data.

Idempotent: a Pegawai who already has an SKP of the year (whatever its status) is left alone and reported. Each
Pegawai's data is written in one transaction: a failure (an account whose password is no longer the demo one, a
rule of the Pemda) leaves nothing half made for her and is reported.
"""

import dataclasses
import datetime
import math
import time
from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from kinerja.models import Pegawai, Pemda, PengaturanPemda, UnitKerja
from kinerja.scoping import national_context, tenant_context
from kinerja.selectors.penilai import Struktur
from kinerja.services import seed
from skp import services as skp_services
from skp import waktu
from skp.models import AspekIki, JenisRhk, Skp, StatusSkp

from . import periode as periode_mod
from .models import (
    CaraUmpanBalik,
    JenisBimbingan,
    JenisTanggapan,
    JenisUmpanBalik,
    PeranPemberi,
    SifatRealisasi,
)
from .services.catatan import catatan_harian_buat
from .services.pembinaan import bimbingan_buat, bimbingan_isi
from .services.realisasi import bukti_tautan, bukti_unggah, realisasi_catat
from .services.tindak_lanjut import tanggapan_catat
from .services.umpan_balik import umpan_balik_beri, undangan_buat

User = get_user_model()

MAKS_REKAN = 5  # other Pegawai of the seksi with a set SKP besides the demo Pegawai
# Share of the expected cumulative value each one reaches: the demo Pegawai far behind (below the 90% of
# umpanbalik.selectors.progres), the others on track or ahead.
LAJU_DEMO = Decimal("0.6")
LAJU_LAIN = (Decimal("1.0"), Decimal("1.15"), Decimal("1.0"), Decimal("1.25"), Decimal("1.05"))


# What a seksi plans for the year: RHK with their kuantitatif IKI (teks, aspek, target, satuan).
@dataclasses.dataclass(frozen=True)
class RencanaIki:
    teks: str
    aspek: str
    target: int
    satuan: str


@dataclasses.dataclass(frozen=True)
class RencanaRhk:
    teks: str
    iki: tuple[RencanaIki, ...]


RENCANA = (
    RencanaRhk(
        "Tersusunnya laporan pelaksanaan kegiatan {seksi} yang akurat dan tepat waktu",
        (
            RencanaIki("Jumlah laporan bulanan kegiatan yang tersusun", AspekIki.KUANTITAS, 12, "dokumen"),
            RencanaIki(
                "Persentase laporan yang disampaikan kepada pimpinan tepat waktu", AspekIki.WAKTU, 100, "%"
            ),
        ),
    ),
    RencanaRhk(
        "Terkelolanya data dan informasi layanan {seksi} secara tertib",
        (RencanaIki("Jumlah pemutakhiran basis data layanan", AspekIki.KUANTITAS, 24, "kali"),),
    ),
    RencanaRhk(
        "Terlaksananya tata naskah dan kearsipan {seksi} sesuai ketentuan",
        (
            RencanaIki(
                "Persentase naskah dinas yang diarsipkan secara elektronik", AspekIki.KUALITAS, 100, "%"
            ),
            RencanaIki(
                "Jumlah berkas arsip aktif yang ditata dan didaftar", AspekIki.KUANTITAS, 240, "berkas"
            ),
        ),
    ),
    RencanaRhk(
        "Terlaksananya pemantauan dan evaluasi program {seksi}",
        (
            RencanaIki(
                "Jumlah laporan hasil pemantauan dan evaluasi program", AspekIki.KUANTITAS, 4, "laporan"
            ),
        ),
    ),
    RencanaRhk(
        "Meningkatnya kualitas pelayanan administrasi {seksi}",
        (
            RencanaIki(
                "Jumlah permohonan layanan administrasi yang diselesaikan",
                AspekIki.KUANTITAS,
                360,
                "permohonan",
            ),
        ),
    ),
)


# What is counted, in the order the command prints it.
JENIS_HITUNGAN = {
    "skp": "SKP ditetapkan",
    "realisasi": "realisasi",
    "bukti": "bukti dukung",
    "catatan_harian": "catatan harian",
    "umpan_balik": "umpan balik",
    "undangan": "undangan umpan balik",
    "tanggapan": "tanggapan progres",
    "bimbingan": "bimbingan",
}


@dataclasses.dataclass
class HasilPemda:
    slug: str
    nama: str
    hitung: Counter = dataclasses.field(default_factory=Counter)  # JENIS_HITUNGAN -> rows made
    pesan: list[str] = dataclasses.field(default_factory=list)  # one line per Pegawai
    dilewati: str = ""  # why the whole Pemda was skipped
    detik: float = 0.0


def seed_pelaksanaan(*, slugs: list[str] | None = None, log=None) -> list[HasilPemda]:
    """Seed the pelaksanaan demo data of the Pemda named by `slugs` (default: every Pemda)."""
    with national_context():
        pemdas = Pemda.objects.order_by("nama")
        if slugs:
            pemdas = pemdas.filter(slug__in=slugs)
        pemdas = list(pemdas)
    hasil = []
    for pemda in pemdas:
        mulai = time.monotonic()
        with tenant_context(pemda.pk):
            satu = _pemda(pemda)
        satu.detik = time.monotonic() - mulai
        hasil.append(satu)
        if log:
            log(satu)
    return hasil


# One Pemda ----------------------------------------------------------------------------------------------
@dataclasses.dataclass
class _Konteks:
    pemda: Pemda
    pengaturan: PengaturanPemda
    tanggal: datetime.date
    seksi: str
    situs: str
    penilai: User
    periode: list[periode_mod.Periode]  # the ended periods of the finest kind, this year
    hitung: Counter  # what the Pegawai being seeded got so far


def _situs(pengaturan: PengaturanPemda, pemda: Pemda) -> str:
    """The Pemda's web site, from the letterhead's laman (bkpsdm.sumedangkab.go.id -> sumedangkab.go.id)."""
    laman = (pengaturan.laman or "").strip().removeprefix("https://").removeprefix("http://").strip("/")
    if laman.startswith("bkpsdm."):
        laman = laman.removeprefix("bkpsdm.")
    return f"https://{laman or pemda.slug.replace('-', '') + 'kab.go.id'}"


def _periode_selesai(pengaturan: PengaturanPemda, tanggal: datetime.date) -> list[periode_mod.Periode]:
    jenis = periode_mod.periode_utama(pengaturan)
    return [p for p in periode_mod.semua(jenis, tanggal.year) if p.selesai <= tanggal]


def _anggota(struktur: Struktur, penilai_id: int, pegawai_id: int) -> list[int]:
    """The other Pegawai the Penilai evaluates in the demo Pegawai's seksi (not unit heads), by NIP."""
    unit_id = struktur.posisi[pegawai_id].unit_id
    ids = [
        pid
        for pid in struktur.dinilai_oleh(penilai_id)
        if pid != pegawai_id
        and pid in struktur.posisi
        and struktur.posisi[pid].unit_id == unit_id
        and not struktur.posisi[pid].memimpin
    ]
    return list(Pegawai.objects.filter(pk__in=ids).order_by("nip").values_list("pk", flat=True))


def _pemda(pemda: Pemda) -> HasilPemda:
    hasil = HasilPemda(slug=pemda.slug, nama=pemda.nama)
    pengaturan = PengaturanPemda.objects.filter(pemda=pemda).first()
    rantai = seed.rantai_demo(pemda.pk) if pengaturan else None
    if rantai is None:
        hasil.dilewati = "rantai demo (Kepala PD > Atasan Penilai > Penilai > Pegawai) tidak lengkap"
        return hasil
    tanggal = waktu.hari_ini(pemda.pk)
    struktur = Struktur.for_pemda(pemda_id=pemda.pk, tanggal=tanggal)
    anggota = _anggota(struktur, rantai.penilai, rantai.pegawai)
    akun = {
        u.pegawai_id: u
        for u in User.objects.filter(
            pemda=pemda, is_active=True, pegawai_id__in=[rantai.penilai, rantai.pegawai, *anggota]
        ).select_related("pegawai")
    }
    if rantai.penilai not in akun or rantai.pegawai not in akun:
        hasil.dilewati = "Penilai atau Pegawai demo tidak punya akun aktif"
        return hasil
    # Only Pegawai with an account can sign their SKP.
    anggota = [pid for pid in anggota if pid in akun][:MAKS_REKAN]
    k = _Konteks(
        pemda=pemda,
        pengaturan=pengaturan,
        tanggal=tanggal,
        seksi=UnitKerja.objects.get(pk=struktur.posisi[rantai.pegawai].unit_id).nama,
        situs=_situs(pengaturan, pemda),
        penilai=akun[rantai.penilai],
        periode=_periode_selesai(pengaturan, tanggal),
        hitung=Counter(),
    )
    rekan = akun[anggota[0]] if anggota else None
    for i, pid in enumerate([rantai.pegawai, *anggota]):
        hasil.pesan.append(_satu(k, akun[pid], urutan=i, rekan=rekan if i == 0 else None))
        hasil.hitung.update(k.hitung)
    return hasil


def _satu(k: _Konteks, user, *, urutan: int, rekan) -> str:
    """One Pegawai: her SKP set, realisasi recorded; for the demo Pegawai (urutan 0) the rest too. Returns
    the line to print; `k.hitung` holds what was made (nothing when it failed)."""
    k.hitung = Counter()
    pegawai = user.pegawai
    nama = f"{pegawai.nama_lengkap} ({pegawai.nip})"
    ada = (
        Skp.objects.filter(pegawai=pegawai, tahun=k.tanggal.year)
        .exclude(status=StatusSkp.DIGANTIKAN)
        .order_by("-versi")
        .first()
    )
    if ada is not None:
        return f"{nama}: sudah ada SKP {ada.tahun} (status '{ada.get_status_display()}'); dilewati."
    try:
        with transaction.atomic():
            skp, iki = _skp(k, user, urutan)
            realisasi = _realisasi(k, user, skp, iki, urutan)
            if urutan == 0:
                _demo(k, user, skp, iki, realisasi, rekan)
    except (ValidationError, PermissionDenied) as exc:
        k.hitung = Counter()
        pesan = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        return f"{nama}: gagal, tidak ada yang disimpan ({pesan})."
    if urutan == 0:
        return f"{nama}: Pegawai demo, SKP {skp.tahun} ditetapkan, {len(realisasi)} realisasi, tertinggal dari target."
    return f"{nama}: SKP {skp.tahun} ditetapkan, {len(realisasi)} realisasi, sesuai atau melampaui target."


# The SKP ------------------------------------------------------------------------------------------------
def _rencana(urutan: int) -> list[tuple[RencanaRhk, tuple[RencanaIki, ...]]]:
    """Two RHK per Pegawai, picked in turn from RENCANA; 1-2 IKI each (at most three IKI in all)."""
    pertama = RENCANA[urutan % len(RENCANA)]
    kedua = RENCANA[(urutan + 1) % len(RENCANA)]
    return [(pertama, pertama.iki), (kedua, kedua.iki[:1])]


def _skp(k: _Konteks, user, urutan: int):
    skp = skp_services.skp_buat(pegawai=user.pegawai, tahun=k.tanggal.year, pendekatan="kuantitatif", by=user)
    iki = []
    for rencana, daftar in _rencana(urutan):
        rhk = skp_services.rhk_tambah(
            skp=skp, jenis=JenisRhk.UTAMA, teks=rencana.teks.format(seksi=k.seksi), by=user
        )
        for r in daftar:
            iki.append(
                (
                    skp_services.iki_tambah(
                        rhk=rhk,
                        teks=r.teks,
                        by=user,
                        aspek=r.aspek,
                        target_angka=r.target,
                        target_satuan=r.satuan,
                    ),
                    r,
                )
            )
    skp = skp_services.skp_ajukan(skp=skp, by=user)
    skp = skp_services.skp_setujui(skp=skp, by=k.penilai)
    skp = skp_services.skp_tanda_tangan_pegawai(skp=skp, by=user, password=seed.DEMO_PASSWORD)
    skp = skp_services.skp_tetapkan(skp=skp, by=k.penilai, password=seed.DEMO_PASSWORD)
    k.hitung["skp"] += 1
    return skp, iki


# Realisasi ----------------------------------------------------------------------------------------------
def _nilai(target: int, porsi: float, laju: Decimal, *, tertinggal: bool) -> Decimal:
    """The cumulative value at the end of a period: the expected share of the target times `laju`, rounded
    to whole units, down for the one behind (so she stays below), up for the others (so they stay at or
    above), never past the target."""
    harapan = Decimal(target) * Decimal(porsi) * laju
    bulat = math.floor(harapan) if tertinggal else math.ceil(harapan)
    return Decimal(min(bulat, target))


def _catatan_realisasi(r: RencanaIki, nilai: Decimal, periode, *, tertinggal: bool) -> str:
    teks = (
        f"Capaian kumulatif sampai {periode.label}: {nilai:.0f} {r.satuan} dari target {r.target} {r.satuan}."
    )
    if tertinggal and periode.nomor % 2 == 0:
        teks += " Sebagian pekerjaan tertunda karena penugasan rapat koordinasi di luar kantor."
    return teks


def _realisasi(k: _Konteks, user, skp: Skp, iki: list, urutan: int) -> list:
    """Realisasi of every IKI for every ended period; links as bukti on the first IKI every few periods."""
    tertinggal = urutan == 0
    laju = LAJU_DEMO if tertinggal else LAJU_LAIN[(urutan - 1) % len(LAJU_LAIN)]
    terakhir = len(periode_mod.semua(k.periode[0].jenis, k.tanggal.year)) if k.periode else 0
    dicatat = []
    for periode in k.periode:
        if periode.selesai < skp.periode_mulai or periode.mulai > skp.periode_selesai:
            continue
        for n, (obj, rencana) in enumerate(iki):
            nilai = _nilai(rencana.target, periode.porsi, laju, tertinggal=tertinggal)
            realisasi = realisasi_catat(
                skp=skp,
                iki=obj,
                periode=periode,
                by=user,
                nilai=nilai,
                teks=_catatan_realisasi(rencana, nilai, periode, tertinggal=tertinggal),
                sifat=SifatRealisasi.AKHIR if periode.nomor == terakhir else SifatRealisasi.PROGRES,
            )
            k.hitung["realisasi"] += 1
            dicatat.append((realisasi, obj, rencana, periode))
            if n == 0 and (periode.nomor % 3 == 0 or periode == k.periode[-1]):
                bukti_tautan(
                    realisasi=realisasi,
                    by=user,
                    tautan=f"{k.situs}/dokumen/{periode.tahun}/{periode.kode}/{user.pegawai.nip}-{obj.pk}",
                    keterangan=f"Dokumen {rencana.satuan} {periode.label} di laman resmi Pemda",
                )
                k.hitung["bukti"] += 1
    return dicatat


def _teks_pdf(teks: str) -> str:
    teks = teks.encode("cp1252", "replace").decode("cp1252")
    return teks.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_sederhana(baris: list[str]) -> bytes:
    """A one-page A4 PDF with these lines in Helvetica (a standard font: nothing embedded, so it is made in
    microseconds, unlike a WeasyPrint render with its font subsetting)."""
    teks = ["BT", "/F1 14 Tf", "56 780 Td", "18 TL"]
    for n, isi in enumerate(baris):
        if n == 1:
            teks.append("/F1 11 Tf")
        teks.append(f"({_teks_pdf(isi)}) '")
    teks.append("ET")
    aliran = "\n".join(teks).encode("cp1252")
    objek = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(aliran) + aliran + b"\nendstream",
    ]
    keluar = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    posisi = []
    for n, isi in enumerate(objek, start=1):
        posisi.append(len(keluar))
        keluar += b"%d 0 obj\n" % n + isi + b"\nendobj\n"
    xref = len(keluar)
    keluar += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objek) + 1)
    keluar += b"".join(b"%010d 00000 n \n" % p for p in posisi)
    keluar += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objek) + 1, xref)
    return bytes(keluar)


def _pdf(k: _Konteks, user, rencana: RencanaIki, nilai: Decimal, periode) -> bytes:
    return pdf_sederhana(
        [
            f"LAPORAN KEGIATAN {periode.label.upper()}",
            k.seksi,
            k.pengaturan.nama_instansi or k.pemda.nama,
            "",
            f"Indikator: {rencana.teks}",
            f"Target tahunan: {rencana.target} {rencana.satuan}",
            f"Capaian kumulatif sampai {periode.label}: {nilai:.0f} {rencana.satuan}",
            "",
            f"Disusun oleh {user.pegawai.nama_lengkap}, NIP {user.pegawai.nip}.",
            "Dokumen contoh data demo.",
        ]
    )


# The demo Pegawai's everything else ---------------------------------------------------------------------
def _demo(k: _Konteks, user, skp: Skp, iki: list, realisasi: list, rekan) -> None:
    """`realisasi`: (Realisasi, Iki, RencanaIki, Periode) in the order recorded."""
    if realisasi:
        terbaru, _, rencana, periode = realisasi[-len(iki)]  # the latest period's first IKI
        berkas = SimpleUploadedFile(
            f"laporan-kegiatan-{periode.kode}.pdf",
            _pdf(k, user, rencana, terbaru.nilai, periode),
            content_type="application/pdf",
        )
        bukti_unggah(
            realisasi=terbaru, by=user, berkas=berkas, keterangan=f"Laporan kegiatan {periode.label}"
        )
        k.hitung["bukti"] += 1
    _catatan_harian(k, user, skp)
    for periode in k.periode:
        _berkala(k, skp, periode, realisasi)
    if rekan is not None:
        undangan_buat(skp=skp, pegawai=rekan.pegawai, peran=PeranPemberi.REKAN, by=user)
        k.hitung["undangan"] += 1
        umpan_balik_beri(
            skp=skp,
            by=rekan,
            teks=(
                "Selalu sigap membantu rekan saat ada permintaan data mendadak. Akan lebih baik bila pembagian "
                "tugas arsip dibicarakan di awal minggu agar tidak menumpuk."
            ),
            jenis=JenisUmpanBalik.INSIDENTAL,
            cara=CaraUmpanBalik.LANGSUNG,
            periode=k.periode[-1] if k.periode else None,
            perilaku="kolaboratif",
        )
        k.hitung["umpan_balik"] += 1
    rhk = iki[0][0].rhk
    tanggapan_catat(
        skp=skp,
        by=k.penilai,
        jenis=JenisTanggapan.PEMBINAAN,
        rhk=rhk,
        teks=(
            "Capaian masih di bawah target yang diharapkan sampai periode ini. Dijadwalkan coaching untuk "
            "mengurai hambatan dan menyepakati langkah ke depan."
        ),
    )
    k.hitung["tanggapan"] += 1
    _coaching(k, user, skp, iki, realisasi)


def _catatan_harian(k: _Konteks, user, skp: Skp) -> None:
    """Entries on the last four working days up to today: this month's, and on its first days the end of the
    last one (never before the SKP's start; any day when there is no working day)."""
    awal = max(k.tanggal - datetime.timedelta(days=14), skp.periode_mulai)
    hari = [awal + datetime.timedelta(days=d) for d in range((k.tanggal - awal).days + 1)]
    kerja = [h for h in hari if h.weekday() < 5] or hari
    rhk = list(skp.rhk.order_by("urutan", "id"))
    isi = [
        ("Menyusun draf laporan kegiatan bulan berjalan dan menghimpun data pendukung.", "Draf laporan"),
        ("Memutakhirkan basis data layanan dan memeriksa kelengkapan isian.", "Data termutakhir"),
        ("Menata dan mendaftar berkas arsip aktif hasil kegiatan minggu ini.", "Daftar arsip"),
        ("Rapat koordinasi internal seksi membahas tindak lanjut hasil pemantauan.", "Notula rapat"),
    ]
    for n, tanggal in enumerate(kerja[-len(isi) :]):
        uraian, hasil = isi[n]
        catatan_harian_buat(
            skp=skp,
            by=user,
            tanggal=tanggal,
            uraian=uraian,
            hasil=hasil,
            rhk=rhk[n % len(rhk)] if rhk else None,
        )
        k.hitung["catatan_harian"] += 1


SARAN = (
    "Prioritaskan penyelesaian laporan yang tertunda dan sampaikan bila ada kendala.",
    "Susun jadwal mingguan dan laporkan kemajuannya setiap Jumat.",
    "Manfaatkan catatan harian agar laporan tidak menumpuk di akhir bulan.",
    "Koordinasikan pembagian tugas dengan rekan seksi ketika ada penugasan ke luar kantor.",
)


def _berkala(k: _Konteks, skp: Skp, periode, realisasi: list) -> None:
    """The Penilai's periodic feedback on one ended period, on the first IKI's realisasi of that period."""
    pada = [(rea, rencana) for rea, _, rencana, p in realisasi if p == periode]
    if pada:
        rea, rencana = pada[0]
        harapan = Decimal(rencana.target) * Decimal(periode.porsi)
        teks = (
            f"Capaian {rea.nilai:.0f} {rencana.satuan} sampai {periode.label} masih di bawah harapan "
            f"({harapan:.0f} {rencana.satuan}). {SARAN[periode.nomor % len(SARAN)]}"
        )
    else:
        rea, teks = None, f"Pekerjaan {periode.label} sudah berjalan; jaga ketertiban dokumentasinya."
    umpan_balik_beri(
        skp=skp,
        by=k.penilai,
        teks=teks,
        jenis=JenisUmpanBalik.BERKALA,
        cara=CaraUmpanBalik.LANGSUNG if periode.nomor % 2 else CaraUmpanBalik.TIDAK_LANGSUNG,
        periode=periode,
        realisasi=rea,
    )
    k.hitung["umpan_balik"] += 1


def _coaching(k: _Konteks, user, skp: Skp, iki: list, realisasi: list) -> None:
    """One coaching (B.1.6) today by the Penilai: the Pegawai writes TUJUAN, FAKTA and PELUANG, the Penilai
    LANGKAH KEDEPAN."""
    bimbingan = bimbingan_buat(
        skp=skp,
        by=k.penilai,
        jenis=JenisBimbingan.COACHING,
        tanggal=min(k.tanggal, skp.periode_selesai),
        tempat=f"Ruang kerja Kepala {k.seksi}",
    )
    k.hitung["bimbingan"] += 1
    kini = {obj.pk: rea.nilai for rea, obj, _, _ in realisasi}  # the latest value of each IKI
    tujuan, fakta, langkah = [], [], []
    for obj, rencana in iki:
        target = f"{rencana.target} {rencana.satuan}"
        tujuan.append(
            {
                "iki": obj.pk,
                "target": target,
                "strategi": "Menjadwalkan penyelesaian mingguan dan melapor kemajuan setiap Jumat.",
            }
        )
        fakta.append(
            {
                "iki": obj.pk,
                "target_skp": target,
                "progres": f"{kini.get(obj.pk, Decimal(0)):.0f} {rencana.satuan}",
                "masalah": "Pekerjaan tertunda karena banyak penugasan rapat di luar kantor.",
                "penyebab": "Belum ada pembagian tugas cadangan ketika sedang ditugaskan keluar.",
            }
        )
        langkah.append(
            {
                "iki": obj.pk,
                "strategi": "Pembagian tugas cadangan dengan rekan seksi dan pemantauan mingguan oleh Kepala Seksi.",
                "penyesuaian": False,
            }
        )
    bimbingan_isi(
        bimbingan=bimbingan,
        by=user,
        bagian="pegawai",
        data={
            "tujuan": tujuan,
            "fakta": fakta,
            "peluang": "Memakai catatan harian untuk menyusun laporan sedikit demi sedikit setiap hari.",
        },
    )
    bimbingan_isi(bimbingan=bimbingan, by=k.penilai, bagian="pembina", data={"langkah": langkah})
