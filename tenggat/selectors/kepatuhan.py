"""The BKPSDM compliance view (issue 6): per Perangkat Daerah (root unit) and, drilling down, per unit, how far
the Pemda is with the SKP of a year and, optionally, with one evaluation period; who is late; what was escalated
and which reminder emails are still unsent.

Counted in SQL (`values().annotate(Count(..., filter=Q(...)))`, per Pegawai, per unit or per day) and mapped to
the Perangkat Daerah via `UnitKerja.path` in Python (evaluasi.selectors.ringkasan's technique and helpers), so
the view costs a fixed number of queries whatever the size of the Pemda (pinned in
tests/tenggat/test_kepatuhan.py; measured for 20,000 Pegawai by bench/tenggat.py).

- SKP: a Pegawai placed on the reference day (today, or 31 December of a past year) and not exempt from planning
  (PengaturanPemda.status_pengecualian_perencanaan) counts once under the unit of her placement, by the furthest
  status of her SKPs of the year: set (ditetapkan) > submitted (diajukan, disetujui, ditandatangani Pegawai) >
  drafted (draf, dikembalikan) > none. "Terlambat": past the deadline (end of month
  PengaturanPemda.batas_penetapan_skp_bulan, skp.waktu) with no set SKP, placed by the deadline (the SKP
  provider's rule, tenggat.penyedia.skp).
- Evaluation period: counted under `Evaluasi.unit` (the unit led by the Penilai, as the period overview does).
  Done = dinilai or beyond; "terlambat" = not signed by the evaluator after evaluasi.jendela.batas_evaluasi (the
  Atasan Penilai must act, D.1.2), "terlambat atasan" = still not signed after batas_atasan.
- Keberatan open (diajukan, diperiksa), late when past evaluasi.jendela.batas_putus_keberatan.
- Escalations (tenggat.models.Eskalasi) of the year's SKP and of the period's evaluations and keberatan, and
  reminders whose email is not sent yet (Pengingat.surel set, surel_terkirim_pada empty), by the recipient's
  placement.
"""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from evaluasi.jendela import batas_atasan, batas_evaluasi, batas_putus_keberatan
from evaluasi.models import Evaluasi, Keberatan, PeriodeEvaluasi, StatusEvaluasi, StatusKeberatan
from evaluasi.selectors.ringkasan import TANPA_UNIT, _pd_dari_path
from kinerja.models import Pegawai, Penempatan, PengaturanPemda, RiwayatStatus, UnitKerja
from kinerja.permissions import is_admin_bkpsdm
from kinerja.selectors.penilai import Struktur
from kinerja.selectors.periode import berlaku
from skp import waktu
from skp.models import Skp, StatusSkp

from ..models import Eskalasi, JenisEskalasi, Pengingat

BATAS_NAMA = 100  # names listed per kind in the drill-down; the count is always complete

SKP_DRAF = (StatusSkp.DRAFT, StatusSkp.DIKEMBALIKAN)
SKP_DIAJUKAN = (StatusSkp.DIAJUKAN, StatusSkp.DISETUJUI, StatusSkp.DITANDATANGANI_PEGAWAI)
EVALUASI_SUDAH_DINILAI = (StatusEvaluasi.DINILAI, StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI)
KEBERATAN_TERBUKA = (StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPERIKSA)

KOLOM = [
    ("pegawai", "Pegawai wajib SKP"),
    ("skp_draf", "SKP draf"),
    ("skp_diajukan", "SKP diajukan"),
    ("skp_ditetapkan", "SKP ditetapkan"),
    ("skp_belum", "Tanpa SKP"),
    ("skp_terlambat", "SKP terlambat"),
    ("evaluasi", "Dievaluasi"),
    ("dinilai", "Sudah dinilai"),
    ("ttd_penilai", "TTD penilai"),
    ("ttd_pegawai", "TTD Pegawai"),
    ("oleh_atasan", "Oleh atasan (D.1.2)"),
    ("evaluasi_terlambat", "Evaluasi terlambat"),
    ("evaluasi_terlambat_atasan", "Terlambat atasan"),
    ("keberatan_terbuka", "Keberatan terbuka"),
    ("keberatan_terlambat", "Keberatan terlambat"),
    ("eskalasi", "Eskalasi"),
    ("surel_tertunda", "Surel belum terkirim"),
]


