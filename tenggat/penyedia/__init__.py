"""What each area must watch: a provider yields, for one Pemda on one day, the open obligations (Kewajiban:
who must act on what by when) and the escalations that are due (Peralihan). tenggat.proses turns them into
reminders and recorded escalations. A provider runs inside the Pemda's tenant_context with a fixed number of
queries for the whole Pemda."""

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True)
class Kewajiban:
    jenis: str  # tenggat.models.JenisTenggat
    objek_jenis: str  # a model label, e.g. "evaluasi.Evaluasi"; with "/<year>" where the object recurs yearly
    objek_id: int
    batas: datetime.date
    penerima: tuple[int, ...]  # Pegawai ids who must act
    pesan: str  # what to do (the timing is added)
    tautan: str = ""  # where to do it (a path of the app)
    tautan_khusus: tuple[tuple[int, str], ...] = ()  # (Pegawai id, path) where one recipient acts elsewhere

    def tautan_untuk(self, pegawai_id: int) -> str:
        return dict(self.tautan_khusus).get(pegawai_id, self.tautan)


@dataclasses.dataclass(frozen=True)
class Peralihan:
    jenis: str  # tenggat.models.JenisEskalasi
    objek_jenis: str
    objek_id: int
    batas: datetime.date
    aturan: str  # the rule, with its Pasal
    kepada: tuple[int, ...]  # Pegawai ids who now act or are told
    pesan: str
    tautan: str = ""
    tautan_khusus: tuple[tuple[int, str], ...] = ()

    def tautan_untuk(self, pegawai_id: int) -> str:
        return dict(self.tautan_khusus).get(pegawai_id, self.tautan)


def semua():
    """The providers, in the order of the cycle."""
    from . import evaluasi, skp

    return [skp.tenggat, *evaluasi.PENYEDIA]
