"""Rating and signing an evaluation (Sumedang lampiran Tahap Ketiga; Tindak Lanjut angka 4-9).

- `nilai`: the evaluator sets the hasil kerja and perilaku ratings (the suggestion is kept beside them, never
  forced); the predikat follows from the kuadran (kuadran.predikat), except a Pegawai on tugas belajar who did
  not finish: Kurang or Sangat Kurang by her perilaku.
- `tandatangani_evaluator`: the evaluator issues the hasil evaluasi (C.1.x, her signature) and the dokumen
  evaluasi (D.1.1, or D.1.2 when the Atasan Penilai acts after the window) and signs both with one password;
  the Pegawai receives it at once (a notice).
- `tandatangani_pegawai`: the Pegawai signs and returns it; the evaluation is done.
- `pakai_hasil_sebelumnya`: after a move, the new Penilai and the Pegawai may agree to use her previous
  period's result (lampiran Evaluasi Kinerja angka 13 huruf a).
Each checks who may act, locks the row, records an audit event and runs in one transaction.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dokumen import services as dokumen_services
from kinerja.services.audit import audit_record
from skp import waktu
from skp.models import JenisPemberitahuan

from .. import documents, jendela, kuadran
from ..models import (
    Evaluasi,
    Jenjang,
    Kelulusan,
    LokasiStudi,
    Rating,
    StatusEvaluasi,
)
from ..permissions import ATASAN, PENILAI, adalah_pegawai, peran_evaluator
from ..selectors.bahan import bahan
from ..selectors.capaian import capaian_untuk
from ._umum import beritahu, hari_ini, kunci_evaluasi, pengaturan_untuk, sama_pemda


def _teks(nilai, field) -> str:
    nilai = (nilai or "").strip() if isinstance(nilai, str) or nilai is None else str(nilai)
    if "\x00" in nilai:
        raise ValidationError({field: "Teks memuat karakter NUL yang tidak sah."})
    return nilai


def _rating(nilai, field, label) -> str:
    nilai = (nilai or "").strip()
    if nilai not in Rating.values:
        raise ValidationError({field: f"{label} wajib dipilih: {', '.join(Rating.values)}."})
    return nilai


def _peta_teks(nilai, field) -> dict:
    if nilai in (None, ""):
        return {}
    if not isinstance(nilai, dict):
        raise ValidationError({field: "Harus berupa objek {kunci: teks}."})
    return {str(k): _teks(v, field) for k, v in nilai.items() if _teks(v, field)}


def pastikan_evaluator(evaluasi: Evaluasi, by, pengaturan, tanggal) -> str:
    sama_pemda(by, evaluasi.pemda_id)
    if evaluasi.status == StatusEvaluasi.DIKECUALIKAN:
        raise ValidationError(
            f"Pegawai dikecualikan dari evaluasi periode ini: {evaluasi.alasan_pengecualian}"
        )
    if evaluasi.status not in (StatusEvaluasi.BELUM_DINILAI, StatusEvaluasi.DINILAI):
        raise ValidationError("Evaluasi ini sudah ditandatangani dan tidak dapat diubah.")
    peran = peran_evaluator(by, evaluasi, pengaturan=pengaturan, tanggal=tanggal)
    if peran is None:
        batas = jendela.batas_evaluasi(evaluasi.periode, pengaturan)
        if tanggal > batas:
            raise PermissionDenied(
                f"Jangka waktu evaluasi berakhir {batas:%d-%m-%Y}; evaluasi kini dilakukan dan ditandatangani "
                "atasan Pejabat Penilai Kinerja (Format D.1.2)."
            )
        raise PermissionDenied(
            "Hanya Pejabat Penilai Kinerja Pegawai ini yang dapat menilai sampai "
            f"{batas:%d-%m-%Y}; atasan Penilai menilai setelah tanggal itu bila Penilai belum menandatangani."
        )
    return peran


@transaction.atomic
def nilai(
    *,
    evaluasi: Evaluasi,
    by,
    rating_hasil: str,
    rating_perilaku: str,
    catatan_rekomendasi: str = "",
    catatan_hasil: dict | None = None,
    catatan_perilaku: dict | None = None,
    ipk=None,
    jenjang: str = "",
    lokasi_studi: str = "",
    akreditasi_institusi: str = "",
    kelulusan: str = "",
) -> Evaluasi:
    evaluasi = kunci_evaluasi(evaluasi)
    pengaturan = pengaturan_untuk(evaluasi.pemda_id)
    tanggal = hari_ini(evaluasi.pemda_id)
    peran = pastikan_evaluator(evaluasi, by, pengaturan, tanggal)
    rating_hasil = _rating(rating_hasil, "rating_hasil", "Rating hasil kerja")
    rating_perilaku = _rating(rating_perilaku, "rating_perilaku", "Rating perilaku kerja")
    if evaluasi.tugas_belajar:
        _isi_tugas_belajar(evaluasi, ipk, jenjang, lokasi_studi, akreditasi_institusi, kelulusan)
    evaluasi.rating_hasil, evaluasi.rating_perilaku = rating_hasil, rating_perilaku
    if evaluasi.tugas_belajar and evaluasi.kelulusan == Kelulusan.TIDAK_LULUS:
        evaluasi.predikat = kuadran.predikat_tugas_belajar_tidak_lulus(rating_perilaku)
    else:
        evaluasi.predikat = kuadran.predikat(rating_hasil, rating_perilaku)
    evaluasi.catatan_rekomendasi = _teks(catatan_rekomendasi, "catatan_rekomendasi")
    evaluasi.catatan_hasil = _peta_teks(catatan_hasil, "catatan_hasil")
    evaluasi.catatan_perilaku = _peta_teks(catatan_perilaku, "catatan_perilaku")
    evaluasi.saran_hasil = bahan(evaluasi).saran
    evaluasi.oleh_atasan = peran == ATASAN
    evaluasi.status = StatusEvaluasi.DINILAI
    evaluasi.dinilai_oleh, evaluasi.dinilai_pada = by, waktu.sekarang(evaluasi.pemda_id)
    evaluasi.save()
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="evaluasi_nilai",
        objek=evaluasi,
        by=by,
        alasan=f"{evaluasi.periode.label}: {evaluasi.get_predikat_display()}",
        data={
            "peran": peran,
            "rating_hasil": rating_hasil,
            "rating_perilaku": rating_perilaku,
            "predikat": evaluasi.predikat,
            "saran_hasil": evaluasi.saran_hasil,
        },
    )
    return evaluasi


def _isi_tugas_belajar(evaluasi, ipk, jenjang, lokasi_studi, akreditasi_institusi, kelulusan):
    from decimal import Decimal, InvalidOperation

    from .. import ipk as ipk_mod

    if ipk in (None, ""):
        evaluasi.ipk = None
    else:
        try:
            evaluasi.ipk = Decimal(str(ipk).replace(",", ".")).quantize(Decimal("0.01"))
        except InvalidOperation:
            raise ValidationError({"ipk": "IPK harus angka, mis. 3,45."}) from None
    evaluasi.jenjang = (jenjang or "").strip()
    evaluasi.lokasi_studi = (lokasi_studi or "").strip()
    evaluasi.akreditasi_institusi = (akreditasi_institusi or "").strip().upper()
    evaluasi.kelulusan = (kelulusan or "").strip() or Kelulusan.BELUM
    if evaluasi.kelulusan not in Kelulusan.values:
        raise ValidationError({"kelulusan": "Status kelulusan tidak dikenal."})
    if evaluasi.ipk is not None:
        if evaluasi.jenjang not in Jenjang.values:
            raise ValidationError({"jenjang": "Pilih jenjang studi."})
        if evaluasi.lokasi_studi not in LokasiStudi.values:
            raise ValidationError({"lokasi_studi": "Pilih lokasi studi."})
        try:
            ipk_mod.kategori_ipk(
                evaluasi.ipk, evaluasi.jenjang, evaluasi.lokasi_studi, evaluasi.akreditasi_institusi
            )
        except ValueError as exc:
            raise ValidationError({"ipk": str(exc)}) from None


def _akun(pegawai_id):
    from kinerja.models import User

    user = User.objects.filter(pegawai_id=pegawai_id, is_active=True).first()
    if user is None:
        raise ValidationError(
            "Pegawai ini belum memiliki akun aktif untuk menerima dan menandatangani dokumen."
        )
    return user


@transaction.atomic
def tandatangani_evaluator(*, evaluasi: Evaluasi, by, password: str) -> Evaluasi:
    evaluasi = kunci_evaluasi(evaluasi)
    pengaturan = pengaturan_untuk(evaluasi.pemda_id)
    tanggal = hari_ini(evaluasi.pemda_id)
    peran = pastikan_evaluator(evaluasi, by, pengaturan, tanggal)
    if evaluasi.status != StatusEvaluasi.DINILAI or not evaluasi.predikat:
        raise ValidationError("Isi rating hasil kerja dan perilaku kerja terlebih dahulu.")
    if (peran == ATASAN) != evaluasi.oleh_atasan:
        raise ValidationError(
            "Rating diisi oleh pejabat lain; simpan ulang rating Anda sebelum menandatangani."
        )
    capaian = capaian_untuk(evaluasi, pengaturan=pengaturan, tanggal=tanggal)
    if not capaian.predikat:
        raise ValidationError(f"Capaian kinerja organisasi belum ada: {capaian.keterangan}")
    evaluasi.capaian_organisasi = capaian.predikat
    evaluasi.capaian_keterangan = capaian.keterangan[:300]
    evaluasi.final = peran == ATASAN or evaluasi.penilai_kepala_daerah
    evaluasi.save(update_fields=["capaian_organisasi", "capaian_keterangan", "final", "diubah_pada"])
    pegawai_user = _akun(evaluasi.pegawai_id)
    hasil = documents.terbitkan_hasil(evaluasi, by=by)
    dok = documents.terbitkan_dokumen(evaluasi, by=by, pegawai_user=pegawai_user)
    dokumen_services.tanda_tangani_semua(dokumen=[hasil, dok], user=by, password=password, by=by)
    evaluasi.ditandatangani_penilai_pada = waktu.sekarang(evaluasi.pemda_id)
    evaluasi.status = StatusEvaluasi.MENUNGGU_PEGAWAI
    evaluasi.save(update_fields=["ditandatangani_penilai_pada", "status", "diubah_pada"])
    batas = jendela.batas_pegawai(evaluasi, pengaturan)
    beritahu(
        pemda_id=evaluasi.pemda_id,
        pegawai_ids=[evaluasi.pegawai_id],
        jenis=JenisPemberitahuan.EVALUASI,
        skp_id=evaluasi.skp_id,
        pesan=f"Dokumen evaluasi kinerja {evaluasi.periode.label} ({dok.format_kode}) telah ditandatangani "
        f"{'atasan Penilai' if peran == ATASAN else 'Pejabat Penilai Kinerja'}: predikat "
        f"{evaluasi.get_predikat_display()}. Tandatangani dan kembalikan paling lambat {batas:%d-%m-%Y}."
        + (
            ""
            if evaluasi.final
            else " Anda dapat mengajukan keberatan paling lambat "
            f"{jendela.batas_keberatan(evaluasi, pengaturan):%d-%m-%Y}."
        ),
    )
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="evaluasi_tandatangani_penilai",
        objek=evaluasi,
        by=by,
        alasan=f"{dok.format_kode} {evaluasi.periode.label}",
        data={
            "peran": peran,
            "dokumen": [hasil.pk, dok.pk],
            "terlambat": tanggal
            > (
                jendela.batas_atasan(evaluasi.periode, pengaturan)
                if peran == ATASAN
                else jendela.batas_evaluasi(evaluasi.periode, pengaturan)
            ),
        },
    )
    return evaluasi


@transaction.atomic
def tandatangani_pegawai(*, evaluasi: Evaluasi, by, password: str) -> Evaluasi:
    evaluasi = kunci_evaluasi(evaluasi)
    sama_pemda(by, evaluasi.pemda_id)
    if not adalah_pegawai(by, evaluasi):
        raise PermissionDenied("Hanya Pegawai yang dinilai yang menandatangani dokumen evaluasinya.")
    if evaluasi.status != StatusEvaluasi.MENUNGGU_PEGAWAI:
        raise ValidationError("Dokumen evaluasi belum ditandatangani penilai atau sudah Anda tandatangani.")
    dok = documents.dokumen_evaluasi(evaluasi)
    if dok is None:
        raise ValidationError("Dokumen evaluasi tidak ditemukan.")
    dokumen_services.tanda_tangani(dokumen=dok, user=by, password=password, by=by)
    pengaturan = pengaturan_untuk(evaluasi.pemda_id)
    tanggal = hari_ini(evaluasi.pemda_id)
    evaluasi.ditandatangani_pegawai_pada = waktu.sekarang(evaluasi.pemda_id)
    evaluasi.status = StatusEvaluasi.SELESAI
    evaluasi.save(update_fields=["ditandatangani_pegawai_pada", "status", "diubah_pada"])
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="evaluasi_tandatangani_pegawai",
        objek=evaluasi,
        by=by,
        alasan=f"{dok.format_kode} {evaluasi.periode.label}",
        data={"terlambat": tanggal > jendela.batas_pegawai(evaluasi, pengaturan)},
    )
    return evaluasi


@transaction.atomic
def pakai_hasil_sebelumnya(*, evaluasi: Evaluasi, sumber: Evaluasi, by) -> Evaluasi:
    """Lampiran angka 13 huruf a: the ratings of the Pegawai's previous periodic evaluation (at her old unit)
    are used, as the new Penilai and the Pegawai agreed; the Penilai then signs as usual."""
    evaluasi = kunci_evaluasi(evaluasi)
    pengaturan = pengaturan_untuk(evaluasi.pemda_id)
    tanggal = hari_ini(evaluasi.pemda_id)
    peran = pastikan_evaluator(evaluasi, by, pengaturan, tanggal)
    if peran != PENILAI:
        raise PermissionDenied("Hanya Pejabat Penilai Kinerja yang baru yang dapat memakai hasil sebelumnya.")
    if (
        sumber.pemda_id != evaluasi.pemda_id
        or sumber.pegawai_id != evaluasi.pegawai_id
        or sumber.periode.jenis != evaluasi.periode.jenis
        or sumber.periode.selesai >= evaluasi.periode.selesai
        or sumber.status != StatusEvaluasi.SELESAI
    ):
        raise ValidationError(
            "Hasil sebelumnya harus evaluasi periodik Pegawai ini yang sudah selesai, periode sebelumnya."
        )
    if evaluasi.periode.tahunan:
        raise ValidationError(
            "Evaluasi tahunan dilakukan Penilai baru atas capaian unit baru (angka 13 huruf b)."
        )
    evaluasi.rating_hasil, evaluasi.rating_perilaku = sumber.rating_hasil, sumber.rating_perilaku
    evaluasi.predikat = sumber.predikat
    evaluasi.dari_evaluasi = sumber
    evaluasi.catatan_rekomendasi = (
        f"Memakai hasil evaluasi {sumber.periode.label} pada unit lama sesuai kesepakatan Pejabat Penilai Kinerja "
        "dan Pegawai (mutasi; lampiran Evaluasi Kinerja angka 13 huruf a)."
    )
    evaluasi.status = StatusEvaluasi.DINILAI
    evaluasi.oleh_atasan = False
    evaluasi.dinilai_oleh, evaluasi.dinilai_pada = by, waktu.sekarang(evaluasi.pemda_id)
    evaluasi.save()
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="evaluasi_pakai_hasil_sebelumnya",
        objek=evaluasi,
        by=by,
        data={"sumber": sumber.pk},
    )
    return evaluasi
