"""Realisasi per IKI per documentation period, and its bukti dukung, with every version kept.

- `realisasi_catat`: the first record of an IKI in a period is version 1; each later one is a new row
  (versi + 1, `sebelumnya` = the old one, which gets `berlaku=False`), and the bukti of the old version are
  copied (same stored file) onto the new one, so no evidence is lost by an edit.
- An IKI of a revised SKP (penyesuaian ekspektasi) shares its `garis` with the IKI it was copied from: the
  current realisasi of that line in that period, recorded on the older version, is superseded the same way
  instead of leaving two current records of one indicator.
- `bukti_unggah` / `bukti_tautan` add to the current version; `bukti_hapus` makes a new version without
  the bukti (the old version keeps it).

Only the owner records, on a set SKP in force (umpanbalik.permissions). Writes to one SKP are serialised
by its row lock (skp.services._umum.kunci) and the current rows are locked too; the database keeps one
current row per IKI and period (`realisasi_satu_berlaku`).
"""

import decimal
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.services.audit import audit_record
from skp import waktu
from skp.models import Iki, Skp
from skp.services._umum import kunci, pengaturan_untuk, sama_pemda

from .. import periode as periode_mod
from .. import unggah
from ..models import BuktiDukung, Realisasi, SifatRealisasi
from ..periode import Periode
from ..permissions import pastikan_berjalan, pastikan_pemilik
from ._umum import kunci_milik

NILAI_MAKS = Decimal("99999999999999.99")
_validasi_tautan = URLValidator(schemes=["http", "https"])


def realisasi_garis(*, pegawai_id: int, tahun: int, garis, jenis: str, nomor: int):
    """Every version of the realisasi of one IKI line (all SKP versions of the Pegawai's year) in one
    period."""
    return Realisasi.objects.filter(
        iki__garis=garis,
        skp__pegawai_id=pegawai_id,
        skp__tahun=tahun,
        jenis_periode=jenis,
        nomor_periode=nomor,
    )


def _periode(skp: Skp, periode: Periode) -> Periode:
    if not isinstance(periode, Periode):
        raise ValidationError({"periode": "Periode wajib dipilih."})
    pengaturan = pengaturan_untuk(skp.pemda_id)
    jenis = periode_mod.jenis_realisasi(pengaturan)
    if periode.jenis not in jenis:
        raise ValidationError(
            {
                "periode": f"Periode '{periode.jenis}' bukan periode pendokumentasian Pemda ini ({', '.join(jenis)})."
            }
        )
    if periode.tahun != skp.tahun or not 1 <= periode.nomor <= 12 // periode_mod.PANJANG[periode.jenis]:
        raise ValidationError({"periode": f"Periode itu tidak ada dalam tahun SKP {skp.tahun}."})
    if periode.selesai < skp.periode_mulai or periode.mulai > skp.periode_selesai:
        raise ValidationError(
            {
                "periode": f"{periode.label} di luar periode SKP ini ({skp.periode_mulai:%d-%m-%Y} sampai "
                f"{skp.periode_selesai:%d-%m-%Y})."
            }
        )
    if periode.mulai > waktu.hari_ini(skp.pemda_id):
        raise ValidationError({"periode": f"{periode.label} belum dimulai; realisasi belum dapat dicatat."})
    return periode


def _nilai(nilai) -> Decimal:
    if nilai is None or (isinstance(nilai, str) and not nilai.strip()):
        raise ValidationError({"nilai": "Isi capaian berupa angka (kumulatif, dalam satuan target)."})
    if isinstance(nilai, bool):
        raise ValidationError({"nilai": "Capaian harus angka."})
    try:
        angka = Decimal(str(nilai).strip().replace(",", ".")) if not isinstance(nilai, Decimal) else nilai
    except (decimal.InvalidOperation, ValueError):
        raise ValidationError({"nilai": f"Capaian '{nilai}' bukan angka."}) from None
    if not angka.is_finite():
        raise ValidationError({"nilai": "Capaian harus angka."})
    if angka < 0:
        raise ValidationError({"nilai": "Capaian tidak boleh negatif."})
    if angka > NILAI_MAKS:
        raise ValidationError({"nilai": "Capaian terlalu besar."})
    return angka.quantize(Decimal("0.01"), rounding=decimal.ROUND_HALF_UP)


def _isi(iki: Iki, nilai, teks: str) -> tuple[Decimal | None, str]:
    teks = (teks or "").strip()
    if iki.target_angka is not None:
        return _nilai(nilai), teks
    if nilai is not None and str(nilai).strip() != "":
        raise ValidationError({"nilai": "IKI ini kualitatif: realisasinya berupa uraian, bukan angka."})
    if not teks:
        raise ValidationError({"teks": "Uraikan realisasi IKI kualitatif ini."})
    return None, teks


