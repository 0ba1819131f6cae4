"""Reads of realisasi, bukti dukung and catatan harian.

The realisasi of an IKI is looked up by the IKI's `garis` across the versions of the Pegawai's SKP of the
year: after a penyesuaian ekspektasi the months recorded on the older version still show on the new one.
Each read runs a fixed number of queries whatever the number of RHK, IKI, versions or bukti.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q

from kinerja.models import PengaturanPemda
from skp.models import Iki, Rhk, Skp

from .. import periode as periode_mod
from ..models import BuktiDukung, CatatanHarian, Realisasi
from ..periode import BULAN, Periode


def _bukti():
    return Prefetch("bukti", queryset=BuktiDukung.objects.order_by("dibuat_pada", "id"))


# Periods --------------------------------------------------------------------------------------------------
@dataclass
class PilihanPeriode:
    periode: Periode
    terbuka: bool  # started (realisasi may be recorded)


def periode_pilihan(
    skp: Skp, pengaturan: PengaturanPemda | None, tanggal: datetime.date
) -> list[PilihanPeriode]:
    """The Pemda's documentation periods of the SKP's year that overlap the SKP period, finest kind first."""
    hasil = []
    for jenis in periode_mod.jenis_realisasi(pengaturan):
        for p in periode_mod.semua(jenis, skp.tahun):
            if p.selesai < skp.periode_mulai or p.mulai > skp.periode_selesai:
                continue
            hasil.append(PilihanPeriode(p, p.mulai <= tanggal))
    return hasil


def periode_bawaan(skp: Skp, pengaturan: PengaturanPemda | None, tanggal: datetime.date) -> Periode:
    """The Pemda's finest period holding today, kept inside the SKP period."""
    hari = min(max(tanggal, skp.periode_mulai), skp.periode_selesai)
    return periode_mod.pada(periode_mod.periode_utama(pengaturan), hari)


# Realisasi of an SKP --------------------------------------------------------------------------------------
@dataclass
class RhkRealisasi:
    rhk: Rhk
    iki: list[Iki]  # each with .realisasi_kini (Realisasi | None, bukti prefetched)


def realisasi_kini(skp: Skp, periode: Periode, iki: list[Iki]) -> dict:
    """garis -> the current realisasi of that IKI line in the period (bukti prefetched). Two queries."""
    daftar = (
        Realisasi.objects.filter(
            skp__pegawai_id=skp.pegawai_id,
            skp__tahun=skp.tahun,
            iki__garis__in=[i.garis for i in iki],
            jenis_periode=periode.jenis,
            nomor_periode=periode.nomor,
            berlaku=True,
        )
        .select_related("iki", "skp", "dibuat_oleh__pegawai")
        .prefetch_related(_bukti())
        .order_by("versi", "id")
    )
    return {r.iki.garis: r for r in daftar}


def realisasi_skp(skp: Skp, periode: Periode) -> list[RhkRealisasi]:
    """Per RHK of the SKP its IKI, each with its current realisasi in `periode`. Four queries."""
    rhk = list(
        Rhk.objects.filter(skp=skp)
        .order_by("jenis", "urutan", "id")
        .prefetch_related(Prefetch("iki", queryset=Iki.objects.order_by("urutan", "id")))
    )
    semua_iki = [i for r in rhk for i in r.iki.all()]
    kini = realisasi_kini(skp, periode, semua_iki)
    for i in semua_iki:
        i.realisasi_kini = kini.get(i.garis)
    return [RhkRealisasi(r, list(r.iki.all())) for r in rhk]


def riwayat_realisasi(realisasi: Realisasi) -> list[Realisasi]:
    """Every version of this IKI line's realisasi in its period (across SKP versions), newest first, with
    their bukti. Three queries."""
    return list(
        Realisasi.objects.filter(
            iki__garis=realisasi.iki.garis,
            skp__pegawai_id=realisasi.skp.pegawai_id,
            skp__tahun=realisasi.skp.tahun,
            jenis_periode=realisasi.jenis_periode,
            nomor_periode=realisasi.nomor_periode,
        )
        .select_related("iki", "skp", "dibuat_oleh__pegawai")
        .prefetch_related(_bukti())
        .order_by("-versi", "-id")
    )


def periode_realisasi(realisasi: Realisasi) -> Periode:
    return Periode(realisasi.jenis_periode, realisasi.nomor_periode, realisasi.skp.tahun)


# Catatan harian -------------------------------------------------------------------------------------------
def catatan_harian_pegawai(pegawai_id: int, tahun: int):
    """The Pegawai's log of the year (every SKP version), newest first."""
    return (
        CatatanHarian.objects.filter(pegawai_id=pegawai_id, skp__tahun=tahun)
        .select_related("skp", "rhk", "rencana_aksi")
        .order_by("-tanggal", "-id")
    )


def _tanggal(t: datetime.date) -> str:
    return f"{t.day} {BULAN[t.month - 1]} {t.year}"


def realisasi_dari_catatan(*, skp: Skp, iki: Iki, periode: Periode) -> str:
    """The catatan harian of `periode` on the IKI's RHK (its own or through a rencana aksi of it, in any
    version of the SKP), oldest first, as a text the Pegawai can pull into the realisasi note."""
    garis = Rhk.objects.filter(pk=iki.rhk_id).values_list("garis", flat=True).first()
    catatan = (
        CatatanHarian.objects.filter(
            pegawai_id=skp.pegawai_id,
            skp__tahun=skp.tahun,
            tanggal__gte=periode.mulai,
            tanggal__lte=periode.selesai,
        )
        .filter(Q(rhk__garis=garis) | Q(rencana_aksi__rhk__garis=garis))
        .select_related("rencana_aksi")
        .order_by("tanggal", "id")
    )
    baris = []
    for c in catatan:
        teks = f"- {_tanggal(c.tanggal)}: {c.uraian.strip()}"
        if c.hasil:
            teks += f" (hasil: {c.hasil})"
        if c.rencana_aksi_id:
            teks += f" [rencana aksi: {c.rencana_aksi.teks[:80]}]"
        baris.append(teks)
    return "\n".join(baris)
