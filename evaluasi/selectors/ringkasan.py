"""The BKPSDM overview of an evaluation period: per Perangkat Daerah (root unit) and, drilling down, per unit.

Every figure is counted in SQL (`values().annotate(Count)`) and units are mapped to their Perangkat Daerah via
`UnitKerja.path` in Python, so the overview costs a fixed number of queries whatever the size of the Pemda
(pinned in tests/evaluasi/test_ringkasan.py; measured for 20,000 Pegawai by bench/evaluasi.py).

An evaluation is counted under `Evaluasi.unit`: the unit led by its Penilai, whose capaian it uses (Tahap
Pertama huruf g). "Terlambat" = past the Penilai's window (evaluasi.jendela.batas_evaluasi) and not yet signed
by the evaluator: the Atasan Penilai must act (D.1.2). Pegawai without SKP are counted under the unit of their
placement on the period's last day.
"""

import dataclasses
import datetime

from django.db.models import BooleanField, Case, Count, Exists, Max, OuterRef, Q, Value, When

from kinerja import cache_pemda
from kinerja.models import Penempatan, UnitKerja
from kinerja.permissions import is_admin_bkpsdm
from kinerja.selectors.pemda import pengaturan_pemda
from kinerja.selectors.penilai import Struktur
from kinerja.selectors.periode import berlaku

from ..grafik import svg_distribusi
from ..jendela import batas_atasan, batas_evaluasi, batas_lapor
from ..kuadran import URUTAN_PREDIKAT
from ..models import Evaluasi, Keberatan, PeriodeEvaluasi, StatusEvaluasi, StatusKeberatan
from ..services import periode as periode_services
from .capaian import capaian_banyak
from .distribusi import BarisDistribusi, Distribusi

TANPA_UNIT = 0  # key of the row for evaluations without a unit (Penilai unknown, Kepala Daerah's JPT)


@dataclasses.dataclass
class Hitung:
    dievaluasi: int = 0  # evaluations not exempt
    belum_dinilai: int = 0
    dinilai: int = 0
    ttd_penilai: int = 0
    ttd_pegawai: int = 0
    dikecualikan: int = 0
    oleh_atasan: int = 0
    terlambat: int = 0
    keberatan_terbuka: int = 0
    tanpa_skp: int = 0
    predikat: dict = dataclasses.field(default_factory=dict)

    def tambah(self, lain: "Hitung"):
        for nama in _ANGKA:
            setattr(self, nama, getattr(self, nama) + getattr(lain, nama))
        for k, v in lain.predikat.items():
            self.predikat[k] = self.predikat.get(k, 0) + v

    @property
    def distribusi(self) -> list[tuple[str, str, int, int]]:
        """(predikat, label, count, percent of the rated) best first."""
        total = sum(self.predikat.values())
        return [
            (
                p.value,
                p.label,
                self.predikat.get(p.value, 0),
                round(self.predikat.get(p.value, 0) * 100 / total),
            )
            if total
            else (p.value, p.label, 0, 0)
            for p in URUTAN_PREDIKAT
        ]


_ANGKA = [f.name for f in dataclasses.fields(Hitung) if f.name != "predikat"]


@dataclasses.dataclass
class Baris:
    unit_id: int
    nama: str
    kode: str
    depth: int
    hitung: Hitung

    @property
    def predikat_teks(self) -> str:
        """E.g. "Sangat Baik 3 · Baik 12": one string, so a PD of 500 units renders quickly."""
        return " · ".join(f"{label} {n}" for _, label, n, _ in self.hitung.distribusi if n)


class DistribusiPemda(Distribusi):
    """A distribution without a pola: the chart's title names what it counts instead of a capaian."""

    judul: str = ""

    @property
    def capaian_label(self) -> str:
        return self.judul


@dataclasses.dataclass
class Ringkasan:
    periode: PeriodeEvaluasi
    tanggal: datetime.date
    batas: datetime.date
    total: Hitung
    baris: list[Baris]  # per PD, or per unit of the PD drilled into
    pd: Baris | None  # the PD drilled into
    alasan_pengecualian: list[tuple[str, int]]  # (reason, count), most frequent first
    tanpa_skp: list[dict]  # Pegawai without SKP of the drilled-into PD (empty on the Pemda view)
    grafik: str

    @property
    def terlambat_berlaku(self) -> bool:
        return self.tanggal > self.batas


