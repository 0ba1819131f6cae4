"""What goes into the documents of pelaksanaan and pembinaan: Formats B.1.2 to B.1.10 of the Sumedang lampiran,
laid out in templates/dokumen/b_1_*.html and issued through the document engine (dokumen.services).

- B.1.2 (rencana aksi with "Realisasi dan Bukti Dukung") per SKP, signed by the Penilai.
- B.1.3 / B.1.4 / B.1.5 (rekaman informasi umpan balik berkelanjutan) per SKP and documentation period, the
  format chosen by the SKP (`format_rekaman`); anchored on `RekamanUmpanBalik`; signed by the Pegawai, then
  the Penilai. Below the table it carries what happened in the period: the leader's responses to progress,
  the bimbingan and B.1.10 reports, and any RHK taken over. Konseling is confidential (lampiran angka 5
  huruf b): it is never read here.
- B.1.6 (coaching) / B.1.7 (mentoring) per Bimbingan, signed by the Pegawai and the pembina; B.1.8 per
  UmpanBalikBimbingan (the Pegawai); B.1.9 per EvaluasiKompetensi (the pembina); B.1.10 per LaporanPerilaku
  (the Penilai who reports it).

Reading copies (`pdf_*`) are for whoever may read the record (umpanbalik.permissions) and are never stored: a
signed current version is served as stored, an issued one awaiting signatures as its frozen preview, and
otherwise the current data, marked DRAF. Each context builder runs a fixed number of queries.
"""

import dataclasses
import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dokumen import render
from dokumen import selectors as dokumen_selectors
from dokumen import services as dokumen_services
from dokumen.models import Dokumen, Peran
from dokumen.render import tanggal_indonesia
from kinerja.models import PengaturanPemda, User
from skp import waktu
from skp.documents import _perangkat_daerah, _periode, konteks_skp
from skp.models import JenisSkp, Pendekatan, Skp, StatusSkp
from skp.selectors import skp_lengkap

from . import isian as isian_mod
from . import periode as periode_mod
from .models import (
    AmbilAlih,
    Bimbingan,
    EvaluasiKompetensi,
    JenisBimbingan,
    LaporanPerilaku,
    PeranPemberi,
    Realisasi,
    RekamanUmpanBalik,
    TanggapanProgres,
    UmpanBalik,
    UmpanBalikBimbingan,
)
from .periode import PANJANG, Periode
from .permissions import (
    adalah_pemilik,
    adalah_pimpinan,
    bimbingan_visible_to,
    laporan_perilaku_visible_to,
    skp_pelaksanaan_visible_to,
)

TEMPLATE = {
    "B.1.2": "dokumen/b_1_2.html",
    "B.1.3": "dokumen/b_1_3.html",
    "B.1.4": "dokumen/b_1_4.html",
    "B.1.5": "dokumen/b_1_5.html",
    "B.1.6": "dokumen/b_1_6.html",
    "B.1.7": "dokumen/b_1_7.html",
    "B.1.8": "dokumen/b_1_8.html",
    "B.1.9": "dokumen/b_1_9.html",
    "B.1.10": "dokumen/b_1_10.html",
}
JUDUL_FORMAT = {
    "B.1.2": "Rencana Aksi",
    "B.1.3": "Rekaman Informasi Umpan Balik Berkelanjutan",
    "B.1.4": "Rekaman Informasi Umpan Balik Berkelanjutan",
    "B.1.5": "Rekaman Informasi Umpan Balik Berkelanjutan",
    "B.1.6": "Pelaksanaan Coaching",
    "B.1.7": "Pelaksanaan Mentoring",
    "B.1.8": "Umpan Balik Pelaksanaan Bimbingan Kinerja",
    "B.1.9": "Evaluasi Kompetensi Pegawai",
    "B.1.10": "Laporan Permasalahan Perilaku Kerja",
}
SUBJUDUL = {
    "B.1.3": ("Sasaran Kinerja Pegawai", "Pendekatan hasil kerja kualitatif"),
    "B.1.4": (
        "Pendekatan hasil kerja kuantitatif",
        "Bagi pejabat pimpinan tinggi dan pimpinan unit kerja mandiri",
    ),
    "B.1.5": ("Pendekatan hasil kerja kuantitatif", "Bagi pejabat administrasi dan pejabat fungsional"),
    "B.1.9": ("Sebagai tindak lanjut bimbingan kinerja",),
}
FORMAT_REKAMAN = ("B.1.3", "B.1.4", "B.1.5")
FORMAT_BIMBINGAN = ("B.1.6", "B.1.7", "B.1.8", "B.1.9")
JUDUL_PEMBINA = "Pimpinan / Pihak Lain yang Diberikan Penugasan Khusus"

# Format B.1.9's scale as printed: (nilai, label, description), from umpanbalik.isian.
SKALA_B19 = tuple((n, label, uraian) for n, (label, uraian) in sorted(isian_mod.SKALA.items()))
NAMA_SKALA = {n: label for n, (label, _) in isian_mod.SKALA.items()}


# Small helpers ------------------------------------------------------------------------------------------
def format_rekaman(skp: Skp) -> str:
    """B.1.3 for pendekatan kualitatif; kuantitatif: B.1.4 for a JPT, B.1.5 otherwise."""
    if skp.pendekatan != Pendekatan.KUANTITATIF:
        return "B.1.3"
    return "B.1.4" if skp.jenis == JenisSkp.JPT else "B.1.5"


def format_bimbingan(bimbingan: Bimbingan) -> str | None:
    """The format recording the session itself: B.1.6 coaching, B.1.7 mentoring; trainings have none."""
    return {JenisBimbingan.COACHING: "B.1.6", JenisBimbingan.MENTORING: "B.1.7"}.get(bimbingan.jenis)


def _angka(nilai: Decimal | None) -> str:
    if nilai is None:
        return ""
    teks = f"{Decimal(nilai).normalize():f}"
    return teks.replace(".", ",")


def _nama_user(user, pegawai=None) -> str:
    if pegawai is not None:
        return pegawai.nama_lengkap
    if user is None:
        return ""
    return user.nama_tampil


