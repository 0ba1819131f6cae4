"""Writes of the document engine: issue a version, sign it, seal the final PDF, manage the Pemda certificate.

Each checks who may do it, locks what it changes, records an audit event and runs in one transaction
(STYLE.md "Writes"). They are called with the Pemda's scope active (a request, or a task inside
`tenant_context`). docs/dokumen.md shows how a feature uses them.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from kinerja.models import Pemda, TenantModel, User
from kinerja.permissions import is_admin_bkpsdm
from kinerja.services.audit import audit_record

from . import render
from . import sertifikat as sert
from .models import Dokumen, Penandatangan, Peran, SertifikatPemda, StatusDokumen, TandaTangan, sha256_hex

ALASAN_SALAH_SANDI = "Kata sandi salah. Tanda tangan tidak dicatat."


# Issuing ------------------------------------------------------------------------------------------------
def _label_objek(objek) -> str:
    return objek._meta.label


def _snapshot_penandatangan(*, peran: str, user: User, kop: dict, tanggal: datetime.date) -> dict:
    """Name, NIP, position and block title of a signer, as they are printed (frozen with the document)."""
    if peran == Peran.KEPALA_DAERAH:
        # "Bupati Sumedang" from "Bupati" and "Kabupaten Sumedang".
        wilayah = kop.get("nama_pemda", "").removeprefix("Kabupaten ").removeprefix("Kota ")
        judul = f"{kop.get('jabatan_kepala_daerah') or 'Kepala Daerah'} {wilayah}".strip()
    else:
        judul = Peran(peran).label
    if user.pegawai_id:
        identitas = render.identitas_pegawai(user.pegawai, tanggal)
        return {
            "judul_peran": judul,
            "nama": identitas["nama"],
            "nip": identitas["nip"],
            "jabatan": ", ".join(b for b in (identitas["jabatan"], identitas["unit_kerja"]) if b),
        }
    if user.is_kepala_daerah:
        # The Bupati has no Pegawai record: her name comes from the Pemda settings.
        wilayah = kop.get("nama_pemda", "").removeprefix("Kabupaten ").removeprefix("Kota ")
        jabatan = f"{kop.get('jabatan_kepala_daerah') or 'Kepala Daerah'} {wilayah}".strip()
        nama = kop.get("nama_kepala_daerah") or user.nama_tampil
        return {"judul_peran": judul, "nama": nama, "nip": "", "jabatan": jabatan}
    return {"judul_peran": judul, "nama": user.nama_tampil, "nip": "", "jabatan": ""}


def _periksa_terbitkan(*, pemda_id, objek, penandatangan, by):
    if not isinstance(objek, TenantModel) or objek.pk is None:
        raise ValidationError("Dokumen hanya dapat diterbitkan untuk data Pemda yang sudah tersimpan.")
    if objek.pemda_id != pemda_id:
        raise PermissionDenied("Objek dokumen berasal dari Pemda lain.")
    for peran, user in penandatangan:
        if peran not in Peran.values:
            raise ValidationError(f"Peran penandatangan tidak dikenal: {peran}.")
        if user is None or user.pemda_id != pemda_id:
            raise PermissionDenied("Penandatangan harus akun dari Pemda yang sama dengan dokumen.")
        if peran == Peran.KEPALA_DAERAH and not user.is_kepala_daerah:
            raise ValidationError(f"{user.nama_tampil} bukan Kepala Daerah.")
        if not user.is_active:
            raise ValidationError(f"Akun {user.nama_tampil} tidak aktif dan tidak dapat menandatangani.")
    if by is None:
        return
    if by.pemda_id != pemda_id:
        raise PermissionDenied("Anda tidak dapat menerbitkan dokumen Pemda lain.")
    if not (is_admin_bkpsdm(by) or any(user.pk == by.pk for _, user in penandatangan)):
        raise PermissionDenied("Hanya penandatangan dokumen atau admin BKPSDM yang dapat menerbitkannya.")


@transaction.atomic
def terbitkan(
    *,
    pemda_id: int,
    format_kode: str,
    judul: str,
    objek,
    template: str,
    konteks: dict,
    penandatangan: list[tuple[str, User]],
    by,
) -> Dokumen:
    """Render `template` with `konteks`, freeze it as a new version of (objek, format_kode), and expect the
    signers in the given order. The current version, signed or not, is superseded (`digantikan`) and stays
    readable. A document with no signers is final at once, sealed by the Pemda.

    `by=None` is a trusted system caller (a task); otherwise `by` must be one of the signers or an admin
    BKPSDM of the Pemda. The feature decides beforehand whether its object may be documented now.
    """
    _periksa_terbitkan(pemda_id=pemda_id, objek=objek, penandatangan=penandatangan, by=by)
    # Serialises versions of one object: the object's row is the lock.
    list(
        type(objek)
        ._base_manager.select_for_update(no_key=True)
        .filter(pk=objek.pk, pemda_id=pemda_id)
        .values_list("pk")
    )
    objek_jenis = _label_objek(objek)
    sekarang = timezone.now()
    versi_objek = Dokumen.objects.filter(
        pemda_id=pemda_id, objek_jenis=objek_jenis, objek_id=objek.pk, format_kode=format_kode
    )
    lama = (
        versi_objek.select_for_update().exclude(status=StatusDokumen.DIGANTIKAN).defer("html", "pdf").first()
    )
    versi = (versi_objek.aggregate(m=Max("versi"))["m"] or 0) + 1

    kop = render.kop(pemda_id)
    tanggal = konteks.get("tanggal") or timezone.localdate(sekarang)
    blok = [
        {
            "urutan": i,
            "peran": peran,
            **_snapshot_penandatangan(peran=peran, user=user, kop=kop, tanggal=tanggal),
        }
        for i, (peran, user) in enumerate(penandatangan, start=1)
    ]
    token = uuid.uuid4()
    html = render.render_html(
        pemda_id=pemda_id,
        template=template,
        konteks=konteks,
        format_kode=format_kode,
        judul=judul,
        versi=versi,
        token=token,
        penandatangan=blok,
        tanggal=tanggal,
        kop_pemda=kop,
    )
    if lama is not None:
        # First out of the way of the "one current version" constraint, then linked to its successor.
        lama.status = StatusDokumen.DIGANTIKAN
        lama.save(update_fields=["status"])
    dokumen = Dokumen(
        pemda_id=pemda_id,
        format_kode=format_kode,
        judul=judul,
        objek_jenis=objek_jenis,
        objek_id=objek.pk,
        versi=versi,
        html=html,
        html_sha256=sha256_hex(html),
        token=token,
        diterbitkan_oleh=by,
        diterbitkan_pada=sekarang,
    )
    try:
        with transaction.atomic():
            dokumen.save()
    except IntegrityError as exc:
        raise ValidationError("Versi dokumen ini baru saja diterbitkan oleh orang lain. Muat ulang.") from exc
    for (peran, user), isi in zip(penandatangan, blok, strict=True):
        Penandatangan.objects.create(
            pemda_id=pemda_id,
            dokumen=dokumen,
            urutan=isi["urutan"],
            peran=peran,
            user=user,
            judul_peran=isi["judul_peran"],
            nama=isi["nama"],
            nip=isi["nip"],
            jabatan=isi["jabatan"],
        )
    if lama is not None:
        lama.diganti_oleh = dokumen
        lama.save(update_fields=["diganti_oleh"])
        audit_record(
            pemda_id=pemda_id,
            aksi="dokumen_digantikan",
            objek=lama,
            by=by,
            data={"versi": lama.versi, "diganti_oleh_versi": versi},
        )
    audit_record(
        pemda_id=pemda_id,
        aksi="dokumen_terbitkan",
        objek=dokumen,
        by=by,
        alasan=f"Format {format_kode} versi {versi}" + (f" menggantikan versi {lama.versi}" if lama else ""),
        data={
            "format_kode": format_kode,
            "objek": f"{objek_jenis}#{objek.pk}",
            "versi": versi,
            "html_sha256": dokumen.html_sha256,
            "penandatangan": [[b["peran"], u.pk] for b, (_, u) in zip(blok, penandatangan, strict=True)],
        },
    )
    if not penandatangan:
        _finalkan(dokumen, by=by)
    return dokumen


# Signing ------------------------------------------------------------------------------------------------
@transaction.atomic
def tanda_tangani(*, dokumen: Dokumen, user: User, password: str, by=None) -> TandaTangan:
    """`user` signs `dokumen` after confirming her password.

    Signers sign in the order they were given to `terbitkan` (the Pegawai signs, then the Penilai sets it:
    Pasal 14(3) Perbup Sumedang, "ditandatangani oleh Pegawai dan ditetapkan oleh Pejabat Penilai Kinerja").
    A signature is personal: `by`, if given, must be `user` herself. A wrong password raises ValidationError
    and records nothing. The last signature makes the final PDF and seals it (PAdES) with the Pemda's
    certificate.
    """
    return tanda_tangani_semua(dokumen=[dokumen], user=user, password=password, by=by)[0]


def tanda_tangani_semua(*, dokumen: list[Dokumen], user: User, password: str, by=None) -> list[TandaTangan]:
    """`user` signs several documents with one password confirmation (an SKP and its Lampiran): every
    document is checked first (her turn on each), then the password once, then all are signed; in the
    caller's transaction they commit together or not at all."""
    if by is not None and by.pk != user.pk:
        raise PermissionDenied("Tanda tangan hanya dapat dibubuhkan oleh pemiliknya sendiri.")
    giliran = [_giliran(d, user) for d in dokumen]
    if not password or not user.check_password(password):
        raise ValidationError({"password": ALASAN_SALAH_SANDI})
    return [_bubuhkan(d, g, harapan, user) for g, harapan, d in giliran]


