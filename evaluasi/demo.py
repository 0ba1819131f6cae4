"""Demo data of the evaluation (`manage.py seed_demo_evaluasi`), on top of `seed_demo_pelaksanaan`.

For each demo Pemda, the last two periodic periods of its cycle that have ended by today are opened by the
system, with the capaian kinerja organisasi of the demo Penilai's unit set by BKPSDM (Baik):
- the older one is evaluated end to end: the Penilai rates her whole seksi and signs (C.1.x and D.1.1), each
  Pegawai signs;
- in the newer one, if its evaluation window is still open today, only the demo Pegawai has been rated and
  signed by the Penilai (she can sign it or file a keberatan) and the others wait for the Penilai, who sees
  her unit's distribution against the pola; if the window has passed, it is evaluated like the older one.
Work in a past window is done "as of" a day inside that window (skp.waktu.pada); the recorded timestamps stay
real. Through the services only, with the demo password; idempotent (a period already open is left alone).
"""

import dataclasses
import logging
import time

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.kalender import Kalender
from kinerja.models import Pemda, PengaturanPemda, UnitKerja
from kinerja.scoping import national_context, tenant_context
from kinerja.services import seed
from skp import waktu

from . import jendela
from .models import Evaluasi, JenisPeriode, PeriodeEvaluasi, PredikatOrganisasi, Rating, StatusEvaluasi
from .services import capaian as capaian_services
from .services import penilaian
from .services.periode import PANJANG, buka_periode_sistem, jenis_periode_pemda

log = logging.getLogger(__name__)
User = get_user_model()
# Ratings of the seksi, in NIP order after the demo Pegawai (who is behind target: Di Bawah / Sesuai).
RATING_LAIN = (
    (Rating.SESUAI, Rating.SESUAI),
    (Rating.DI_ATAS, Rating.DI_ATAS),
    (Rating.SESUAI, Rating.DI_ATAS),
    (Rating.DI_ATAS, Rating.SESUAI),
    (Rating.SESUAI, Rating.SESUAI),
)


@dataclasses.dataclass
class HasilPemda:
    nama: str
    pesan: list[str] = dataclasses.field(default_factory=list)
    detik: float = 0.0


def seed_evaluasi(*, slugs=None, report=None) -> list[HasilPemda]:
    with national_context():
        pemdas = Pemda.objects.order_by("nama")
        if slugs:
            pemdas = pemdas.filter(slug__in=slugs)
        pemdas = list(pemdas)
    hasil = []
    for pemda in pemdas:
        mulai = time.monotonic()
        with tenant_context(pemda.pk):
            satu = _pemda(pemda)
        satu.detik = time.monotonic() - mulai
        hasil.append(satu)
        if report:
            report(satu)
    return hasil


