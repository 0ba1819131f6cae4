"""Deadlines of the evaluation (issue 5 windows, evaluasi/jendela.py), one provider per window:

- `penilai`: the Pejabat Penilai Kinerja evaluates and signs (D.1.1) by `batas_evaluasi`; after it the
  evaluation moves to the Atasan Penilai (Sumedang lampiran "Evaluasi Kinerja" angka 11, "Tindak Lanjut" angka 8:
  Format D.1.2, final), recorded once, and she is reminded until `batas_atasan`.
  (evaluasi.permissions.peran_evaluator already lets her act from that day: the escalation records it and tells.)
- `pegawai`: the Pegawai signs and returns the document within `batas_pegawai` of receipt (14 or 7 working days).
- `keberatan`: the Atasan Penilai decides an open keberatan by `batas_putus_keberatan` (lampiran "Keberatan"
  angka 6); late ones are flagged to BKPSDM.
- `lapor`: the evaluator (the Penilai; the Atasan for D.1.2) reports berjenjang to PyB by `batas_lapor`.

Each runs a fixed number of queries for the whole Pemda, reads open periods and open keberatan only, and
computes a window once per period (or per receipt / filing day): every jendela call builds a Kalender, which
reads the Pemda's days off.
"""

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from evaluasi import jendela
from evaluasi.models import (
    Evaluasi,
    Keberatan,
    LaporanBerjenjang,
    PeriodeEvaluasi,
    StatusEvaluasi,
    StatusKeberatan,
    StatusPeriode,
)
from kinerja.models import User

from ..models import JenisEskalasi, JenisTenggat
from . import Kewajiban, Peralihan

OBJEK_EVALUASI = "evaluasi.Evaluasi"
OBJEK_KEBERATAN = "evaluasi.Keberatan"
BELUM_DITANDATANGANI = (StatusEvaluasi.BELUM_DINILAI, StatusEvaluasi.DINILAI)
KEBERATAN_TERBUKA = (StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPERIKSA)
ATURAN_KE_ATASAN = (
    "Evaluasi tidak dilakukan dan ditandatangani Pejabat Penilai Kinerja sampai {batas:%d-%m-%Y}: dievaluasi dan "
    "ditandatangani atasan Pejabat Penilai Kinerja dengan Format D.1.2 dan bersifat final (lampiran 'Evaluasi "
    "Kinerja' angka 11; lampiran 'Tindak Lanjut' angka 8)."
)
ATURAN_KE_BKPSDM = (
    "Keberatan tidak diputus atasan Pejabat Penilai Kinerja sampai {batas:%d-%m-%Y} (lampiran 'Keberatan' "
    "angka 6): dilaporkan kepada BKPSDM."
)


class _Per:
    """A window computed once per key (a period, a receipt day), not once per row."""

    def __init__(self, fungsi):
        self.fungsi, self.simpan = fungsi, {}

    def __call__(self, kunci, *args):
        if kunci not in self.simpan:
            self.simpan[kunci] = self.fungsi(*args)
        return self.simpan[kunci]


def _periode_dibuka():
    return {p.pk: p for p in PeriodeEvaluasi.objects.filter(status=StatusPeriode.DIBUKA)}


def _evaluasi(periode: dict, status, *syarat, **filter_):
    return list(
        Evaluasi.objects.filter(*syarat, periode_id__in=list(periode), status__in=status, **filter_)
        .select_related("pegawai")
        .order_by("pk")
    )


class _KepalaDaerah:
    """The Pegawai of the Kepala Daerah's active accounts (an Atasan Penilai who is the Kepala Daerah), read once
    and only when needed."""

    def __init__(self, pemda_id):
        self.pemda_id, self._ids = pemda_id, None

    def ids(self) -> tuple[int, ...]:
        if self._ids is None:
            self._ids = tuple(
                User.objects.filter(pemda_id=self.pemda_id, is_kepala_daerah=True, is_active=True)
                .exclude(pegawai_id=None)
                .order_by("pk")
                .values_list("pegawai_id", flat=True)
            )
        return self._ids


def _atasan(ev: Evaluasi, kepala_daerah: _KepalaDaerah) -> tuple[int, ...]:
    if ev.atasan_penilai_kepala_daerah:
        return kepala_daerah.ids()
    return (ev.atasan_penilai_id,) if ev.atasan_penilai_id else ()


def _tautan_evaluasi(ev: Evaluasi) -> str:
    return reverse("evaluasi_detail", args=[ev.pk])