def _periode_dari(jenis: str, nomor: int, tahun: int) -> Periode | None:
    if jenis not in PANJANG or not 1 <= nomor <= 12 // PANJANG[jenis]:
        return None
    return Periode(jenis, nomor, tahun)


def _dalam(kecil: Periode | None, besar: Periode) -> bool:
    return kecil is not None and kecil.mulai >= besar.mulai and kecil.selesai <= besar.selesai


def _q_periode_di_dalam(periode: Periode) -> Q:
    """Rows tagged with a period of any kind that lies inside `periode` (a month inside its quarter)."""
    q = Q(pk__in=[])
    for jenis, panjang in PANJANG.items():
        if panjang > PANJANG[periode.jenis]:
            continue
        nomor = [
            n
            for n in range(1, 12 // panjang + 1)
            if (n - 1) * panjang + 1 >= periode.bulan_awal and n * panjang <= periode.bulan_akhir
        ]
        if nomor:
            q |= Q(jenis_periode=jenis, nomor_periode__in=nomor)
    return q


def _blok_ttd(urutan: int, peran: str, judul_peran: str, identitas: dict) -> dict:
    """A signature block for a reading copy (the engine makes these for an issued document)."""
    return {
        "urutan": urutan,
        "peran": peran,
        "judul_peran": judul_peran,
        "nama": identitas.get("nama", ""),
        "nip": identitas.get("nip", ""),
        "jabatan": identitas.get("jabatan", ""),
    }


def _identitas_user(user, tanggal: datetime.date) -> dict:
    if user is not None and user.pegawai_id:
        return render.identitas_pegawai(user.pegawai, tanggal)
    return {"nama": _nama_user(user), "nip": "", "pangkat": "", "jabatan": "", "unit_kerja": ""}


def _peran_pimpinan(user) -> str:
    return Peran.KEPALA_DAERAH if getattr(user, "is_kepala_daerah", False) else Peran.PENILAI


def _akun_pegawai(skp: Skp) -> User:
    akun = User.objects.filter(pegawai_id=skp.pegawai_id, is_active=True).order_by("pk").first()
    if akun is None:
        raise ValidationError("Pegawai ini belum memiliki akun aktif untuk menandatangani dokumen.")
    return akun


def _pastikan_ditetapkan(skp: Skp):
    if skp.status not in (StatusSkp.DITETAPKAN, StatusSkp.DIGANTIKAN):
        raise ValidationError("Dokumen pelaksanaan diterbitkan setelah SKP ditetapkan.")


# Realisasi and bukti ------------------------------------------------------------------------------------
@dataclasses.dataclass
class RealisasiCetak:
    periode: str
    nilai: str
    teks: str
    akhir: bool
    bukti: list[str]


def _realisasi_cetak(r: Realisasi, iki, tahun: int) -> RealisasiCetak:
    p = _periode_dari(r.jenis_periode, r.nomor_periode, tahun)
    nilai = ""
    if r.nilai is not None:
        nilai = f"{_angka(r.nilai)} {iki.target_satuan}".strip()
    return RealisasiCetak(
        periode=p.label if p else f"{r.jenis_periode} {r.nomor_periode}",
        nilai=nilai,
        teks=r.teks,
        akhir=r.sifat == "akhir",
        bukti=[
            (b.nama_berkas or b.tautan) + (f" ({b.keterangan})" if b.keterangan else "")
            for b in r.bukti.all()
        ],
    )


def _realisasi_berlaku(skp: Skp) -> list[Realisasi]:
    return list(
        Realisasi.objects.filter(skp_id=skp.pk, berlaku=True)
        .prefetch_related("bukti")
        .order_by("iki_id", "jenis_periode", "nomor_periode")
    )


def _realisasi_periode(daftar: list[Realisasi], periode: Periode) -> dict[int, Realisasi]:
    """Per IKI the realisasi of `periode`: its own, else the latest finer one inside it (nilai is cumulative:
    the March realisasi is the first quarter's when only months are kept)."""
    hasil: dict[int, tuple] = {}
    for r in daftar:
        p = _periode_dari(r.jenis_periode, r.nomor_periode, periode.tahun)
        if not _dalam(p, periode):
            continue
        kunci = (p.selesai, PANJANG[p.jenis])
        if r.iki_id not in hasil or kunci > hasil[r.iki_id][0]:
            hasil[r.iki_id] = (kunci, r)
    return {iki_id: r for iki_id, (_, r) in hasil.items()}


# Format B.1.2 -------------------------------------------------------------------------------------------
def konteks_b_1_2(skp: Skp, *, tanggal: datetime.date | None = None) -> dict:
    """B.1.1's context, and per RHK its IKI with the current realisasi of each period and the bukti."""
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    lengkap = skp_lengkap(skp.pk)
    konteks = konteks_skp(lengkap.skp, tanggal=tanggal, lengkap=lengkap)
    per_iki: dict[int, list[Realisasi]] = {}
    for r in _realisasi_berlaku(skp):
        per_iki.setdefault(r.iki_id, []).append(r)
    rhk_obj = {r.pk: r for r in lengkap.rhk}
    for bagian in konteks["bagian"]:
        for rhk in bagian["rhk"]:
            daftar_iki = []
            for iki in rhk_obj[rhk["pk"]].iki.all():
                realisasi = sorted(
                    per_iki.get(iki.pk, []), key=lambda r: (PANJANG.get(r.jenis_periode, 99), r.nomor_periode)
                )
                daftar_iki.append(
                    {
                        "teks": iki.teks,
                        "target": iki.target_tampil or "-",
                        "realisasi": [_realisasi_cetak(r, iki, skp.tahun) for r in realisasi],
                    }
                )
            rhk["iki_realisasi"] = daftar_iki
    return konteks


def _judul_skp(skp: Skp, kode: str, tambahan: str = "") -> str:
    versi = f" (SKP versi {skp.versi})" if skp.versi > 1 else ""
    return f"{JUDUL_FORMAT[kode]}{tambahan} {skp.tahun}{versi}"


# Rekaman B.1.3 / B.1.4 / B.1.5 --------------------------------------------------------------------------
def _umpan_balik_cetak(u: UmpanBalik, anonim: bool) -> dict:
    sembunyikan = anonim and u.peran != PeranPemberi.PIMPINAN
    return {
        "peran": u.get_peran_display(),
        "nama": "" if sembunyikan else _nama_user(u.pemberi, u.pemberi_pegawai),
        "anonim": sembunyikan,
        "jenis": u.get_jenis_display(),
        "cara": u.get_cara_display().lower(),
        "tanggal": tanggal_indonesia(u.tanggal),
        "teks": u.teks,
    }


def periode_default(skp: Skp, pengaturan: PengaturanPemda | None) -> Periode:
    """The Pemda's finest documentation period holding today (clamped into the SKP's period)."""
    hari = waktu.hari_ini(skp.pemda_id)
    hari = min(max(hari, skp.periode_mulai), skp.periode_selesai)
    return periode_mod.pada(periode_mod.periode_utama(pengaturan), hari)


def periode_dari_kode(skp: Skp, kode: str | None, pengaturan: PengaturanPemda | None) -> Periode:
    """The period named by `kode` ('bulanan-3') for this SKP, the default one if empty; ValidationError with
    a message for the user otherwise."""
    if not kode:
        return periode_default(skp, pengaturan)
    try:
        p = periode_mod.dari_kode(kode, skp.tahun, pengaturan)
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    if p.selesai < skp.periode_mulai or p.mulai > skp.periode_selesai:
        raise ValidationError(
            f"Periode {p.label} di luar masa SKP ({tanggal_indonesia(skp.periode_mulai)} s.d. "
            f"{tanggal_indonesia(skp.periode_selesai)})."
        )
    return p


def konteks_rekaman(skp: Skp, periode: Periode, *, tanggal: datetime.date | None = None) -> dict:
    """The rekaman of `periode`: the SKP's identity and RHK/IKI, per IKI the realisasi of the period with its
    bukti and the feedback on it, per behaviour value the leader's ekspektasi khusus and the feedback on it,
    then the period's responses, bimbingan, B.1.10 reports and takeovers. Never konseling. A fixed number of
    queries whatever the number of RHK, IKI, realisasi, bukti or feedback."""
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
    anonim = bool(pengaturan and pengaturan.umpan_balik_rekan_anonim)
    lengkap = skp_lengkap(skp.pk, pengaturan)
    skp = lengkap.skp
    konteks = konteks_skp(skp, tanggal=tanggal, lengkap=lengkap)
    realisasi = _realisasi_periode(_realisasi_berlaku(skp), periode)

    umpan_balik = list(
        UmpanBalik.objects.filter(Q(skp_id=skp.pk) & _q_periode_di_dalam(periode))
        .select_related("pemberi__pegawai", "pemberi_pegawai", "realisasi")
        .order_by("tanggal", "id")
    )
    rhk_obj = {r.pk: r for r in lengkap.rhk}
    iki_rhk = {i.pk: r.pk for r in lengkap.rhk for i in r.iki.all()}
    per_iki: dict[int, list] = {}
    per_rhk: dict[int, list] = {}
    per_perilaku: dict[str, list] = {}
    umum = []
    for u in umpan_balik:
        cetak = _umpan_balik_cetak(u, anonim)
        iki_id = u.iki_id or (u.realisasi.iki_id if u.realisasi_id and u.realisasi else None)
        if iki_id in iki_rhk:
            per_iki.setdefault(iki_id, []).append(cetak)
        elif u.rhk_id in rhk_obj:
            per_rhk.setdefault(u.rhk_id, []).append(cetak)
        elif u.perilaku:
            per_perilaku.setdefault(u.perilaku, []).append(cetak)
        else:
            umum.append(cetak)

    for bagian in konteks["bagian"]:
        for rhk in bagian["rhk"]:
            obj = rhk_obj[rhk["pk"]]
            baris = []
            for iki in obj.iki.all():
                r = realisasi.get(iki.pk)
                baris.append(
                    {
                        "teks": iki.teks,
                        "aspek": iki.get_aspek_display() if iki.aspek else "",
                        "perspektif": iki.get_perspektif_display() if iki.perspektif else "",
                        "target": iki.target_tampil or "-",
                        "realisasi": _realisasi_cetak(r, iki, skp.tahun) if r else None,
                        "umpan_balik": per_iki.get(iki.pk, []),
                    }
                )
            rhk["baris"] = baris or [
                {
                    "teks": "-",
                    "aspek": "",
                    "perspektif": "",
                    "target": "-",
                    "realisasi": None,
                    "umpan_balik": [],
                }
            ]
            rhk["umpan_balik_rhk"] = per_rhk.get(obj.pk, [])
            rhk["baris_total"] = len(rhk["baris"]) + (1 if rhk["umpan_balik_rhk"] else 0)

    konteks["perilaku"] = [
        {
            "kode": p.kode,
            "nama": p.nama,
            "baris": p.baris,
            "ekspektasi_khusus": p.ekspektasi_khusus,
            "umpan_balik": per_perilaku.get(p.kode, []),
        }
        for p in lengkap.perilaku
    ]
    dalam_periode = {"tanggal__gte": periode.mulai, "tanggal__lte": periode.selesai}
    tanggapan = TanggapanProgres.objects.filter(skp_id=skp.pk, **dalam_periode).select_related(
        "oleh__pegawai", "rhk"
    )
    bimbingan = Bimbingan.objects.filter(skp_id=skp.pk, **dalam_periode).select_related(
        "pembina__pegawai", "pembina_pegawai"
    )
    laporan = LaporanPerilaku.objects.filter(skp_id=skp.pk, **dalam_periode).select_related(
        "pelapor__pegawai"
    )
    ambil_alih = AmbilAlih.objects.filter(skp_id=skp.pk, tanggal__lte=periode.selesai).select_related(
        "rhk", "oleh__pegawai"
    )
    konteks.update(
        {
            "periode_rekaman": periode.label_format,
            "periode_label": periode.label,
            "umpan_balik_umum": umum,
            "anonim": anonim,
            "tanggapan": [
                {
                    "jenis": t.get_jenis_display(),
                    "tanggal": tanggal_indonesia(t.tanggal),
                    "oleh": _nama_user(t.oleh, t.oleh.pegawai),
                    "rhk": t.rhk.teks if t.rhk_id and t.rhk else "",
                    "teks": t.teks,
                }
                for t in sorted(tanggapan, key=lambda t: (t.tanggal, t.pk))
            ],
            "bimbingan": [
                {
                    "jenis": b.get_jenis_display(),
                    "tanggal": tanggal_indonesia(b.tanggal),
                    "pembina": _nama_user(b.pembina, b.pembina_pegawai),
                    "penugasan_khusus": b.penugasan_khusus,
                    "tempat": b.tempat,
                    "format": format_bimbingan(b) or "",
                }
                for b in sorted(bimbingan, key=lambda b: (b.tanggal, b.pk))
            ],
            "laporan_perilaku": [
                {
                    "tanggal": tanggal_indonesia(lp.tanggal),
                    "pelapor": _nama_user(lp.pelapor, lp.pelapor.pegawai),
                }
                for lp in sorted(laporan, key=lambda lp: (lp.tanggal, lp.pk))
            ],
            "ambil_alih": [
                {
                    "rhk": a.rhk.teks,
                    "tanggal": tanggal_indonesia(a.tanggal),
                    "oleh": _nama_user(a.oleh, a.oleh.pegawai),
                    "catatan": a.catatan,
                }
                for a in sorted(ambil_alih, key=lambda a: (a.tanggal, a.pk))
            ],
        }
    )
    return konteks


def _judul_rekaman(skp: Skp, periode: Periode) -> str:
    versi = f" (SKP versi {skp.versi})" if skp.versi > 1 else ""
    return f"Rekaman Umpan Balik Berkelanjutan {periode.label}{versi}"


def _anchor_rekaman(skp: Skp, periode: Periode, *, buat: bool) -> RekamanUmpanBalik | None:
    kunci = {"skp_id": skp.pk, "jenis_periode": periode.jenis, "nomor_periode": periode.nomor}
    if not buat:
        return RekamanUmpanBalik.objects.filter(**kunci).first()
    rekaman, _ = RekamanUmpanBalik.objects.get_or_create(pemda_id=skp.pemda_id, **kunci)
    return rekaman


# Bimbingan B.1.6 / B.1.7 / B.1.8 / B.1.9 and B.1.10 ---------------------------------------------------------
def _daftar(nilai) -> list[dict]:
    return [b for b in nilai if isinstance(b, dict)] if isinstance(nilai, list) else []


def _teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    return str(nilai)


def _ya_tidak(nilai) -> str:
    if isinstance(nilai, str):
        return "Ya" if nilai.strip().lower() in ("ya", "true", "1", "y") else "Tidak"
    return "Ya" if nilai else "Tidak"


def _konteks_orang(skp: Skp, tanggal: datetime.date) -> dict:
    """Header facts shared by B.1.6 to B.1.10 (the SKP's frozen identity blocks, else today's)."""
    identitas = skp.identitas or {}
    return {
        "tanggal": tanggal,
        "kop_unit": _perangkat_daerah(skp.unit),
        "periode": _periode(skp),
        "pegawai": identitas.get("pegawai") or render.identitas_pegawai(skp.pegawai, tanggal),
        "penilai": identitas.get("penilai", {}),
    }


def _bimbingan_lengkap(bimbingan_id: int) -> Bimbingan:
    return (
        Bimbingan.objects.select_related(
            "skp__pegawai__golongan", "skp__unit", "pembina__pegawai", "pembina_pegawai"
        )
        .prefetch_related("jurnal")
        .get(pk=bimbingan_id)
    )


def _ringkas_bimbingan(b: Bimbingan) -> dict:
    return {
        "jenis": b.get_jenis_display(),
        "tanggal": tanggal_indonesia(b.tanggal),
        "tempat": b.tempat,
        "pembina": _nama_user(b.pembina, b.pembina_pegawai),
        "penugasan_khusus": b.penugasan_khusus,
    }


def konteks_bimbingan(
    bimbingan: Bimbingan, format_kode: str, *, tanggal: datetime.date | None = None
) -> dict:
    """B.1.6 (coaching tables from `isian`), B.1.7 (mentoring plan and journal), B.1.8 (the Pegawai's answers)
    or B.1.9 (the competency evaluation). ValidationError when the record the format prints is missing."""
    b = _bimbingan_lengkap(bimbingan.pk)
    skp = b.skp
    tanggal = tanggal or b.tanggal
    konteks = {
        **_konteks_orang(skp, tanggal),
        "bimbingan": _ringkas_bimbingan(b),
        "judul_pembina": JUDUL_PEMBINA,
    }
    isian = b.isian if isinstance(b.isian, dict) else {}
    if format_kode == "B.1.6":
        if b.jenis != JenisBimbingan.COACHING:
            raise ValidationError("Format B.1.6 mencatat coaching; bimbingan ini bukan coaching.")
        iki = {i.pk: i.teks for i in _iki_skp(skp)}

        def nama_iki(baris: dict) -> str:
            # The text copied when written wins: the print stays right after an SKP revision.
            if baris.get("iki_teks"):
                return _teks(baris["iki_teks"])
            try:
                return iki[int(baris.get("iki"))]
            except (KeyError, TypeError, ValueError):
                return ""

        konteks.update(
            {
                "tujuan": [
                    {
                        "iki": nama_iki(t),
                        "base_target": _teks(t.get("base_target")),
                        "target": _teks(t.get("target")),
                        "strategi": _teks(t.get("strategi")),
                    }
                    for t in _daftar(isian.get("tujuan"))
                ],
                "fakta": [
                    {
                        "iki": nama_iki(f),
                        "target_skp": _teks(f.get("target_skp")),
                        "progres": _teks(f.get("progres")),
                        "masalah": _teks(f.get("masalah")),
                        "penyebab": _teks(f.get("penyebab")),
                    }
                    for f in _daftar(isian.get("fakta"))
                ],
                "peluang": _teks(isian.get("peluang")),
                "langkah": [
                    {
                        "iki": nama_iki(lk),
                        "strategi": _teks(lk.get("strategi")),
                        "penyesuaian": _ya_tidak(lk.get("penyesuaian")),
                    }
                    for lk in _daftar(isian.get("langkah"))
                ],
                "catatan_penyesuaian": isian_mod.CATATAN_PENYESUAIAN,
            }
        )
    elif format_kode == "B.1.7":
        if b.jenis != JenisBimbingan.MENTORING:
            raise ValidationError("Format B.1.7 mencatat mentoring; bimbingan ini bukan mentoring.")
        konteks.update(
            {
                "tujuan_mentoring": _teks(isian.get("tujuan")),
                "rencana": [
                    {k: _teks(r.get(k)) for k in isian_mod.KOLOM_RENCANA}
                    for r in _daftar(isian.get("rencana"))
                ],
                "jurnal": [
                    {
                        "waktu_tempat": j.waktu_tempat,
                        "materi": j.materi,
                        "rencana_aksi": j.rencana_aksi,
                        "target_waktu": j.target_waktu,
                    }
                    for j in b.jurnal.all()
                ],
            }
        )
    elif format_kode == "B.1.8":
        ub = UmpanBalikBimbingan.objects.filter(bimbingan_id=b.pk).first()
        if ub is None:
            raise ValidationError("Pegawai belum mengisi umpan balik atas bimbingan ini (Format B.1.8).")
        jawaban = ub.jawaban if isinstance(ub.jawaban, dict) else {}
        kelompok = []
        for subjek, kriteria in isian_mod.KRITERIA_B18:
            baris = []
            for nomor, k in kriteria:
                isi = jawaban.get(str(nomor))
                if isinstance(isi, dict):
                    pilihan = _teks(isi.get("jawaban")).strip().lower()
                    isi_jawaban = isian_mod.PILIHAN_JAWABAN.get(pilihan, _teks(isi.get("jawaban")))
                    catatan = _teks(isi.get("catatan"))
                else:
                    isi_jawaban, catatan = _teks(isi), ""
                baris.append({"nomor": nomor, "kriteria": k, "jawaban": isi_jawaban, "catatan": catatan})
            kelompok.append({"subjek": subjek, "baris": baris})
        konteks.update({"kriteria": kelompok, "tanggal": tanggal_lokal(ub.dibuat_pada)})
    elif format_kode == "B.1.9":
        ev = EvaluasiKompetensi.objects.filter(bimbingan_id=b.pk).first()
        if ev is None:
            raise ValidationError("Evaluasi kompetensi (Format B.1.9) atas bimbingan ini belum dibuat.")
        konteks.update(
            {
                "kompetensi": _kompetensi_b19(ev.nilai),
                "rekomendasi": ev.rekomendasi,
                "skala": SKALA_B19,
                "tanggal": tanggal_lokal(ev.dibuat_pada),
            }
        )
    else:
        raise ValidationError(f"Format {format_kode} bukan format bimbingan kinerja (B.1.6 sampai B.1.9).")
    return konteks


def tanggal_lokal(waktu_: datetime.datetime | None) -> datetime.date:
    return timezone.localdate(waktu_) if waktu_ else timezone.localdate()


def _iki_skp(skp: Skp):
    from skp.models import Iki

    return Iki.objects.filter(rhk__skp_id=skp.pk)


def _kelompok(nilai) -> str:
    kunci = _teks(nilai).strip().lower().replace(" ", "_")
    return kunci


def _kompetensi_b19(nilai) -> list[dict]:
    """The layout's competencies (seven Manajerial, one Sosio Kultural, then the Teknis rows) filled from the
    evaluation, in its order; a group the layout does not name is printed after them."""
    isian = _daftar(nilai)

    def isi(kompetensi: str, baris: dict | None) -> dict:
        angka = baris.get("nilai") if baris else None
        try:
            angka = int(angka) if angka not in (None, "") else None
        except (TypeError, ValueError):
            angka = None
        return {
            "kompetensi": kompetensi,
            "nilai": angka,
            "nama_skala": NAMA_SKALA.get(angka, "") if angka else "",
            "alasan": _teks(baris.get("alasan")) if baris else "",
        }

    dipakai = set()
    per_kelompok: dict[str, list] = {k: [] for k in isian_mod.KELOMPOK_KOMPETENSI}
    for kelompok, kompetensi in isian_mod.KOMPETENSI_TETAP:
        cocok = next(
            (
                i
                for i, baris in enumerate(isian)
                if i not in dipakai
                and _kelompok(baris.get("kelompok")) == kelompok
                and _teks(baris.get("kompetensi")).strip().lower() == kompetensi.lower()
            ),
            None,
        )
        if cocok is not None:
            dipakai.add(cocok)
        per_kelompok[kelompok].append(isi(kompetensi, isian[cocok] if cocok is not None else None))
    lain: dict[str, list] = {}
    for i, baris in enumerate(isian):
        if i in dipakai:
            continue
        kelompok = _kelompok(baris.get("kelompok"))
        tujuan = per_kelompok if kelompok in per_kelompok else lain
        tujuan.setdefault(kelompok, []).append(isi(_teks(baris.get("kompetensi")), baris))
    hasil = [{"kelompok": isian_mod.KELOMPOK_KOMPETENSI[k], "baris": v} for k, v in per_kelompok.items()]
    hasil.extend(
        {"kelompok": _teks(k).replace("_", " ").title() or "Lainnya", "baris": v} for k, v in lain.items()
    )
    return hasil


def konteks_laporan_perilaku(laporan: LaporanPerilaku, *, tanggal: datetime.date | None = None) -> dict:
    lp = LaporanPerilaku.objects.select_related(
        "skp__pegawai__golongan", "skp__unit", "pelapor__pegawai"
    ).get(pk=laporan.pk)
    tanggal = tanggal or lp.tanggal
    konteks = _konteks_orang(lp.skp, tanggal)
    if lp.pelapor.pegawai_id:
        konteks["penilai"] = render.identitas_pegawai(lp.pelapor.pegawai, tanggal)
    konteks.update(
        {
            "masalah": lp.masalah,
            "ekspektasi_khusus": lp.ekspektasi_khusus,
            "uraian": lp.uraian,
            "serupa": lp.serupa_pada_pegawai_lain,
            "retrospektif": lp.retrospektif,
        }
    )
    return konteks


# Rendering ----------------------------------------------------------------------------------------------
def _dengan_judul(konteks: dict, kode: str) -> dict:
    return {**konteks, "judul_format": JUDUL_FORMAT[kode], "subjudul": SUBJUDUL.get(kode, ())}


def html_kerja(*, pemda_id: int, format_kode: str, konteks: dict, judul: str, penandatangan: list) -> str:
    """The HTML of a reading copy: never issued, so no verification page (the template says so)."""
    return render.render_html(
        pemda_id=pemda_id,
        template=TEMPLATE[format_kode],
        konteks={
            **_dengan_judul(konteks, format_kode),
            "pratinjau": True,
            "tanggal_cetak": render.waktu_indonesia(timezone.now()),
        },
        format_kode=format_kode,
        judul=judul,
        versi=1,
        token=uuid.UUID(int=0),
        penandatangan=penandatangan,
        tanggal=konteks.get("tanggal"),
    )


def _pdf_dokumen_atau_kerja(objek, format_kode: str, buat_kerja) -> bytes:
    """The current version of `objek` in `format_kode` if one was issued (stored if signed, its frozen preview
    while signatures are awaited), else a reading copy of the current data marked DRAF."""
    dokumen = dokumen_selectors.dokumen_berlaku(objek, format_kode) if objek is not None else None
    if dokumen is not None:
        return dokumen_services.pdf_untuk(dokumen)
    return render.html_ke_pdf(render.tandai_draf(buat_kerja()))


def _terbitkan(*, objek, format_kode: str, judul: str, konteks: dict, penandatangan: list, by) -> Dokumen:
    return dokumen_services.terbitkan(
        pemda_id=objek.pemda_id,
        format_kode=format_kode,
        judul=judul,
        objek=objek,
        template=TEMPLATE[format_kode],
        konteks=_dengan_judul(konteks, format_kode),
        penandatangan=penandatangan,
        by=by,
    )


def _tanda_tangani(objek, format_kode: str, *, by, password: str):
    dokumen = dokumen_selectors.dokumen_berlaku(objek, format_kode) if objek is not None else None
    if dokumen is None:
        raise ValidationError(f"Format {format_kode} belum diterbitkan.")
    return dokumen_services.tanda_tangani(dokumen=dokumen, user=by, password=password, by=by)


def _pastikan(qs, pk, pesan: str):
    if not qs.filter(pk=pk).exists():
        raise PermissionDenied(pesan)


# B.1.2: reading, issuing, signing -----------------------------------------------------------------------
def _blok_skp(konteks: dict, *, pegawai: bool, penilai: bool) -> list[dict]:
    blok = []
    if pegawai:
        blok.append(_blok_ttd(len(blok) + 1, Peran.PEGAWAI, Peran.PEGAWAI.label, konteks["pegawai"]))
    if penilai:
        blok.append(_blok_ttd(len(blok) + 1, Peran.PENILAI, Peran.PENILAI.label, konteks["penilai"]))
    return blok


def pdf_realisasi_rencana_aksi(skp: Skp, *, by) -> bytes:
    """Format B.1.2 for whoever may read the SKP's pelaksanaan."""
    _pastikan(skp_pelaksanaan_visible_to(by), skp.pk, "Anda tidak dapat melihat pelaksanaan SKP ini.")

    def kerja():
        konteks = konteks_b_1_2(skp)
        return html_kerja(
            pemda_id=skp.pemda_id,
            format_kode="B.1.2",
            konteks=konteks,
            judul=_judul_skp(skp, "B.1.2"),
            penandatangan=_blok_skp(konteks, pegawai=False, penilai=True),
        )

    return _pdf_dokumen_atau_kerja(skp, "B.1.2", kerja)


@transaction.atomic
def realisasi_rencana_aksi_terbitkan(*, skp: Skp, by) -> Dokumen:
    """The leader (Penilai on the day) issues B.1.2 for her own signature; a later issue is a new version."""
    if not adalah_pimpinan(skp, by):
        raise PermissionDenied(
            "Hanya Pejabat Penilai Kinerja Pegawai ini yang dapat menerbitkan Format B.1.2."
        )
    _pastikan_ditetapkan(skp)
    konteks = konteks_b_1_2(skp)
    if not any(r["rencana_aksi"] for b in konteks["bagian"] for r in b["rhk"]):
        raise ValidationError("Belum ada rencana aksi pada SKP ini.")
    return _terbitkan(
        objek=skp,
        format_kode="B.1.2",
        judul=_judul_skp(skp, "B.1.2"),
        konteks=konteks,
        penandatangan=[(_peran_pimpinan(by), by)],
        by=by,
    )


@transaction.atomic
def realisasi_rencana_aksi_tanda_tangani(*, skp: Skp, by, password: str):
    return _tanda_tangani(skp, "B.1.2", by=by, password=password)


# Rekaman: reading, issuing, signing ---------------------------------------------------------------------
def html_rekaman(skp: Skp, periode: Periode) -> str:
    """The reading copy's HTML of the rekaman (what `pdf_rekaman` prints when nothing was issued)."""
    kode = format_rekaman(skp)
    konteks = konteks_rekaman(skp, periode)
    return html_kerja(
        pemda_id=skp.pemda_id,
        format_kode=kode,
        konteks=konteks,
        judul=_judul_rekaman(skp, periode),
        penandatangan=_blok_skp(konteks, pegawai=True, penilai=True),
    )


def pdf_rekaman(skp: Skp, periode: Periode, *, by) -> bytes:
    """B.1.3/B.1.4/B.1.5 of `periode` for whoever may read the SKP's pelaksanaan (an invited giver too)."""
    _pastikan(skp_pelaksanaan_visible_to(by), skp.pk, "Anda tidak dapat melihat pelaksanaan SKP ini.")
    return _pdf_dokumen_atau_kerja(
        _anchor_rekaman(skp, periode, buat=False), format_rekaman(skp), lambda: html_rekaman(skp, periode)
    )


def dokumen_rekaman(skp: Skp, periode: Periode) -> Dokumen | None:
    return (
        dokumen_selectors.dokumen_berlaku(rekaman, format_rekaman(skp))
        if (rekaman := _anchor_rekaman(skp, periode, buat=False))
        else None
    )


@transaction.atomic
def rekaman_terbitkan(*, skp: Skp, periode: Periode, by) -> Dokumen:
    """The leader issues the rekaman of `periode`, to be signed by the Pegawai, then by herself. A re-issue
    (new feedback since) supersedes the current version, signed or not."""
    if not adalah_pimpinan(skp, by):
        raise PermissionDenied(
            "Hanya pimpinan (Pejabat Penilai Kinerja) Pegawai ini yang dapat menerbitkan rekaman."
        )
    _pastikan_ditetapkan(skp)
    if periode.mulai > waktu.hari_ini(skp.pemda_id):
        raise ValidationError(f"Periode {periode.label} belum dimulai.")
    pegawai = _akun_pegawai(skp)
    rekaman = _anchor_rekaman(skp, periode, buat=True)
    return _terbitkan(
        objek=rekaman,
        format_kode=format_rekaman(skp),
        judul=_judul_rekaman(skp, periode),
        konteks=konteks_rekaman(skp, periode),
        penandatangan=[(Peran.PEGAWAI, pegawai), (_peran_pimpinan(by), by)],
        by=by,
    )


@transaction.atomic
def rekaman_tanda_tangani(*, skp: Skp, periode: Periode, by, password: str):
    """The Pegawai signs first, then the leader (the engine keeps the order and checks the password)."""
    return _tanda_tangani(
        _anchor_rekaman(skp, periode, buat=False), format_rekaman(skp), by=by, password=password
    )


# Bimbingan: reading, issuing, signing -------------------------------------------------------------------
def anchor_bimbingan(bimbingan: Bimbingan, format_kode: str):
    """B.1.6/B.1.7 hang off the bimbingan, B.1.8 off the Pegawai's feedback, B.1.9 off the evaluation."""
    if format_kode == "B.1.8":
        return UmpanBalikBimbingan.objects.filter(bimbingan_id=bimbingan.pk).first()
    if format_kode == "B.1.9":
        return EvaluasiKompetensi.objects.filter(bimbingan_id=bimbingan.pk).first()
    return bimbingan


def _pastikan_format_bimbingan(bimbingan: Bimbingan, format_kode: str):
    if format_kode not in FORMAT_BIMBINGAN:
        raise ValidationError(f"Format '{format_kode}' tidak dikenal; pilih B.1.6, B.1.7, B.1.8 atau B.1.9.")
    if format_kode in ("B.1.6", "B.1.7") and format_bimbingan(bimbingan) != format_kode:
        raise ValidationError(
            f"Bimbingan ini berjenis {bimbingan.get_jenis_display().lower()}; format {format_kode} tidak berlaku."
        )


def _penandatangan_bimbingan(bimbingan: Bimbingan, format_kode: str) -> list[tuple[str, User]]:
    pembina = (Peran.PEMBINA, bimbingan.pembina)
    if format_kode == "B.1.8":
        return [(Peran.PEGAWAI, _akun_pegawai(bimbingan.skp))]
    if format_kode == "B.1.9":
        return [pembina]
    return [(Peran.PEGAWAI, _akun_pegawai(bimbingan.skp)), pembina]


def _judul_bimbingan(bimbingan: Bimbingan, format_kode: str) -> str:
    return f"{JUDUL_FORMAT[format_kode]} {tanggal_indonesia(bimbingan.tanggal)}"


def _blok_bimbingan(bimbingan: Bimbingan, format_kode: str, konteks: dict) -> list[dict]:
    pembina = _identitas_user(bimbingan.pembina, konteks["tanggal"])
    if bimbingan.pembina_pegawai_id and not bimbingan.pembina.pegawai_id:
        pembina = render.identitas_pegawai(bimbingan.pembina_pegawai, konteks["tanggal"])
    blok_pembina = (Peran.PEMBINA, JUDUL_PEMBINA, pembina)
    blok_pegawai = (Peran.PEGAWAI, Peran.PEGAWAI.label, konteks["pegawai"])
    daftar = {"B.1.8": [blok_pegawai], "B.1.9": [blok_pembina]}.get(format_kode, [blok_pegawai, blok_pembina])
    return [_blok_ttd(n, peran, judul, ident) for n, (peran, judul, ident) in enumerate(daftar, start=1)]


def html_bimbingan(bimbingan: Bimbingan, format_kode: str) -> str:
    _pastikan_format_bimbingan(bimbingan, format_kode)
    konteks = konteks_bimbingan(bimbingan, format_kode)
    return html_kerja(
        pemda_id=bimbingan.pemda_id,
        format_kode=format_kode,
        konteks=konteks,
        judul=_judul_bimbingan(bimbingan, format_kode),
        penandatangan=_blok_bimbingan(bimbingan, format_kode, konteks),
    )


def pdf_bimbingan(bimbingan: Bimbingan, format_kode: str, *, by) -> bytes:
    """B.1.6 to B.1.9 of a bimbingan for whoever may read it (umpanbalik.permissions.bimbingan_visible_to)."""
    _pastikan(bimbingan_visible_to(by), bimbingan.pk, "Anda tidak dapat melihat bimbingan ini.")
    _pastikan_format_bimbingan(bimbingan, format_kode)
    return _pdf_dokumen_atau_kerja(
        anchor_bimbingan(bimbingan, format_kode), format_kode, lambda: html_bimbingan(bimbingan, format_kode)
    )


@transaction.atomic
def bimbingan_dokumen_terbitkan(*, bimbingan: Bimbingan, format_kode: str, by) -> Dokumen:
    """Issue B.1.6/B.1.7 (by the pembina or the Pegawai; both sign, the Pegawai first), B.1.8 (by the
    Pegawai, who signs it) or B.1.9 (by the pembina, who signs it)."""
    _pastikan_format_bimbingan(bimbingan, format_kode)
    pemilik = adalah_pemilik(bimbingan.skp, by)
    pembina = by.is_authenticated and by.pk == bimbingan.pembina_id
    boleh = {"B.1.8": pemilik, "B.1.9": pembina}.get(format_kode, pemilik or pembina)
    if not boleh:
        siapa = {"B.1.8": "Pegawai", "B.1.9": "pembina"}.get(format_kode, "Pegawai atau pembina")
        raise PermissionDenied(f"Format {format_kode} bimbingan ini diterbitkan oleh {siapa}nya.")
    konteks = konteks_bimbingan(bimbingan, format_kode)
    return _terbitkan(
        objek=anchor_bimbingan(bimbingan, format_kode),
        format_kode=format_kode,
        judul=_judul_bimbingan(bimbingan, format_kode),
        konteks=konteks,
        penandatangan=_penandatangan_bimbingan(bimbingan, format_kode),
        by=by,
    )


@transaction.atomic
def bimbingan_dokumen_tanda_tangani(*, bimbingan: Bimbingan, format_kode: str, by, password: str):
    _pastikan_format_bimbingan(bimbingan, format_kode)
    return _tanda_tangani(anchor_bimbingan(bimbingan, format_kode), format_kode, by=by, password=password)


# B.1.10: reading, issuing, signing ----------------------------------------------------------------------
def _judul_laporan(laporan: LaporanPerilaku) -> str:
    return f"{JUDUL_FORMAT['B.1.10']} {tanggal_indonesia(laporan.tanggal)}"


def html_laporan_perilaku(laporan: LaporanPerilaku) -> str:
    konteks = konteks_laporan_perilaku(laporan)
    return html_kerja(
        pemda_id=laporan.pemda_id,
        format_kode="B.1.10",
        konteks=konteks,
        judul=_judul_laporan(laporan),
        penandatangan=[_blok_ttd(1, Peran.PENILAI, Peran.PENILAI.label, konteks["penilai"])],
    )


def pdf_laporan_perilaku(laporan: LaporanPerilaku, *, by) -> bytes:
    _pastikan(laporan_perilaku_visible_to(by), laporan.pk, "Anda tidak dapat melihat laporan ini.")
    return _pdf_dokumen_atau_kerja(laporan, "B.1.10", lambda: html_laporan_perilaku(laporan))


@transaction.atomic
def laporan_perilaku_dokumen_terbitkan(*, laporan: LaporanPerilaku, by) -> Dokumen:
    """The reporting Penilai (or the Pegawai's leader today) issues B.1.10 for her own signature."""
    if not (by.is_authenticated and (by.pk == laporan.pelapor_id or adalah_pimpinan(laporan.skp, by))):
        raise PermissionDenied("Format B.1.10 diterbitkan oleh Pejabat Penilai Kinerja yang melaporkan.")
    return _terbitkan(
        objek=laporan,
        format_kode="B.1.10",
        judul=_judul_laporan(laporan),
        konteks=konteks_laporan_perilaku(laporan),
        penandatangan=[(_peran_pimpinan(by), by)],
        by=by,
    )


@transaction.atomic
def laporan_perilaku_dokumen_tanda_tangani(*, laporan: LaporanPerilaku, by, password: str):
    return _tanda_tangani(laporan, "B.1.10", by=by, password=password)


# For the pages: the state of a document and what this user may do with it ----------------------------------
def keadaan_dokumen(objek, format_kode: str, user) -> dict:
    """The current version of (objek, format_kode) with its signers, and whether it is `user`'s turn to sign:
    what `dokumen/b_1_aksi.html` shows."""
    dokumen = dokumen_selectors.dokumen_berlaku(objek, format_kode) if objek is not None else None
    if dokumen is None:
        return {"format_kode": format_kode, "dokumen": None, "penandatangan": [], "giliran_saya": False}
    harapan = list(dokumen.penandatangan.order_by("urutan"))
    sudah = set(dokumen.tanda_tangan.values_list("penandatangan_id", flat=True))
    giliran = next((p for p in harapan if p.pk not in sudah), None)
    return {
        "format_kode": format_kode,
        "dokumen": dokumen,
        "penandatangan": [
            {"judul_peran": p.judul_peran, "nama": p.nama, "sudah": p.pk in sudah} for p in harapan
        ],
        "giliran_saya": giliran is not None and giliran.user_id == getattr(user, "pk", None),
        "menunggu": giliran.nama if giliran else "",
    }


def keadaan_rekaman(skp: Skp, periode: Periode, user) -> dict:
    keadaan = keadaan_dokumen(_anchor_rekaman(skp, periode, buat=False), format_rekaman(skp), user)
    keadaan["boleh_terbitkan"] = skp.status in (
        StatusSkp.DITETAPKAN,
        StatusSkp.DIGANTIKAN,
    ) and adalah_pimpinan(skp, user)
    return keadaan


def keadaan_b_1_2(skp: Skp, user) -> dict:
    keadaan = keadaan_dokumen(skp, "B.1.2", user)
    keadaan["boleh_terbitkan"] = skp.status in (
        StatusSkp.DITETAPKAN,
        StatusSkp.DIGANTIKAN,
    ) and adalah_pimpinan(skp, user)
    return keadaan


def keadaan_bimbingan(bimbingan: Bimbingan, format_kode: str, user) -> dict:
    keadaan = keadaan_dokumen(anchor_bimbingan(bimbingan, format_kode), format_kode, user)
    pemilik = adalah_pemilik(bimbingan.skp, user)
    pembina = getattr(user, "pk", None) == bimbingan.pembina_id
    keadaan["boleh_terbitkan"] = {"B.1.8": pemilik, "B.1.9": pembina}.get(format_kode, pemilik or pembina)
    return keadaan


def keadaan_laporan_perilaku(laporan: LaporanPerilaku, user) -> dict:
    keadaan = keadaan_dokumen(laporan, "B.1.10", user)
    keadaan["boleh_terbitkan"] = getattr(user, "pk", None) == laporan.pelapor_id or adalah_pimpinan(
        laporan.skp, user
    )
    return keadaan