def _giliran(dokumen: Dokumen, user: User):
    """Lock `dokumen` and return (the signer block whose turn it is, all blocks, the locked row), or raise
    why `user` may not sign it now."""
    if not user.is_authenticated or not user.is_active or user.pemda_id != dokumen.pemda_id:
        raise PermissionDenied("Anda bukan penandatangan dokumen ini.")
    dokumen = Dokumen.objects.select_for_update().defer("pdf").get(pk=dokumen.pk)
    harapan = list(dokumen.penandatangan.order_by("urutan"))
    sudah = set(TandaTangan.objects.filter(dokumen=dokumen).values_list("penandatangan_id", flat=True))
    milik_user = [p for p in harapan if p.user_id == user.pk]
    if not milik_user:
        raise PermissionDenied("Anda bukan penandatangan dokumen ini.")
    if dokumen.status == StatusDokumen.DIGANTIKAN:
        raise ValidationError(
            f"Dokumen ini (versi {dokumen.versi}) sudah digantikan versi baru; tanda tangani versi terbaru."
        )
    giliran = next((p for p in harapan if p.pk not in sudah), None)
    if dokumen.status == StatusDokumen.DITANDATANGANI or giliran is None:
        raise ValidationError("Dokumen ini sudah ditandatangani lengkap.")
    if giliran.user_id != user.pk:
        if all(p.pk in sudah for p in milik_user):
            raise ValidationError("Anda sudah menandatangani dokumen ini.")
        raise PermissionDenied(
            f"Belum giliran Anda: dokumen menunggu tanda tangan {giliran.judul_peran} ({giliran.nama})."
        )
    return giliran, harapan, dokumen


