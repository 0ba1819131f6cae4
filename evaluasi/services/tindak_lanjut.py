"""Tindak lanjut of an evaluation (Sumedang lampiran "Tindak Lanjut", "Penghargaan", "Sanksi"; Bogor Pasal 30-34).

- `lapor_berjenjang`: the evaluator (the Penilai; the Atasan Penilai for a D.1.2) or BKPSDM reports the signed
  evaluation to PyB/BKPSDM (angka 1, 2, 7, 10), once; whether it came within `jendela.batas_lapor` (working days
  after the evaluation window) goes into the audit record and is shown from the same window on the pages.
  The PDF bundle (dokumen evaluasi + SKP + hasil evaluasi) is made on demand by evaluasi.documents.pdf_bundel.
- `catat_penghargaan`: BKPSDM records a reward for a signed result. "Penghargaan atas hasil evaluasi" goes first
  to Sangat Baik (lampiran Penghargaan angka 1: prioritas rencana suksesi / pengembangan kompetensi); a Baik may
  be rewarded with a written reason; lower predikat are refused.
- Sanksi (PengaturanPemda.sanksi_kinerja; Bogor Pasal 33-34, Sumedang Pasal 31(2)): `mulai_sanksi` starts the
  rule's steps on an annual result that matches it (batas_perbaikan = mulai + bulan_perbaikan months),
  `catat_uji_kompetensi` after the improvement period, `selesaikan_sanksi` with one of the rule's `hasil`
  ("membaik" ends it at the end of the improvement period; any other outcome needs the uji kompetensi when the
  rule has one). A "jabatan_sementara" outcome (Bogor Pasal 34: paling lama 1 tahun) may be followed by a final
  one. A Pemda without rules records "sesuai ketentuan peraturan perundang-undangan" without steps.
Each checks who may act, locks the row, records an audit event and runs in one transaction.
"""

import calendar
import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.permissions import is_admin_bkpsdm
from kinerja.services.audit import audit_record
from skp import waktu

from .. import jendela
from ..models import (
    Evaluasi,
    HasilSanksi,
    JenisPenghargaan,
    LaporanBerjenjang,
    Penghargaan,
    Predikat,
    Sanksi,
    StatusEvaluasi,
    StatusKeberatan,
    TahapSanksi,
)
from ..permissions import adalah_atasan, adalah_penilai
from ..selectors import sanksi as sanksi_sel
from ._umum import hari_ini, kunci_evaluasi, pastikan_admin, pengaturan_untuk, sama_pemda

DITANDATANGANI = (StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI)


def _teks(nilai, field, maks=None) -> str:
    nilai = (nilai or "").strip()
    if "\x00" in nilai:
        raise ValidationError({field: "Teks memuat karakter NUL yang tidak sah."})
    if maks and len(nilai) > maks:
        raise ValidationError({field: f"Paling banyak {maks} karakter."})
    return nilai


def tambah_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    """Same day `bulan` months later; the month's last day when it is shorter (31 Aug + 6 = 28/29 Feb)."""
    m = tanggal.month - 1 + bulan
    tahun, bln = tanggal.year + m // 12, m % 12 + 1
    return datetime.date(tahun, bln, min(tanggal.day, calendar.monthrange(tahun, bln)[1]))


def _keberatan_terbuka(evaluasi: Evaluasi) -> bool:
    return evaluasi.keberatan.filter(
        status__in=[StatusKeberatan.DIAJUKAN, StatusKeberatan.DIPERIKSA]
    ).exists()


# ---- pelaporan berjenjang ------------------------------------------------------------------------------------


def boleh_melapor(user, evaluasi: Evaluasi) -> bool:
    """The evaluator who signed (the Atasan Penilai for D.1.2), or BKPSDM."""
    if is_admin_bkpsdm(user) and user.pemda_id == evaluasi.pemda_id:
        return True
    return adalah_atasan(user, evaluasi) if evaluasi.oleh_atasan else adalah_penilai(user, evaluasi)


def tepat_waktu(laporan: LaporanBerjenjang, evaluasi: Evaluasi, pengaturan) -> bool:
    batas = jendela.batas_lapor(evaluasi.periode, pengaturan)
    return timezone.localdate(laporan.dilaporkan_pada) <= batas


