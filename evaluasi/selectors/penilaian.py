"""What the rating pages read: the Penilai's work in a period, one evaluation's whole page, the Pegawai's own list.

- `periode_kerja(user)`: the open periods in which she evaluates someone (as Penilai, or as Atasan Penilai).
- `kerja_penilai(user, periode)`: the Pegawai she evaluates in it (Evaluasi.penilai = her; as Atasan those whose
  evaluation window passed without the Penilai's signature, Format D.1.2), each with the suggestion
  (bahan_banyak), and per unit its capaian (capaian_banyak) and its distribution against the pola. A fixed
  number of queries for any number of Pegawai (pinned in tests/evaluasi/test_penilaian_halaman.py).
- `halaman_evaluasi(evaluasi, user)`: the rating page of one Pegawai.
- `evaluasi_pegawai(user)`: the Pegawai's own evaluations with their deadlines.
"""

import dataclasses
import datetime

from django.db.models import Q

from kinerja.models import PengaturanPemda
from kinerja.permissions import is_admin_bkpsdm
from kinerja.selectors.penilai import Struktur
from umpanbalik.selectors.umpan_balik import nama_pemberi

from .. import documents, grafik, jendela
from ..models import Evaluasi, PeriodeEvaluasi, StatusEvaluasi, StatusPeriode
from ..permissions import ATASAN, PENILAI, adalah_atasan, adalah_pegawai, adalah_penilai, peran_evaluator
from . import distribusi as distribusi_mod
from .bahan import Bahan, bahan, bahan_banyak
from .capaian import CapaianBerlaku, capaian_banyak, capaian_untuk

BELUM_DITANDATANGANI = (StatusEvaluasi.BELUM_DINILAI, StatusEvaluasi.DINILAI)


def _q_penilai(user) -> Q:
    q = Q(penilai_id=user.pegawai_id) if user.pegawai_id else Q(pk__in=[])
    if user.is_kepala_daerah:
        q |= Q(penilai_kepala_daerah=True)
    return q


def _q_atasan(user) -> Q:
    q = Q(atasan_penilai_id=user.pegawai_id) if user.pegawai_id else Q(pk__in=[])
    if user.is_kepala_daerah:
        q |= Q(atasan_penilai_kepala_daerah=True)
    return q


def periode_kerja(user) -> list[PeriodeEvaluasi]:
    """Open periods with an evaluation she rates (as Penilai) or may take over (as Atasan), latest first."""
    if not user.is_authenticated or not (user.pegawai_id or user.is_kepala_daerah):
        return []
    ada = Evaluasi.objects.filter(_q_penilai(user) | _q_atasan(user)).values("periode_id")
    daftar = list(PeriodeEvaluasi.objects.filter(status=StatusPeriode.DIBUKA, pk__in=ada))
    return sorted(daftar, key=lambda p: (p.selesai, p.tahunan), reverse=True)


@dataclasses.dataclass
class BarisKerja:
    evaluasi: Evaluasi
    bahan: Bahan
    peran: str  # PENILAI or ATASAN: in which capacity she sees it here
    boleh: bool  # may rate and sign it today
    batas: datetime.date  # the deadline of her capacity

    @property
    def d12(self) -> bool:
        return self.peran == ATASAN


@dataclasses.dataclass
class UnitKerjaPenilai:
    unit_id: int
    nama: str
    capaian: CapaianBerlaku
    distribusi: distribusi_mod.Distribusi
    boleh_tetapkan: bool

    @property
    def svg(self) -> str:
        return grafik.svg_distribusi(self.distribusi)


@dataclasses.dataclass
class KerjaPenilai:
    periode: PeriodeEvaluasi
    baris: list[BarisKerja]
    unit: list[UnitKerjaPenilai]
    batas_evaluasi: datetime.date
    batas_atasan: datetime.date
    tanggal: datetime.date

    @property
    def hitung(self) -> list[tuple[str, str, int]]:
        """(status, label, count) of the statuses present, in the order of the work."""
        n = {s: 0 for s in StatusEvaluasi.values}
        for b in self.baris:
            n[b.evaluasi.status] += 1
        return [(s, label, n[s]) for s, label in StatusEvaluasi.choices if n[s]]


def kerja_penilai(user, periode: PeriodeEvaluasi, *, pengaturan, tanggal) -> KerjaPenilai:
    b_evaluasi = jendela.batas_evaluasi(periode, pengaturan)
    b_atasan = jendela.batas_atasan(periode, pengaturan)
    q = _q_penilai(user)
    if tanggal > b_evaluasi:
        # After the window the Atasan Penilai rates those the Penilai did not sign (and sees what she did).
        q |= _q_atasan(user) & (Q(status__in=BELUM_DITANDATANGANI) | Q(oleh_atasan=True))
    evaluasi = list(
        Evaluasi.objects.filter(q, periode=periode)
        .select_related("periode", "pegawai", "unit")
        .order_by("pegawai__nama", "pk")
    )
    for e in evaluasi:
        e.periode = periode
    semua_bahan = bahan_banyak(evaluasi)
    baris = []
    for e in evaluasi:
        peran = peran_evaluator(user, e, pengaturan=pengaturan, tanggal=tanggal, batas=b_evaluasi)
        sebagai = peran or (PENILAI if adalah_penilai(user, e) and not e.oleh_atasan else ATASAN)
        baris.append(
            BarisKerja(
                e,
                semua_bahan[e.pk],
                sebagai,
                peran is not None,
                b_atasan if sebagai == ATASAN else b_evaluasi,
            )
        )
    return KerjaPenilai(
        periode, baris, _unit(user, periode, evaluasi, pengaturan, tanggal), b_evaluasi, b_atasan, tanggal
    )


