"""What the evaluator reads before rating (Sumedang lampiran Tahap Ketiga 1)(a)(b) and 2)): per RHK and IKI the
realisasi against the target expected by the period's end, with the bukti count; all umpan balik of the period
(on the SKP, an RHK/IKI, or a BerAKHLAK value, with the ekspektasi khusus); the RHK taken over with the leader's
note (Pasal 19(6)-(8)); and a suggested hasil kerja rating (kuadran.saran_hasil, or the IPK tables for tugas
belajar). The C.1.x documents print the same material.

An IKI is rated against the value expected at the period's end (the whole target at year end; the share of it
passed, or of its approved timeline months, before: umpanbalik.selectors.progres): at least 110% Di Atas, at
least 100% Sesuai, below Di Bawah; a kualitatif IKI is Sesuai when its realisasi for the period is recorded.
An RHK is Di Bawah if any of its IKI is or if it was taken over, Di Atas if all its IKI are, else Sesuai.

`bahan_banyak` costs a fixed number of queries for any number of evaluations of one period.
"""

import dataclasses
from decimal import Decimal

from skp.models import EkspektasiKhusus, JenisRhk, Rhk, Skp
from skp.perilaku import PERILAKU_KERJA, PerilakuKerja
from umpanbalik.models import AmbilAlih, BuktiDukung, UmpanBalik
from umpanbalik.selectors import progres as progres_mod

from .. import ipk as ipk_mod
from .. import kuadran
from ..models import Evaluasi, Rating

BATAS_ATAS = Decimal("1.10")


@dataclasses.dataclass
class BahanIki:
    iki: object
    realisasi: Decimal | None
    harapan: Decimal | None
    rating: str
    alasan: str

    @property
    def persen(self) -> int | None:
        if self.realisasi is None or not self.harapan:
            return None
        return int(self.realisasi * 100 / self.harapan)

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label if self.rating else ""


@dataclasses.dataclass
class BahanRhk:
    rhk: Rhk
    iki: list[BahanIki]
    rating: str
    ambil_alih: AmbilAlih | None = None
    umpan_balik: list[UmpanBalik] = dataclasses.field(default_factory=list)

    @property
    def utama(self) -> bool:
        return self.rhk.jenis == JenisRhk.UTAMA

    @property
    def rating_label(self) -> str:
        return Rating(self.rating).label if self.rating else ""


@dataclasses.dataclass
class BahanPerilaku:
    kode: str
    label: str
    panduan: tuple[str, str, str]
    ekspektasi_khusus: str
    umpan_balik: list[UmpanBalik]


@dataclasses.dataclass
class Bahan:
    evaluasi: Evaluasi
    rhk: list[BahanRhk]
    perilaku: list[BahanPerilaku]
    umpan_balik_umum: list[UmpanBalik]
    bukti: int
    saran: str
    saran_alasan: str

    @property
    def utama(self) -> list[BahanRhk]:
        return [r for r in self.rhk if r.utama]

    @property
    def tambahan(self) -> list[BahanRhk]:
        return [r for r in self.rhk if not r.utama]

    @property
    def saran_label(self) -> str:
        return Rating(self.saran).label if self.saran else ""

    @property
    def semua_umpan_balik(self) -> list[UmpanBalik]:
        hasil = list(self.umpan_balik_umum)
        for r in self.rhk:
            hasil += r.umpan_balik
        for p in self.perilaku:
            hasil += p.umpan_balik
        return sorted(hasil, key=lambda u: (u.tanggal, u.pk))


def _rating_iki(p) -> tuple[str, str]:
    if p.iki.target_angka is None:
        if p.status == progres_mod.SESUAI:
            return Rating.SESUAI.value, "Realisasi periode ini dicatat."
        return Rating.DI_BAWAH.value, p.alasan or "Belum ada realisasi periode ini."
    if p.realisasi is None:
        return Rating.DI_BAWAH.value, p.alasan or "Belum ada realisasi."
    if not p.harapan:
        return Rating.SESUAI.value, "Belum ada target yang diharapkan sampai periode ini."
    rasio = p.realisasi / p.harapan
    if rasio >= BATAS_ATAS:
        return Rating.DI_ATAS.value, f"{int(rasio * 100)}% dari yang diharapkan."
    if rasio >= 1:
        return Rating.SESUAI.value, f"{int(rasio * 100)}% dari yang diharapkan."
    return Rating.DI_BAWAH.value, f"{int(rasio * 100)}% dari yang diharapkan."


def _rating_rhk(iki: list[BahanIki], diambil_alih: bool) -> str:
    if diambil_alih:
        return Rating.DI_BAWAH.value
    if not iki:
        return ""
    nilai = {b.rating for b in iki}
    if Rating.DI_BAWAH in nilai:
        return Rating.DI_BAWAH.value
    if nilai == {Rating.DI_ATAS.value}:
        return Rating.DI_ATAS.value
    return Rating.SESUAI.value