def _pola_tertimbang(periode, per_unit, unit_ids, pengaturan, tanggal, units) -> dict[str, int]:
    """The expected share of each predikat over these units: each unit's pola (by the capaian that applies to
    it, selectors.capaian) weighted by its rated evaluations. Units without a capaian weigh nothing."""
    if pengaturan is None:
        return {}
    # Only the rated units weigh; with the units given, capaian_banyak costs the same queries for any of them.
    bobot = {u: sum(per_unit[u].predikat.values()) for u in unit_ids if u != TANPA_UNIT and u in per_unit}
    bobot = {u: n for u, n in bobot.items() if n}
    berlaku = capaian_banyak(periode, sorted(bobot), pengaturan=pengaturan, tanggal=tanggal, units=units)
    pola = pengaturan.pola_distribusi or {}
    jumlah: dict[str, float] = {}
    total = 0
    for u, n in bobot.items():
        baris = pola.get(berlaku[u].predikat) if n and u in berlaku else None
        if not baris:
            continue
        total += n
        for p, persen in baris.items():
            jumlah[p] = jumlah.get(p, 0) + n * persen
    return {p: round(v / total) for p, v in jumlah.items()} if total else {}


def _unit_pemda(pemda_id: int) -> tuple[dict, dict]:
    """The Pemda's units {pk: (nama, kode, path, depth)} in path order and each one's Perangkat Daerah: one
    query, or none while the org tree is unchanged (kinerja.cache_pemda; 5,000 units in a 20,000 Pemda)."""

    def muat():
        units = {
            pk: (nama, kode, path, depth)
            for pk, nama, kode, path, depth in UnitKerja.objects.order_by("path").values_list(
                "pk", "nama", "kode", "path", "depth"
            )
        }
        return units, {pk: _pd_dari_path(v[2], pk) for pk, v in units.items()}

    if not cache_pemda.lingkup_sendiri(pemda_id):
        return muat()
    return cache_pemda.ambil(cache_pemda.STRUKTUR, pemda_id, "unit-ringkasan", muat, memo=True)


def _pd_dari_path(path: str, pk: int) -> int:
    ids = [p for p in (path or "").strip("/").split("/") if p]
    return int(ids[0]) if ids else pk