def penilai(pemda_id: int, tanggal: datetime.date, pengaturan):
    """The Penilai's window, then the Atasan Penilai's (D.1.2)."""
    periode = _periode_dibuka()
    if not periode:
        return []
    batas_evaluasi = _Per(lambda p: jendela.batas_evaluasi(p, pengaturan))
    batas_atasan = _Per(lambda p: jendela.batas_atasan(p, pengaturan))
    kepala_daerah = _KepalaDaerah(pemda_id)
    hasil = []
    for ev in _evaluasi(periode, BELUM_DITANDATANGANI):
        p = periode[ev.periode_id]
        batas = batas_evaluasi(p.pk, p)
        nama, label, tautan = ev.pegawai.nama_lengkap, p.label, _tautan_evaluasi(ev)
        if tanggal <= batas:
            # A Kepala Daerah Penilai has no Pegawai (penilai_id is empty): nobody to remind.
            if ev.oleh_atasan or ev.penilai_kepala_daerah or not ev.penilai_id:
                continue
            hasil.append(
                Kewajiban(
                    jenis=JenisTenggat.EVALUASI_PENILAI,
                    objek_jenis=OBJEK_EVALUASI,
                    objek_id=ev.pk,
                    batas=batas,
                    penerima=(ev.penilai_id,),
                    pesan=f"Evaluasi kinerja {label} {nama} belum dinilai dan ditandatangani (Format D.1.1).",
                    tautan=tautan,
                )
            )
            continue
        # Past the Penilai's window and still unsigned: the Atasan Penilai evaluates (D.1.2). A Kepala Daerah
        # Penilai has no superior in the chain: her evaluation does not move.
        if ev.penilai_kepala_daerah:
            continue
        # Recorded even when the Atasan is a Kepala Daerah without a Pegawai (the transition happened; the
        # Penilai and the Pegawai are told); reminded only when she has one.
        atasan = _atasan(ev, kepala_daerah)
        hasil.append(
            Peralihan(
                jenis=JenisEskalasi.EVALUASI_KE_ATASAN,
                objek_jenis=OBJEK_EVALUASI,
                objek_id=ev.pk,
                batas=batas,
                aturan=ATURAN_KE_ATASAN.format(batas=batas),
                kepada=tuple(x for x in (*atasan, ev.penilai_id, ev.pegawai_id) if x),
                pesan=f"Evaluasi kinerja {label} {nama} tidak ditandatangani Pejabat Penilai Kinerja sampai "
                f"{batas:%d-%m-%Y}: atasan Pejabat Penilai Kinerja kini mengevaluasi dan menandatanganinya "
                "(Format D.1.2, final).",
                tautan=tautan,
            )
        )
        if not atasan:
            continue
        hasil.append(
            Kewajiban(
                jenis=JenisTenggat.EVALUASI_ATASAN,
                objek_jenis=OBJEK_EVALUASI,
                objek_id=ev.pk,
                batas=batas_atasan(p.pk, p),
                penerima=atasan,
                pesan=f"Evaluasi kinerja {label} {nama} menunggu evaluasi dan tanda tangan Anda sebagai atasan "
                "Pejabat Penilai Kinerja (Format D.1.2).",
                tautan=tautan,
            )
        )
    return hasil


def pegawai(pemda_id: int, tanggal: datetime.date, pengaturan):
    """The Pegawai signs and returns the document received."""
    periode = _periode_dibuka()
    if not periode:
        return []
    batas_pegawai = _Per(lambda ev: jendela.batas_pegawai(ev, pengaturan))
    hasil = []
    for ev in _evaluasi(periode, (StatusEvaluasi.MENUNGGU_PEGAWAI,)):
        diterima = jendela.diterima(ev)
        if diterima is None:
            continue
        batas = batas_pegawai((diterima, ev.oleh_atasan), ev)
        hasil.append(
            Kewajiban(
                jenis=JenisTenggat.EVALUASI_PEGAWAI,
                objek_jenis=OBJEK_EVALUASI,
                objek_id=ev.pk,
                batas=batas,
                penerima=(ev.pegawai_id,),
                pesan=f"{ev.pegawai.nama_lengkap}, dokumen evaluasi kinerja {periode[ev.periode_id].label} Anda "
                f"({'Format D.1.2' if ev.oleh_atasan else 'Format D.1.1'}) menunggu tanda tangan Anda.",
                tautan=_tautan_evaluasi(ev),
            )
        )
    return hasil