def _bubuhkan(dokumen: Dokumen, giliran: Penandatangan, harapan: list, user: User) -> TandaTangan:
    tanda_tangan = TandaTangan.objects.create(
        pemda_id=dokumen.pemda_id,
        dokumen=dokumen,
        penandatangan=giliran,
        user=user,
        pada=timezone.now(),
        html_sha256=dokumen.html_sha256,
    )
    audit_record(
        pemda_id=dokumen.pemda_id,
        aksi="dokumen_tanda_tangani",
        objek=dokumen,
        by=user,
        alasan=f"{giliran.judul_peran}: {giliran.nama}",
        data={"urutan": giliran.urutan, "peran": giliran.peran, "html_sha256": dokumen.html_sha256},
    )
    if giliran.pk == harapan[-1].pk:
        _selesai_ditandatangani(dokumen, by=user)
    return tanda_tangan


def _selesai_ditandatangani(dokumen: Dokumen, *, by):
    """The last signature is recorded: seal now, or (settings.DOKUMEN_SEGEL_ASINKRON) let a worker seal it
    after commit. Until it is sealed the document is fully signed but has no PDF; `pdf_untuk` seals it on
    the first read, `segel` is safe to call any number of times (the row lock makes it once)."""
    if getattr(settings, "DOKUMEN_SEGEL_ASINKRON", False):
        from .tasks import segel_dokumen

        dokumen_id, pemda_id = dokumen.pk, dokumen.pemda_id
        transaction.on_commit(lambda: segel_dokumen.delay(pemda_id, dokumen_id))
        return
    _finalkan(dokumen, by=by)


