"""Keberatan atas hasil evaluasi kinerja (Sumedang lampiran Tindak Lanjut "KEBERATAN" angka 1-7; Pasal 27).

- `ajukan_keberatan`: the Pegawai, once she received the signed document (D.1.1), files her objection with
  reasons to the Atasan Penilai within `jendela.batas_keberatan` working days (angka 1-2). A final result
  (D.1.2 signed by the Atasan Penilai; a JPT / pimpinan unit kerja mandiri evaluated by the Kepala Daerah:
  lampiran Evaluasi Kinerja angka 11-12) cannot be objected to. One keberatan per evaluation.
- The examination (angka 3-4): the Atasan Penilai asks the Penilai for an explanation (`minta_penjelasan`,
  answered by `beri_penjelasan`) and the Pegawai for more (`minta_keterangan`, `beri_keterangan`). A later
  answer is appended to the earlier one with its date: nothing said is lost. The questions and answers are in
  the audit trail of the Keberatan (the page's timeline reads it).
- `putuskan` (angka 5-7): the Atasan Penilai confirms (`kuatkan`: nothing else changes) or changes (`ubah`:
  new ratings, the predikat from the kuadran, a new recommendation; the Evaluasi carries the new result, the
  Keberatan keeps the old one; Format D.1.3 is issued and signed by the Atasan at once, then by the Penilai
  and the Pegawai: `tandatangani_keberatan`). The D.1.1 stays as it was signed (a different format on the
  same Evaluasi).

Choices (the text is silent):
- Decision window (angka 6: 7 working days from filing, `jendela.batas_putus_keberatan`): a late decision is
  still taken, as the Pegawai is owed one, and is recorded `terlambat` in the audit data (the compliance view
  of issue 6 flags it).
- Angka 4 requires asking the Penilai. The Atasan may decide once the Penilai explained, or, when she asked
  and the Penilai did not answer, from the last day of the decision window on (the Penilai had the whole
  window); the D.1.3 then says that the explanation was asked on that day and not given.
- After the Pegawai signs D.1.3 the evaluation is done (`selesai`) even if she had not signed the D.1.1: the
  D.1.3 is the document in force.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from dokumen import services as dokumen_services
from dokumen.models import StatusDokumen
from kinerja.models import User
from kinerja.services.audit import audit_record
from skp import waktu
from skp.models import JenisPemberitahuan

from .. import documents, jendela, kuadran
from ..models import Evaluasi, Keberatan, Kelulusan, Rating, StatusEvaluasi, StatusKeberatan
from ..permissions import adalah_atasan, adalah_pegawai, adalah_penilai
from ._umum import beritahu, hari_ini, kunci_evaluasi, pengaturan_untuk, sama_pemda

KUATKAN = "kuatkan"
UBAH = "ubah"
KEPUTUSAN = {KUATKAN: "Menguatkan hasil evaluasi", UBAH: "Mengubah hasil evaluasi"}
BATAS_TEKS = 10000

FINAL = (
    "Hasil evaluasi ini bersifat final dan tidak dapat diajukan keberatan: {sebab} "
    "(lampiran Evaluasi Kinerja angka 11-12)."
)


def _teks(nilai, field, label, *, wajib=True) -> str:
    nilai = (nilai or "").strip() if isinstance(nilai, str) or nilai is None else str(nilai).strip()
    if "\x00" in nilai:
        raise ValidationError({field: "Teks memuat karakter NUL yang tidak sah."})
    if wajib and not nilai:
        raise ValidationError({field: f"{label} wajib diisi."})
    if len(nilai) > BATAS_TEKS:
        raise ValidationError({field: f"{label} paling banyak {BATAS_TEKS} karakter."})
    return nilai


def _tambahkan(lama: str, baru: str, tanggal) -> str:
    """A later answer goes under the earlier one, dated; the earlier words stay."""
    if not lama:
        return baru
    return f"{lama}\n\n[Tambahan {tanggal:%d-%m-%Y}] {baru}"


def _kunci(keberatan: Keberatan) -> tuple[Keberatan, Evaluasi]:
    """Lock the Evaluasi first (every change to an evaluation takes its lock), then the Keberatan."""
    evaluasi = kunci_evaluasi(keberatan.evaluasi)
    keberatan = Keberatan.objects.select_for_update(of=("self",)).get(pk=keberatan.pk)
    keberatan.evaluasi = evaluasi
    return keberatan, evaluasi


def _pastikan_terbuka(keberatan: Keberatan):
    if not keberatan.terbuka:
        raise ValidationError(
            f"Keberatan ini sudah diputus ({keberatan.get_status_display()}); tidak dapat diubah lagi."
        )


def _pastikan_atasan(keberatan: Keberatan, by):
    sama_pemda(by, keberatan.pemda_id)
    if not adalah_atasan(by, keberatan.evaluasi):
        raise PermissionDenied(
            "Hanya atasan Pejabat Penilai Kinerja yang memeriksa dan memutus keberatan ini."
        )


def _atasan_ids(evaluasi: Evaluasi) -> list:
    """The Pegawai ids to notify as the Atasan Penilai (the Kepala Daerah's account, if she has a Pegawai)."""
    if evaluasi.atasan_penilai_kepala_daerah:
        return list(
            User.objects.filter(pemda_id=evaluasi.pemda_id, is_kepala_daerah=True, is_active=True)
            .exclude(pegawai_id=None)
            .values_list("pegawai_id", flat=True)
        )
    return [evaluasi.atasan_penilai_id]


def _akun_pegawai(pegawai_id, peran: str) -> User:
    user = User.objects.filter(pegawai_id=pegawai_id, is_active=True).first()
    if user is None:
        raise ValidationError(f"{peran} belum memiliki akun aktif untuk menandatangani Format D.1.3.")
    return user


def _kabari(evaluasi: Evaluasi, pegawai_ids, pesan: str):
    beritahu(
        pemda_id=evaluasi.pemda_id,
        pegawai_ids=pegawai_ids,
        jenis=JenisPemberitahuan.KEBERATAN,
        skp_id=evaluasi.skp_id,
        pesan=pesan,
    )


def sebab_final(evaluasi: Evaluasi) -> str:
    if evaluasi.oleh_atasan:
        return "dievaluasi dan ditandatangani atasan Pejabat Penilai Kinerja (Format D.1.2)"
    if evaluasi.penilai_kepala_daerah:
        return "dievaluasi oleh Kepala Daerah"
    return "ditetapkan final"


def boleh_diajukan(evaluasi: Evaluasi, pengaturan, tanggal) -> tuple[bool, str]:
    """Whether the Pegawai may still file a keberatan on `tanggal`, and why not (for the pages)."""
    if evaluasi.status not in (StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI):
        return False, "Keberatan dapat diajukan setelah dokumen evaluasi ditandatangani dan Anda terima."
    if evaluasi.final:
        return False, FINAL.format(sebab=sebab_final(evaluasi))
    batas = jendela.batas_keberatan(evaluasi, pengaturan)
    if tanggal > batas:
        return False, (
            f"Jangka waktu pengajuan keberatan berakhir {batas:%d-%m-%Y} ({pengaturan.hari_kerja_ajukan_keberatan} "
            "hari kerja sejak dokumen evaluasi diterima; lampiran Keberatan angka 2). Keberatan tidak dapat "
            "diajukan lagi."
        )
    if not evaluasi.atasan_penilai_id and not evaluasi.atasan_penilai_kepala_daerah:
        return (
            False,
            "Evaluasi ini tidak mempunyai atasan Pejabat Penilai Kinerja yang dapat memeriksa keberatan.",
        )
    return True, ""


@transaction.atomic
def ajukan_keberatan(*, evaluasi: Evaluasi, by, alasan: str) -> Keberatan:
    evaluasi = kunci_evaluasi(evaluasi)
    sama_pemda(by, evaluasi.pemda_id)
    if not adalah_pegawai(by, evaluasi):
        raise PermissionDenied(
            "Hanya Pegawai yang dinilai yang dapat mengajukan keberatan atas hasil evaluasinya."
        )
    if Keberatan.objects.filter(evaluasi=evaluasi).exists():
        raise ValidationError(
            "Keberatan atas evaluasi ini sudah diajukan; keberatan hanya dapat diajukan sekali."
        )
    pengaturan = pengaturan_untuk(evaluasi.pemda_id)
    tanggal = hari_ini(evaluasi.pemda_id)
    boleh, sebab = boleh_diajukan(evaluasi, pengaturan, tanggal)
    if not boleh:
        raise ValidationError(sebab)
    alasan = _teks(alasan, "alasan", "Alasan keberatan")
    keberatan = Keberatan.objects.create(
        pemda_id=evaluasi.pemda_id,
        evaluasi=evaluasi,
        alasan=alasan,
        diajukan_oleh=by,
        diajukan_pada=waktu.sekarang(evaluasi.pemda_id),
        predikat_semula=evaluasi.predikat,
        rating_hasil_semula=evaluasi.rating_hasil,
        rating_perilaku_semula=evaluasi.rating_perilaku,
    )
    batas_putus = jendela.batas_putus_keberatan(keberatan, pengaturan)
    nama = evaluasi.pegawai.nama_lengkap
    _kabari(
        evaluasi,
        _atasan_ids(evaluasi),
        f"{nama} mengajukan keberatan atas hasil evaluasi kinerja {evaluasi.periode.label} (predikat "
        f"{evaluasi.get_predikat_display()}). Periksa dengan meminta penjelasan Pejabat Penilai Kinerja dan "
        f"Pegawai, lalu putuskan paling lambat {batas_putus:%d-%m-%Y}.",
    )
    _kabari(
        evaluasi,
        [evaluasi.penilai_id],
        f"{nama} mengajukan keberatan atas hasil evaluasi kinerja {evaluasi.periode.label} yang Anda "
        "tandatangani; atasan Anda akan meminta penjelasan Anda.",
    )
    audit_record(
        pemda_id=evaluasi.pemda_id,
        aksi="keberatan_ajukan",
        objek=keberatan,
        by=by,
        alasan=alasan,
        data={
            "evaluasi": evaluasi.pk,
            "predikat_semula": evaluasi.predikat,
            "batas_keberatan": jendela.batas_keberatan(evaluasi, pengaturan).isoformat(),
            "batas_putus": batas_putus.isoformat(),
        },
    )
    return keberatan


@transaction.atomic
def minta_penjelasan(*, keberatan: Keberatan, by, pertanyaan: str = "") -> Keberatan:
    keberatan, evaluasi = _kunci(keberatan)
    _pastikan_atasan(keberatan, by)
    _pastikan_terbuka(keberatan)
    pertanyaan = _teks(pertanyaan, "pertanyaan", "Pertanyaan", wajib=False)
    keberatan.penjelasan_diminta_pada = waktu.sekarang(evaluasi.pemda_id)
    keberatan.status = StatusKeberatan.DIPERIKSA
    keberatan.save(update_fields=["penjelasan_diminta_pada", "status"])
    _kabari(
        evaluasi,
        [evaluasi.penilai_id],
        f"Atasan Anda meminta penjelasan atas keberatan {evaluasi.pegawai.nama_lengkap} terhadap hasil "
        f"evaluasi {evaluasi.periode.label}." + (f" Pertanyaan: {pertanyaan}" if pertanyaan else ""),
    )
    audit_record(
        pemda_id=keberatan.pemda_id,
        aksi="keberatan_minta_penjelasan",
        objek=keberatan,
        by=by,
        alasan=pertanyaan,
    )
    return keberatan


@transaction.atomic
def beri_penjelasan(*, keberatan: Keberatan, by, teks: str) -> Keberatan:
    keberatan, evaluasi = _kunci(keberatan)
    sama_pemda(by, keberatan.pemda_id)
    if not adalah_penilai(by, evaluasi):
        raise PermissionDenied(
            "Penjelasan atas keberatan diberikan oleh Pejabat Penilai Kinerja Pegawai ini."
        )
    _pastikan_terbuka(keberatan)
    teks = _teks(teks, "teks", "Penjelasan")
    tanggal = hari_ini(keberatan.pemda_id)
    keberatan.penjelasan_penilai = _tambahkan(keberatan.penjelasan_penilai, teks, tanggal)
    keberatan.penjelasan_pada = waktu.sekarang(evaluasi.pemda_id)
    keberatan.status = StatusKeberatan.DIPERIKSA
    keberatan.save(update_fields=["penjelasan_penilai", "penjelasan_pada", "status"])
    _kabari(
        evaluasi,
        _atasan_ids(evaluasi),
        f"Pejabat Penilai Kinerja memberikan penjelasan atas keberatan {evaluasi.pegawai.nama_lengkap} "
        f"({evaluasi.periode.label}).",
    )
    audit_record(
        pemda_id=keberatan.pemda_id, aksi="keberatan_beri_penjelasan", objek=keberatan, by=by, alasan=teks
    )
    return keberatan


@transaction.atomic
def minta_keterangan(*, keberatan: Keberatan, by, permintaan: str) -> Keberatan:
    keberatan, evaluasi = _kunci(keberatan)
    _pastikan_atasan(keberatan, by)
    _pastikan_terbuka(keberatan)
    permintaan = _teks(permintaan, "permintaan", "Yang ditanyakan kepada Pegawai")
    tanggal = hari_ini(keberatan.pemda_id)
    keberatan.permintaan_pegawai = _tambahkan(keberatan.permintaan_pegawai, permintaan, tanggal)
    keberatan.status = StatusKeberatan.DIPERIKSA
    keberatan.save(update_fields=["permintaan_pegawai", "status"])
    _kabari(
        evaluasi,
        [evaluasi.pegawai_id],
        f"Atasan Pejabat Penilai Kinerja meminta keterangan atas keberatan Anda ({evaluasi.periode.label}): "
        f"{permintaan}",
    )
    audit_record(
        pemda_id=keberatan.pemda_id,
        aksi="keberatan_minta_keterangan",
        objek=keberatan,
        by=by,
        alasan=permintaan,
    )
    return keberatan


@transaction.atomic
def beri_keterangan(*, keberatan: Keberatan, by, teks: str) -> Keberatan:
    keberatan, evaluasi = _kunci(keberatan)
    sama_pemda(by, keberatan.pemda_id)
    if not adalah_pegawai(by, evaluasi):
        raise PermissionDenied("Keterangan tambahan diberikan oleh Pegawai yang mengajukan keberatan.")
    _pastikan_terbuka(keberatan)
    teks = _teks(teks, "teks", "Keterangan")
    tanggal = hari_ini(keberatan.pemda_id)
    keberatan.keterangan_pegawai = _tambahkan(keberatan.keterangan_pegawai, teks, tanggal)
    keberatan.keterangan_pada = waktu.sekarang(evaluasi.pemda_id)
    keberatan.save(update_fields=["keterangan_pegawai", "keterangan_pada"])
    _kabari(
        evaluasi,
        _atasan_ids(evaluasi),
        f"{evaluasi.pegawai.nama_lengkap} memberikan keterangan atas keberatannya ({evaluasi.periode.label}).",
    )
    audit_record(
        pemda_id=keberatan.pemda_id, aksi="keberatan_beri_keterangan", objek=keberatan, by=by, alasan=teks
    )
    return keberatan


def _rating(nilai, field, label) -> str:
    nilai = (nilai or "").strip()
    if nilai not in Rating.values:
        raise ValidationError({field: f"{label} wajib dipilih: {', '.join(Rating.values)}."})
    return nilai


def predikat_baru(evaluasi: Evaluasi, rating_hasil: str, rating_perilaku: str) -> str:
    """The predikat of new ratings, as `penilaian.nilai` computes it (kuadran; tugas belajar not finished)."""
    if evaluasi.tugas_belajar and evaluasi.kelulusan == Kelulusan.TIDAK_LULUS:
        return kuadran.predikat_tugas_belajar_tidak_lulus(rating_perilaku)
    return kuadran.predikat(rating_hasil, rating_perilaku)


def penjelasan_cukup(keberatan: Keberatan, pengaturan, tanggal) -> tuple[bool, str]:
    """Angka 4: the Penilai's explanation was given, or asked and not given by the decision deadline."""
    if keberatan.penjelasan_penilai:
        return True, ""
    if keberatan.penjelasan_diminta_pada is None:
        return False, (
            "Mintalah penjelasan Pejabat Penilai Kinerja terlebih dahulu (pemeriksaan keberatan meminta "
            "penjelasan Pejabat Penilai Kinerja dan Pegawai; lampiran Keberatan angka 4)."
        )
    batas = jendela.batas_putus_keberatan(keberatan, pengaturan)
    if tanggal < batas:
        return False, (
            "Pejabat Penilai Kinerja belum memberikan penjelasan. Keputusan tanpa penjelasannya baru dapat "
            f"ditetapkan pada batas waktu keputusan, {batas:%d-%m-%Y}."
        )
    return True, ""


@transaction.atomic
def putuskan(
    *,
    keberatan: Keberatan,
    by,
    keputusan: str,
    alasan: str,
    rekomendasi: str = "",
    rating_hasil_baru: str = "",
    rating_perilaku_baru: str = "",
    password: str = "",
) -> Keberatan:
    """`alasan` is the decision's text (Keberatan.keputusan, D.1.3 row 8); `password` signs D.1.3 (`ubah`)."""
    keberatan, evaluasi = _kunci(keberatan)
    _pastikan_atasan(keberatan, by)
    _pastikan_terbuka(keberatan)
    if keputusan not in KEPUTUSAN:
        raise ValidationError({"keputusan": "Pilih keputusan: menguatkan atau mengubah hasil evaluasi."})
    pengaturan = pengaturan_untuk(keberatan.pemda_id)
    tanggal = hari_ini(keberatan.pemda_id)
    cukup, sebab = penjelasan_cukup(keberatan, pengaturan, tanggal)
    if not cukup:
        raise ValidationError(sebab)
    alasan = _teks(alasan, "alasan", "Pertimbangan keputusan")
    rekomendasi = _teks(rekomendasi, "rekomendasi", "Rekomendasi baru", wajib=keputusan == UBAH)
    batas = jendela.batas_putus_keberatan(keberatan, pengaturan)
    terlambat = tanggal > batas
    if not keberatan.penjelasan_penilai:
        keberatan.penjelasan_penilai = (
            "Penjelasan telah diminta pada "
            f"{timezone.localdate(keberatan.penjelasan_diminta_pada):%d-%m-%Y} dan tidak diberikan sampai "
            f"batas waktu keputusan {batas:%d-%m-%Y}."
        )
    keberatan.keputusan = alasan
    keberatan.rekomendasi = rekomendasi
    keberatan.diputus_oleh, keberatan.diputus_pada = by, waktu.sekarang(evaluasi.pemda_id)
    data = {"keputusan": keputusan, "batas_putus": batas.isoformat(), "terlambat": terlambat}
    if keputusan == KUATKAN:
        keberatan.status = StatusKeberatan.DIKUATKAN
        keberatan.save()
        pesan = (
            f"Keberatan atas hasil evaluasi {evaluasi.periode.label} diputus: hasil evaluasi dikuatkan "
            f"(predikat {evaluasi.get_predikat_display()})."
        )
    else:
        hasil = _rating(rating_hasil_baru, "rating_hasil_baru", "Rating hasil kerja baru")
        perilaku = _rating(rating_perilaku_baru, "rating_perilaku_baru", "Rating perilaku kerja baru")
        if (hasil, perilaku) == (keberatan.rating_hasil_semula, keberatan.rating_perilaku_semula):
            raise ValidationError(
                "Rating baru sama dengan semula; pilih 'menguatkan' bila hasil evaluasi tidak diubah."
            )
        baru = predikat_baru(evaluasi, hasil, perilaku)
        keberatan.rating_hasil_baru, keberatan.rating_perilaku_baru = hasil, perilaku
        keberatan.predikat_baru = baru
        keberatan.status = StatusKeberatan.DIUBAH
        keberatan.save()
        evaluasi.rating_hasil, evaluasi.rating_perilaku, evaluasi.predikat = hasil, perilaku, baru
        evaluasi.catatan_rekomendasi = rekomendasi
        evaluasi.save(
            update_fields=[
                "rating_hasil",
                "rating_perilaku",
                "predikat",
                "catatan_rekomendasi",
                "diubah_pada",
            ]
        )
        penilai_user = _akun_pegawai(evaluasi.penilai_id, "Pejabat Penilai Kinerja")
        pegawai_user = _akun_pegawai(evaluasi.pegawai_id, "Pegawai")
        dok = documents.terbitkan_keberatan(
            keberatan, by=by, penilai_user=penilai_user, pegawai_user=pegawai_user
        )
        dokumen_services.tanda_tangani(dokumen=dok, user=by, password=password, by=by)
        data.update(
            {
                "predikat_semula": keberatan.predikat_semula,
                "predikat_baru": baru,
                "rating_hasil_baru": hasil,
                "rating_perilaku_baru": perilaku,
                "dokumen": dok.pk,
            }
        )
        pesan = (
            f"Keberatan atas hasil evaluasi {evaluasi.periode.label} diputus: hasil evaluasi diubah, predikat "
            f"{evaluasi.get_predikat_display()} (semula {keberatan.get_predikat_semula_display()}). Format D.1.3 "
            "menunggu tanda tangan Pejabat Penilai Kinerja, lalu Pegawai."
        )
    _kabari(evaluasi, [evaluasi.pegawai_id, evaluasi.penilai_id], pesan)
    audit_record(
        pemda_id=keberatan.pemda_id,
        aksi="keberatan_putuskan",
        objek=keberatan,
        by=by,
        alasan=f"{KEPUTUSAN[keputusan]}: {alasan}",
        data=data,
    )
    return keberatan


@transaction.atomic
def tandatangani_keberatan(*, keberatan: Keberatan, by, password: str) -> Keberatan:
    """The Penilai, then the Pegawai, sign D.1.3 (the engine keeps the order: Atasan, Penilai, Pegawai)."""
    keberatan, evaluasi = _kunci(keberatan)
    sama_pemda(by, keberatan.pemda_id)
    penilai, pegawai = adalah_penilai(by, evaluasi), adalah_pegawai(by, evaluasi)
    if not (penilai or pegawai):
        raise PermissionDenied("Format D.1.3 ditandatangani Pejabat Penilai Kinerja, lalu Pegawai.")
    if keberatan.status != StatusKeberatan.DIUBAH:
        raise ValidationError(
            "Hanya keputusan yang mengubah hasil evaluasi yang dituangkan dalam Format D.1.3."
        )
    dok = documents.dokumen_keberatan(evaluasi)
    if dok is None:
        raise ValidationError("Format D.1.3 tidak ditemukan.")
    dokumen_services.tanda_tangani(dokumen=dok, user=by, password=password, by=by)
    dok.refresh_from_db(fields=["status"])
    selesai = dok.status == StatusDokumen.DITANDATANGANI
    if selesai and evaluasi.status == StatusEvaluasi.MENUNGGU_PEGAWAI:
        evaluasi.status = StatusEvaluasi.SELESAI
        evaluasi.ditandatangani_pegawai_pada = waktu.sekarang(evaluasi.pemda_id)
        evaluasi.save(update_fields=["status", "ditandatangani_pegawai_pada", "diubah_pada"])
    if not selesai:
        _kabari(
            evaluasi,
            [evaluasi.pegawai_id],
            f"Format D.1.3 hasil keberatan {evaluasi.periode.label} telah ditandatangani Pejabat Penilai "
            "Kinerja; tandatangani dokumen itu.",
        )
    audit_record(
        pemda_id=keberatan.pemda_id,
        aksi="keberatan_tandatangani",
        objek=keberatan,
        by=by,
        alasan="Pejabat Penilai Kinerja" if penilai and not pegawai else "Pegawai",
        data={"dokumen": dok.pk, "lengkap": selesai},
    )
    return keberatan
