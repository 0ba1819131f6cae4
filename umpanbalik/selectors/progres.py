"""Progress signals: per IKI, realisasi against the target and the share expected by now.

Pasal 19(1) Sumedang (Inhu Pasal 18(4)(5)): from the continuous feedback the leader knows who shows progress
and who does not, and responds (apresiasi, penugasan baru; penyesuaian ekspektasi, dukungan sumber daya,
pembinaan). The system gives her the numbers to see it:

- The reference period is the last period of the Pemda's finest documentation kind (umpanbalik.periode) that
  has ended by today; in the first period of the year, the current one.
- The expected share of an annual target at the end of that period is the part of the year passed
  (Periode.porsi), or, where the Pegawai's approved timeline places the RHK's activities in given months, the
  part of those months passed (Sarolangun Pasal 14, Bogor Pasal 15).
- The realisasi compared is the latest current value recorded for a period ending by the reference period
  (values are cumulative, in the target's unit).
- `di_depan` at or above 110% of the expected value (or the whole target reached), `sesuai` from 90%,
  `tertinggal` below 90% or with nothing recorded once a period has ended. A kualitatif IKI (no target number)
  is `sesuai` when a realisasi is recorded for the reference period, else `tertinggal`.

A fixed number of queries for a whole team (`progres_tim`), independent of its size.
"""

import dataclasses
import datetime
from decimal import Decimal

from django.db.models import Count, Max

from kinerja.models import PengaturanPemda
from kinerja.selectors.penilai import Struktur
from skp import waktu
from skp.models import Iki, KegiatanTimeline, Skp, StatusSkp, StatusTimeline
from skp.selectors import pegawai_dinilai

from .. import periode as periode_mod
from ..models import PeranPemberi, Realisasi, UmpanBalik

DI_DEPAN = "di_depan"
SESUAI = "sesuai"
TERTINGGAL = "tertinggal"
BELUM_ADA = "belum_ada"
LABEL = {
    DI_DEPAN: "Di depan target",
    SESUAI: "Sesuai target",
    TERTINGGAL: "Tertinggal",
    BELUM_ADA: "Belum ada realisasi",
}
URUTAN = {TERTINGGAL: 0, BELUM_ADA: 1, SESUAI: 2, DI_DEPAN: 3}
BATAS_DEPAN = Decimal("1.10")
BATAS_SESUAI = Decimal("0.90")


@dataclasses.dataclass
class ProgresIki:
    iki: Iki
    status: str
    realisasi: Decimal | None
    harapan: Decimal | None  # expected cumulative value at the end of the reference period
    periode_realisasi: str  # label of the period of the value compared
    alasan: str

    @property
    def label(self) -> str:
        return LABEL[self.status]

    @property
    def persen(self) -> int | None:
        """Realisasi as a percentage of the expected value (None without numbers)."""
        if self.realisasi is None or not self.harapan:
            return None
        return int(self.realisasi * 100 / self.harapan)


@dataclasses.dataclass
class ProgresSkp:
    skp: Skp
    acuan: periode_mod.Periode
    iki: list[ProgresIki]
    umpan_balik_terakhir: datetime.date | None = None
    tanggapan: int = 0
    bimbingan: int = 0
    ambil_alih: int = 0

    @property
    def status(self) -> str:
        """The SKP's overall signal: behind if any IKI is, ahead if all are, else on track."""
        if not self.iki:
            return BELUM_ADA
        statuses = {p.status for p in self.iki}
        if TERTINGGAL in statuses:
            return TERTINGGAL
        if statuses == {DI_DEPAN}:
            return DI_DEPAN
        if statuses == {BELUM_ADA}:
            return BELUM_ADA
        return SESUAI

    @property
    def label(self) -> str:
        return LABEL[self.status]

    @property
    def ringkasan(self) -> str:
        """E.g. "1 tertinggal · 2 sesuai": the IKI per status, behind first."""
        kata = {
            TERTINGGAL: "tertinggal",
            BELUM_ADA: "belum ada realisasi",
            SESUAI: "sesuai",
            DI_DEPAN: "di depan",
        }
        hitung = self.hitung
        return " · ".join(f"{hitung[s]} {kata[s]}" for s in sorted(LABEL, key=URUTAN.get) if hitung[s])

    @property
    def hitung(self) -> dict[str, int]:
        """How many IKI have each status."""
        return {s: sum(1 for p in self.iki if p.status == s) for s in LABEL}