@dataclasses.dataclass
class Hitung:
    pegawai: int = 0
    skp_draf: int = 0
    skp_diajukan: int = 0
    skp_ditetapkan: int = 0
    skp_belum: int = 0
    skp_terlambat: int = 0
    evaluasi: int = 0
    dinilai: int = 0
    ttd_penilai: int = 0
    ttd_pegawai: int = 0
    oleh_atasan: int = 0
    evaluasi_terlambat: int = 0
    evaluasi_terlambat_atasan: int = 0
    keberatan_terbuka: int = 0
    keberatan_terlambat: int = 0
    eskalasi: int = 0
    surel_tertunda: int = 0

    def tambah(self, lain: "Hitung"):
        for f in dataclasses.fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(lain, f.name))

    def sebagai_dict(self) -> dict:
        return dataclasses.asdict(self)

    @property
    def persen_skp_ditetapkan(self) -> int:
        return round(self.skp_ditetapkan * 100 / self.pegawai) if self.pegawai else 0

    @property
    def persen_ttd_penilai(self) -> int:
        return round(self.ttd_penilai * 100 / self.evaluasi) if self.evaluasi else 0


@dataclasses.dataclass
class Baris:
    unit_id: int
    nama: str
    kode: str
    depth: int
    hitung: Hitung

    @property
    def terlambat(self) -> int:
        h = self.hitung
        return h.skp_terlambat + h.evaluasi_terlambat + h.keberatan_terlambat


@dataclasses.dataclass
class Daftar:
    """Names of one kind of late item in the drill-down: the first BATAS_NAMA rows and the full count."""

    judul: str
    baris: list[dict]
    jumlah: int

    @property
    def terpotong(self) -> bool:
        return self.jumlah > len(self.baris)


@dataclasses.dataclass
class Kepatuhan:
    tahun: int
    tanggal: datetime.date
    acuan: datetime.date  # the day the placements are read
    batas_skp: datetime.date
    periode: PeriodeEvaluasi | None
    batas_evaluasi: datetime.date | None
    batas_atasan: datetime.date | None
    total: Hitung
    baris: list[Baris]  # per PD, or per unit of the PD drilled into
    pd: Baris | None
    terlambat: list[Daftar]  # the drill-down's names (empty on the Pemda view)

    @property
    def skp_lewat(self) -> bool:
        return self.tanggal > self.batas_skp

    @property
    def evaluasi_lewat(self) -> bool:
        return self.batas_evaluasi is not None and self.tanggal > self.batas_evaluasi


def tanggal_acuan(tahun: int, tanggal: datetime.date) -> datetime.date:
    return min(max(tanggal, datetime.date(tahun, 1, 1)), datetime.date(tahun, 12, 31))