def _cap_waktu(dokumen: Dokumen) -> dict[int, datetime.datetime]:
    return dict(TandaTangan.objects.filter(dokumen=dokumen).values_list("penandatangan__urutan", "pada"))


def _finalkan(dokumen: Dokumen, *, by):
    """Print the frozen HTML with every signature stamp, seal it, store it: the document is final."""
    from .penanda import PermintaanTandaTangan, penanda_untuk

    html = Dokumen.objects.values_list("html", flat=True).get(pk=dokumen.pk)
    pdf = render.html_ke_pdf(render.isi_tanda_tangan(html, _cap_waktu(dokumen)))
    kop = render.kop(dokumen.pemda_id)
    nama = [p.nama for p in dokumen.penandatangan.order_by("urutan")]
    penanda = penanda_untuk(dokumen.pemda_id)
    ditandatangani = penanda.tandatangani(
        pdf,
        permintaan=PermintaanTandaTangan(
            alasan=(
                f"Format {dokumen.format_kode} versi {dokumen.versi}"
                + (f", ditandatangani: {'; '.join(nama)}" if nama else "")
            )[:500],
            lokasi=kop.get("tempat") or kop["nama_pemda"],
            nama=kop["nama_instansi"],
            kontak=render.url_verifikasi(dokumen.token),
        ),
    )
    dokumen.pdf = ditandatangani
    dokumen.pdf_sha256 = sha256_hex(ditandatangani)
    dokumen.sertifikat = getattr(penanda, "sertifikat", None)
    dokumen.ditandatangani_pada = timezone.now()
    dokumen.status = StatusDokumen.DITANDATANGANI
    dokumen.save(update_fields=["pdf", "pdf_sha256", "sertifikat", "ditandatangani_pada", "status"])
    audit_record(
        pemda_id=dokumen.pemda_id,
        aksi="dokumen_final",
        objek=dokumen,
        by=by,
        data={
            "pdf_sha256": dokumen.pdf_sha256,
            "sertifikat": getattr(dokumen.sertifikat, "sidik_jari_sha256", ""),
        },
    )


def lengkap_ditandatangani(dokumen: Dokumen) -> bool:
    """Every expected signer has signed (the document may still be waiting for its seal)."""
    harapan = set(Penandatangan.objects.filter(dokumen_id=dokumen.pk).values_list("pk", flat=True))
    sudah = set(TandaTangan.objects.filter(dokumen_id=dokumen.pk).values_list("penandatangan_id", flat=True))
    return harapan <= sudah


@transaction.atomic
def segel(*, dokumen_id: int, by=None) -> bool:
    """Render and seal a fully signed document that has no PDF yet. Returns True if this call sealed it,
    False if it was sealed already (by a worker, a print run or an earlier read): a document is rendered and
    sealed once, whoever asks and however often (the row lock serialises them)."""
    dokumen = Dokumen.objects.select_for_update().defer("html", "pdf").get(pk=dokumen_id)
    if dokumen.final or dokumen.status != StatusDokumen.MENUNGGU_TANDA_TANGAN:
        return False
    if not lengkap_ditandatangani(dokumen):
        raise ValidationError("Dokumen ini belum ditandatangani lengkap; belum dapat disegel.")
    _finalkan(dokumen, by=by)
    return True