def periode_acuan(pengaturan: PengaturanPemda | None, tanggal: datetime.date) -> periode_mod.Periode:
    jenis = periode_mod.periode_utama(pengaturan)
    sekarang = periode_mod.pada(jenis, tanggal)
    if sekarang.nomor > 1 and tanggal < sekarang.selesai:
        return periode_mod.Periode(jenis, sekarang.nomor - 1, sekarang.tahun)
    return sekarang


def _porsi(acuan: periode_mod.Periode, bulan_timeline: set[int]) -> Decimal:
    if bulan_timeline:
        lewat = sum(1 for b in bulan_timeline if b <= acuan.bulan_akhir)
        return Decimal(lewat) / Decimal(len(bulan_timeline))
    return Decimal(acuan.bulan_akhir) / Decimal(12)


def _nilai_iki(
    iki: Iki, rows: list, acuan: periode_mod.Periode, bulan_timeline: set[int], tanggal: datetime.date
) -> ProgresIki:
    """`rows`: current realisasi of this IKI lineage as (akhir_bulan, panjang, label, nilai, teks)."""
    sampai = [r for r in rows if r[0] <= acuan.bulan_akhir]
    terakhir = max(sampai, key=lambda r: (r[0], -r[1]), default=None)
    if iki.target_angka is None:
        ada = any(r[0] == acuan.bulan_akhir for r in sampai)
        if ada:
            return ProgresIki(iki, SESUAI, None, None, acuan.label, "Realisasi periode acuan sudah dicatat.")
        if acuan.selesai <= tanggal:
            return ProgresIki(iki, TERTINGGAL, None, None, "", f"Belum ada realisasi {acuan.label}.")
        return ProgresIki(iki, BELUM_ADA, None, None, "", "Periode pertama belum berakhir.")
    target = Decimal(iki.target_angka)
    harapan = (target * _porsi(acuan, bulan_timeline)).quantize(Decimal("0.01"))
    if terakhir is None or terakhir[3] is None:
        if acuan.selesai <= tanggal:
            return ProgresIki(
                iki, TERTINGGAL, None, harapan, "", f"Belum ada realisasi sampai {acuan.label}."
            )
        return ProgresIki(iki, BELUM_ADA, None, harapan, "", "Periode pertama belum berakhir.")
    nilai = Decimal(terakhir[3])
    if nilai >= target or (harapan and nilai >= harapan * BATAS_DEPAN):
        status = DI_DEPAN
    elif not harapan or nilai >= harapan * BATAS_SESUAI:
        status = SESUAI
    else:
        status = TERTINGGAL
    return ProgresIki(iki, status, nilai, harapan, terakhir[2], "")


