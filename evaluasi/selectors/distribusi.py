"""The pola distribusi against the unit's actual distribution (Tahap Kedua; lampiran Tahap Ketiga 1)(e)).

For a Penilai's unit in a period: the expected share of each predikat for the unit's capaian
(PengaturanPemda.pola_distribusi) and the share among the evaluations of that unit rated so far; the Penilai
is warned (never blocked) when a predikat is further off than `toleransi_pola_distribusi` points. The chart
(evaluasi.grafik) draws both.
"""

import dataclasses

from kinerja.models import PengaturanPemda

from ..kuadran import URUTAN_PREDIKAT
from ..models import Evaluasi, PredikatOrganisasi, StatusEvaluasi


@dataclasses.dataclass
class BarisDistribusi:
    predikat: str
    label: str
    harapan: int  # percent
    jumlah: int
    persen: int


@dataclasses.dataclass
class Distribusi:
    capaian: str
    baris: list[BarisDistribusi]
    total: int
    toleransi: int

    @property
    def capaian_label(self) -> str:
        return PredikatOrganisasi(self.capaian).label if self.capaian else "Belum ditetapkan"

    @property
    def peringatan(self) -> list[str]:
        if not self.capaian or not self.total:
            return []
        pesan = []
        for b in self.baris:
            if abs(b.persen - b.harapan) > self.toleransi:
                arah = "lebih banyak" if b.persen > b.harapan else "lebih sedikit"
                pesan.append(
                    f"{b.label}: {b.persen}% ({b.jumlah} Pegawai), {arah} dari pola {b.harapan}% "
                    f"untuk capaian organisasi {self.capaian_label}."
                )
        return pesan


def hitung(capaian: str, predikat_list: list[str], pengaturan: PengaturanPemda | None) -> Distribusi:
    pola = (pengaturan.pola_distribusi if pengaturan else {}) or {}
    harapan = pola.get(capaian, {}) if capaian else {}
    total = sum(1 for p in predikat_list if p)
    baris = []
    for p in URUTAN_PREDIKAT:
        jumlah = sum(1 for x in predikat_list if x == p)
        baris.append(
            BarisDistribusi(
                p.value,
                p.label,
                int(harapan.get(p.value, 0)),
                jumlah,
                round(jumlah * 100 / total) if total else 0,
            )
        )
    toleransi = pengaturan.toleransi_pola_distribusi if pengaturan else 20
    return Distribusi(capaian, baris, total, toleransi)


def distribusi_unit(periode, unit_id, capaian: str, pengaturan) -> Distribusi:
    predikat = list(
        Evaluasi.objects.filter(periode=periode, unit_id=unit_id)
        .exclude(status=StatusEvaluasi.DIKECUALIKAN)
        .exclude(predikat="")
        .values_list("predikat", flat=True)
    )
    return hitung(capaian, predikat, pengaturan)


def distribusi_untuk(evaluasi: Evaluasi) -> Distribusi:
    pengaturan = PengaturanPemda.objects.filter(pemda_id=evaluasi.pemda_id).first()
    return distribusi_unit(evaluasi.periode, evaluasi.unit_id, evaluasi.capaian_organisasi, pengaturan)