def ringkasan_periode(
    periode: PeriodeEvaluasi, *, tanggal: datetime.date, pd_id: int | None = None
) -> Ringkasan:
    """The overview of `periode`; with `pd_id` (a root unit), the rows of its units and its Pegawai without
    SKP. 6 queries (7 with `pd_id`), plus the calendar's (cached)."""
    pengaturan = pengaturan_pemda(periode.pemda_id)
    batas = batas_evaluasi(periode, pengaturan) if pengaturan else periode.selesai
    lewat = tanggal > batas

    units, pd_unit = _unit_pemda(periode.pemda_id)

    per_unit: dict[int, Hitung] = {}

    def h(unit_id) -> Hitung:
        unit_id = unit_id or TANPA_UNIT
        return per_unit.setdefault(unit_id, Hitung())

    ttd_penilai = Case(
        When(ditandatangani_penilai_pada__isnull=False, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    ttd_pegawai = Case(
        When(ditandatangani_pegawai_pada__isnull=False, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    baris_agregat = (
        Evaluasi.objects.filter(periode=periode)
        .annotate(_ttd=ttd_penilai, _ttd_pegawai=ttd_pegawai)
        .values("unit_id", "status", "oleh_atasan", "predikat", "_ttd", "_ttd_pegawai")
        .annotate(n=Count("pk"), akhir=Max("pk"))
        .order_by()
    )
    jumlah_evaluasi, evaluasi_akhir = 0, 0  # which evaluations the period has: rows are added or removed
    for r in baris_agregat:
        jumlah_evaluasi += r["n"]
        evaluasi_akhir = max(evaluasi_akhir, r["akhir"])
        x, n = h(r["unit_id"]), r["n"]
        if r["status"] == StatusEvaluasi.DIKECUALIKAN:
            x.dikecualikan += n
            continue
        x.dievaluasi += n
        if r["status"] == StatusEvaluasi.BELUM_DINILAI:
            x.belum_dinilai += n
        elif r["status"] == StatusEvaluasi.DINILAI:
            x.dinilai += n
        if r["_ttd"]:
            x.ttd_penilai += n
        elif lewat:
            x.terlambat += n
        if r["_ttd_pegawai"]:
            x.ttd_pegawai += n
        if r["oleh_atasan"]:
            x.oleh_atasan += n
        if r["predikat"]:
            x.predikat[r["predikat"]] = x.predikat.get(r["predikat"], 0) + n

    for unit_id, n in (
        Keberatan.objects.filter(
            evaluasi__periode=periode, status__in=(StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPERIKSA)
        )
        .values_list("evaluasi__unit_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        h(unit_id).keberatan_terbuka += n

    # Pegawai without SKP (services.periode.pegawai_tanpa_skp): placed on the period's last day with no
    # evaluation in it, counted per unit of the placement in SQL (an anti-join, not 20,000 ids in Python).
    tanpa_qs = berlaku(Penempatan.objects.all(), periode.selesai).filter(
        ~Exists(Evaluasi.objects.filter(periode=periode, pegawai_id=OuterRef("pegawai_id")))
    )

    def hitung_tanpa():
        return list(
            tanpa_qs.values_list("jabatan__unit_id").annotate(n=Count("pegawai_id", distinct=True)).order_by()
        )

    # It changes only with the placements (the cache's org version) and with the set of the period's
    # evaluations (their count and last id, read above): cached under both, the anti-join runs once.
    if cache_pemda.lingkup_sendiri(periode.pemda_id):
        tanpa_per_unit = cache_pemda.ambil(
            cache_pemda.STRUKTUR,
            periode.pemda_id,
            f"tanpa-skp:{periode.pk}:{periode.selesai}:{jumlah_evaluasi}:{evaluasi_akhir}",
            hitung_tanpa,
        )
    else:
        tanpa_per_unit = hitung_tanpa()
    for unit_id, n in tanpa_per_unit:
        h(unit_id).tanpa_skp += n

    # Exempt: why, with how many (the reason names the period and the Pasal, so equal texts group).
    # Grouped per unit too and kept to the PD in Python: a path prefix join costs far more on PostgreSQL.
    per_alasan: dict[str, int] = {}
    for unit_id, teks, n in (
        Evaluasi.objects.filter(periode=periode, status=StatusEvaluasi.DIKECUALIKAN)
        .values_list("unit_id", "alasan_pengecualian")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        if pd_id is None or pd_unit.get(unit_id) == pd_id:
            teks = teks or "(tanpa keterangan)"
            per_alasan[teks] = per_alasan.get(teks, 0) + n
    alasan = sorted(per_alasan.items(), key=lambda x: (-x[1], x[0]))

    total = Hitung()
    for x in per_unit.values():
        total.tambah(x)

    pd_baris = None
    daftar_tanpa: list[dict] = []
    if pd_id is None:
        per_pd: dict[int, Hitung] = {}
        for unit_id, x in per_unit.items():
            kunci = pd_unit.get(unit_id, TANPA_UNIT)
            per_pd.setdefault(kunci, Hitung()).tambah(x)
        lingkup_unit = set(units)
        baris = [Baris(pk, units[pk][0], units[pk][1], 0, per_pd[pk]) for pk in units if pk in per_pd]
        if TANPA_UNIT in per_pd:
            baris.append(Baris(TANPA_UNIT, "Tanpa unit penilai", "-", 0, per_pd[TANPA_UNIT]))
        lingkup = total
    else:
        baris = []
        lingkup = Hitung()
        lingkup_unit = {pk for pk in units if pd_unit[pk] == pd_id}
        for pk, (nama, kode, _path, depth) in units.items():
            if pd_unit[pk] != pd_id:
                continue
            x = per_unit.get(pk, Hitung())
            lingkup.tambah(x)
            baris.append(Baris(pk, nama, kode, depth, x))
        nama, kode = units[pd_id][0], units[pd_id][1]
        pd_baris = Baris(pd_id, nama, kode, 0, lingkup)
        unit_ids = [pk for pk in units if pd_unit[pk] == pd_id]
        daftar_tanpa = {}
        for pk, nama_p, nip, unit_id in (
            tanpa_qs.filter(jabatan__unit_id__in=unit_ids)
            .order_by("pegawai__nama", "pegawai_id")
            .values_list("pegawai_id", "pegawai__nama", "pegawai__nip", "jabatan__unit_id")
        ):
            daftar_tanpa.setdefault(pk, {"pk": pk, "nama": nama_p, "nip": nip, "unit": units[unit_id][0]})
        daftar_tanpa = list(daftar_tanpa.values())

    harapan = _pola_tertimbang(periode, per_unit, lingkup_unit, pengaturan, tanggal, units)
    d = DistribusiPemda(
        "",
        [
            BarisDistribusi(p, label, harapan.get(p, 0), jumlah, persen)
            for p, label, jumlah, persen in lingkup.distribusi
        ],
        sum(lingkup.predikat.values()),
        0,
    )
    d.judul = f"pola menurut capaian tiap unit ({pd_baris.nama if pd_baris else 'seluruh Pemda'})"
    return Ringkasan(
        periode=periode,
        tanggal=tanggal,
        batas=batas,
        total=lingkup,
        baris=baris,
        pd=pd_baris,
        alasan_pengecualian=alasan,
        tanpa_skp=daftar_tanpa,
        grafik=svg_distribusi(d),
    )


# The periods of a year, and the units whose capaian a user sets ------------------------------------
def daftar_periode(pemda_id: int, tahun: int, pengaturan, tanggal):
    """The periods of the Pemda's cycle in `tahun`: open or not, with counts and windows (3 queries plus
    the calendar's)."""
    ada = {(p.jenis, p.nomor): p for p in PeriodeEvaluasi.objects.filter(tahun=tahun)}
    tidak_dikecualikan = ~Q(status=StatusEvaluasi.DIKECUALIKAN)
    hitung = {
        r["periode_id"]: r
        for r in Evaluasi.objects.filter(periode__tahun=tahun)
        .values("periode_id")
        .annotate(
            dievaluasi=Count("pk", filter=tidak_dikecualikan),
            dikecualikan=Count("pk", filter=Q(status=StatusEvaluasi.DIKECUALIKAN)),
            ditandatangani=Count("pk", filter=Q(ditandatangani_penilai_pada__isnull=False)),
            belum_ttd=Count("pk", filter=tidak_dikecualikan & Q(ditandatangani_penilai_pada__isnull=True)),
        )
        .order_by()
    }
    baris = []
    for jenis in periode_services.jenis_periode_pemda(pengaturan):
        for nomor in range(1, 12 // periode_services.PANJANG[jenis] + 1):
            p = ada.get((jenis, nomor))
            contoh = p or PeriodeEvaluasi(pemda_id=pemda_id, jenis=jenis, nomor=nomor, tahun=tahun)
            boleh_dibuka_mulai = contoh.selesai.replace(day=1)  # the first day of its last month
            h = hitung.get(p.pk, {}) if p else {}
            batas = batas_evaluasi(contoh, pengaturan)
            baris.append(
                {
                    "periode": p,
                    "jenis": jenis,
                    "nomor": nomor,
                    "tahun": tahun,
                    "label": contoh.label,
                    "mulai": contoh.mulai,
                    "selesai": contoh.selesai,
                    "boleh_dibuka": p is None and tanggal >= boleh_dibuka_mulai,
                    "dibuka_mulai": boleh_dibuka_mulai,
                    "dievaluasi": h.get("dievaluasi", 0),
                    "dikecualikan": h.get("dikecualikan", 0),
                    "ditandatangani": h.get("ditandatangani", 0),
                    "terlambat": h.get("belum_ttd", 0) if tanggal > batas else 0,
                    "batas_evaluasi": batas,
                    "batas_atasan": batas_atasan(contoh, pengaturan),
                    "batas_lapor": batas_lapor(contoh, pengaturan),
                }
            )
    return baris


def unit_capaian(user, periode):
    """The units this user sets the capaian of: every unit for BKPSDM, else those she leads on the period's
    last day (a Plt./Plh. counts); None when none."""
    if is_admin_bkpsdm(user):
        return list(UnitKerja.objects.filter(aktif=True).order_by("path"))
    if not user.pegawai_id:
        return None
    struktur = Struktur(pemda_id=periode.pemda_id, tanggal=periode.selesai)
    struktur._load_leaders(unit_ids=None)
    ids = [u for u, (pegawai_id, _) in struktur.leader.items() if pegawai_id == user.pegawai_id]
    return list(UnitKerja.objects.filter(pk__in=ids).order_by("path")) or None