def _sifat(sifat) -> str:
    sifat = (sifat or SifatRealisasi.PROGRES).strip()
    if sifat not in SifatRealisasi.values:
        raise ValidationError({"sifat": f"Sifat realisasi tidak dikenal: '{sifat}'."})
    return sifat


def _salin_bukti(dari: Realisasi, ke: Realisasi, *, kecuali: int | None = None) -> int:
    salinan = [
        BuktiDukung(
            pemda_id=b.pemda_id,
            realisasi=ke,
            berkas=b.berkas.name,
            nama_berkas=b.nama_berkas,
            ukuran=b.ukuran,
            tipe=b.tipe,
            sha256=b.sha256,
            tautan=b.tautan,
            keterangan=b.keterangan,
            dibuat_oleh_id=b.dibuat_oleh_id,
            dibuat_pada=b.dibuat_pada,
        )
        for b in BuktiDukung.objects.filter(realisasi=dari).order_by("dibuat_pada", "id")
        if b.pk != kecuali
    ]
    BuktiDukung.objects.bulk_create(salinan)
    return len(salinan)


def _versi_baru(
    *, skp: Skp, iki: Iki, periode: Periode, lama: Realisasi | None, by, nilai, teks, sifat, alasan
) -> Realisasi:
    if lama is not None:
        lama.berlaku = False
        lama.save(update_fields=["berlaku"])
    baru = Realisasi(
        pemda_id=skp.pemda_id,
        skp=skp,
        iki=iki,
        jenis_periode=periode.jenis,
        nomor_periode=periode.nomor,
        sifat=sifat,
        nilai=nilai,
        teks=teks,
        versi=(lama.versi + 1) if lama else 1,
        sebelumnya=lama,
        berlaku=True,
        alasan_ubah=alasan,
        dibuat_oleh=by,
    )
    try:
        with transaction.atomic():
            baru.save()
    except IntegrityError:
        # Only when another save slipped in (the SKP lock makes it rare): never a 500.
        raise ValidationError(
            "Realisasi ini baru saja dicatat dari sesi lain; muat ulang halaman lalu coba lagi."
        ) from None
    if lama is not None:
        _salin_bukti(lama, baru)
    return baru


def _kini(skp: Skp, iki: Iki, periode: Periode) -> Realisasi | None:
    """The current realisasi of this IKI's line in the period, locked."""
    kini = list(
        realisasi_garis(
            pegawai_id=skp.pegawai_id,
            tahun=skp.tahun,
            garis=iki.garis,
            jenis=periode.jenis,
            nomor=periode.nomor,
        )
        .filter(berlaku=True)
        .select_for_update(of=("self",))
        .order_by("-versi", "-id")
    )
    if len(kini) > 1:  # two versions of the SKP each with a current row (data from before this rule)
        for lebih in kini[1:]:
            lebih.berlaku = False
            lebih.save(update_fields=["berlaku"])
    return kini[0] if kini else None


@transaction.atomic
def realisasi_catat(
    *,
    skp: Skp,
    iki: Iki,
    periode: Periode,
    by,
    nilai=None,
    teks: str = "",
    sifat: str = SifatRealisasi.PROGRES,
    alasan: str = "",
) -> Realisasi:
    """Record (or update, as a new version) the realisasi of `iki` in `periode`. Kuantitatif IKI (a target
    number) take the cumulative `nilai` in the target's unit, kualitatif IKI a `teks`."""
    skp = kunci_milik(skp, by)
    iki = Iki.objects.filter(pk=getattr(iki, "pk", None), rhk__skp_id=skp.pk).first()
    if iki is None:
        raise ValidationError({"iki": "IKI harus dari SKP ini."})
    periode = _periode(skp, periode)
    nilai, teks = _isi(iki, nilai, teks)
    sifat = _sifat(sifat)
    alasan = (alasan or "").strip()
    lama = _kini(skp, iki, periode)
    baru = _versi_baru(
        skp=skp,
        iki=iki,
        periode=periode,
        lama=lama,
        by=by,
        nilai=nilai,
        teks=teks,
        sifat=sifat,
        alasan=alasan,
    )
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="realisasi_catat",
        objek=baru,
        by=by,
        alasan=alasan,
        data={
            "skp": skp.pk,
            "iki": iki.pk,
            "periode": periode.kode,
            "versi": baru.versi,
            "sebelumnya": lama.pk if lama else None,
            "nilai": str(nilai) if nilai is not None else None,
        },
    )
    return baru


