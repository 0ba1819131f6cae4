"""One Pemda on one day: every provider's obligations turned into reminders at the schedule's step, and every
due escalation recorded. Called by the per-Pemda task, by `manage.py run_deadlines`, and by tests."""

import dataclasses
import datetime

from kinerja.kalender import Kalender
from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context

from . import jadwal, penyedia, services
from .penyedia import Kewajiban, Peralihan


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
                _ingatkan(hasil, kalender, pengaturan, item, ringkasan)
        ringkasan.kirim()
    return hasil


def _ingatkan(hasil: Hasil, kalender: Kalender, pengaturan, item: Kewajiban, ringkasan):
    langkah = jadwal.langkah(kalender, hasil.tanggal, item.batas, pengaturan.jadwal_pengingat or {})
    if langkah is None:
        return
    teks = (
        f"{item.pesan} Batas {item.batas:%d-%m-%Y}: {jadwal.keterangan(kalender, hasil.tanggal, item.batas)}."
    )
    for penerima_id in dict.fromkeys(item.penerima):
        dibuat = services.kirim_pengingat(
            pemda_id=hasil.pemda_id,
            kewajiban=item,
            penerima_id=penerima_id,
            langkah=langkah,
            tanggal=hasil.tanggal,
            teks=teks,
            ringkasan=ringkasan,
        )
        if dibuat:
            hasil.pengingat += 1
            hasil.terkirim.append(f"pengingat {item.jenis} {langkah} -> Pegawai#{penerima_id}")
