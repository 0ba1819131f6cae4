"""Who evaluates whom: Pejabat Penilai Kinerja and Atasan Penilai, derived from the org tree.

Rules (Pasal 1 of each Perbup: Penilai = atasan langsung, at least pengawas, or a delegated official;
Sumedang lampiran "Penetapan SKP" 2 and "Evaluasi Kinerja" 2, 3, 7, 12):
1. A BKPSDM correction (KoreksiPenilai) in force on the date wins.
2. JPT madya/pratama are set and evaluated by the Kepala Daerah.
3. Staff of a unit are evaluated by the unit's leader; the leader of a unit by the leader of the unit above.
   The leader of a unit on a date is the Plt./Plh. delegated to it (DelegasiPimpinan) if any, else the
   definitive holder of its leading position. A vacant unit passes on to the next unit up ("berjenjang").
   Above the top Perangkat Daerah is the Kepala Daerah.
4. The Atasan Penilai is the Penilai of the Penilai (none above the Kepala Daerah).

The computation works on plain dicts loaded by `Struktur`, so one Pegawai costs a fixed handful of queries
and a whole Pemda costs the same handful (bulk views, compliance counts).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django_scopes import get_scope

from kinerja import cache_pemda
from kinerja.models import JPT, DelegasiPimpinan, KoreksiPenilai, Pegawai, Penempatan, UnitKerja
from kinerja.selectors.periode import berlaku


class Dasar:
    STRUKTUR = "struktur"
    BERJENJANG = "berjenjang"
    PLT = "plt"
    PLH = "plh"
    KOREKSI = "koreksi"
    KEPALA_DAERAH = "kepala_daerah"

    LABEL = {
        STRUKTUR: "pimpinan unit kerja",
        BERJENJANG: "pimpinan unit di atasnya (jabatan atasan langsung kosong)",
        PLT: "Plt. pimpinan unit kerja",
        PLH: "Plh. pimpinan unit kerja",
        KOREKSI: "ditetapkan BKPSDM (koreksi)",
        KEPALA_DAERAH: "Kepala Daerah",
    }


@dataclass(frozen=True)
class Pejabat:
    """A Penilai or Atasan Penilai. `pegawai_id` is None for the Kepala Daerah."""

    pegawai_id: int | None
    dasar: str
    unit_id: int | None = None

    @property
    def is_kepala_daerah(self) -> bool:
        return self.pegawai_id is None

    @property
    def dasar_label(self) -> str:
        return Dasar.LABEL[self.dasar]


@dataclass
class Rantai:
    pegawai_id: int
    penilai: Pejabat | None = None
    atasan_penilai: Pejabat | None = None
    masalah: list[str] = field(default_factory=list)


@dataclass
class _Pos:
    unit_id: int
    memimpin: bool
    jpt: bool


class Struktur:
    """The org facts in force on one date, loaded once, queried many times."""

    def __init__(self, *, pemda_id: int, tanggal: datetime.date | None = None):
        self.pemda_id = pemda_id
        self.tanggal = tanggal or timezone.localdate()
        self.parent: dict[int, int | None] = {}
        self.leader: dict[int, tuple[int, str]] = {}  # unit -> (pegawai_id, dasar)
        self.posisi: dict[int, _Pos] = {}
        self.koreksi: dict[int, KoreksiPenilai] = {}

    # Loading -------------------------------------------------------------------------------------------
    @classmethod
    def for_pemda(cls, *, pemda_id: int, tanggal: datetime.date | None = None) -> "Struktur":
        """The whole Pemda on `tanggal`, cached per Pemda and date until its org facts change
        (kinerja.cache_pemda). Shared by the requests of this process: read it, never change it. Read in the
        Pemda's own scope only: another scope (or none) would load other rows, which must not be cached as
        this Pemda's."""
        tanggal = tanggal or timezone.localdate()
        if not _lingkup_sendiri(pemda_id):
            return cls._muat_pemda(pemda_id, tanggal)
        return cache_pemda.ambil(
            cache_pemda.STRUKTUR,
            pemda_id,
            tanggal.isoformat(),
            lambda: cls._muat_pemda(pemda_id, tanggal),
            memo=True,
        )

    @classmethod
    def pimpinan_pemda(cls, *, pemda_id: int, tanggal: datetime.date) -> dict[int, tuple[int, str]]:
        """Every unit's leader on `tanggal` (unit -> (pegawai_id, dasar)): two queries, or none once cached
        (as for_pemda)."""

        def muat():
            s = cls(pemda_id=pemda_id, tanggal=tanggal)
            s._load_leaders(unit_ids=None)
            return s.leader

        if not _lingkup_sendiri(pemda_id):
            return muat()
        return cache_pemda.ambil(
            cache_pemda.STRUKTUR, pemda_id, f"pimpinan:{tanggal.isoformat()}", muat, memo=True
        )

    @classmethod
    def _muat_pemda(cls, pemda_id: int, tanggal: datetime.date) -> "Struktur":
        s = cls(pemda_id=pemda_id, tanggal=tanggal)
        s.parent = dict(UnitKerja.objects.values_list("id", "parent_id"))
        s._load_leaders(unit_ids=None)
        s._load_posisi(pegawai_ids=None)
        s._load_koreksi(pegawai_ids=None)
        return s

    @classmethod
    def for_pegawai(cls, pegawai: Pegawai, tanggal: datetime.date | None = None) -> "Struktur":
        """Just what is needed for one Pegawai and her Penilai: a fixed number of queries."""
        s = cls(pemda_id=pegawai.pemda_id, tanggal=tanggal)
        s._load_posisi(pegawai_ids=[pegawai.pk])
        s._load_koreksi(pegawai_ids=[pegawai.pk])
        pos = s.posisi.get(pegawai.pk)
        if pos:
            s._load_ancestors(pos.unit_id)
        # Second step: the Penilai's own position, for the Atasan Penilai.
        penilai = s.rantai(pegawai.pk, with_atasan=False).penilai
        if penilai and penilai.pegawai_id:
            s._load_posisi(pegawai_ids=[penilai.pegawai_id])
            s._load_koreksi(pegawai_ids=[penilai.pegawai_id])
            ppos = s.posisi.get(penilai.pegawai_id)
            if ppos:
                s._load_ancestors(ppos.unit_id)
        return s

    def _load_ancestors(self, unit_id: int):
        path = UnitKerja.objects.filter(pk=unit_id).values_list("path", flat=True).first() or ""
        ids = [int(p) for p in path.strip("/").split("/") if p]
        missing = [i for i in ids if i not in self.parent]
        if missing:
            self.parent.update(UnitKerja.objects.filter(pk__in=missing).values_list("id", "parent_id"))
            self._load_leaders(unit_ids=missing)

    def _load_leaders(self, unit_ids):
        heads = berlaku(Penempatan.objects.filter(jabatan__memimpin_unit=True), self.tanggal)
        delegasi = berlaku(DelegasiPimpinan.objects.filter(dicabut_pada__isnull=True), self.tanggal)
        if unit_ids is not None:
            heads = heads.filter(jabatan__unit_id__in=unit_ids)
            delegasi = delegasi.filter(content_object_id__in=unit_ids)
        for unit_id, pegawai_id in heads.values_list("jabatan__unit_id", "pegawai_id"):
            self.leader[unit_id] = (pegawai_id, Dasar.STRUKTUR)
        # Delegations override the definitive head; the most recent one wins.
        for unit_id, pegawai_id, jenis in delegasi.order_by("mulai", "id").values_list(
            "content_object_id", "pegawai_id", "jenis"
        ):
            self.leader[unit_id] = (pegawai_id, jenis)

    def _load_posisi(self, pegawai_ids):
        qs = berlaku(Penempatan.objects.all(), self.tanggal)
        if pegawai_ids is not None:
            qs = qs.filter(pegawai_id__in=pegawai_ids)
        for pegawai_id, unit_id, memimpin, jenis in qs.values_list(
            "pegawai_id", "jabatan__unit_id", "jabatan__memimpin_unit", "jabatan__jenis"
        ):
            self.posisi[pegawai_id] = _Pos(unit_id=unit_id, memimpin=memimpin, jpt=jenis in JPT)

    def _load_koreksi(self, pegawai_ids):
        qs = berlaku(KoreksiPenilai.objects.all(), self.tanggal).order_by("mulai", "id")
        if pegawai_ids is not None:
            qs = qs.filter(pegawai_id__in=pegawai_ids)
        for koreksi in qs:
            self.koreksi[koreksi.pegawai_id] = koreksi

    # Computing -----------------------------------------------------------------------------------------
    def penilai(self, pegawai_id: int) -> tuple[Pejabat | None, list[str]]:
        koreksi = self.koreksi.get(pegawai_id)
        if koreksi:
            return Pejabat(koreksi.penilai_id, Dasar.KOREKSI), []
        pos = self.posisi.get(pegawai_id)
        if pos is None:
            return None, ["Tidak punya penempatan (jabatan) yang berlaku."]
        if pos.jpt:
            return Pejabat(None, Dasar.KEPALA_DAERAH), []
        unit_id = self.parent.get(pos.unit_id) if pos.memimpin else pos.unit_id
        first = True
        while unit_id is not None:
            lead = self.leader.get(unit_id)
            if lead and lead[0] != pegawai_id:
                dasar = (
                    lead[1] if lead[1] != Dasar.STRUKTUR else (Dasar.STRUKTUR if first else Dasar.BERJENJANG)
                )
                return Pejabat(lead[0], dasar, unit_id), []
            first = False
            unit_id = self.parent.get(unit_id)
        return Pejabat(None, Dasar.KEPALA_DAERAH), []

    def rantai(self, pegawai_id: int, *, with_atasan: bool = True) -> Rantai:
        penilai, masalah = self.penilai(pegawai_id)
        result = Rantai(pegawai_id=pegawai_id, penilai=penilai, masalah=list(masalah))
        if not with_atasan or penilai is None or penilai.is_kepala_daerah:
            return result
        koreksi = self.koreksi.get(pegawai_id)
        if koreksi and koreksi.atasan_penilai_id:
            result.atasan_penilai = Pejabat(koreksi.atasan_penilai_id, Dasar.KOREKSI)
            return result
        atasan, atasan_masalah = self.penilai(penilai.pegawai_id)
        result.atasan_penilai = atasan
        result.masalah += [f"Penilai: {m}" for m in atasan_masalah]
        return result

    def dinilai_oleh(self, penilai_id: int) -> list[int]:
        """Ids of the Pegawai whose Penilai is `penilai_id` (needs a for_pemda() snapshot)."""
        if not hasattr(self, "_bawahan"):
            self._bawahan: dict[int, list[int]] = {}
            for pid in {*self.posisi, *self.koreksi}:
                penilai = self.penilai(pid)[0]
                if penilai and penilai.pegawai_id:
                    self._bawahan.setdefault(penilai.pegawai_id, []).append(pid)
        return list(self._bawahan.get(penilai_id, []))


def _lingkup_sendiri(pemda_id: int) -> bool:
    scope = get_scope()
    return scope.get("_enabled", True) and scope.get("pemda") == pemda_id


def rantai_penilai(pegawai: Pegawai, tanggal: datetime.date | None = None) -> Rantai:
    """From today's cached Struktur of the Pemda when the cache serves this thread (no query); else, and for
    other days, the few rows of this Pegawai (a transaction that changed the org facts must not load the
    whole Pemda for one chain)."""
    if (
        tanggal in (None, timezone.localdate())
        and _lingkup_sendiri(pegawai.pemda_id)
        and cache_pemda.siap(cache_pemda.STRUKTUR, pegawai.pemda_id)
    ):
        return Struktur.for_pemda(pemda_id=pegawai.pemda_id).rantai(pegawai.pk)
    return Struktur.for_pegawai(pegawai, tanggal).rantai(pegawai.pk)