def _unit(user, periode, evaluasi, pengaturan, tanggal) -> list[UnitKerjaPenilai]:
    unit_ids = sorted({e.unit_id for e in evaluasi if e.unit_id})
    if not unit_ids:
        return []
    capaian = capaian_banyak(periode, unit_ids, pengaturan=pengaturan, tanggal=tanggal)
    predikat: dict[int, list[str]] = {u: [] for u in unit_ids}
    for unit_id, p in (
        Evaluasi.objects.filter(periode=periode, unit_id__in=unit_ids)
        .exclude(status=StatusEvaluasi.DIKECUALIKAN)
        .exclude(predikat="")
        .order_by()
        .values_list("unit_id", "predikat")
    ):
        predikat[unit_id].append(p)
    nama = {e.unit_id: e.unit.nama for e in evaluasi if e.unit_id}
    belum = [u for u in unit_ids if not capaian[u].predikat]
    pimpinan = {}
    if belum and user.is_authenticated and not is_admin_bkpsdm(user) and user.pegawai_id:
        leader = Struktur.pimpinan_pemda(pemda_id=periode.pemda_id, tanggal=periode.selesai)
        pimpinan = {u: leader[u][0] for u in belum if u in leader}
    hasil = []
    for u in unit_ids:
        boleh = not capaian[u].predikat and (
            is_admin_bkpsdm(user) or (user.pegawai_id is not None and pimpinan.get(u) == user.pegawai_id)
        )
        hasil.append(
            UnitKerjaPenilai(
                u,
                nama.get(u, ""),
                capaian[u],
                distribusi_mod.hitung(capaian[u].predikat, predikat[u], pengaturan),
                boleh,
            )
        )
    return hasil


# One evaluation ----------------------------------------------------------------------------------------------
@dataclasses.dataclass
class HalamanEvaluasi:
    evaluasi: Evaluasi
    bahan: Bahan
    capaian: CapaianBerlaku
    distribusi: distribusi_mod.Distribusi
    peran: str | None  # PENILAI / ATASAN when she may rate and sign today
    alasan_tidak_boleh: str
    pegawai: bool  # she is the Pegawai
    batas_evaluasi: datetime.date
    batas_atasan: datetime.date
    batas_pegawai: datetime.date | None
    batas_keberatan: datetime.date | None
    sebelumnya: Evaluasi | None  # an earlier finished periodic evaluation with another Penilai (a move)
    dokumen_hasil: object
    dokumen_evaluasi: object
    dokumen_keberatan: object
    tanggal: datetime.date

    @property
    def svg(self) -> str:
        return grafik.svg_distribusi(self.distribusi)

    @property
    def boleh_menilai(self) -> bool:
        return self.peran is not None


def _sebelumnya(evaluasi: Evaluasi) -> Evaluasi | None:
    p = evaluasi.periode
    if p.tahunan:
        return None
    qs = (
        Evaluasi.objects.filter(
            pegawai_id=evaluasi.pegawai_id,
            periode__jenis=p.jenis,
            status=StatusEvaluasi.SELESAI,
        )
        .filter(Q(periode__tahun__lt=p.tahun) | Q(periode__tahun=p.tahun, periode__nomor__lt=p.nomor))
        .exclude(penilai_id=evaluasi.penilai_id)
        .select_related("periode", "penilai")
        .order_by("-periode__tahun", "-periode__nomor")
    )
    return qs.first()


def alasan_tidak_boleh(user, evaluasi: Evaluasi, *, pengaturan, tanggal) -> str:
    """Why she may not rate this evaluation today (for the page); "" when she may."""
    if evaluasi.status == StatusEvaluasi.DIKECUALIKAN:
        return f"Pegawai dikecualikan dari evaluasi periode ini: {evaluasi.alasan_pengecualian}"
    if evaluasi.status not in BELUM_DITANDATANGANI:
        return "Evaluasi ini sudah ditandatangani dan tidak dapat diubah."
    if peran_evaluator(user, evaluasi, pengaturan=pengaturan, tanggal=tanggal):
        return ""
    batas = jendela.batas_evaluasi(evaluasi.periode, pengaturan)
    if adalah_penilai(user, evaluasi):
        if evaluasi.oleh_atasan:
            return "Evaluasi ini sedang dinilai atasan Pejabat Penilai Kinerja (Format D.1.2)."
        return (
            f"Jangka waktu evaluasi berakhir {batas:%d-%m-%Y}; evaluasi kini dilakukan dan ditandatangani "
            "atasan Pejabat Penilai Kinerja (Format D.1.2)."
        )
    if adalah_atasan(user, evaluasi):
        return (
            f"Pejabat Penilai Kinerja menilai sampai {batas:%d-%m-%Y}; Anda sebagai atasan Penilai menilai "
            "setelah tanggal itu bila Penilai belum menandatangani."
        )
    return "Hanya Pejabat Penilai Kinerja (atau atasannya setelah jangka waktu evaluasi) yang menilai."