@transaction.atomic
def lapor_berjenjang(*, evaluasi: Evaluasi, by, kepada: str = "", catatan: str = "") -> LaporanBerjenjang:
    evaluasi = kunci_evaluasi(evaluasi)
    sama_pemda(by, evaluasi.pemda_id)
    if not boleh_melapor(by, evaluasi):
        raise PermissionDenied(
            "Hanya pejabat yang menandatangani dokumen evaluasi (Pejabat Penilai Kinerja, atau atasannya untuk "
            "Format D.1.2) atau BKPSDM yang melaporkan secara berjenjang."
        )
    if evaluasi.status not in DITANDATANGANI or evaluasi.ditandatangani_penilai_pada is None:
        raise ValidationError(
            "Dokumen evaluasi belum ditandatangani pejabat penilai; laporkan setelah ditandatangani."
        )
    if LaporanBerjenjang.objects.filter(evaluasi=evaluasi).exists():
        raise ValidationError("Evaluasi ini sudah dilaporkan secara berjenjang.")
    pengaturan = pengaturan_untuk(evaluasi.pemda_id)
    kepada = _teks(kepada, "kepada", 200) or pengaturan.nama_bkpsdm[:200]
    laporan = LaporanBerjenjang.objects.create(
        pemda_id=evaluasi.pemda_id,
        evaluasi=evaluasi,
        dilaporkan_oleh=by,
        dilaporkan_pada=waktu.sekarang(evaluasi.pemda_id),
        kepada=kepada,
        catatan=_teks(catatan, "catatan"),
    )
    batas = jendela.batas_lapor(evaluasi.periode, pengaturan)
    tepat = hari_ini(evaluasi.pemda_id) <= batas
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="evaluasi_lapor_berjenjang",
        objek=evaluasi,
        by=by,
        alasan=f"{evaluasi.periode.label} kepada {kepada}",
        data={"laporan": laporan.pk, "batas_lapor": batas.isoformat(), "tepat_waktu": tepat},
    )
    return laporan


def lapor_berjenjang_banyak(*, evaluasi_list, by, kepada: str = "", catatan: str = ""):
    """Report several at once; each on its own (one refused does not undo the others).
    Returns (laporan list, [(evaluasi, reason)])."""
    berhasil, gagal = [], []
    for ev in evaluasi_list:
        try:
            berhasil.append(lapor_berjenjang(evaluasi=ev, by=by, kepada=kepada, catatan=catatan))
        except (ValidationError, PermissionDenied) as exc:
            pesan = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            gagal.append((ev, pesan))
    return berhasil, gagal


# ---- penghargaan ---------------------------------------------------------------------------------------------


@transaction.atomic
def catat_penghargaan(*, evaluasi: Evaluasi, jenis: str, keterangan: str = "", by) -> Penghargaan:
    pastikan_admin(by, evaluasi.pemda_id)
    evaluasi = kunci_evaluasi(evaluasi)
    if jenis not in JenisPenghargaan.values:
        raise ValidationError({"jenis": f"Jenis penghargaan: {', '.join(JenisPenghargaan.values)}."})
    keterangan = _teks(keterangan, "keterangan")
    if evaluasi.status not in DITANDATANGANI:
        raise ValidationError(
            "Penghargaan dicatat atas hasil evaluasi yang sudah ditandatangani pejabat penilai."
        )
    if _keberatan_terbuka(evaluasi):
        raise ValidationError("Keberatan atas hasil evaluasi ini sedang diproses; tunggu keputusannya.")
    if evaluasi.predikat == Predikat.BAIK and not keterangan:
        raise ValidationError(
            {
                "keterangan": "Penghargaan atas hasil evaluasi diprioritaskan bagi predikat Sangat Baik; "
                "untuk predikat Baik tuliskan alasannya."
            }
        )
    if evaluasi.predikat not in (Predikat.SANGAT_BAIK, Predikat.BAIK):
        label = evaluasi.get_predikat_display() or "belum ada"
        raise ValidationError(
            f"Penghargaan atas hasil evaluasi hanya bagi predikat Sangat Baik (atau Baik dengan alasan); "
            f"predikat Pegawai ini {label}."
        )
    if Penghargaan.objects.filter(evaluasi=evaluasi, jenis=jenis).exists():
        raise ValidationError("Penghargaan jenis ini sudah dicatat untuk hasil evaluasi ini.")
    p = Penghargaan.objects.create(
        pemda_id=evaluasi.pemda_id,
        evaluasi=evaluasi,
        pegawai_id=evaluasi.pegawai_id,
        jenis=jenis,
        keterangan=keterangan,
        dicatat_oleh=by,
        dicatat_pada=waktu.sekarang(evaluasi.pemda_id),
    )
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="evaluasi_penghargaan",
        objek=evaluasi,
        by=by,
        alasan=f"{p.get_jenis_display()} ({evaluasi.get_predikat_display()}, {evaluasi.periode.label})",
        data={"penghargaan": p.pk, "jenis": jenis, "predikat": evaluasi.predikat},
    )
    return p


# ---- sanksi --------------------------------------------------------------------------------------------------


