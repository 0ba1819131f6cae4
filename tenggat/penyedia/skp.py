"""The SKP deadline: set by the end of month `batas_penetapan_skp_bulan` (January) of the year (Sumedang Pasal
14(1) and lampiran "Penetapan SKP" angka 3; Inhu Pasal 13(1), 31(3); Bogor Pasal 13(1); Sarolangun Pasal 12(1)).

- Reminders to each Pegawai placed by the deadline, not exempt from planning, without a set SKP of the year,
  and to her Penilai (the chain on the day).
- After the deadline the Pegawai does the dialog with the Atasan Penilai (angka 4; Inhu Pasal 31(4)): the
  escalation is recorded once per Pegawai and year and the Atasan Penilai is told (skp.permissions already lets
  her act from that day).
"""

import datetime

from django.urls import reverse

from kinerja.models import Penempatan
from kinerja.selectors.penilai import Struktur
from skp import waktu
from skp.selectors import belum_punya_skp

from ..models import JenisEskalasi, JenisTenggat
from . import Kewajiban, Peralihan

MULAI_HARI = 31  # calendar days before the deadline from which the provider looks (reminders are within 7 working days)


def tenggat(pemda_id: int, tanggal: datetime.date, pengaturan):
    tahun = tanggal.year
    batas = waktu.akhir_bulan(tahun, pengaturan.batas_penetapan_skp_bulan)
    if tanggal < batas - datetime.timedelta(days=MULAI_HARI):
        return []
    sudah_ada = set(
        Penempatan.objects.filter(mulai__lte=batas).values_list("pegawai_id", flat=True).distinct()
    )
    pegawai = [
        p
        for p in belum_punya_skp(pemda_id=pemda_id, tahun=tahun, tanggal=tanggal, belum_ditetapkan=True)
        if p.pk in sudah_ada
    ]
    if not pegawai:
        return []
    struktur = Struktur.for_pemda(pemda_id=pemda_id, tanggal=tanggal)
    dasar = (pengaturan.dasar_hukum or {}).get("batas_penetapan_skp_bulan", "").split(":")[0]
    tautan = reverse("skp_saya")
    menunggu = reverse("skp_menunggu")
    hasil = []
    for p in pegawai:
        rantai = struktur.rantai(p.pk)
        penilai = rantai.penilai.pegawai_id if rantai.penilai else None
        atasan = rantai.atasan_penilai.pegawai_id if rantai.atasan_penilai else None
        hasil.append(
            Kewajiban(
                jenis=JenisTenggat.SKP_PENETAPAN,
                objek_jenis=f"kinerja.Pegawai/{tahun}",
                objek_id=p.pk,
                batas=batas,
                penerima=tuple(x for x in (p.pk, penilai) if x),
                pesan=f"SKP {tahun} {p.nama_lengkap} belum ditetapkan.",
                tautan=tautan,
                tautan_khusus=((penilai, menunggu),) if penilai else (),
            )
        )
        if tanggal > batas:
            hasil.append(
                Peralihan(
                    jenis=JenisEskalasi.SKP_KE_ATASAN,
                    objek_jenis=f"kinerja.Pegawai/{tahun}",
                    objek_id=p.pk,
                    batas=batas,
                    aturan=f"SKP tidak ditetapkan sampai {batas:%d-%m-%Y}: dialog kinerja dengan atasan Pejabat "
                    f"Penilai Kinerja (lampiran 'Penetapan SKP' angka 4; {dasar or 'Pasal batas penetapan SKP'}).",
                    kepada=tuple(x for x in (atasan, p.pk) if x),
                    pesan=f"SKP {tahun} {p.nama_lengkap} belum ditetapkan sampai {batas:%d-%m-%Y}: atasan Pejabat "
                    "Penilai Kinerja kini dapat melakukan dialog kinerja dan menetapkannya.",
                    tautan=tautan,
                    tautan_khusus=((atasan, menunggu),) if atasan else (),
                )
            )
    return hasil