def halaman_evaluasi(evaluasi: Evaluasi, user, *, tanggal) -> HalamanEvaluasi:
    pengaturan = PengaturanPemda.objects.filter(pemda_id=evaluasi.pemda_id).first()
    b = bahan(evaluasi)
    anonim = bool(adalah_pegawai(user, evaluasi) and pengaturan and pengaturan.umpan_balik_rekan_anonim)
    for u in b.semua_umpan_balik:
        u.nama_pemberi = nama_pemberi(u, anonim=anonim)
    if evaluasi.ditandatangani_penilai and evaluasi.capaian_organisasi:
        capaian = CapaianBerlaku(evaluasi.capaian_organisasi, evaluasi.capaian_keterangan, evaluasi.unit_id)
    elif pengaturan is not None:
        capaian = capaian_untuk(evaluasi, pengaturan=pengaturan, tanggal=tanggal)
    else:
        capaian = CapaianBerlaku("", "Pengaturan Pemda belum diisi.")
    distribusi = distribusi_mod.distribusi_unit(
        evaluasi.periode, evaluasi.unit_id, capaian.predikat, pengaturan
    )
    peran = alasan = None
    if pengaturan is not None:
        peran = peran_evaluator(user, evaluasi, pengaturan=pengaturan, tanggal=tanggal)
        alasan = alasan_tidak_boleh(user, evaluasi, pengaturan=pengaturan, tanggal=tanggal)
    else:
        alasan = "Pengaturan Pemda belum diisi BKPSDM; evaluasi belum dapat diproses."
    return HalamanEvaluasi(
        evaluasi=evaluasi,
        bahan=b,
        capaian=capaian,
        distribusi=distribusi,
        peran=peran,
        alasan_tidak_boleh=alasan or "",
        pegawai=adalah_pegawai(user, evaluasi),
        batas_evaluasi=jendela.batas_evaluasi(evaluasi.periode, pengaturan) if pengaturan else None,
        batas_atasan=jendela.batas_atasan(evaluasi.periode, pengaturan) if pengaturan else None,
        batas_pegawai=jendela.batas_pegawai(evaluasi, pengaturan) if pengaturan else None,
        batas_keberatan=jendela.batas_keberatan(evaluasi, pengaturan) if pengaturan else None,
        sebelumnya=_sebelumnya(evaluasi) if peran == PENILAI else None,
        dokumen_hasil=documents.dokumen_hasil(evaluasi) if evaluasi.ditandatangani_penilai else None,
        dokumen_evaluasi=documents.dokumen_evaluasi(evaluasi) if evaluasi.ditandatangani_penilai else None,
        dokumen_keberatan=documents.dokumen_keberatan(evaluasi) if evaluasi.ditandatangani_penilai else None,
        tanggal=tanggal,
    )


# The Pegawai's own -------------------------------------------------------------------------------------------
@dataclasses.dataclass
class EvaluasiSaya:
    evaluasi: Evaluasi
    batas_pegawai: datetime.date | None
    batas_keberatan: datetime.date | None
    boleh_tandatangani: bool
    boleh_keberatan: bool
    terlambat_tandatangani: bool


def evaluasi_pegawai(user, *, tanggal) -> list[EvaluasiSaya]:
    if not user.is_authenticated or not user.pegawai_id:
        return []
    rows = list(
        Evaluasi.objects.filter(pegawai_id=user.pegawai_id)
        .select_related("periode", "penilai", "atasan_penilai")
        .prefetch_related("keberatan")
    )
    rows.sort(key=lambda e: (e.periode.selesai, e.periode.tahunan), reverse=True)
    pengaturan = PengaturanPemda.objects.filter(pemda_id=user.pemda_id).first()
    hasil = []
    for e in rows:
        b_pegawai = jendela.batas_pegawai(e, pengaturan) if pengaturan else None
        b_keberatan = jendela.batas_keberatan(e, pengaturan) if pengaturan else None
        ada_keberatan = bool(list(e.keberatan.all()))
        hasil.append(
            EvaluasiSaya(
                e,
                b_pegawai,
                b_keberatan,
                boleh_tandatangani=e.status == StatusEvaluasi.MENUNGGU_PEGAWAI,
                boleh_keberatan=bool(
                    e.ditandatangani_penilai
                    and not e.final
                    and not ada_keberatan
                    and b_keberatan is not None
                    and tanggal <= b_keberatan
                ),
                terlambat_tandatangani=bool(
                    e.status == StatusEvaluasi.MENUNGGU_PEGAWAI and b_pegawai and tanggal > b_pegawai
                ),
            )
        )
    return hasil