def _kunci_realisasi(realisasi: Realisasi, by) -> tuple[Skp, Realisasi]:
    """The current version of a realisasi on the SKP in force, locked, for adding or removing bukti."""
    sama_pemda(by, realisasi.pemda_id)
    skp = Skp.objects.get(pk=realisasi.skp_id)
    pastikan_pemilik(skp, by)
    skp = kunci(skp)
    realisasi = Realisasi.objects.select_for_update(of=("self",)).select_related("iki").get(pk=realisasi.pk)
    if not realisasi.berlaku:
        raise ValidationError(
            f"Realisasi versi {realisasi.versi} sudah diperbarui; ubah bukti pada versi yang berlaku."
        )
    try:
        pastikan_berjalan(skp)
    except ValidationError:
        raise ValidationError(
            "Realisasi ini tercatat pada SKP yang tidak lagi berlaku. Catat ulang realisasinya pada SKP "
            "yang berlaku (bukti yang ada ikut terbawa), lalu ubah buktinya di sana."
        ) from None
    return skp, realisasi


def _keterangan(keterangan) -> str:
    keterangan = (keterangan or "").strip()
    if len(keterangan) > 250:
        raise ValidationError({"keterangan": "Keterangan paling panjang 250 karakter."})
    return keterangan


@transaction.atomic
def bukti_unggah(*, realisasi: Realisasi, by, berkas, keterangan: str = "") -> BuktiDukung:
    """Attach an uploaded file (a Django UploadedFile) to the current version of `realisasi`. The file is
    checked by its content (umpanbalik.unggah) before anything is written."""
    skp, realisasi = _kunci_realisasi(realisasi, by)
    diperiksa = unggah.periksa(berkas)
    bukti = BuktiDukung(
        pemda_id=skp.pemda_id,
        realisasi=realisasi,
        keterangan=_keterangan(keterangan),
        dibuat_oleh=by,
        dibuat_pada=timezone.now(),
    )
    unggah.simpan(bukti, berkas, diperiksa)
    bukti.save()
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="bukti_unggah",
        objek=bukti,
        by=by,
        data={
            "realisasi": realisasi.pk,
            "nama": bukti.nama_berkas,
            "ukuran": bukti.ukuran,
            "tipe": bukti.tipe,
            "sha256": bukti.sha256,
        },
    )
    return bukti


@transaction.atomic
def bukti_tautan(*, realisasi: Realisasi, by, tautan: str, keterangan: str = "") -> BuktiDukung:
    """Attach a link (http or https only) to the current version of `realisasi`."""
    skp, realisasi = _kunci_realisasi(realisasi, by)
    tautan = (tautan or "").strip()
    if not tautan:
        raise ValidationError({"tautan": "Isi tautan bukti."})
    if len(tautan) > 500:
        raise ValidationError({"tautan": "Tautan paling panjang 500 karakter."})
    try:
        _validasi_tautan(tautan)
    except ValidationError:
        raise ValidationError(
            {"tautan": "Tautan harus alamat web yang diawali http:// atau https://."}
        ) from None
    bukti = BuktiDukung(
        pemda_id=skp.pemda_id,
        realisasi=realisasi,
        tautan=tautan,
        keterangan=_keterangan(keterangan),
        dibuat_oleh=by,
        dibuat_pada=timezone.now(),
    )
    bukti.save()
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="bukti_tautan",
        objek=bukti,
        by=by,
        data={"realisasi": realisasi.pk, "tautan": tautan},
    )
    return bukti


@transaction.atomic
def bukti_hapus(*, bukti: BuktiDukung, by) -> Realisasi:
    """Remove a bukti from the current realisasi: a new version without it (the old version keeps it).
    Returns the new version."""
    sama_pemda(by, bukti.pemda_id)
    lama_id = BuktiDukung.objects.filter(pk=bukti.pk).values_list("realisasi_id", flat=True).get()
    skp, lama = _kunci_realisasi(Realisasi.objects.get(pk=lama_id), by)
    nama = bukti.nama_berkas or bukti.tautan
    lama.berlaku = False
    lama.save(update_fields=["berlaku"])
    baru = Realisasi(
        pemda_id=skp.pemda_id,
        skp_id=lama.skp_id,
        iki_id=lama.iki_id,
        jenis_periode=lama.jenis_periode,
        nomor_periode=lama.nomor_periode,
        sifat=lama.sifat,
        nilai=lama.nilai,
        teks=lama.teks,
        versi=lama.versi + 1,
        sebelumnya=lama,
        berlaku=True,
        alasan_ubah=f"Bukti dukung dihapus: {nama}"[:500],
        dibuat_oleh=by,
    )
    try:
        with transaction.atomic():
            baru.save()
    except IntegrityError:
        raise ValidationError(
            "Realisasi ini baru saja diubah dari sesi lain; muat ulang halaman lalu coba lagi."
        ) from None
    _salin_bukti(lama, baru, kecuali=bukti.pk)
    audit_record(
        pemda_id=skp.pemda_id,
        aksi="bukti_hapus",
        objek=baru,
        by=by,
        alasan=baru.alasan_ubah,
        data={"bukti": bukti.pk, "sebelumnya": lama.pk, "versi": baru.versi},
    )
    return baru
