"""Which capaian kinerja organisasi an evaluation uses (Sumedang lampiran Tahapan Evaluasi, Tahap Pertama).

- The unit is the one led by the Pegawai's Penilai (huruf g; Evaluasi.unit). Where BKPSDM set the achievement
  only higher up (a Perangkat Daerah, a bidang), the nearest unit above with one is used, and the text says so.
- Annual (huruf f): an achievement of year Y set after the annual evaluation deadline (end of January Y+1,
  PengaturanPemda.batas_evaluasi_tahunan_bulan), or still missing after it, is replaced by that of Y-1.
A fixed number of queries for any number of units (`capaian_banyak`).
"""

import dataclasses

from django.utils import timezone

from kinerja.models import UnitKerja
from skp.waktu import akhir_bulan

from ..models import CapaianOrganisasi, JenisPeriode, PeriodeEvaluasi, PredikatOrganisasi


@dataclasses.dataclass(frozen=True)
class CapaianBerlaku:
    predikat: str  # a PredikatOrganisasi value, "" when none applies
    keterangan: str
    unit_id: int | None = None

    @property
    def label(self) -> str:
        return PredikatOrganisasi(self.predikat).label if self.predikat else "Belum ditetapkan"


def _jalur(unit_ids) -> dict[int, list[int]]:
    """unit id -> itself and its ancestors, nearest first."""
    jalur = {}
    for pk, path in UnitKerja.objects.filter(pk__in=set(unit_ids)).values_list("pk", "path"):
        ids = [int(p) for p in (path or "").strip("/").split("/") if p]
        if not ids or ids[-1] != pk:
            ids.append(pk)
        jalur[pk] = list(reversed(ids))
    return jalur


def _jalur_dari(units: dict, unit_ids) -> dict[int, list[int]]:
    """_jalur from a loaded {pk: (nama, kode, path, depth)} of the whole Pemda."""
    jalur = {}
    for pk in set(unit_ids):
        if pk not in units:
            continue
        ids = [int(p) for p in (units[pk][2] or "").strip("/").split("/") if p]
        if not ids or ids[-1] != pk:
            ids.append(pk)
        jalur[pk] = list(reversed(ids))
    return jalur


def capaian_banyak(
    periode: PeriodeEvaluasi, unit_ids, *, pengaturan, tanggal=None, units: dict | None = None
) -> dict[int, CapaianBerlaku]:
    """The capaian that applies to each unit. `units`: the whole Pemda's {pk: (nama, kode, path, depth)} when
    the caller has it (the overview): paths and names come from it, and the period's capaian are read without
    an IN list of every unit."""
    tanggal = tanggal or timezone.localdate()
    if units is not None:
        jalur = _jalur_dari(units, (u for u in unit_ids if u))
    else:
        jalur = _jalur(u for u in unit_ids if u)
    semua_unit = {u for ids in jalur.values() for u in ids}
    per_unit = {"unit_id__in": semua_unit} if units is None else {}
    ditetapkan = {c.unit_id: c for c in CapaianOrganisasi.objects.filter(periode=periode, **per_unit)}
    lalu = {}
    batas = None
    if periode.jenis == JenisPeriode.TAHUNAN:
        batas = akhir_bulan(periode.tahun + 1, pengaturan.batas_evaluasi_tahunan_bulan)
        lalu = {
            c.unit_id: c
            for c in CapaianOrganisasi.objects.filter(
                periode__jenis=JenisPeriode.TAHUNAN, periode__tahun=periode.tahun - 1, **per_unit
            )
        }
    if units is not None:
        nama = {u: units[u][0] for u in semua_unit if u in units}
    else:
        nama = dict(UnitKerja.objects.filter(pk__in=semua_unit).values_list("pk", "nama"))
    hasil = {}
    for unit_id in unit_ids:
        if not unit_id:
            continue
        hasil[unit_id] = _satu(
            unit_id, jalur.get(unit_id, [unit_id]), ditetapkan, lalu, batas, tanggal, nama, periode
        )
    return hasil


def _satu(unit_id, jalur, ditetapkan, lalu, batas, tanggal, nama, periode) -> CapaianBerlaku:
    def dari(peta):
        for u in jalur:
            if u in peta:
                return peta[u]
        return None

    c = dari(ditetapkan)
    asal = ""
    if c is not None and c.unit_id != unit_id:
        asal = f" (capaian {nama.get(c.unit_id, 'unit di atasnya')})"
    if batas is not None:
        terlambat = c is not None and timezone.localdate(c.ditetapkan_pada) > batas
        if terlambat or (c is None and tanggal > batas):
            lama = dari(lalu)
            sebab = "ditetapkan setelah" if terlambat else "belum ditetapkan sampai"
            if lama is not None:
                return CapaianBerlaku(
                    lama.predikat,
                    f"Capaian tahunan {periode.tahun} {sebab} {batas:%d-%m-%Y}: dipakai capaian tahun "
                    f"{periode.tahun - 1} (lampiran Evaluasi Kinerja, Tahap Pertama huruf f).",
                    lama.unit_id,
                )
            if c is None:
                return CapaianBerlaku(
                    "", f"Capaian tahunan {periode.tahun} dan {periode.tahun - 1} belum ditetapkan."
                )
    if c is None:
        return CapaianBerlaku("", "Capaian kinerja organisasi periode ini belum ditetapkan.")
    return CapaianBerlaku(c.predikat, (c.keterangan or "") + asal, c.unit_id)


def capaian_untuk(evaluasi, *, pengaturan, tanggal=None) -> CapaianBerlaku:
    unit_id = evaluasi.unit_id
    if not unit_id:
        return CapaianBerlaku("", "Unit Pejabat Penilai Kinerja tidak diketahui.")
    return capaian_banyak(evaluasi.periode, [unit_id], pengaturan=pengaturan, tanggal=tanggal)[unit_id]