def kepatuhan(
    pemda_id: int,
    tahun: int,
    *,
    tanggal: datetime.date,
    periode: PeriodeEvaluasi | None = None,
    pd_id: int | None = None,
    batas_nama: int | None = BATAS_NAMA,
) -> Kepatuhan:
    """The compliance of the Pemda (inside its tenant context) in `tahun`, with `periode`'s evaluations; with
    `pd_id` (a root unit) the rows of its units and the names of the late (`batas_nama` each; None: all).

    Queries, whatever the size of the Pemda: 6, +1 when the Pemda exempts statuses from planning, +1 past the
    SKP deadline, +4 with a period, +3 with `pd_id`; plus the calendar's (cached)."""
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    bulan = pengaturan.batas_penetapan_skp_bulan if pengaturan else 1
    batas_skp = waktu.akhir_bulan(tahun, bulan)
    skp_lewat = tanggal > batas_skp
    acuan = tanggal_acuan(tahun, tanggal)

    units = {
        pk: (nama, kode, path, depth)
        for pk, nama, kode, path, depth in UnitKerja.objects.order_by("path").values_list(
            "pk", "nama", "kode", "path", "depth"
        )
    }
    pd_unit = {pk: _pd_dari_path(v[2], pk) for pk, v in units.items()}
    per_unit: dict[int, Hitung] = {}

    def h(unit_id) -> Hitung:
        return per_unit.setdefault(unit_id or TANPA_UNIT, Hitung())

    # Placements on the reference day (the latest begun wins, as in evaluasi.services.periode).
    penempatan: dict[int, int] = {}
    for pid, unit_id in (
        berlaku(Penempatan.objects.all(), acuan)
        .order_by("mulai", "pk")
        .values_list("pegawai_id", "jabatan__unit_id")
    ):
        penempatan[pid] = unit_id
    pengecualian = pengaturan.status_pengecualian_perencanaan if pengaturan else []
    dikecualikan = set(
        berlaku(RiwayatStatus.objects.filter(status__in=pengecualian), acuan)
        .order_by()
        .values_list("pegawai_id", flat=True)
    )
    # Placed by the deadline (any placement begun by then): the SKP provider's "sudah_ada".
    sudah_ada = (
        set(
            Penempatan.objects.filter(mulai__lte=batas_skp)
            .order_by()
            .values_list("pegawai_id", flat=True)
            .distinct()
        )
        if skp_lewat
        else set()
    )
    skp = {r["pegawai_id"]: r for r in _skp_per_pegawai(tahun)}
    skp_terlambat_ids: list[int] = []
    for pid, unit_id in penempatan.items():
        if pid in dikecualikan:
            continue
        x = h(unit_id)
        x.pegawai += 1
        r = skp.get(pid)
        if r and r["tetap"]:
            x.skp_ditetapkan += 1
        elif r and r["ajukan"]:
            x.skp_diajukan += 1
        elif r and r["draf"]:
            x.skp_draf += 1
        else:
            x.skp_belum += 1
        if skp_lewat and not (r and r["tetap"]) and pid in sudah_ada:
            x.skp_terlambat += 1
            skp_terlambat_ids.append(pid)

    # The evaluation period.
    b_eval = b_atasan = None
    keberatan_hari: list[tuple[int, datetime.date, int]] = []
    kalender_batas: dict[datetime.date, datetime.date] = {}
    if periode is not None and pengaturan is not None:
        b_eval = batas_evaluasi(periode, pengaturan)
        b_atasan = batas_atasan(periode, pengaturan)
        lewat, lewat_atasan = tanggal > b_eval, tanggal > b_atasan
        belum_ttd = Q(ditandatangani_penilai_pada__isnull=True)
        for r in (
            Evaluasi.objects.filter(periode=periode)
            .exclude(status=StatusEvaluasi.DIKECUALIKAN)
            .values("unit_id")
            .annotate(
                n=Count("pk"),
                dinilai=Count("pk", filter=Q(status__in=EVALUASI_SUDAH_DINILAI)),
                ttd=Count("pk", filter=~belum_ttd),
                ttd_pegawai=Count("pk", filter=Q(ditandatangani_pegawai_pada__isnull=False)),
                atasan=Count("pk", filter=Q(oleh_atasan=True)),
            )
            .order_by()
        ):
            x = h(r["unit_id"])
            x.evaluasi += r["n"]
            x.dinilai += r["dinilai"]
            x.ttd_penilai += r["ttd"]
            x.ttd_pegawai += r["ttd_pegawai"]
            x.oleh_atasan += r["atasan"]
            belum = r["n"] - r["ttd"]
            if lewat:
                x.evaluasi_terlambat += belum
            if lewat_atasan:
                x.evaluasi_terlambat_atasan += belum
        # Open keberatan per unit and filing day: the deadline is computed once per day.
        for r in (
            Keberatan.objects.filter(evaluasi__periode=periode, status__in=KEBERATAN_TERBUKA)
            .annotate(hari=TruncDate("diajukan_pada"))
            .values("evaluasi__unit_id", "hari")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            hari = r["hari"]
            if hari not in kalender_batas:
                kalender_batas[hari] = batas_putus_keberatan(
                    Keberatan(pemda_id=pemda_id, diajukan_pada=hari), pengaturan
                )
            x = h(r["evaluasi__unit_id"])
            x.keberatan_terbuka += r["n"]
            if tanggal > kalender_batas[hari]:
                x.keberatan_terlambat += r["n"]
            keberatan_hari.append((r["evaluasi__unit_id"], hari, r["n"]))
        for unit_id, n in (
            Evaluasi.objects.filter(
                periode=periode,
                pk__in=Eskalasi.objects.filter(jenis=JenisEskalasi.EVALUASI_KE_ATASAN).values("objek_id"),
            )
            .values_list("unit_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            h(unit_id).eskalasi += n
        for unit_id, n in (
            Keberatan.objects.filter(
                evaluasi__periode=periode,
                pk__in=Eskalasi.objects.filter(jenis=JenisEskalasi.KEBERATAN_KE_BKPSDM).values("objek_id"),
            )
            .values_list("evaluasi__unit_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            h(unit_id).eskalasi += n

    # SKP escalations of the year (objek: the Pegawai, tenggat.penyedia.skp) by her placement.
    for pid in Eskalasi.objects.filter(
        jenis=JenisEskalasi.SKP_KE_ATASAN, objek_jenis=f"kinerja.Pegawai/{tahun}"
    ).values_list("objek_id", flat=True):
        h(penempatan.get(pid)).eskalasi += 1
    # Reminders whose email is not sent yet, by the recipient's placement.
    for pid, n in (
        Pengingat.objects.filter(surel__gt="", surel_terkirim_pada__isnull=True)
        .values_list("penerima_id")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        h(penempatan.get(pid)).surel_tertunda += n

    pd_baris = None
    daftar: list[Daftar] = []
    if pd_id is None:
        per_pd: dict[int, Hitung] = {}
        for unit_id, x in per_unit.items():
            per_pd.setdefault(pd_unit.get(unit_id, TANPA_UNIT), Hitung()).tambah(x)
        baris = [Baris(pk, units[pk][0], units[pk][1], 0, per_pd[pk]) for pk in units if pk in per_pd]
        if TANPA_UNIT in per_pd:
            baris.append(Baris(TANPA_UNIT, "Tanpa unit", "-", 0, per_pd[TANPA_UNIT]))
        total = Hitung()
        for x in per_unit.values():
            total.tambah(x)
    else:
        baris = []
        total = Hitung()
        lingkup = {pk for pk in units if pd_unit[pk] == pd_id}
        for pk, (nama, kode, _path, depth) in units.items():
            if pk in lingkup:
                x = per_unit.get(pk, Hitung())
                total.tambah(x)
                baris.append(Baris(pk, nama, kode, depth, x))
        pd_baris = Baris(pd_id, units[pd_id][0], units[pd_id][1], 0, total)
        daftar = _daftar_terlambat(
            units,
            lingkup,
            penempatan,
            skp_terlambat_ids,
            periode,
            tanggal,
            b_eval,
            b_atasan,
            keberatan_hari,
            kalender_batas,
            total.evaluasi_terlambat,
            batas_nama,
        )
    return Kepatuhan(
        tahun=tahun,
        tanggal=tanggal,
        acuan=acuan,
        batas_skp=batas_skp,
        periode=periode,
        batas_evaluasi=b_eval,
        batas_atasan=b_atasan,
        total=total,
        baris=baris,
        pd=pd_baris,
        terlambat=daftar,
    )


def _skp_per_pegawai(tahun: int):
    """Per Pegawai: how many of her SKPs of the year are set, submitted, drafted (one aggregated query)."""
    return (
        Skp.objects.filter(tahun=tahun)
        .exclude(status=StatusSkp.DIGANTIKAN)
        .values("pegawai_id")
        .annotate(
            tetap=Count("pk", filter=Q(status=StatusSkp.DITETAPKAN)),
            ajukan=Count("pk", filter=Q(status__in=SKP_DIAJUKAN)),
            draf=Count("pk", filter=Q(status__in=SKP_DRAF)),
        )
        .order_by()
    )


def _daftar_terlambat(
    units,
    lingkup,
    penempatan,
    skp_ids,
    periode,
    tanggal,
    b_eval,
    b_atasan,
    keberatan_hari,
    kalender_batas,
    ev_jumlah,
    batas_nama,
) -> list[Daftar]:
    """The names of the PD's late: SKP not set, evaluations not signed, keberatan not decided (3 queries)."""
    hasil = []
    ids = [pid for pid in skp_ids if penempatan.get(pid) in lingkup]
    nama_unit = {pk: v[0] for pk, v in units.items()}
    skp_baris = [
        {**p, "unit": nama_unit.get(penempatan.get(p["pk"]), "-"), "batas": None}
        for p in Pegawai.objects.filter(pk__in=ids)
        .order_by("nama", "pk")
        .values("pk", "nama", "nip")[:batas_nama]
    ]
    hasil.append(Daftar("SKP belum ditetapkan setelah batas waktu", skp_baris, len(ids)))

    ev_baris = []
    if periode is not None and b_eval is not None and tanggal > b_eval:
        qs = Evaluasi.objects.filter(
            periode=periode, unit_id__in=lingkup, ditandatangani_penilai_pada__isnull=True
        ).exclude(status=StatusEvaluasi.DIKECUALIKAN)
        rows = list(
            qs.order_by("pegawai__nama", "pk").values(
                "pk", "pegawai_id", "pegawai__nama", "pegawai__nip", "unit_id", "penilai__nama"
            )[:batas_nama]
        )
        ev_baris = [
            {
                "pk": r["pegawai_id"],
                "nama": r["pegawai__nama"],
                "nip": r["pegawai__nip"],
                "unit": nama_unit.get(r["unit_id"], "-"),
                "penilai": r["penilai__nama"] or "-",
                "batas": b_atasan if tanggal > b_atasan else b_eval,
            }
            for r in rows
        ]
    hasil.append(Daftar("Evaluasi belum ditandatangani penilai setelah batas waktu", ev_baris, ev_jumlah))

    kb_baris, kb_jumlah = [], 0
    hari_lewat = [hari for hari, batas in kalender_batas.items() if tanggal > batas]
    kb_jumlah = sum(n for u, hari, n in keberatan_hari if u in lingkup and hari in hari_lewat)
    if periode is not None and hari_lewat:
        rows = list(
            Keberatan.objects.filter(
                evaluasi__periode=periode, status__in=KEBERATAN_TERBUKA, evaluasi__unit_id__in=lingkup
            )
            .annotate(hari=TruncDate("diajukan_pada"))
            .filter(hari__in=hari_lewat)
            .order_by("diajukan_pada", "pk")
            .values(
                "pk",
                "hari",
                "evaluasi__pegawai_id",
                "evaluasi__pegawai__nama",
                "evaluasi__pegawai__nip",
                "evaluasi__unit_id",
            )[:batas_nama]
        )
        kb_baris = [
            {
                "pk": r["evaluasi__pegawai_id"],
                "nama": r["evaluasi__pegawai__nama"],
                "nip": r["evaluasi__pegawai__nip"],
                "unit": nama_unit.get(r["evaluasi__unit_id"], "-"),
                "batas": kalender_batas[r["hari"]],
            }
            for r in rows
        ]
    hasil.append(Daftar("Keberatan belum diputus setelah batas waktu", kb_baris, kb_jumlah))
    return hasil


# Who may see what -----------------------------------------------------------------------------------------
def pd_kepala(user, tanggal: datetime.date) -> list[int]:
    """The root units (Perangkat Daerah) this user leads on `tanggal` (a Plt./Plh. counts): 3 queries."""
    if not user.pegawai_id:
        return []
    akar = list(UnitKerja.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    struktur = Struktur(pemda_id=user.pemda_id, tanggal=tanggal)
    struktur._load_leaders(unit_ids=akar)
    return sorted(u for u, (pegawai_id, _) in struktur.leader.items() if pegawai_id == user.pegawai_id)


def lingkup(user, tanggal: datetime.date) -> list[int] | None:
    """None: the whole Pemda (admin BKPSDM); else the PD ids this Kepala PD may see. PermissionDenied (with the
    reason) for everyone else."""
    if is_admin_bkpsdm(user):
        return None
    if not user.is_authenticated or not user.pemda_id:
        raise PermissionDenied("Masuk sebagai admin BKPSDM untuk melihat kepatuhan.")
    milik = pd_kepala(user, tanggal)
    if not milik:
        raise PermissionDenied(
            "Kepatuhan hanya dapat dilihat oleh admin BKPSDM (dan Kepala Perangkat Daerah "
            "untuk PD-nya sendiri bila pengaturan Pemda mengizinkan)."
        )
    pengaturan = PengaturanPemda.objects.filter(pemda_id=user.pemda_id).first()
    if not (pengaturan and pengaturan.kepala_pd_awasi_pd_sendiri):
        raise PermissionDenied(
            "Pengaturan Pemda ini tidak memberi Kepala Perangkat Daerah akses ke kepatuhan "
            "PD-nya sendiri; hubungi admin BKPSDM."
        )
    return milik


@dataclasses.dataclass
class Permintaan:
    tahun: int
    periode: PeriodeEvaluasi | None
    pd_id: int | None
    pd_boleh: list[int] | None  # None: the whole Pemda


def baca_permintaan(user, params, tanggal: datetime.date) -> Permintaan:
    """`?tahun=&periode=&pd=` read for `user`: PermissionDenied (403) with the reason for who may not look,
    ValidationError (400) for bad input, Http404 for a period or a PD not in her scope (another Pemda's, or
    for a Kepala PD another PD). A Kepala PD without `pd` gets her own PD."""
    from django.core.exceptions import ValidationError
    from django.http import Http404

    boleh = lingkup(user, tanggal)
    teks = (params.get("tahun") or "").strip()
    try:
        tahun = int(teks) if teks else tanggal.year
    except ValueError:
        raise ValidationError(f"Tahun tidak valid: {teks!r}.") from None
    if not 2000 <= tahun <= 2100:
        raise ValidationError(f"Tahun {tahun} di luar rentang 2000-2100.")
    periode = None
    teks = (params.get("periode") or "").strip()
    if teks:
        try:
            pk = int(teks)
        except ValueError:
            raise ValidationError(f"Periode tidak valid: {teks!r}.") from None
        periode = PeriodeEvaluasi.objects.filter(pk=pk).first()
        if periode is None:
            raise Http404("Periode evaluasi tidak ditemukan.")
        if periode.tahun != tahun:
            raise ValidationError(f"Periode {periode.label} bukan periode tahun {tahun}.")
    pd_id = None
    teks = (params.get("pd") or "").strip()
    if teks:
        try:
            pd_id = int(teks)
        except ValueError:
            raise ValidationError(f"Perangkat Daerah tidak valid: {teks!r}.") from None
        if not UnitKerja.objects.filter(pk=pd_id, parent__isnull=True).exists():
            raise Http404("Perangkat Daerah tidak ditemukan.")
        if boleh is not None and pd_id not in boleh:
            raise Http404("Perangkat Daerah tidak ditemukan.")
    elif boleh is not None:
        pd_id = boleh[0]
    return Permintaan(tahun=tahun, periode=periode, pd_id=pd_id, pd_boleh=boleh)


def periode_tahun(tahun: int) -> list[PeriodeEvaluasi]:
    return sorted(PeriodeEvaluasi.objects.filter(tahun=tahun), key=lambda p: (p.selesai, p.mulai))
