"""One Pemda on one day: every provider's obligations turned into reminders at the schedule's step, and every
due escalation recorded. Called by the per-Pemda task, by `manage.py run_deadlines`, and by tests."""

import dataclasses
import datetime

from kinerja.kalender import Kalender
from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context

from . import jadwal, penyedia, services
from .models import Pengingat
from .penyedia import Peralihan


@dataclasses.dataclass
class Hasil:
    pemda_id: int
    tanggal: datetime.date
    kewajiban: int = 0
    pengingat: int = 0
    eskalasi: int = 0
    terkirim: list[str] = dataclasses.field(default_factory=list)  # one line per reminder/escalation made

    def ringkas(self) -> dict:
        return {
            "pemda_id": self.pemda_id,
            "tanggal": self.tanggal.isoformat(),
            "kewajiban": self.kewajiban,
            "pengingat": self.pengingat,
            "eskalasi": self.eskalasi,
        }


def proses_pemda(pemda_id: int, tanggal: datetime.date) -> Hasil:
    hasil = Hasil(pemda_id, tanggal)
    with tenant_context(pemda_id):
        pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda_id).first()
        if pengaturan is None:
            return hasil
        kalender = Kalender(pemda_id)
        ringkasan = services.Ringkasan(pemda_id)
        calon = []  # (Kewajiban, recipient, step, text) of today's steps
        langkah_per_batas: dict[datetime.date, tuple[str | None, str]] = {}
        for sumber in penyedia.semua():
            for item in sumber(pemda_id, tanggal, pengaturan):
                if isinstance(item, Peralihan):
                    if services.catat_eskalasi(
                        pemda_id=pemda_id, peralihan=item, tanggal=tanggal, ringkasan=ringkasan
                    ):
                        hasil.eskalasi += 1
                        hasil.terkirim.append(f"eskalasi {item.jenis} {item.objek_jenis}#{item.objek_id}")
                    continue
                hasil.kewajiban += 1
                if item.batas not in langkah_per_batas:
                    langkah_per_batas[item.batas] = (
                        jadwal.langkah(kalender, tanggal, item.batas, pengaturan.jadwal_pengingat or {}),
                        jadwal.keterangan(kalender, tanggal, item.batas),
                    )
                langkah, keterangan = langkah_per_batas[item.batas]
                if langkah is None:
                    continue
                teks = f"{item.pesan} Batas {item.batas:%d-%m-%Y}: {keterangan}."
                calon += [(item, penerima_id, langkah, teks) for penerima_id in dict.fromkeys(item.penerima)]
        sudah = _sudah_dikirim(calon)
        for item, penerima_id, langkah, teks in calon:
            if (penerima_id, item.jenis, item.objek_jenis, item.objek_id, langkah) in sudah:
                continue  # a replay, a retry or another dispatcher sent it: no query, nothing sent
            dibuat = services.kirim_pengingat(
                pemda_id=pemda_id,
                kewajiban=item,
                penerima_id=penerima_id,
                langkah=langkah,
                tanggal=tanggal,
                teks=teks,
                ringkasan=ringkasan,
            )
            if dibuat:
                hasil.pengingat += 1
                hasil.terkirim.append(f"pengingat {item.jenis} {langkah} -> Pegawai#{penerima_id}")
        ringkasan.kirim()
    return hasil


def _sudah_dikirim(calon, potong: int = 2000) -> set[tuple]:
    """Keys of the reminders among `calon` already in the database, read in a few queries (per kind and step,
    in chunks of object ids). Only a shortcut: the unique key still decides (a reminder inserted meanwhile by a
    racing run makes kirim_pengingat return None)."""
    kelompok: dict[tuple[str, str], set[int]] = {}
    for item, _, langkah, _ in calon:
        kelompok.setdefault((item.jenis, langkah), set()).add(item.objek_id)
    sudah = set()
    for (jenis, langkah), ids in kelompok.items():
        ids = sorted(ids)
        for i in range(0, len(ids), potong):
            sudah.update(
                (p, jenis, oj, oid, langkah)
                for p, oj, oid in Pengingat.objects.filter(
                    jenis=jenis, langkah=langkah, objek_id__in=ids[i : i + potong]
                ).values_list("penerima_id", "objek_jenis", "objek_id")
            )
    return sudah