def _aturan_sanksi(sanksi: Sanksi, pengaturan) -> dict:
    """The rule a sanction follows; a rule removed from the settings meanwhile still lets it be closed."""
    for aturan in pengaturan.sanksi_kinerja or []:
        if aturan.get("kode") == sanksi.aturan:
            return aturan
    return {"kode": sanksi.aturan, "uji_kompetensi": False, "hasil": list(HasilSanksi.values)}


def _kunci_sanksi(sanksi: Sanksi) -> Sanksi:
    return (
        Sanksi.objects.select_for_update(of=("self",))
        .select_related("evaluasi", "evaluasi__periode", "pegawai")
        .get(pk=sanksi.pk)
    )


@transaction.atomic
def mulai_sanksi(*, evaluasi: Evaluasi, aturan_kode: str = "", by, catatan: str = "") -> Sanksi:
    pastikan_admin(by, evaluasi.pemda_id)
    evaluasi = kunci_evaluasi(evaluasi)
    pengaturan = pengaturan_untuk(evaluasi.pemda_id)
    tanggal = hari_ini(evaluasi.pemda_id)
    catatan = _teks(catatan, "catatan")
    if not evaluasi.periode.tahunan:
        raise ValidationError("Sanksi ditetapkan atas hasil evaluasi kinerja tahunan.")
    if evaluasi.status not in DITANDATANGANI or not evaluasi.predikat:
        raise ValidationError("Hasil evaluasi tahunan ini belum ditandatangani pejabat penilai.")
    if _keberatan_terbuka(evaluasi):
        raise ValidationError("Keberatan atas hasil evaluasi ini sedang diproses; tunggu keputusannya.")
    if evaluasi.status == StatusEvaluasi.MENUNGGU_PEGAWAI and not evaluasi.final:
        batas = jendela.batas_keberatan(evaluasi, pengaturan)
        if batas and tanggal <= batas:
            raise ValidationError(
                f"Pegawai masih dapat mengajukan keberatan sampai {batas:%d-%m-%Y}; tetapkan sanksi setelahnya."
            )
    aturan_list = pengaturan.sanksi_kinerja or []
    if not aturan_list:
        if evaluasi.predikat in (Predikat.SANGAT_BAIK, Predikat.BAIK):
            raise ValidationError(f"Predikat {evaluasi.get_predikat_display()} tidak dikenai sanksi.")
        kode, dasar, bulan, tahap, hasil = (
            sanksi_sel.KODE_PERUNDANGAN,
            sanksi_sel.DASAR_PERUNDANGAN,
            0,
            TahapSanksi.SELESAI,
            HasilSanksi.LAINNYA,
        )
    else:
        aturan = next((a for a in aturan_list if a.get("kode") == aturan_kode), None)
        if aturan is None:
            raise ValidationError(
                {
                    "aturan": f"Aturan sanksi tidak dikenal. Aturan Pemda: {', '.join(a['kode'] for a in aturan_list)}."
                }
            )
        jenis_jabatan = sanksi_sel.jenis_jabatan_evaluasi([evaluasi]).get(evaluasi.pk, "")
        if not sanksi_sel.cocok(aturan, evaluasi=evaluasi, jenis_jabatan=jenis_jabatan):
            raise ValidationError(
                f"Hasil evaluasi Pegawai ini tidak memenuhi aturan '{aturan['nama']}' ({aturan['dasar']})."
            )
        kode, dasar, hasil = aturan["kode"], aturan["dasar"], ""
        bulan = int(aturan.get("bulan_perbaikan") or 0)
        tahap = TahapSanksi.PERBAIKAN
    if Sanksi.objects.filter(evaluasi=evaluasi, aturan=kode).exists():
        raise ValidationError("Sanksi menurut aturan ini sudah dicatat untuk hasil evaluasi ini.")
    try:
        with transaction.atomic():
            sanksi = Sanksi.objects.create(
                pemda_id=evaluasi.pemda_id,
                evaluasi=evaluasi,
                pegawai_id=evaluasi.pegawai_id,
                aturan=kode,
                dasar=dasar[:200],
                tahap=tahap,
                mulai=tanggal,
                batas_perbaikan=tambah_bulan(tanggal, bulan) if bulan else None,
                hasil=hasil,
                catatan=catatan,
                dicatat_oleh=by,
            )
    except IntegrityError:
        raise ValidationError("Sanksi menurut aturan ini sudah dicatat untuk hasil evaluasi ini.") from None
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="evaluasi_sanksi_mulai",
        objek=evaluasi,
        by=by,
        alasan=f"{dasar}: {evaluasi.get_predikat_display()} {evaluasi.periode.label}",
        data={"sanksi": sanksi.pk, "aturan": kode, "batas_perbaikan": str(sanksi.batas_perbaikan or "")},
    )
    return sanksi


