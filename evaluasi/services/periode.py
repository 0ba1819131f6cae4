"""Opening an evaluation period and listing who is evaluated in it, by whom.

Periods follow the Pemda's cycle (PengaturanPemda.siklus_evaluasi_periodik: Sumedang Pasal 23(2) bulanan, Bogor
Pasal 22(2)(3) bulanan or triwulanan as BKPSDM chose, Inhu Pasal 21(2) both, Sarolangun Pasal 21(2)
triwulanan) plus the annual one. BKPSDM opens a period from the first day of its last month; otherwise it
opens by itself on its last day (`buka_otomatis`, nightly, when `buka_periode_otomatis`).

`siapkan_evaluasi` lists one Evaluasi per Pegawai with a set SKP in the period, with the chain read on the
period's last day: so a Pegawai who moved is evaluated by her new Penilai on the new unit's achievement
(lampiran Evaluasi Kinerja angka 13), and a Penilai who moved after the period ended (inside its evaluation
window) still evaluates it while one who moved before its end does not (angka 14). Exempt Pegawai get a row
that says why: a month entirely on a cuti listed in `cuti_pengecualian_evaluasi_bulanan` (Inhu Pasal 31(2)),
or a status without planning (`status_pengecualian_perencanaan`) for the whole period. It can be re-run: new
rows are added, and unsigned rows follow a changed chain.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from kinerja.kalender import Kalender
from kinerja.models import JenisCuti, Penempatan, RiwayatStatus, StatusKepegawaian
from kinerja.selectors.penilai import Struktur
from kinerja.selectors.periode import berlaku
from kinerja.services.audit import audit_record
from skp.models import Skp, StatusSkp
from umpanbalik.periode import BULAN

from ..models import Evaluasi, JenisPeriode, PeriodeEvaluasi, StatusEvaluasi
from ._umum import hari_ini, pastikan_admin, pengaturan_untuk

PANJANG = {JenisPeriode.BULANAN: 1, JenisPeriode.TRIWULANAN: 3, JenisPeriode.TAHUNAN: 12}
BISA_DIPERBARUI = (StatusEvaluasi.BELUM_DINILAI, StatusEvaluasi.DINILAI, StatusEvaluasi.DIKECUALIKAN)


def jenis_periode_pemda(pengaturan) -> list[str]:
    """The period kinds this Pemda evaluates: its periodic cycle and the annual one."""
    jenis = []
    if pengaturan.evaluasi_bulanan:
        jenis.append(JenisPeriode.BULANAN.value)
    if pengaturan.evaluasi_triwulanan:
        jenis.append(JenisPeriode.TRIWULANAN.value)
    return [*jenis, JenisPeriode.TAHUNAN.value]


def _periksa(jenis: str, nomor: int, tahun: int, pengaturan):
    if jenis not in jenis_periode_pemda(pengaturan):
        sah = ", ".join(jenis_periode_pemda(pengaturan))
        raise ValidationError(
            {"jenis": f"Pemda ini tidak mengevaluasi periode '{jenis}'. Periode Pemda: {sah}."}
        )
    try:
        nomor, tahun = int(nomor), int(tahun)
    except (TypeError, ValueError):
        raise ValidationError("Nomor dan tahun periode harus angka.") from None
    if not 1 <= nomor <= 12 // PANJANG[jenis]:
        raise ValidationError({"nomor": f"Nomor periode {jenis} harus 1 sampai {12 // PANJANG[jenis]}."})
    if not 2000 <= tahun <= 2100:
        raise ValidationError({"tahun": "Tahun tidak sah."})
    return nomor, tahun


@transaction.atomic
def buka_periode(*, pemda_id: int, jenis: str, nomor, tahun, by) -> PeriodeEvaluasi:
    """BKPSDM opens a period (from the first day of its last month) and the list of evaluations is made."""
    pastikan_admin(by, pemda_id)
    pengaturan = pengaturan_untuk(pemda_id)
    nomor, tahun = _periksa(jenis, nomor, tahun, pengaturan)
    bulan_akhir = nomor * PANJANG[jenis]
    dari = datetime.date(tahun, bulan_akhir, 1)
    if hari_ini(pemda_id) < dari:
        raise ValidationError(
            f"Periode ini baru dapat dibuka mulai {dari:%d-%m-%Y} (bulan terakhir periode, {BULAN[bulan_akhir - 1]})."
        )
    if PeriodeEvaluasi.objects.filter(jenis=jenis, nomor=nomor, tahun=tahun).exists():
        raise ValidationError("Periode ini sudah dibuka.")
    periode = PeriodeEvaluasi.objects.create(
        pemda_id=pemda_id, jenis=jenis, nomor=nomor, tahun=tahun, dibuka_oleh=by
    )
    audit_record(pemda_id=pemda_id, aksi="periode_evaluasi_buka", objek=periode, by=by, alasan=periode.label)
    siapkan_evaluasi(periode=periode, by=by)
    return periode


def buka_periode_sistem(*, pemda_id: int, jenis: str, nomor: int, tahun: int) -> PeriodeEvaluasi | None:
    """The system opens a period that has ended (a trusted caller: the nightly task, the demo seeding); None
    when it is open already."""
    pengaturan = pengaturan_untuk(pemda_id)
    nomor, tahun = _periksa(jenis, nomor, tahun, pengaturan)
    with transaction.atomic():
        if PeriodeEvaluasi.objects.filter(jenis=jenis, nomor=nomor, tahun=tahun).exists():
            return None
        periode = PeriodeEvaluasi.objects.create(
            pemda_id=pemda_id, jenis=jenis, nomor=nomor, tahun=tahun, otomatis=True
        )
        audit_record(
            pemda_id=pemda_id,
            aksi="periode_evaluasi_buka",
            objek=periode,
            by=None,
            alasan=f"{periode.label} (otomatis)",
        )
        siapkan_evaluasi(periode=periode, by=None)
    return periode


def buka_otomatis(*, pemda_id: int, tanggal: datetime.date | None = None) -> list[PeriodeEvaluasi]:
    """Open, by the system, every period of the Pemda's cycle that has ended by `tanggal` this year (and last
    year's annual one) and is not open yet (run nightly inside the Pemda's tenant_context)."""
    pengaturan = pengaturan_untuk(pemda_id)
    if not pengaturan.buka_periode_otomatis:
        return []
    tanggal = tanggal or hari_ini(pemda_id)
    dibuka = []
    for tahun in (tanggal.year - 1, tanggal.year):
        for jenis in jenis_periode_pemda(pengaturan):
            if tahun < tanggal.year and jenis != JenisPeriode.TAHUNAN:
                continue
            for nomor in range(1, 12 // PANJANG[jenis] + 1):
                if (
                    PeriodeEvaluasi(pemda_id=pemda_id, jenis=jenis, nomor=nomor, tahun=tahun).selesai
                    > tanggal
                ):
                    continue
                periode = buka_periode_sistem(pemda_id=pemda_id, jenis=jenis, nomor=nomor, tahun=tahun)
                if periode is not None:
                    dibuka.append(periode)
    return dibuka


# Who is evaluated ---------------------------------------------------------------------------------------
def _skp_periode(periode: PeriodeEvaluasi) -> dict[int, Skp]:
    """Per Pegawai, the set SKP (current version) covering the most recent part of the period."""
    hasil: dict[int, Skp] = {}
    qs = (
        Skp.objects.filter(
            status=StatusSkp.DITETAPKAN,
            periode_mulai__lte=periode.selesai,
            periode_selesai__gte=periode.mulai,
        )
        .order_by("pegawai_id", "periode_mulai", "versi")
        .only("id", "pegawai_id", "periode_mulai", "periode_selesai", "versi", "unit_id", "tahun")
    )
    for skp in qs:
        hasil[skp.pegawai_id] = skp  # the latest start wins
    return hasil


def _hari_kerja(pemda_id: int, mulai: datetime.date, selesai: datetime.date) -> set[datetime.date]:
    kalender = Kalender(pemda_id)
    hari, d = set(), mulai
    while d <= selesai:
        if kalender.is_hari_kerja(d):
            hari.add(d)
        d += datetime.timedelta(days=1)
    return hari


def _tertutup(riwayat: list, mulai: datetime.date, selesai: datetime.date, hari: set) -> bool:
    """Do these status rows cover every working day (or, without any, every day) between mulai and selesai?"""
    sisa = (
        set(hari) if hari else {mulai + datetime.timedelta(days=i) for i in range((selesai - mulai).days + 1)}
    )
    for r in riwayat:
        akhir = r.selesai or selesai
        sisa = {d for d in sisa if not (r.mulai <= d <= akhir)}
        if not sisa:
            return True
    return not sisa


def _dasar(pengaturan, field: str) -> str:
    teks = (pengaturan.dasar_hukum or {}).get(field, "")
    return f" ({teks.split(':')[0].strip()})" if teks else ""


def pengecualian(periode: PeriodeEvaluasi, pengaturan) -> tuple[dict[int, str], set[int]]:
    """(Pegawai id -> why she is exempt in this period, ids of Pegawai on tugas belajar in it)."""
    riwayat: dict[int, list] = {}
    for r in RiwayatStatus.objects.filter(
        Q(selesai__isnull=True) | Q(selesai__gte=periode.mulai), mulai__lte=periode.selesai
    ).order_by("mulai"):
        riwayat.setdefault(r.pegawai_id, []).append(r)
    alasan: dict[int, str] = {}
    tugas_belajar: set[int] = set()
    cuti_kecuali = set(pengaturan.cuti_pengecualian_evaluasi_bulanan or [])
    status_kecuali = set(pengaturan.status_pengecualian_perencanaan or [])
    hari = (
        _hari_kerja(periode.pemda_id, periode.mulai, periode.selesai)
        if periode.jenis == JenisPeriode.BULANAN and cuti_kecuali
        else set()
    )
    for pegawai_id, rows in riwayat.items():
        if any(r.status == StatusKepegawaian.TUGAS_BELAJAR for r in rows):
            tugas_belajar.add(pegawai_id)
        for status in status_kecuali:
            sama = [r for r in rows if r.status == status]
            if sama and _tertutup(sama, periode.mulai, periode.selesai, set()):
                alasan[pegawai_id] = (
                    f"{StatusKepegawaian(status).label} selama {periode.label}: tidak wajib perencanaan dan "
                    f"evaluasi kinerja{_dasar(pengaturan, 'status_pengecualian_perencanaan')}."
                )
        if pegawai_id in alasan or periode.jenis != JenisPeriode.BULANAN or not cuti_kecuali:
            continue
        cuti = [r for r in rows if r.status == StatusKepegawaian.CUTI and r.jenis_cuti in cuti_kecuali]
        if cuti and _tertutup(cuti, periode.mulai, periode.selesai, hari):
            jenis = ", ".join(sorted({JenisCuti(r.jenis_cuti).label.lower() for r in cuti}))
            alasan[pegawai_id] = (
                f"Tidak masuk kerja selama {periode.label} karena {jenis}: dikecualikan dari evaluasi kinerja "
                f"bulanan{_dasar(pengaturan, 'cuti_pengecualian_evaluasi_bulanan')}."
            )
    return alasan, tugas_belajar


def _penempatan_unit(pemda_id: int, tanggal: datetime.date) -> dict[int, int]:
    return dict(berlaku(Penempatan.objects.all(), tanggal).values_list("pegawai_id", "jabatan__unit_id"))


@transaction.atomic
def siapkan_evaluasi(*, periode: PeriodeEvaluasi, by=None, pegawai_ids=None) -> int:
    """Make (or refresh) the evaluations of the period; returns how many rows were added. A fixed number of
    queries for the whole Pemda, whatever its size. `by` is an admin BKPSDM, or None for the system."""
    pemda_id = periode.pemda_id
    if by is not None:
        pastikan_admin(by, pemda_id)
    pengaturan = pengaturan_untuk(pemda_id)
    tanggal = periode.selesai
    struktur = Struktur.for_pemda(pemda_id=pemda_id, tanggal=tanggal)
    skp = _skp_periode(periode)
    alasan, tugas_belajar = pengecualian(periode, pengaturan)
    unit_pegawai = _penempatan_unit(pemda_id, tanggal)
    ids = set(skp) | set(alasan)
    if pegawai_ids is not None:
        ids &= set(pegawai_ids)
    ada = {e.pegawai_id: e for e in Evaluasi.objects.filter(periode=periode)}
    baru, ubah = [], []
    for pegawai_id in sorted(ids):
        rantai = struktur.rantai(pegawai_id)
        penilai, atasan = rantai.penilai, rantai.atasan_penilai
        nilai = {
            "skp_id": skp[pegawai_id].pk if pegawai_id in skp else None,
            "penilai_id": penilai.pegawai_id if penilai else None,
            "penilai_kepala_daerah": bool(penilai and penilai.is_kepala_daerah),
            "atasan_penilai_id": atasan.pegawai_id if atasan else None,
            "atasan_penilai_kepala_daerah": bool(atasan and atasan.is_kepala_daerah),
            "unit_id": (penilai.unit_id if penilai and penilai.unit_id else unit_pegawai.get(pegawai_id)),
            "tugas_belajar": pegawai_id in tugas_belajar,
            "alasan_pengecualian": alasan.get(pegawai_id, ""),
        }
        status = StatusEvaluasi.DIKECUALIKAN if pegawai_id in alasan else None
        lama = ada.get(pegawai_id)
        if lama is None:
            baru.append(
                Evaluasi(
                    pemda_id=pemda_id,
                    periode=periode,
                    pegawai_id=pegawai_id,
                    status=status or StatusEvaluasi.BELUM_DINILAI,
                    **nilai,
                )
            )
            continue
        if lama.status not in BISA_DIPERBARUI or lama.oleh_atasan:
            continue
        if status:
            nilai["status"] = status
        elif lama.status == StatusEvaluasi.DIKECUALIKAN:
            nilai["status"] = StatusEvaluasi.BELUM_DINILAI
        if any(getattr(lama, k) != v for k, v in nilai.items()):
            for k, v in nilai.items():
                setattr(lama, k, v)
            ubah.append(lama)
    Evaluasi.objects.bulk_create(baru, batch_size=1000)
    if ubah:
        Evaluasi.objects.bulk_update(
            ubah,
            [
                "skp_id",
                "penilai_id",
                "penilai_kepala_daerah",
                "atasan_penilai_id",
                "atasan_penilai_kepala_daerah",
                "unit_id",
                "tugas_belajar",
                "alasan_pengecualian",
                "status",
                "diubah_pada",
            ],
            batch_size=1000,
        )
    if baru or ubah:
        audit_record(
            pemda_id=pemda_id,
            aksi="evaluasi_siapkan",
            objek=periode,
            by=by,
            data={"baru": len(baru), "diperbarui": len(ubah), "pada": timezone.now().isoformat()},
        )
    return len(baru)


def pegawai_tanpa_skp(periode: PeriodeEvaluasi) -> list[int]:
    """Pegawai placed on the period's last day with no evaluation row (no set SKP, not exempt)."""
    aktif = set(berlaku(Penempatan.objects.all(), periode.selesai).values_list("pegawai_id", flat=True))
    return sorted(aktif - set(Evaluasi.objects.filter(periode=periode).values_list("pegawai_id", flat=True)))
