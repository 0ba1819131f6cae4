"""Pembinaan kinerja: bimbingan (coaching B.1.6, mentoring B.1.7 with its journal, trainings), the Pegawai's
feedback on it (B.1.8), the competency evaluation (B.1.9), the behaviour problem report (B.1.10) and konseling.

Sumedang lampiran "Pembinaan kinerja" angka 1-5:
- The leader (Pejabat Penilai Kinerja on the day) starts a bimbingan; it is run by herself or by another
  party given a special assignment (angka 4 huruf b), who then is the `pembina`.
- In the formats the Pegawai writes the "diisi oleh pegawai" parts; the pembina writes LANGKAH KEDEPAN,
  agreed with the Pegawai (umpanbalik.isian says which part is whose).
- B.1.8 is the Pegawai's, once: it is signed and handed to the leader's Atasan (angka 4 huruf g), so a second
  one is refused, not an overwrite. B.1.9 is the pembina's, once, for the same reason (angka 4 huruf h).
- B.1.10 is the Penilai's report to the unit in charge of personnel (BKPSDM), angka 5 huruf c 1) (d).
- Konseling is confidential (angka 5 huruf b). BKPSDM sets the counsellor and the schedule (angka 5 huruf c
  2) (a)), or the Penilai trained in counselling counsels herself ((b)(1)). The record is read by the Pegawai,
  the counsellor and the officials it is reported to ((d)): the Penilai's record goes to her Atasan; a
  counselling official's to the Penilai and her Atasan; an independent counsellor's to the BKPSDM side (the
  admin who set it). Those readers get an `AksesKonseling` grant; nobody else reads it, not another BKPSDM
  admin and not the Kepala Perangkat Daerah. The BKPSDM admin who sets a konseling by the Penilai or by a
  counselling official is not among its readers.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.models import Pegawai
from kinerja.permissions import is_admin_bkpsdm
from kinerja.services.audit import audit_record
from skp import waktu
from skp.models import Iki, Skp
from skp.permissions import rantai_skp
from skp.services._umum import kunci

from .. import isian as isian_mod
from ..models import (
    AksesKonseling,
    Bimbingan,
    EvaluasiKompetensi,
    JenisBimbingan,
    JenisKonselor,
    JurnalMentoring,
    Konseling,
    LaporanPerilaku,
    UmpanBalikBimbingan,
)
from ..permissions import adalah_pemilik, adalah_pimpinan, pastikan_berjalan, pastikan_pimpinan

User = get_user_model()


def _kunci_bimbingan(bimbingan: Bimbingan) -> Bimbingan:
    return Bimbingan.objects.select_for_update().select_related("skp").get(pk=bimbingan.pk)


def _tanggal(tanggal, label="Tanggal") -> datetime.date:
    if isinstance(tanggal, datetime.datetime):
        return tanggal.date()
    if isinstance(tanggal, datetime.date):
        return tanggal
    try:
        return datetime.date.fromisoformat(str(tanggal))
    except (TypeError, ValueError):
        raise ValidationError(f"{label} tidak valid (format TTTT-BB-HH).") from None


def _dalam_periode(skp: Skp, tanggal: datetime.date, label="Tanggal"):
    if not (skp.periode_mulai <= tanggal <= skp.periode_selesai):
        raise ValidationError(
            f"{label} harus dalam periode SKP ({skp.periode_mulai:%d-%m-%Y} s.d. {skp.periode_selesai:%d-%m-%Y})."
        )


def adalah_pembina(bimbingan: Bimbingan, user) -> bool:
    return user.is_authenticated and user.pemda_id == bimbingan.pemda_id and user.pk == bimbingan.pembina_id


def pastikan_pembina(bimbingan: Bimbingan, user):
    if not adalah_pembina(bimbingan, user):
        raise PermissionDenied("Hanya pembina (coach/mentor) bimbingan ini yang dapat melakukan ini.")


# ---- bimbingan ------------------------------------------------------------------------------------------


@transaction.atomic
def bimbingan_buat(
    *, skp: Skp, by, jenis: str, tanggal, tempat: str = "", pembina_pegawai: Pegawai | None = None
) -> Bimbingan:
    """The leader starts a bimbingan, run by herself or (pembina_pegawai) by another Pegawai with an account
    given a special assignment (lampiran Pembinaan angka 4 huruf b)."""
    pastikan_pimpinan(skp, by)
    skp = kunci(skp)
    pastikan_berjalan(skp)
    if jenis not in JenisBimbingan.values:
        raise ValidationError("Jenis bimbingan harus coaching, mentoring, pelatihan formal, atau informal.")
    tanggal = _tanggal(tanggal)
    _dalam_periode(skp, tanggal)
    tempat = isian_mod.teks(tempat, "Tempat", maks=200)
    pembina, khusus = by, False
    if pembina_pegawai is not None and pembina_pegawai.pk != by.pegawai_id:
        if pembina_pegawai.pemda_id != skp.pemda_id:
            raise ValidationError("Pihak yang diberi penugasan khusus tidak ditemukan.")
        if pembina_pegawai.pk == skp.pegawai_id:
            raise ValidationError("Pegawai tidak dapat membimbing dirinya sendiri.")
        pembina = User.objects.filter(pegawai_id=pembina_pegawai.pk, is_active=True).first()
        if pembina is None:
            raise ValidationError(
                f"{pembina_pegawai.nama_lengkap} belum memiliki akun; penugasan khusus memerlukan akun "
                "agar ia dapat mengisi format bimbingan."
            )
        khusus = True
    bimbingan = Bimbingan.objects.create(
        pemda_id=skp.pemda_id,
        skp=skp,
        jenis=jenis,
        pembina=pembina,
        pembina_pegawai_id=pembina.pegawai_id,
        penugasan_khusus=khusus,
        tanggal=tanggal,
        tempat=tempat,
    )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="bimbingan_buat",
        objek=bimbingan,
        by=by,
        data={"skp": skp.pk, "jenis": jenis, "pembina": pembina.pk, "penugasan_khusus": khusus},
    )
    return bimbingan


def iki_skp(skp: Skp) -> dict[int, str]:
    return dict(
        Iki.objects.filter(rhk__skp_id=skp.pk).order_by("rhk__urutan", "urutan").values_list("pk", "teks")
    )


@transaction.atomic
def bimbingan_isi(*, bimbingan: Bimbingan, by, bagian: str, data) -> Bimbingan:
    """Write one part of the format: bagian "pegawai" by the Pegawai, "pembina" by the pembina. Writing a part
    again replaces it (the parts are drafted together during the session). The SKP need not still be in force:
    an agreed adjustment of the target (LANGKAH KEDEPAN) leads to an SKP revision that supersedes it, and the
    format, B.1.8 and B.1.9 of that bimbingan are completed afterwards."""
    bimbingan = _kunci_bimbingan(bimbingan)
    bagian_jenis = isian_mod.BAGIAN.get(bimbingan.jenis, {})
    if bagian not in bagian_jenis:
        raise ValidationError(
            f"Bagian '{bagian}' tidak ada pada format {bimbingan.get_jenis_display()} "
            f"(yang ada: {', '.join(bagian_jenis) or '-'})."
        )
    if bagian == isian_mod.PEGAWAI and not adalah_pemilik(bimbingan.skp, by):
        raise PermissionDenied("Bagian ini diisi oleh Pegawai yang dibimbing.")
    if bagian == isian_mod.PEMBINA:
        pastikan_pembina(bimbingan, by)
    bersih = isian_mod.bersihkan_bagian(
        jenis=bimbingan.jenis, bagian=bagian, data=data, iki_skp=iki_skp(bimbingan.skp)
    )
    isian = dict(bimbingan.isian or {})
    isian.update(bersih)
    diisi = dict(isian.get("diisi") or {})
    diisi[bagian] = {"oleh": by.pk, "pada": timezone.now().isoformat()}
    isian["diisi"] = diisi
    bimbingan.isian = isian
    bimbingan.save(update_fields=["isian"])
    audit_record(
        pemda_id=bimbingan.pemda_id, aksi="bimbingan_isi", objek=bimbingan, by=by, data={"bagian": bagian}
    )
    return bimbingan


@transaction.atomic
def jurnal_mentoring_tambah(
    *, bimbingan: Bimbingan, by, waktu_tempat: str, materi: str, rencana_aksi: str, target_waktu: str
) -> JurnalMentoring:
    """One meeting of a mentoring (B.1.7 "Jurnal mentoring"), written by the mentor or the mentee."""
    bimbingan = _kunci_bimbingan(bimbingan)
    if not (adalah_pembina(bimbingan, by) or adalah_pemilik(bimbingan.skp, by)):
        raise PermissionDenied("Jurnal mentoring diisi oleh mentor atau Pegawai yang dibimbing.")
    if bimbingan.jenis != JenisBimbingan.MENTORING:
        raise ValidationError("Jurnal hanya ada pada mentoring.")
    if bimbingan.jurnal.count() >= 100:
        raise ValidationError("Jurnal mentoring paling banyak 100 pertemuan.")
    jurnal = JurnalMentoring.objects.create(
        pemda_id=bimbingan.pemda_id,
        bimbingan=bimbingan,
        waktu_tempat=isian_mod.teks(waktu_tempat, "Waktu dan tempat", wajib=True, maks=200),
        materi=isian_mod.teks(materi, "Materi mentoring", wajib=True, maks=isian_mod.PANJANG_TEKS),
        rencana_aksi=isian_mod.teks(rencana_aksi, "Rencana aksi", wajib=True, maks=isian_mod.PANJANG_TEKS),
        target_waktu=isian_mod.teks(target_waktu, "Target waktu rencana aksi", wajib=True, maks=100),
    )
    audit_record(
        pemda_id=bimbingan.pemda_id,
        aksi="jurnal_mentoring_tambah",
        objek=jurnal,
        by=by,
        data={"bimbingan": bimbingan.pk},
    )
    return jurnal


@transaction.atomic
def umpan_balik_bimbingan_isi(*, bimbingan: Bimbingan, by, jawaban) -> UmpanBalikBimbingan:
    """B.1.8 by the Pegawai, once (it is signed and handed to the leader's Atasan; a second one is refused)."""
    bimbingan = _kunci_bimbingan(bimbingan)
    if not adalah_pemilik(bimbingan.skp, by):
        raise PermissionDenied("Umpan balik pelaksanaan bimbingan diisi oleh Pegawai yang dibimbing.")
    if UmpanBalikBimbingan.objects.filter(bimbingan=bimbingan).exists():
        raise ValidationError("Umpan balik atas bimbingan ini sudah diisi dan tidak dapat diubah.")
    bersih = isian_mod.bersihkan_jawaban(jawaban)
    try:
        with transaction.atomic():
            ub = UmpanBalikBimbingan.objects.create(
                pemda_id=bimbingan.pemda_id, bimbingan=bimbingan, jawaban=bersih, dibuat_oleh=by
            )
    except IntegrityError:
        raise ValidationError("Umpan balik atas bimbingan ini sudah diisi dan tidak dapat diubah.") from None
    audit_record(pemda_id=bimbingan.pemda_id, aksi="umpan_balik_bimbingan_isi", objek=ub, by=by)
    return ub


@transaction.atomic
def evaluasi_kompetensi_isi(*, bimbingan: Bimbingan, by, nilai, rekomendasi: str) -> EvaluasiKompetensi:
    """B.1.9 by the pembina, once (reported to the Penilai and her Atasan, angka 4 huruf i-k)."""
    bimbingan = _kunci_bimbingan(bimbingan)
    pastikan_pembina(bimbingan, by)
    if EvaluasiKompetensi.objects.filter(bimbingan=bimbingan).exists():
        raise ValidationError("Evaluasi kompetensi atas bimbingan ini sudah diisi dan tidak dapat diubah.")
    bersih = isian_mod.bersihkan_nilai(nilai)
    rekomendasi = isian_mod.teks(rekomendasi, "Rekomendasi", wajib=True, maks=isian_mod.PANJANG_TEKS)
    try:
        with transaction.atomic():
            ev = EvaluasiKompetensi.objects.create(
                pemda_id=bimbingan.pemda_id,
                bimbingan=bimbingan,
                nilai=bersih,
                rekomendasi=rekomendasi,
                dibuat_oleh=by,
            )
    except IntegrityError:
        raise ValidationError("Evaluasi kompetensi atas bimbingan ini sudah diisi.") from None
    audit_record(pemda_id=bimbingan.pemda_id, aksi="evaluasi_kompetensi_isi", objek=ev, by=by)
    return ev


# ---- B.1.10 ---------------------------------------------------------------------------------------------


@transaction.atomic
def laporan_perilaku_buat(
    *,
    skp: Skp,
    by,
    masalah: str,
    ekspektasi_khusus: str,
    uraian: str,
    serupa_pada_pegawai_lain: bool,
    retrospektif: str,
) -> LaporanPerilaku:
    """B.1.10: the Penilai reports a behaviour problem to BKPSDM (angka 5 huruf c 1) (d))."""
    pastikan_pimpinan(skp, by)
    skp = kunci(skp)
    pastikan_berjalan(skp)
    if not isinstance(serupa_pada_pegawai_lain, bool):
        raise ValidationError("Pilih Ya atau Tidak: apakah permasalahan serupa terjadi pada pegawai lain.")
    laporan = LaporanPerilaku.objects.create(
        pemda_id=skp.pemda_id,
        skp=skp,
        pelapor=by,
        masalah=isian_mod.teks(masalah, "Masalah perilaku kerja", wajib=True, maks=isian_mod.PANJANG_TEKS),
        ekspektasi_khusus=isian_mod.teks(ekspektasi_khusus, "Ekspektasi khusus", maks=isian_mod.PANJANG_TEKS),
        uraian=isian_mod.teks(uraian, "Uraian permasalahan", wajib=True, maks=isian_mod.PANJANG_TEKS),
        serupa_pada_pegawai_lain=serupa_pada_pegawai_lain,
        retrospektif=isian_mod.teks(retrospektif, "Retrospektif", wajib=True, maks=isian_mod.PANJANG_TEKS),
        tanggal=waktu.hari_ini(skp.pemda_id),
    )
    audit_record(
        pemda_id=skp.pemda_id, aksi="laporan_perilaku_buat", objek=laporan, by=by, data={"skp": skp.pk}
    )
    return laporan


# ---- konseling ------------------------------------------------------------------------------------------


def _akun_pejabat(skp: Skp, pejabat) -> list:
    """The accounts of a Penilai / Atasan Penilai of the chain (the Kepala Daerah is an account)."""
    if pejabat is None:
        return []
    qs = User.objects.filter(pemda_id=skp.pemda_id, is_active=True)
    if pejabat.is_kepala_daerah:
        return list(qs.filter(is_kepala_daerah=True))
    return list(qs.filter(pegawai_id=pejabat.pegawai_id))


def pembaca_konseling(konseling: Konseling, *, rantai, pembuat) -> list[tuple]:
    """(user, alasan) of everyone besides the Pegawai who reads this record (angka 5 huruf c 2) (d))."""
    skp = konseling.skp
    pembaca = [(konseling.konselor, "Konselor")]
    if konseling.jenis_konselor == JenisKonselor.PENILAI:
        pembaca += [
            (u, "Atasan dari Pejabat Penilai Kinerja") for u in _akun_pejabat(skp, rantai.atasan_penilai)
        ]
    elif konseling.jenis_konselor == JenisKonselor.PEJABAT_KONSELING:
        pembaca += [(u, "Pejabat Penilai Kinerja") for u in _akun_pejabat(skp, rantai.penilai)]
        pembaca += [
            (u, "Atasan dari Pejabat Penilai Kinerja") for u in _akun_pejabat(skp, rantai.atasan_penilai)
        ]
    elif is_admin_bkpsdm(pembuat):
        pembaca.append((pembuat, "Pimpinan unit kerja yang membidangi kepegawaian (BKPSDM)"))
    hasil, sudah = [], set()
    for user, alasan in pembaca:
        if user.pk in sudah or user.pegawai_id == skp.pegawai_id:
            continue
        sudah.add(user.pk)
        hasil.append((user, alasan))
    return hasil


def izin_baca_konseling() -> Permission:
    return Permission.objects.get(content_type__app_label="umpanbalik", codename="baca_konseling")


@transaction.atomic
def konseling_buat(
    *,
    skp: Skp,
    by,
    konselor,
    jenis_konselor: str,
    tanggal,
    tempat: str = "",
    laporan: LaporanPerilaku | None = None,
) -> Konseling:
    """Schedule a konseling: a BKPSDM admin sets counsellor, date and place (angka 5 huruf c 2) (a)), or the
    Penilai counsels herself (jenis_konselor "penilai", konselor = herself)."""
    admin = is_admin_bkpsdm(by) and by.pemda_id == skp.pemda_id
    pimpinan = adalah_pimpinan(skp, by)
    if not (admin or pimpinan):
        raise PermissionDenied(
            "Konseling dijadwalkan oleh BKPSDM, atau oleh Pejabat Penilai Kinerja sebagai konselor."
        )
    skp = kunci(skp)
    pastikan_berjalan(skp)
    if jenis_konselor not in JenisKonselor.values:
        raise ValidationError("Jenis konselor harus independen, penilai, atau pejabat_konseling.")
    if not admin and (jenis_konselor != JenisKonselor.PENILAI or konselor is None or konselor.pk != by.pk):
        raise PermissionDenied(
            "Pejabat Penilai Kinerja hanya dapat mencatat konseling yang ia lakukan sendiri; konselor lain "
            "ditetapkan oleh BKPSDM."
        )
    if konselor is None or konselor.pemda_id != skp.pemda_id or not konselor.is_active:
        raise ValidationError("Konselor tidak ditemukan.")
    if konselor.pegawai_id is not None and konselor.pegawai_id == skp.pegawai_id:
        raise ValidationError("Pegawai tidak dapat menjadi konselor bagi dirinya sendiri.")
    rantai = rantai_skp(skp, waktu.hari_ini(skp.pemda_id))
    if jenis_konselor == JenisKonselor.PENILAI and not adalah_pimpinan(skp, konselor):
        raise ValidationError(
            "Konselor jenis 'Pejabat Penilai Kinerja' harus Pejabat Penilai Kinerja Pegawai ini."
        )
    tanggal = _tanggal(tanggal)
    _dalam_periode(skp, tanggal)
    if laporan is not None and (laporan.pemda_id != skp.pemda_id or laporan.skp_id != skp.pk):
        raise ValidationError("Laporan permasalahan perilaku harus laporan atas SKP ini.")
    konseling = Konseling.objects.create(
        pemda_id=skp.pemda_id,
        skp=skp,
        laporan=laporan,
        konselor=konselor,
        jenis_konselor=jenis_konselor,
        tanggal=tanggal,
        tempat=isian_mod.teks(tempat, "Tempat", maks=200),
        dibuat_oleh=by,
    )
    izin = izin_baca_konseling()
    for user, alasan in pembaca_konseling(konseling, rantai=rantai, pembuat=by):
        AksesKonseling.objects.create(
            pemda_id=skp.pemda_id, content_object=konseling, user=user, permission=izin, alasan=alasan
        )
    # The audit row names no content: the record is confidential.
    audit_record(pemda_id=skp.pemda_id, aksi="konseling_buat", objek=konseling, by=by, data={"skp": skp.pk})
    return konseling


@transaction.atomic
def konseling_isi(*, konseling: Konseling, by, rekaman: str, tindak_lanjut: str) -> Konseling:
    """The counsellor writes the rekaman informasi hasil konseling (angka 5 huruf c 2) (c)); she may correct it."""
    konseling = Konseling.objects.select_for_update().get(pk=konseling.pk)
    if not (by.is_authenticated and by.pemda_id == konseling.pemda_id and by.pk == konseling.konselor_id):
        raise PermissionDenied("Rekaman hasil konseling diisi oleh konselor.")
    konseling.rekaman = isian_mod.teks(
        rekaman, "Rekaman hasil konseling", wajib=True, maks=isian_mod.PANJANG_TEKS * 2
    )
    konseling.tindak_lanjut = isian_mod.teks(tindak_lanjut, "Tindak lanjut", maks=isian_mod.PANJANG_TEKS)
    konseling.save(update_fields=["rekaman", "tindak_lanjut"])
    audit_record(pemda_id=konseling.pemda_id, aksi="konseling_isi", objek=konseling, by=by)
    return konseling