def keberatan(pemda_id: int, tanggal: datetime.date, pengaturan):
    """The decision on an open keberatan; flagged to BKPSDM when late."""
    daftar = list(
        Keberatan.objects.filter(status__in=KEBERATAN_TERBUKA)
        .select_related("evaluasi__pegawai", "evaluasi__periode")
        .order_by("pk")
    )
    if not daftar:
        return []
    batas_putus = _Per(lambda k: jendela.batas_putus_keberatan(k, pengaturan))
    kepala_daerah = _KepalaDaerah(pemda_id)
    bkpsdm = None
    hasil = []
    for k in daftar:
        ev = k.evaluasi
        batas = batas_putus(timezone.localdate(k.diajukan_pada), k)
        nama, label = ev.pegawai.nama_lengkap, ev.periode.label
        tautan = reverse("keberatan_detail", args=[k.pk])
        atasan = _atasan(ev, kepala_daerah)
        menunggu_penjelasan = bool(k.penjelasan_diminta_pada and not k.penjelasan_pada)
        penerima = atasan + ((ev.penilai_id,) if menunggu_penjelasan and ev.penilai_id else ())
        if penerima:
            hasil.append(
                Kewajiban(
                    jenis=JenisTenggat.KEBERATAN_PUTUS,
                    objek_jenis=OBJEK_KEBERATAN,
                    objek_id=k.pk,
                    batas=batas,
                    penerima=penerima,
                    pesan=f"Keberatan {nama} atas hasil evaluasi kinerja {label} belum diputus"
                    + (
                        " (penjelasan Pejabat Penilai Kinerja masih ditunggu)."
                        if menunggu_penjelasan
                        else "."
                    ),
                    tautan=tautan,
                )
            )
        if tanggal > batas:
            if bkpsdm is None:
                bkpsdm = tuple(
                    User.objects.filter(pemda_id=pemda_id, is_admin_bkpsdm=True, is_active=True)
                    .exclude(pegawai_id=None)
                    .order_by("pk")
                    .values_list("pegawai_id", flat=True)
                )
            hasil.append(
                Peralihan(
                    jenis=JenisEskalasi.KEBERATAN_KE_BKPSDM,
                    objek_jenis=OBJEK_KEBERATAN,
                    objek_id=k.pk,
                    batas=batas,
                    aturan=ATURAN_KE_BKPSDM.format(batas=batas),
                    kepada=tuple(dict.fromkeys((*bkpsdm, *atasan))),
                    pesan=f"Keberatan {nama} atas hasil evaluasi kinerja {label} belum diputus atasan Pejabat "
                    f"Penilai Kinerja sampai {batas:%d-%m-%Y}: dilaporkan kepada BKPSDM.",
                    tautan=tautan,
                )
            )
    return hasil


def lapor(pemda_id: int, tanggal: datetime.date, pengaturan):
    """Signed evaluations not yet reported berjenjang to PyB."""
    periode = _periode_dibuka()
    if not periode:
        return []
    batas_lapor = _Per(lambda p: jendela.batas_lapor(p, pengaturan))
    kepala_daerah = _KepalaDaerah(pemda_id)
    tautan = reverse("evaluasi_laporan")
    hasil = []
    daftar = _evaluasi(
        periode,
        (StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI),
        ~Exists(LaporanBerjenjang.objects.filter(evaluasi_id=OuterRef("pk"))),
        ditandatangani_penilai_pada__isnull=False,
    )
    for ev in daftar:
        if ev.oleh_atasan:
            evaluator = _atasan(ev, kepala_daerah)
        else:
            # A Kepala Daerah Penilai has no Pegawai: nobody to remind.
            evaluator = (ev.penilai_id,) if ev.penilai_id and not ev.penilai_kepala_daerah else ()
        if not evaluator:
            continue
        p = periode[ev.periode_id]
        hasil.append(
            Kewajiban(
                jenis=JenisTenggat.LAPOR_PYB,
                objek_jenis=OBJEK_EVALUASI,
                objek_id=ev.pk,
                batas=batas_lapor(p.pk, p),
                penerima=evaluator,
                pesan=f"Hasil evaluasi kinerja {p.label} {ev.pegawai.nama_lengkap} belum dilaporkan secara "
                "berjenjang kepada PyB.",
                tautan=tautan,
            )
        )
    return hasil


PENYEDIA = [penilai, pegawai, keberatan, lapor]