def _periode_berakhir(pengaturan, pemda_id, tanggal) -> list[PeriodeEvaluasi]:
    jenis = [j for j in jenis_periode_pemda(pengaturan) if j != JenisPeriode.TAHUNAN][0]
    semua = [
        PeriodeEvaluasi(pemda_id=pemda_id, jenis=jenis, nomor=n, tahun=tanggal.year)
        for n in range(1, 12 // PANJANG[jenis] + 1)
    ]
    return [p for p in semua if p.selesai <= tanggal][-2:]


def _pemda(pemda: Pemda) -> HasilPemda:
    hasil = HasilPemda(pemda.nama)
    pengaturan = PengaturanPemda.objects.filter(pemda_id=pemda.pk).first()
    rantai = seed.rantai_demo(pemda.pk) if pengaturan else None
    if rantai is None:
        hasil.pesan.append("dilewati: tidak ada rantai akun demo (jalankan seed_demo).")
        return hasil
    akun = {u.pegawai_id: u for u in User.objects.filter(pegawai_id__in=list(rantai))}
    admin = (
        User.objects.filter(pemda_id=pemda.pk, is_admin_bkpsdm=True, is_active=True).order_by("pk").first()
    )
    hari_ini = waktu.hari_ini(pemda.pk)
    daftar = _periode_berakhir(pengaturan, pemda.pk, hari_ini)
    if not daftar:
        hasil.pesan.append("belum ada periode evaluasi yang berakhir tahun ini.")
    for i, contoh in enumerate(daftar):
        terbaru = i == len(daftar) - 1
        periode = buka_periode_sistem(
            pemda_id=pemda.pk, jenis=contoh.jenis, nomor=contoh.nomor, tahun=contoh.tahun
        )
        if periode is None:
            hasil.pesan.append(f"{contoh.label}: sudah dibuka, dilewati.")
            continue
        batas = jendela.batas_evaluasi(periode, pengaturan)
        jendela_terbuka = hari_ini <= batas
        # A working day inside the window to act on, for a window that has passed.
        pada = hari_ini if jendela_terbuka else Kalender(pemda.pk).tambah_hari_kerja(periode.selesai, 2)
        try:
            with transaction.atomic(), waktu.pada(pada):
                pesan = _isi(periode, rantai, akun, admin, hanya_demo=terbaru and jendela_terbuka)
        except (ValidationError, PermissionDenied) as exc:
            pesan = f"gagal, tidak ada yang disimpan ({'; '.join(getattr(exc, 'messages', [str(exc)]))})"
        hasil.pesan.append(f"{periode.label}: {pesan}")
    return hasil


def _isi(periode, rantai, akun, admin, *, hanya_demo: bool) -> str:
    penilai = akun.get(rantai.penilai)
    if penilai is None or admin is None:
        return "akun Penilai atau admin BKPSDM demo tidak ada."
    unit_ids = set(
        Evaluasi.objects.filter(periode=periode, penilai_id=rantai.penilai).values_list("unit_id", flat=True)
    )
    for unit in UnitKerja.objects.filter(pk__in=unit_ids):
        capaian_services.tetapkan_capaian(
            unit=unit,
            periode=periode,
            predikat=PredikatOrganisasi.BAIK,
            keterangan="Capaian rencana aksi perjanjian kinerja periode ini (data demo).",
            by=admin,
        )
    seksi = list(
        Evaluasi.objects.filter(
            periode=periode, penilai_id=rantai.penilai, status=StatusEvaluasi.BELUM_DINILAI
        )
        .select_related("pegawai", "periode")
        .order_by("pegawai__nip")
    )
    demo = [e for e in seksi if e.pegawai_id == rantai.pegawai]
    lain = [e for e in seksi if e.pegawai_id != rantai.pegawai]
    ditandatangani = 0
    for urutan, ev in enumerate(demo + ([] if hanya_demo else lain)):
        if ev.pegawai_id == rantai.pegawai:
            hasil_kerja, perilaku = Rating.DI_BAWAH, Rating.SESUAI
            catatan = (
                "Realisasi laporan dan pemutakhiran data tertinggal; susun jadwal kerja mingguan bersama."
            )
        else:
            hasil_kerja, perilaku = RATING_LAIN[(urutan - 1) % len(RATING_LAIN)]
            catatan = "Pertahankan kinerja; bagikan praktik baik kepada rekan satu seksi."
        ev = penilaian.nilai(
            evaluasi=ev,
            by=penilai,
            rating_hasil=hasil_kerja,
            rating_perilaku=perilaku,
            catatan_rekomendasi=catatan,
        )
        ev = penilaian.tandatangani_evaluator(evaluasi=ev, by=penilai, password=seed.DEMO_PASSWORD)
        pegawai_user = akun.get(ev.pegawai_id) or User.objects.filter(pegawai_id=ev.pegawai_id).first()
        if not hanya_demo and pegawai_user is not None:
            penilaian.tandatangani_pegawai(evaluasi=ev, by=pegawai_user, password=seed.DEMO_PASSWORD)
        ditandatangani += 1
    if hanya_demo:
        return (
            f"capaian ditetapkan; Pegawai demo dinilai dan menunggu tanda tangannya; {len(lain)} rekan menunggu "
            "penilaian Penilai demo."
        )
    return f"capaian ditetapkan; {ditandatangani} Pegawai dinilai dan ditandatangani kedua pihak."
