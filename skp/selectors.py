"""Reads of SKP planning that need more than a one-line queryset.

Each read runs a fixed number of queries whatever the number of RHK, IKI, subordinates or SKP (the tests pin
the counts). They run inside the Pemda's scope; who may see what is decided by skp.permissions beforehand.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Subquery

from kinerja.models import Pegawai, Penempatan, PengaturanPemda, RiwayatStatus
from kinerja.selectors.pemda import pengaturan_pemda
from kinerja.selectors.penilai import Dasar, Rantai, Struktur, rantai_penilai
from kinerja.selectors.periode import berlaku

from . import waktu
from .models import (
    STATUS_BELUM_DITETAPKAN,
    STATUS_MENUNGGU_PENILAI,
    BagianLampiran,
    CatatanSkp,
    Iki,
    JenisRhk,
    JenisSkp,
    Pemberitahuan,
    PeranPenetap,
    Rhk,
    Skp,
    StatusSkp,
    StatusTimeline,
    Timeline,
)
from .perilaku import PERILAKU_KERJA, PerilakuKerja
from .permissions import adalah, tanggal_rantai

# Small reads used by the services ------------------------------------------------------------------------


def penempatan_pada(pegawai: Pegawai, tanggal: datetime.date) -> Penempatan | None:
    return (
        berlaku(Penempatan.objects.filter(pegawai_id=pegawai.pk), tanggal)
        .select_related("jabatan__unit")
        .order_by("-mulai")
        .first()
    )


def pengecualian_perencanaan(
    pegawai: Pegawai, tanggal: datetime.date, pengaturan: PengaturanPemda
) -> RiwayatStatus | None:
    """The status that exempts the Pegawai from planning on `tanggal` (pejabat negara, diberhentikan sementara,
    CLTN, MPP where the Pemda's regulation says so: Inhu Pasal 31(7), Sumedang lampiran 'Penetapan SKP' 7)."""
    if not pengaturan.status_pengecualian_perencanaan:
        return None
    return (
        berlaku(RiwayatStatus.objects.filter(pegawai_id=pegawai.pk), tanggal)
        .filter(status__in=pengaturan.status_pengecualian_perencanaan)
        .order_by("-mulai")
        .first()
    )


def kekurangan_skp(skp: Skp, pengaturan: PengaturanPemda) -> list[str]:
    """What keeps the SKP from being submitted, as messages for the Pegawai (empty: complete).

    At least one RHK utama (Sarolangun Pasal 6(5)); every RHK with at least one IKI and every IKI with a target
    (Pasal 9(2) Sumedang): a number and unit for kuantitatif, a statement for kualitatif; the approach allowed
    by the Pemda; the perspektif on every IKI of a JPT (Format A.1.1/A.1.2) and the aspek on every IKI of the
    kuantitatif administrasi/fungsional form (Format A.1.7)."""
    kurang = []
    kuantitatif = skp.pendekatan == "kuantitatif"
    if skp.pendekatan not in pengaturan.pendekatan_hasil_kerja:
        kurang.append(
            f"Pendekatan {skp.pendekatan} tidak diizinkan di Pemda ini (yang diizinkan: "
            f"{', '.join(pengaturan.pendekatan_hasil_kerja)})."
        )
    daftar = list(Rhk.objects.filter(skp=skp).order_by("urutan", "id").prefetch_related("iki"))
    if not any(r.jenis == JenisRhk.UTAMA for r in daftar):
        kurang.append("SKP harus memuat paling sedikit satu rencana hasil kerja utama.")
    for n, rhk in enumerate(daftar, start=1):
        label = f"RHK {n} ({rhk.teks[:60]})"
        iki = list(rhk.iki.all())
        if not iki:
            kurang.append(f"{label} belum punya indikator kinerja individu.")
        for i in iki:
            nama = f"IKI '{i.teks[:60]}' pada RHK {n}"
            if kuantitatif and (i.target_angka is None or not i.target_satuan):
                kurang.append(f"{nama}: target kuantitatif (angka dan satuan) belum diisi.")
            if not kuantitatif and not i.target_teks:
                kurang.append(f"{nama}: target kualitatif belum diisi.")
            if skp.jenis == JenisSkp.JPT and not i.perspektif:
                kurang.append(f"{nama}: perspektif belum dipilih.")
            if skp.jenis == JenisSkp.ADMINISTRASI and kuantitatif and not i.aspek:
                kurang.append(f"{nama}: aspek (kuantitas/kualitas/waktu/biaya) belum dipilih.")
    return kurang


# The SKP page -------------------------------------------------------------------------------------------


@dataclass
class PerilakuBaris:
    kode: str
    nama: str
    baris: tuple[str, str, str]
    ekspektasi_khusus: str


@dataclass
class SkpLengkap:
    """Everything one SKP page (or its document) shows."""

    skp: Skp
    rhk_utama: list[Rhk]
    rhk_tambahan: list[Rhk]
    perilaku: list[PerilakuBaris]
    lampiran: dict[str, list]
    catatan: list[CatatanSkp]
    timeline: Timeline | None
    kewajiban: dict = field(default_factory=dict)

    @property
    def rhk(self) -> list[Rhk]:
        return self.rhk_utama + self.rhk_tambahan


def skp_lengkap(skp_id: int, pengaturan: PengaturanPemda | None = None) -> SkpLengkap:
    """The SKP with all its parts, in a fixed number of queries (10, or 11 without `pengaturan`)."""
    skp = (
        Skp.objects.select_related(
            "pegawai__golongan",
            "jabatan",
            "unit",
            "penilai",
            "atasan_penilai",
            "sebelumnya",
            "disetujui_oleh",
            "ditetapkan_oleh",
        )
        .prefetch_related(
            Prefetch(
                "rhk",
                queryset=Rhk.objects.order_by("urutan", "id")
                .select_related("intervensi__skp__pegawai", "intervensi_iki")
                .prefetch_related(
                    Prefetch("iki", queryset=Iki.objects.order_by("urutan", "id").prefetch_related("manual")),
                    "rencana_aksi",
                ),
            ),
            "ekspektasi_khusus",
            "lampiran",
            Prefetch(
                "catatan", queryset=CatatanSkp.objects.select_related("penulis").order_by("putaran", "id")
            ),
            Prefetch("timeline", queryset=Timeline.objects.prefetch_related("kegiatan")),
        )
        .get(pk=skp_id)
    )
    if pengaturan is None:
        pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
    semua = list(skp.rhk.all())
    ekspektasi = {e.perilaku: e.teks for e in skp.ekspektasi_khusus.all()}
    lampiran = {bagian: [] for bagian in BagianLampiran.values}
    for baris in sorted(skp.lampiran.all(), key=lambda x: (x.urutan, x.pk)):
        lampiran[baris.bagian].append(baris)
    timeline = next(iter(skp.timeline.all()), None)
    hasil = SkpLengkap(
        skp=skp,
        rhk_utama=[r for r in semua if r.jenis == JenisRhk.UTAMA],
        rhk_tambahan=[r for r in semua if r.jenis == JenisRhk.TAMBAHAN],
        perilaku=[
            PerilakuBaris(
                kode=kode,
                nama=PerilakuKerja(kode).label,
                baris=baris,
                ekspektasi_khusus=ekspektasi.get(kode, ""),
            )
            for kode, baris in PERILAKU_KERJA.items()
        ],
        lampiran=lampiran,
        catatan=list(skp.catatan.all()),
        timeline=timeline,
    )
    hasil.kewajiban = kewajiban_pelaksanaan(hasil, pengaturan)
    return hasil


def kewajiban_pelaksanaan(lengkap: SkpLengkap, pengaturan: PengaturanPemda | None) -> dict:
    """What the Pemda requires after the SKP is set and what is still missing (Sarolangun Pasal 14, Bogor
    Pasal 15: timeline approved by the Penilai, and a rencana aksi for each RHK)."""
    wajib_timeline = bool(pengaturan and pengaturan.wajib_timeline)
    wajib_rencana_aksi = bool(pengaturan and pengaturan.wajib_rencana_aksi)
    timeline = lengkap.timeline
    return {
        "timeline_wajib": wajib_timeline,
        "timeline_status": timeline.status if timeline else None,
        "timeline_kurang": wajib_timeline
        and (timeline is None or timeline.status != StatusTimeline.DISETUJUI),
        "rencana_aksi_wajib": wajib_rencana_aksi,
        "rhk_tanpa_rencana_aksi": [r for r in lengkap.rhk if wajib_rencana_aksi and not r.rencana_aksi.all()],
    }


def riwayat_versi(skp: Skp) -> list[Skp]:
    """Every version of this SKP, oldest first (the versions share Pegawai, year, position and start)."""
    return list(
        Skp.objects.filter(
            pegawai_id=skp.pegawai_id,
            tahun=skp.tahun,
            jabatan_id=skp.jabatan_id,
            periode_mulai=skp.periode_mulai,
        ).order_by("versi")
    )


def skp_berlaku_pada(pegawai: Pegawai, tanggal: datetime.date) -> Skp | None:
    """The set SKP of the Pegawai in force on `tanggal` (what feedback and evaluation work against)."""
    return (
        Skp.objects.filter(
            pegawai_id=pegawai.pk,
            status=StatusSkp.DITETAPKAN,
            periode_mulai__lte=tanggal,
            periode_selesai__gte=tanggal,
        )
        .order_by("-periode_mulai", "-versi")
        .first()
    )


# Differences between two versions -----------------------------------------------------------------------

RHK_FIELDS = ("jenis", "teks", "penugasan_dari", "intervensi_id", "intervensi_iki_id")
IKI_FIELDS = ("teks", "aspek", "perspektif", "target_angka", "target_satuan", "target_teks")


@dataclass
class Perubahan:
    """One line added, removed or changed between two versions; `rincian` maps a field to (before, after)."""

    jenis: str  # "ditambah" | "dihapus" | "diubah"
    sebelum: object | None
    sesudah: object | None
    rincian: dict[str, tuple] = field(default_factory=dict)
    iki: list["Perubahan"] = field(default_factory=list)


@dataclass
class PerbedaanVersi:
    lama: Skp
    baru: Skp
    skp: dict[str, tuple] = field(default_factory=dict)
    rhk: list[Perubahan] = field(default_factory=list)
    ekspektasi_khusus: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def kosong(self) -> bool:
        return not (self.skp or self.rhk or self.ekspektasi_khusus)


def _beda(a, b, fields) -> dict[str, tuple]:
    return {f: (getattr(a, f), getattr(b, f)) for f in fields if getattr(a, f) != getattr(b, f)}


def _rhk_versi(skp: Skp) -> dict:
    rhk = (
        Rhk.objects.filter(skp=skp)
        .order_by("urutan", "id")
        .prefetch_related(Prefetch("iki", queryset=Iki.objects.order_by("urutan", "id")))
    )
    return {r.garis: r for r in rhk}


def perbedaan_versi(lama: Skp, baru: Skp) -> PerbedaanVersi:
    """RHK and IKI added, removed and changed (per field) from `lama` to `baru`, matched by their lineage
    (`garis`), plus changed SKP fields and ekspektasi khusus. Six queries."""
    if lama.pegawai_id != baru.pegawai_id:
        raise ValueError("Hanya versi SKP Pegawai yang sama yang dapat dibandingkan.")
    hasil = PerbedaanVersi(lama=lama, baru=baru, skp=_beda(lama, baru, ("pendekatan", "jenis", "jabatan_id")))
    a, b = _rhk_versi(lama), _rhk_versi(baru)
    for garis, rhk in b.items():
        if garis not in a:
            hasil.rhk.append(Perubahan(jenis="ditambah", sebelum=None, sesudah=rhk))
            continue
        lama_rhk = a[garis]
        perubahan = Perubahan(
            jenis="diubah", sebelum=lama_rhk, sesudah=rhk, rincian=_beda(lama_rhk, rhk, RHK_FIELDS)
        )
        iki_a = {i.garis: i for i in lama_rhk.iki.all()}
        iki_b = {i.garis: i for i in rhk.iki.all()}
        for g, iki in iki_b.items():
            if g not in iki_a:
                perubahan.iki.append(Perubahan(jenis="ditambah", sebelum=None, sesudah=iki))
            elif beda := _beda(iki_a[g], iki, IKI_FIELDS):
                perubahan.iki.append(Perubahan(jenis="diubah", sebelum=iki_a[g], sesudah=iki, rincian=beda))
        perubahan.iki += [
            Perubahan(jenis="dihapus", sebelum=i, sesudah=None) for g, i in iki_a.items() if g not in iki_b
        ]
        if perubahan.rincian or perubahan.iki:
            hasil.rhk.append(perubahan)
    hasil.rhk += [Perubahan(jenis="dihapus", sebelum=r, sesudah=None) for g, r in a.items() if g not in b]
    ek_a = dict(lama.ekspektasi_khusus.values_list("perilaku", "teks"))
    ek_b = dict(baru.ekspektasi_khusus.values_list("perilaku", "teks"))
    for kode in PERILAKU_KERJA:
        if ek_a.get(kode, "") != ek_b.get(kode, ""):
            hasil.ekspektasi_khusus[kode] = (ek_a.get(kode, ""), ek_b.get(kode, ""))
    return hasil


# Cascading: the leader's RHK, the matriks peran hasil ---------------------------------------------------


def skp_pimpinan(pimpinan_id: int, tahun: int, tanggal: datetime.date) -> Skp | None:
    """The leader's SKP of the year to intervene: the set one in force, else her latest live one (a draft: the
    Pegawai is not held up by her leader)."""
    kandidat = list(
        Skp.objects.filter(pegawai_id=pimpinan_id, tahun=tahun)
        .exclude(status=StatusSkp.DIGANTIKAN)
        .order_by("-periode_mulai", "-versi")
    )
    for skp in kandidat:
        if skp.status == StatusSkp.DITETAPKAN and skp.periode_mulai <= tanggal <= skp.periode_selesai:
            return skp
    return kandidat[0] if kandidat else None


def rhk_pimpinan_tersedia(
    skp: Skp, *, pimpinan: Pegawai | None = None, tanggal: datetime.date | None = None
) -> tuple[Skp | None, list[Rhk]]:
    """The leader's SKP and its RHK (with IKI) that this SKP can intervene: by default the Penilai's; a team
    leader (ketua tim, Format A.1.5) may be named as `pimpinan`. The Kepala Daerah has no SKP."""
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    if pimpinan is None:
        penilai = rantai_penilai(skp.pegawai, tanggal_rantai(skp, tanggal)).penilai
        if penilai is None or penilai.is_kepala_daerah:
            return None, []
        pimpinan_id = penilai.pegawai_id
    else:
        pimpinan_id = pimpinan.pk
    leader = skp_pimpinan(pimpinan_id, skp.tahun, tanggal)
    if leader is None:
        return None, []
    rhk = list(
        Rhk.objects.filter(skp=leader)
        .order_by("urutan", "id")
        .prefetch_related(Prefetch("iki", queryset=Iki.objects.order_by("urutan", "id")))
    )
    return leader, rhk


@dataclass
class KolomMatriks:
    """One column of Format A.1.5: an IKI of the leader (or an RHK of hers without IKI)."""

    rhk: Rhk
    iki: Iki | None

    @property
    def kunci(self):
        return self.iki.pk if self.iki else f"rhk-{self.rhk.pk}"


@dataclass
class BarisMatriks:
    pegawai: Pegawai
    jabatan: str
    sel: dict = field(default_factory=dict)  # KolomMatriks.kunci -> [Rhk of this Pegawai]

    def peran(self, kolom: KolomMatriks) -> list[Rhk]:
        return self.sel.get(kolom.kunci, [])


@dataclass
class MatriksPeranHasil:
    skp: Skp
    kolom: list[KolomMatriks]
    baris: list[BarisMatriks]
    tanpa_peran: list[KolomMatriks]  # the leader's IKI nobody picked up


def matriks_peran_hasil(skp: Skp, *, tanggal: datetime.date | None = None) -> MatriksPeranHasil:
    """Format A.1.5: the leader's IKI (columns) against the Pegawai whose RHK intervene them (rows: everyone
    she evaluates on `tanggal`, plus anyone else, e.g. a team member, who intervenes her RHK), and the IKI nobody
    picked up. A subordinate RHK that names one IKI of the leader's RHK sits in that column; one that names
    only the RHK sits in every column of that RHK. Links to any version of the leader's RHK count (`garis`).
    A fixed number of queries."""
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    rhk = list(
        Rhk.objects.filter(skp=skp)
        .order_by("urutan", "id")
        .prefetch_related(Prefetch("iki", queryset=Iki.objects.order_by("urutan", "id")))
    )
    kolom, per_rhk, per_iki = [], {}, {}
    for r in rhk:
        iki = list(r.iki.all())
        daftar = [KolomMatriks(rhk=r, iki=i) for i in iki] or [KolomMatriks(rhk=r, iki=None)]
        kolom += daftar
        per_rhk[r.garis] = daftar
        for k in daftar:
            if k.iki:
                per_iki[k.iki.garis] = k
    peran = (
        Rhk.objects.filter(intervensi__garis__in=list(per_rhk), skp__tahun=skp.tahun)
        .exclude(skp__status=StatusSkp.DIGANTIKAN)
        .exclude(skp__pegawai_id=skp.pegawai_id)
        .select_related("skp__pegawai", "skp__jabatan", "intervensi", "intervensi_iki")
        .order_by("skp__pegawai__nama", "skp_id", "urutan", "id")
    )
    baris: dict[int, BarisMatriks] = {}
    for r in peran:
        b = baris.setdefault(
            r.skp.pegawai_id, BarisMatriks(pegawai=r.skp.pegawai, jabatan=r.skp.jabatan.nama)
        )
        if r.intervensi_iki_id and r.intervensi_iki.garis in per_iki:
            tujuan = [per_iki[r.intervensi_iki.garis]]
        else:
            tujuan = per_rhk[r.intervensi.garis]
        for k in tujuan:
            b.sel.setdefault(k.kunci, []).append(r)
    # Everyone she evaluates has a row, "tidak ada peran" where empty.
    struktur = Struktur.for_pemda(pemda_id=skp.pemda_id, tanggal=tanggal)
    lain = [pid for pid in struktur.dinilai_oleh(skp.pegawai_id) if pid not in baris]
    if lain:
        jabatan = dict(
            berlaku(Penempatan.objects.filter(pegawai_id__in=lain), tanggal).values_list(
                "pegawai_id", "jabatan__nama"
            )
        )
        for pegawai in Pegawai.objects.filter(pk__in=lain):
            baris[pegawai.pk] = BarisMatriks(pegawai=pegawai, jabatan=jabatan.get(pegawai.pk, ""))
    dipakai = {kunci for b in baris.values() for kunci in b.sel}
    return MatriksPeranHasil(
        skp=skp,
        kolom=kolom,
        baris=sorted(baris.values(), key=lambda b: (b.pegawai.nama, b.pegawai.pk)),
        tanpa_peran=[k for k in kolom if k.kunci not in dipakai],
    )


# The Penilai's inbox ------------------------------------------------------------------------------------


@dataclass
class TugasPenilai:
    """One thing waiting for a Penilai (or for whoever acts for her)."""

    aksi: str  # "setujui" (diajukan) | "tetapkan" (signed by the Pegawai) | "setujui_timeline"
    peran: str  # PeranPenetap
    skp: Skp
    batas: datetime.date | None
    terlambat: bool
    timeline: Timeline | None = None


def _dinilai(struktur: Struktur, user) -> tuple[set[int], set[int]]:
    """Pegawai whose Penilai is `user` on the Struktur's date, and those whose Atasan Penilai she is."""
    sebagai_penilai, sebagai_atasan = set(), set()
    if user.is_kepala_daerah:
        for pid in set(struktur.posisi) | set(struktur.koreksi):
            rantai = struktur.rantai(pid)
            if adalah(user, rantai.penilai):
                sebagai_penilai.add(pid)
            elif adalah(user, rantai.atasan_penilai):
                sebagai_atasan.add(pid)
        return sebagai_penilai, sebagai_atasan
    if not user.pegawai_id:
        return sebagai_penilai, sebagai_atasan
    me = user.pegawai_id
    sebagai_penilai = set(struktur.dinilai_oleh(me))
    kandidat = {pid for p in sebagai_penilai for pid in struktur.dinilai_oleh(p)}
    kandidat |= {pid for pid, k in struktur.koreksi.items() if k.atasan_penilai_id == me}
    sebagai_atasan = {pid for pid in kandidat if adalah(user, struktur.rantai(pid).atasan_penilai)}
    return sebagai_penilai, sebagai_atasan - sebagai_penilai


def pegawai_dinilai(struktur: Struktur, user) -> tuple[set[int], set[int]]:
    """Ids of the Pegawai `user` evaluates on the Struktur's date as Penilai, and as Atasan Penilai."""
    return _dinilai(struktur, user)


def inbox_penilai(user, *, tanggal: datetime.date | None = None) -> list[TugasPenilai]:
    """What waits for `user` as Penilai: SKP submitted to her (to approve or return) and SKP the Pegawai has
    signed (to set); as Atasan Penilai, the same for SKP not set by the deadline; as Kepala Daerah, those of the
    JPT (and of anyone else she evaluates); and timelines to approve. Each with its deadline (the SKP deadline,
    a date: end of January; none for revisions, later positions and timelines, for which the texts set no
    window) and whether it is late. Late first. A fixed number of queries (8)."""
    if not user.is_authenticated or user.pemda_id is None:
        return []
    pemda_id = user.pemda_id
    tanggal = tanggal or waktu.hari_ini(pemda_id)
    pengaturan = pengaturan_pemda(pemda_id)
    bulan_batas = pengaturan.batas_penetapan_skp_bulan if pengaturan else 1
    struktur = Struktur.for_pemda(pemda_id=pemda_id, tanggal=tanggal)
    sebagai_penilai, sebagai_atasan = _dinilai(struktur, user)
    peran_penilai = PeranPenetap.KEPALA_DAERAH if user.is_kepala_daerah else PeranPenetap.PENILAI
    tugas = []
    menunggu = Skp.objects.filter(
        status__in=STATUS_MENUNGGU_PENILAI, pegawai_id__in=sebagai_penilai | sebagai_atasan
    )
    for skp in menunggu.select_related("pegawai", "jabatan", "unit").order_by("diajukan_pada", "pk"):
        batas = waktu.batas_penetapan(skp, bulan_batas)
        terlambat = batas is not None and tanggal > batas
        if skp.pegawai_id in sebagai_penilai:
            peran = peran_penilai
        elif terlambat and skp.status in STATUS_BELUM_DITETAPKAN:
            peran = PeranPenetap.ATASAN_PENILAI
        else:
            continue
        aksi = "setujui" if skp.status == StatusSkp.DIAJUKAN else "tetapkan"
        tugas.append(TugasPenilai(aksi=aksi, peran=peran, skp=skp, batas=batas, terlambat=terlambat))
    for timeline in (
        Timeline.objects.filter(status=StatusTimeline.DIAJUKAN, skp__pegawai_id__in=sebagai_penilai)
        .exclude(skp__status=StatusSkp.DIGANTIKAN)
        .select_related("skp__pegawai", "skp__jabatan", "skp__unit")
        .order_by("diajukan_pada", "pk")
    ):
        tugas.append(
            TugasPenilai(
                aksi="setujui_timeline",
                peran=peran_penilai,
                skp=timeline.skp,
                batas=None,
                terlambat=False,
                timeline=timeline,
            )
        )
    return sorted(tugas, key=lambda t: (not t.terlambat, t.batas or datetime.date.max))


# Compliance and mutations (BKPSDM) ----------------------------------------------------------------------


def belum_punya_skp(
    *, pemda_id: int, tahun: int, tanggal: datetime.date | None = None, belum_ditetapkan: bool = False
):
    """Pegawai placed on `tanggal` and not exempt from planning that day, with no SKP for `tahun` yet (or with
    `belum_ditetapkan`, none set yet). An SKP counts while its period has not ended. One query; each row carries
    `jabatan_nama` and `unit_nama` of the placement."""
    tanggal = tanggal or waktu.hari_ini(pemda_id)
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
    pengecualian = pengaturan.status_pengecualian_perencanaan if pengaturan else []
    penempatan = berlaku(Penempatan.objects.filter(pegawai=OuterRef("pk")), tanggal).order_by("-mulai")
    dikecualikan = berlaku(
        RiwayatStatus.objects.filter(pegawai=OuterRef("pk"), status__in=pengecualian), tanggal
    )
    skp = Skp.objects.filter(pegawai=OuterRef("pk"), tahun=tahun).exclude(status=StatusSkp.DIGANTIKAN)
    if tanggal.year == tahun:
        skp = skp.filter(periode_selesai__gte=tanggal)
    if belum_ditetapkan:
        skp = skp.filter(status=StatusSkp.DITETAPKAN)
    return (
        Pegawai.objects.filter(Exists(penempatan), ~Exists(skp))
        .filter(~Exists(dikecualikan))
        .annotate(
            jabatan_nama=Subquery(penempatan.values("jabatan__nama")[:1]),
            unit_nama=Subquery(penempatan.values("jabatan__unit__nama")[:1]),
            unit_path=Subquery(penempatan.values("jabatan__unit__path")[:1]),
        )
        .order_by("unit_path", "nama", "pk")
    )


@dataclass
class PerubahanPosisi:
    """Why a set SKP no longer fits (Sumedang lampiran "Penetapan SKP" angka 5 and 6)."""

    jabatan_berubah: bool
    penilai_berubah: bool
    tanggal: datetime.date  # from when the new SKP runs
    penempatan: Penempatan | None
    rantai: Rantai

    @property
    def alasan(self) -> str:
        bagian = []
        if self.jabatan_berubah:
            bagian.append("jabatan berubah")
        if self.penilai_berubah:
            bagian.append("Pejabat Penilai Kinerja berganti")
        return " dan ".join(bagian).capitalize() + f" sejak {self.tanggal:%d-%m-%Y}."


def _bandingkan(skp: Skp, penempatan: Penempatan | None, rantai: Rantai, tanggal: datetime.date):
    jabatan_berubah = penempatan is None or penempatan.jabatan_id != skp.jabatan_id
    penilai = rantai.penilai
    # A Plt./Plh. stands in for the Penilai; only a new definitive Penilai is a "perpindahan" (angka 6).
    penilai_berubah = (
        penilai is not None
        and penilai.dasar not in (Dasar.PLT, Dasar.PLH)
        and (penilai.pegawai_id, penilai.is_kepala_daerah) != (skp.penilai_id, skp.penilai_kepala_daerah)
    )
    if not (jabatan_berubah or penilai_berubah):
        return None
    mulai = penempatan.mulai if (jabatan_berubah and penempatan is not None) else tanggal
    return PerubahanPosisi(
        jabatan_berubah=jabatan_berubah,
        penilai_berubah=penilai_berubah,
        tanggal=max(mulai, skp.periode_mulai),
        penempatan=penempatan,
        rantai=rantai,
    )


def perubahan_sejak_penetapan(skp: Skp, tanggal: datetime.date | None = None) -> PerubahanPosisi | None:
    """How the Pegawai's position or Penilai changed since this set SKP was approved, or None. The date of a
    new position is its placement's start; a new Penilai counts from `tanggal` (the texts give no other)."""
    tanggal = tanggal or waktu.hari_ini(skp.pemda_id)
    if skp.status != StatusSkp.DITETAPKAN or not skp.periode_mulai <= tanggal <= skp.periode_selesai:
        return None
    penempatan = penempatan_pada(skp.pegawai, tanggal)
    return _bandingkan(skp, penempatan, rantai_penilai(skp.pegawai, tanggal), tanggal)


def skp_perlu_mutasi(
    *, pemda_id: int, tahun: int, tanggal: datetime.date | None = None
) -> list[tuple[Skp, PerubahanPosisi]]:
    """Every set SKP in force on `tanggal` whose Pegawai has since changed position or Penilai (for BKPSDM and
    a nightly task that starts the new SKP). A fixed number of queries."""
    tanggal = tanggal or waktu.hari_ini(pemda_id)
    struktur = Struktur.for_pemda(pemda_id=pemda_id, tanggal=tanggal)
    daftar = list(
        Skp.objects.filter(
            tahun=tahun, status=StatusSkp.DITETAPKAN, periode_mulai__lte=tanggal, periode_selesai__gte=tanggal
        ).select_related("pegawai")
    )
    penempatan = {
        p.pegawai_id: p
        for p in berlaku(Penempatan.objects.filter(pegawai_id__in=[s.pegawai_id for s in daftar]), tanggal)
        .select_related("jabatan__unit")
        .order_by("mulai")
    }
    hasil = []
    for skp in daftar:
        perubahan = _bandingkan(skp, penempatan.get(skp.pegawai_id), struktur.rantai(skp.pegawai_id), tanggal)
        if perubahan is not None:
            hasil.append((skp, perubahan))
    return hasil


def pemberitahuan_untuk(user, *, belum_dibaca: bool = True):
    if not user.is_authenticated or not user.pegawai_id:
        return Pemberitahuan.objects.none()
    qs = Pemberitahuan.objects.filter(penerima_id=user.pegawai_id)
    if belum_dibaca:
        qs = qs.filter(dibaca_pada__isnull=True)
    return qs.order_by("-dibuat_pada", "-id")