# Reading the PDF ----------------------------------------------------------------------------------------
def pdf_untuk(dokumen: Dokumen) -> bytes:
    """The final signed PDF once there is one; before that a preview of the frozen HTML, with the signatures
    made so far and a 'DRAF — belum ditandatangani' watermark. A preview is never stored."""
    simpanan = Dokumen.objects.filter(pk=dokumen.pk).values("pdf", "html", "status").get()
    if simpanan["pdf"] is not None:
        return bytes(simpanan["pdf"])
    if simpanan["status"] == StatusDokumen.MENUNGGU_TANDA_TANGAN and lengkap_ditandatangani(dokumen):
        # Signed by all, its seal not yet made by the worker: make it now (once), serve the final PDF.
        segel(dokumen_id=dokumen.pk)
        return bytes(Dokumen.objects.filter(pk=dokumen.pk).values_list("pdf", flat=True).get())
    html = render.isi_tanda_tangan(simpanan["html"], _cap_waktu(dokumen))
    return render.html_ke_pdf(render.tandai_draf(html))


# Pemda certificate --------------------------------------------------------------------------------------
def _buat_sertifikat(pemda_id: int) -> SertifikatPemda:
    pemda = Pemda.objects.get(pk=pemda_id)
    kop = render.kop(pemda_id)
    return SertifikatPemda.objects.create(
        pemda_id=pemda_id, aktif=True, **sert.buat(nama_instansi=kop["nama_instansi"], nama_pemda=pemda.nama)
    )


def _masih_berlaku(sertifikat: SertifikatPemda | None) -> bool:
    return sertifikat is not None and sertifikat.berlaku_sampai > timezone.now() + datetime.timedelta(days=1)


def _kunci_pemda(pemda_id: int):
    # NO KEY UPDATE: does not block the inserts of the Pemda's other rows (their FK takes KEY SHARE).
    list(Pemda.objects.select_for_update(no_key=True).filter(pk=pemda_id).values_list("pk"))


@transaction.atomic
def sertifikat_pemda_pastikan(*, pemda_id: int) -> SertifikatPemda:
    """The Pemda's active certificate, made on first need (a demo self-signed one, dokumen/sertifikat.py).
    An expired one is replaced."""
    aktif = SertifikatPemda.objects.filter(pemda_id=pemda_id, aktif=True).first()
    if _masih_berlaku(aktif):
        return aktif
    _kunci_pemda(pemda_id)  # one maker at a time per Pemda
    aktif = SertifikatPemda.objects.filter(pemda_id=pemda_id, aktif=True).first()
    if _masih_berlaku(aktif):
        return aktif
    if aktif is not None:
        SertifikatPemda.objects.filter(pk=aktif.pk).update(aktif=False)
    baru = _buat_sertifikat(pemda_id)
    audit_record(
        pemda_id=pemda_id,
        aksi="sertifikat_pemda_buat",
        objek=baru,
        by=None,
        alasan="Sertifikat pertama" if aktif is None else "Sertifikat lama kedaluwarsa",
        data={"sidik_jari_sha256": baru.sidik_jari_sha256},
    )
    return baru


@transaction.atomic
def sertifikat_pemda_ganti(*, pemda_id: int, by, alasan: str) -> SertifikatPemda:
    """Replace the Pemda's certificate (key compromise, SECRET_KEY changed, new instansi name). Documents
    already sealed keep their certificate: it is inside each PDF and stays in this table."""
    if by is not None and (not is_admin_bkpsdm(by) or by.pemda_id != pemda_id):
        raise PermissionDenied("Hanya admin BKPSDM Pemda ini yang dapat mengganti sertifikat.")
    if not (alasan or "").strip():
        raise ValidationError({"alasan": "Sebutkan alasan penggantian sertifikat."})
    _kunci_pemda(pemda_id)
    lama = list(SertifikatPemda.objects.filter(pemda_id=pemda_id, aktif=True).values_list("pk", flat=True))
    SertifikatPemda.objects.filter(pk__in=lama).update(aktif=False)
    baru = _buat_sertifikat(pemda_id)
    audit_record(
        pemda_id=pemda_id,
        aksi="sertifikat_pemda_ganti",
        objek=baru,
        by=by,
        alasan=alasan,
        data={"sidik_jari_sha256": baru.sidik_jari_sha256, "menggantikan": lama},
    )
    return baru