def progres_skp_banyak(skps: list[Skp], *, tanggal: datetime.date | None = None) -> list[ProgresSkp]:
    """Progress of these SKP (all of one Pemda) on `tanggal`: a fixed number of queries (7)."""
    if not skps:
        return []
    pemda_id = skps[0].pemda_id
    tanggal = tanggal or waktu.hari_ini(pemda_id)
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    acuan = periode_acuan(pengaturan, tanggal)
    ids = [s.pk for s in skps]
    pegawai_tahun = {(s.pegawai_id, s.tahun) for s in skps}

    iki_per_skp: dict[int, list[Iki]] = {}
    for iki in (
        Iki.objects.filter(rhk__skp_id__in=ids)
        .select_related("rhk")
        .order_by("rhk__urutan", "rhk_id", "urutan", "id")
    ):
        iki_per_skp.setdefault(iki.rhk.skp_id, []).append(iki)

    # Realisasi of the same lineage (garis) may hang off an older version of the SKP: match on
    # (pegawai, tahun, garis).
    realisasi: dict[tuple, list] = {}
    qs = Realisasi.objects.filter(
        berlaku=True,
        skp__pegawai_id__in={p for p, _ in pegawai_tahun},
        skp__tahun__in={t for _, t in pegawai_tahun},
    ).values_list(
        "skp__pegawai_id", "skp__tahun", "iki__garis", "jenis_periode", "nomor_periode", "nilai", "teks"
    )
    for pegawai_id, tahun, garis, jenis, nomor, nilai, teks in qs:
        p = periode_mod.Periode(jenis, nomor, tahun)
        realisasi.setdefault((pegawai_id, tahun, garis), []).append(
            (p.bulan_akhir, periode_mod.PANJANG[jenis], p.label, nilai, teks)
        )

    bulan_rhk: dict[int, set[int]] = {}
    for rhk_id, bulan in KegiatanTimeline.objects.filter(
        timeline__skp_id__in=ids, timeline__status=StatusTimeline.DISETUJUI, rhk_id__isnull=False
    ).values_list("rhk_id", "bulan"):
        bulan_rhk.setdefault(rhk_id, set()).update(int(b) for b in bulan or [])

    umpan_balik = dict(
        UmpanBalik.objects.filter(skp_id__in=ids, peran=PeranPemberi.PIMPINAN)
        .values("skp_id")
        .annotate(terakhir=Max("tanggal"))
        .values_list("skp_id", "terakhir")
    )
    hitung = {
        s["pk"]: s
        for s in Skp.objects.filter(pk__in=ids)
        .annotate(
            n_tanggapan=Count("tanggapan_progres", distinct=True),
            n_bimbingan=Count("bimbingan", distinct=True),
            n_ambil_alih=Count("ambil_alih", distinct=True),
        )
        .values("pk", "n_tanggapan", "n_bimbingan", "n_ambil_alih")
    }

    hasil = []
    for skp in skps:
        baris = [
            _nilai_iki(
                iki,
                realisasi.get((skp.pegawai_id, skp.tahun, iki.garis), []),
                acuan,
                bulan_rhk.get(iki.rhk_id, set()),
                tanggal,
            )
            for iki in iki_per_skp.get(skp.pk, [])
        ]
        h = hitung.get(skp.pk, {})
        hasil.append(
            ProgresSkp(
                skp=skp,
                acuan=acuan,
                iki=baris,
                umpan_balik_terakhir=umpan_balik.get(skp.pk),
                tanggapan=h.get("n_tanggapan", 0),
                bimbingan=h.get("n_bimbingan", 0),
                ambil_alih=h.get("n_ambil_alih", 0),
            )
        )
    return hasil


def progres_skp(skp: Skp, *, tanggal: datetime.date | None = None) -> ProgresSkp:
    return progres_skp_banyak([skp], tanggal=tanggal)[0]


def tim(user, *, tanggal: datetime.date | None = None) -> tuple[list[Skp], list[int]]:
    """The set SKP in force of the Pegawai `user` evaluates today as Penilai (a Plt./Plh. and BKPSDM
    corrections included; the Kepala Daerah for JPT), and the ids of those she evaluates who have none."""
    if not user.is_authenticated or user.pemda_id is None:
        return [], []
    tanggal = tanggal or waktu.hari_ini(user.pemda_id)
    struktur = Struktur.for_pemda(pemda_id=user.pemda_id, tanggal=tanggal)
    sebagai_penilai, _ = pegawai_dinilai(struktur, user)
    if not sebagai_penilai:
        return [], []
    qs = (
        Skp.objects.filter(
            pegawai_id__in=sebagai_penilai,
            status=StatusSkp.DITETAPKAN,
            periode_mulai__lte=tanggal,
            periode_selesai__gte=tanggal,
        )
        .select_related("pegawai", "jabatan", "unit")
        .order_by("pegawai__nama", "-periode_mulai", "-versi")
    )
    terpilih: dict[int, Skp] = {}
    for skp in qs:
        terpilih.setdefault(skp.pegawai_id, skp)
    return list(terpilih.values()), sorted(set(sebagai_penilai) - set(terpilih))


def progres_tim(user, *, tanggal: datetime.date | None = None) -> tuple[list[ProgresSkp], list[int]]:
    """The Penilai's team with its progress signals, behind first, and who has no set SKP. A fixed number
    of queries, whatever the size of the team."""
    skps, tanpa = tim(user, tanggal=tanggal)
    hasil = progres_skp_banyak(skps, tanggal=tanggal)
    return sorted(hasil, key=lambda p: (URUTAN[p.status], p.skp.pegawai.nama)), tanpa