def bahan_banyak(evaluasi: list[Evaluasi]) -> dict[int, Bahan]:
    dinilai = [e for e in evaluasi if e.skp_id]
    if not evaluasi:
        return {}
    periode = evaluasi[0].periode
    skps = list(Skp.objects.filter(pk__in=[e.skp_id for e in dinilai]).select_related("pegawai"))
    progres = (
        {p.skp.pk: p for p in progres_mod.progres_skp_banyak(skps, tanggal=periode.selesai)} if skps else {}
    )
    skp_ids = [s.pk for s in skps]
    rhk_per_skp: dict[int, list[Rhk]] = {}
    for rhk in Rhk.objects.filter(skp_id__in=skp_ids).order_by("jenis", "urutan", "id"):
        rhk_per_skp.setdefault(rhk.skp_id, []).append(rhk)
    pegawai_tahun = {(s.pegawai_id, s.tahun) for s in skps}
    pegawai_ids = {p for p, _ in pegawai_tahun}
    ambil_alih: dict[tuple, AmbilAlih] = {}
    for a in AmbilAlih.objects.filter(
        skp__pegawai_id__in=pegawai_ids, skp__tahun=periode.tahun
    ).select_related("rhk", "oleh", "skp"):
        ambil_alih[(a.skp.pegawai_id, a.rhk.garis)] = a
    umpan_balik: dict[int, list[UmpanBalik]] = {}
    for u in (
        UmpanBalik.objects.filter(
            skp__pegawai_id__in=pegawai_ids,
            skp__tahun=periode.tahun,
            tanggal__gte=periode.mulai,
            tanggal__lte=periode.selesai,
        )
        .select_related("skp", "rhk", "iki", "pemberi", "pemberi_pegawai")
        .order_by("tanggal", "id")
    ):
        umpan_balik.setdefault(u.skp.pegawai_id, []).append(u)
    khusus: dict[int, dict[str, str]] = {}
    for skp_id, perilaku, teks in EkspektasiKhusus.objects.filter(skp_id__in=skp_ids).values_list(
        "skp_id", "perilaku", "teks"
    ):
        khusus.setdefault(skp_id, {})[perilaku] = teks
    bukti: dict[int, int] = {}
    for pegawai_id in BuktiDukung.objects.filter(
        realisasi__skp__pegawai_id__in=pegawai_ids,
        realisasi__skp__tahun=periode.tahun,
        realisasi__berlaku=True,
    ).values_list("realisasi__skp__pegawai_id", flat=True):
        bukti[pegawai_id] = bukti.get(pegawai_id, 0) + 1

    hasil = {}
    for e in evaluasi:
        hasil[e.pk] = _satu(
            e,
            progres.get(e.skp_id),
            rhk_per_skp.get(e.skp_id, []),
            ambil_alih,
            umpan_balik.get(e.pegawai_id, []),
            khusus.get(e.skp_id, {}),
            bukti.get(e.pegawai_id, 0),
        )
    return hasil


def _satu(e, progres, rhks, ambil_alih, umpan_balik, khusus, bukti) -> Bahan:
    per_iki = {p.iki.pk: p for p in progres.iki} if progres else {}
    garis_rhk = {r.pk: r.garis for r in rhks}
    rhk_rows = []
    for rhk in rhks:
        iki_rows = []
        for p in [p for p in per_iki.values() if p.iki.rhk_id == rhk.pk]:
            rating, alasan = _rating_iki(p)
            iki_rows.append(BahanIki(p.iki, p.realisasi, p.harapan, rating, alasan))
        aa = ambil_alih.get((e.pegawai_id, rhk.garis))
        rhk_rows.append(BahanRhk(rhk, iki_rows, _rating_rhk(iki_rows, aa is not None), aa))
    per_garis = {r.rhk.garis: r for r in rhk_rows}
    umum, per_nilai = [], {}
    for u in umpan_balik:
        if u.perilaku:
            per_nilai.setdefault(u.perilaku, []).append(u)
        elif u.rhk_id and u.rhk.garis in per_garis:
            per_garis[u.rhk.garis].umpan_balik.append(u)
        elif u.iki_id and garis_rhk.get(u.iki.rhk_id) in per_garis:
            per_garis[garis_rhk[u.iki.rhk_id]].umpan_balik.append(u)
        else:
            umum.append(u)
    perilaku = [
        BahanPerilaku(
            kode,
            PerilakuKerja(kode).label,
            PERILAKU_KERJA[kode],
            khusus.get(kode, ""),
            per_nilai.get(kode, []),
        )
        for kode in PerilakuKerja.values
    ]
    if e.tugas_belajar and (e.ipk is not None or e.kelulusan):
        try:
            saran, alasan = ipk_mod.saran_hasil_tugas_belajar(
                e.ipk, e.jenjang, e.lokasi_studi, e.akreditasi_institusi, e.kelulusan
            )
        except ValueError as exc:
            saran, alasan = "", str(exc)
    else:
        saran, alasan = kuadran.saran_hasil([(r.utama, r.rating) for r in rhk_rows if r.rating])
    return Bahan(e, rhk_rows, perilaku, umum, bukti, saran, alasan)


def bahan(evaluasi: Evaluasi) -> Bahan:
    return bahan_banyak([evaluasi])[evaluasi.pk]
