"""What the leader does about the progress she sees (Sumedang Pasal 19; Inhu Pasal 18(4)(5)).

- Progress: apresiasi and/or penugasan baru (ayat (2)).
- No progress: penyesuaian ekspektasi (an SKP revision, ayat (4)), penyesuaian dukungan sumber daya (ayat
  (5)), pembinaan kinerja (ayat (3) huruf c). Each is recorded as a `TanggapanProgres`; the change itself
  happens where it belongs (skp_revisi for the SKP, the pembinaan pages for a bimbingan).
- Ambil alih (ayat (6)-(8)): only once such a follow-up was made and did not help, the leader takes over an
  RHK with the note that the Pegawai could not complete it; the evaluation reads it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from kinerja.services.audit import audit_record
from skp import waktu
from skp.models import Rhk, Skp
from skp.services._umum import kunci, sama_pemda

from ..models import AmbilAlih, Bimbingan, JenisTanggapan, TanggapanProgres
from ..permissions import pastikan_berjalan, pastikan_pimpinan
from ..selectors.umpan_balik import versi_skp
from ._umum import pilihan, teks_wajib

# Pasal 19 ayat (3): the follow-ups after which an RHK may be taken over.
TINDAK_LANJUT_AYAT_3 = (
    JenisTanggapan.PENYESUAIAN_EKSPEKTASI,
    JenisTanggapan.PENYESUAIAN_SUMBER_DAYA,
    JenisTanggapan.PEMBINAAN,
)
CATATAN_AMBIL_ALIH = "Pegawai yang bersangkutan tidak dapat menyelesaikan rencana hasil kerja ini."


@transaction.atomic
def tanggapan_catat(*, skp: Skp, by, jenis: str, teks: str, rhk: Rhk | None = None) -> TanggapanProgres:
    """The leader records her response to the Pegawai's progress, on the whole SKP or one RHK."""
    sama_pemda(by, skp.pemda_id)
    skp = kunci(skp)
    tanggal = waktu.hari_ini(skp.pemda_id)
    pastikan_pimpinan(skp, by, tanggal)
    pastikan_berjalan(skp)
    jenis = pilihan(jenis, JenisTanggapan, "jenis", "Jenis tanggapan")
    teks = teks_wajib(teks, "teks", "Tuliskan tanggapan Anda.")
    if rhk is not None and not Rhk.objects.filter(pk=rhk.pk, skp=skp).exists():
        raise ValidationError({"rhk": "RHK harus dari SKP ini."})
    tanggapan = TanggapanProgres.objects.create(
        pemda_id=skp.pemda_id, skp=skp, jenis=jenis, rhk=rhk, teks=teks, oleh=by, tanggal=tanggal
    )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="tanggapan_progres_catat",
        objek=tanggapan,
        by=by,
        data={"skp": skp.pk, "jenis": jenis, "rhk": rhk.pk if rhk else None},
    )
    return tanggapan


def sudah_ditindaklanjuti(skp: Skp, rhk: Rhk) -> bool:
    """Has a follow-up of Pasal 19 ayat (3) been made on this SKP (any version), for the whole SKP or this
    RHK: a recorded penyesuaian or pembinaan response, or a bimbingan held?"""
    versi = versi_skp(skp).values("pk")
    tanggapan = TanggapanProgres.objects.filter(skp__in=versi, jenis__in=TINDAK_LANJUT_AYAT_3).filter(
        Q(rhk__isnull=True) | Q(rhk__garis=rhk.garis)
    )
    return tanggapan.exists() or Bimbingan.objects.filter(skp__in=versi).exists()


@transaction.atomic
def ambil_alih(*, rhk: Rhk, by, catatan: str) -> AmbilAlih:
    """The leader takes over one RHK of the SKP in force (Pasal 19 ayat (6)-(8) Sumedang)."""
    sama_pemda(by, rhk.pemda_id)
    skp = kunci(Skp.objects.get(pk=rhk.skp_id))
    rhk = Rhk.objects.get(pk=rhk.pk, skp=skp)
    tanggal = waktu.hari_ini(skp.pemda_id)
    if not by.is_authenticated or by.pegawai_id == skp.pegawai_id:
        raise PermissionDenied("Pegawai tidak mengambil alih rencana hasil kerjanya sendiri.")
    pastikan_pimpinan(skp, by, tanggal)
    pastikan_berjalan(skp)
    catatan = teks_wajib(
        catatan,
        "catatan",
        "Tuliskan catatan bahwa Pegawai yang bersangkutan tidak dapat menyelesaikan rencana hasil kerja ini "
        "(Pasal 19 ayat (7)).",
    )
    if AmbilAlih.objects.filter(skp__in=versi_skp(skp).values("pk"), rhk__garis=rhk.garis).exists():
        raise ValidationError("Rencana hasil kerja ini sudah diambil alih.")
    if not sudah_ditindaklanjuti(skp, rhk):
        raise ValidationError(
            "Rencana hasil kerja baru dapat diambil alih setelah dilakukan tindak lanjut (penyesuaian ekspektasi, "
            "penyesuaian dukungan sumber daya, atau pembinaan kinerja) dan Pegawai tetap tidak menunjukkan "
            "kemajuan kinerja (Pasal 19 ayat (6)). Catat tindak lanjut itu terlebih dahulu."
        )
    alih = AmbilAlih(pemda_id=skp.pemda_id, skp=skp, rhk=rhk, oleh=by, catatan=catatan, tanggal=tanggal)
    try:
        with transaction.atomic():
            alih.save()
    except IntegrityError:
        raise ValidationError("Rencana hasil kerja ini sudah diambil alih.") from None
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="ambil_alih_rhk",
        objek=alih,
        by=by,
        alasan=catatan,
        data={"skp": skp.pk, "rhk": rhk.pk},
    )
    return alih