@transaction.atomic
def catat_uji_kompetensi(*, sanksi: Sanksi, tanggal: datetime.date, by, catatan: str = "") -> Sanksi:
    pastikan_admin(by, sanksi.pemda_id)
    sanksi = _kunci_sanksi(sanksi)
    aturan = _aturan_sanksi(sanksi, pengaturan_untuk(sanksi.pemda_id))
    if not aturan.get("uji_kompetensi"):
        raise ValidationError("Aturan sanksi ini tidak memuat uji kompetensi.")
    if sanksi.tahap != TahapSanksi.PERBAIKAN:
        raise ValidationError(
            f"Uji kompetensi dicatat pada tahap kesempatan perbaikan; tahap kini: {sanksi.get_tahap_display()}."
        )
    if not isinstance(tanggal, datetime.date):
        raise ValidationError({"tanggal": "Tanggal uji kompetensi wajib diisi."})
    if sanksi.batas_perbaikan and tanggal < sanksi.batas_perbaikan:
        raise ValidationError(
            {
                "tanggal": f"Uji kompetensi dilakukan setelah kesempatan perbaikan berakhir ({sanksi.batas_perbaikan:%d-%m-%Y})."
            }
        )
    if tanggal > hari_ini(sanksi.pemda_id):
        raise ValidationError(
            {"tanggal": "Catat uji kompetensi yang sudah dilaksanakan (tanggal tidak boleh di masa depan)."}
        )
    sanksi.tahap = TahapSanksi.UJI_KOMPETENSI
    sanksi.uji_kompetensi_pada = tanggal
    catatan = _teks(catatan, "catatan")
    if catatan:
        sanksi.catatan = f"{sanksi.catatan}\n{catatan}".strip()
    sanksi.save()
    audit_record(
        pemda_id=sanksi.pemda_id,
        aksi="evaluasi_sanksi_uji_kompetensi",
        objek=sanksi.evaluasi,
        by=by,
        alasan=f"{sanksi.dasar}: uji kompetensi {tanggal:%d-%m-%Y}",
        data={"sanksi": sanksi.pk},
    )
    return sanksi


@transaction.atomic
def selesaikan_sanksi(*, sanksi: Sanksi, hasil: str, catatan: str = "", by) -> Sanksi:
    pastikan_admin(by, sanksi.pemda_id)
    sanksi = _kunci_sanksi(sanksi)
    aturan = _aturan_sanksi(sanksi, pengaturan_untuk(sanksi.pemda_id))
    tanggal = hari_ini(sanksi.pemda_id)
    catatan = _teks(catatan, "catatan")
    boleh = list(aturan.get("hasil") or HasilSanksi.values)
    label = {v: lbl for v, lbl in HasilSanksi.choices}
    if hasil not in boleh:
        raise ValidationError(
            {"hasil": "Hasil menurut aturan ini: " + "; ".join(label.get(h, h) for h in boleh) + "."}
        )
    if sanksi.tahap == TahapSanksi.SELESAI:
        # Bogor Pasal 34: a temporary post (at most a year) is followed by the final outcome.
        if sanksi.hasil != HasilSanksi.JABATAN_SEMENTARA or hasil == HasilSanksi.JABATAN_SEMENTARA:
            raise ValidationError("Sanksi ini sudah selesai.")
    else:
        if sanksi.batas_perbaikan and tanggal < sanksi.batas_perbaikan:
            raise ValidationError(
                f"Kesempatan memperbaiki kinerja berlangsung sampai {sanksi.batas_perbaikan:%d-%m-%Y}."
            )
        if (
            hasil != HasilSanksi.MEMBAIK
            and aturan.get("uji_kompetensi")
            and sanksi.tahap != TahapSanksi.UJI_KOMPETENSI
        ):
            raise ValidationError("Catat uji kompetensi terlebih dahulu; hasil ini ditetapkan setelahnya.")
    semula = sanksi.hasil
    sanksi.hasil = hasil
    sanksi.tahap = TahapSanksi.SELESAI
    baris = f"{tanggal:%d-%m-%Y}: {label.get(hasil, hasil)}" + (f". {catatan}" if catatan else "")
    sanksi.catatan = f"{sanksi.catatan}\n{baris}".strip()
    sanksi.save()
    audit_record(
        pemda_id=sanksi.pemda_id,
        aksi="evaluasi_sanksi_selesai",
        objek=sanksi.evaluasi,
        by=by,
        alasan=f"{sanksi.dasar}: {label.get(hasil, hasil)}",
        data={"sanksi": sanksi.pk, "hasil": hasil, "semula": semula},
    )
    return sanksi
