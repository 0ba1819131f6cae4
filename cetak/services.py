"""Cetak massal: the writes of a print run. Each checks who, locks, audits, and runs in a transaction.

- `buat_pekerjaan`: BKPSDM prints the whole Pemda or any unit (with its subunits); a Penilai prints her own
  Pegawai. The job and all its items and groups are made in one transaction (bulk), then `cetak.tasks.mulai`
  is enqueued after commit.
- `pilah` (worker side): a chunk's items that need no seal are marked done in bulk, in one transaction.
- `proses_item` (worker side): one item to seal in its own transaction under the Pemda's tenant_context. The item row
  is locked (skip_locked: a second worker on the same item moves on), a done item is skipped, a fully signed
  document without its PDF is sealed (`dokumen.services.segel`, once under the document's row lock), and the
  item is marked done with the job's counts, all in that one transaction: a worker killed at any point leaves
  the item either done with its PDF or pending with nothing written.
- `bangun_kelompok`: when none of a group's items is pending, its ZIP (the PDFs named by NIP and name, and
  DAFTAR.csv listing every Pegawai of the group with what was printed or why not) is written to a temporary
  file and renamed into place, then the group is marked ready: a worker dying mid-build leaves no half ZIP,
  and the next attempt builds it whole again. When every group is ready the job is done.
- `lanjutkan`: the "Lanjutkan" button (and the sweeper, `antrekan_ulang`): failed items go back to pending
  and what is not done is enqueued again. Re-enqueuing is always safe: done items are skipped.
"""

import csv
import io
import os
import uuid
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import slugify

from dokumen import services as dokumen_services
from dokumen.models import Dokumen, Penandatangan, StatusDokumen, TandaTangan
from evaluasi import documents
from evaluasi.models import Evaluasi, PeriodeEvaluasi, StatusEvaluasi
from kinerja.models import UnitKerja
from kinerja.permissions import is_admin_bkpsdm
from kinerja.scoping import tenant_context
from kinerja.services.audit import audit_record

from .models import (
    HasilItem,
    ItemCetak,
    JenisCetak,
    KelompokCetak,
    LingkupCetak,
    PekerjaanCetak,
    StatusItem,
    StatusPekerjaan,
)

TANPA_UNIT = "tanpa-unit"
UKURAN_BATCH = 1000
KOLOM_DAFTAR = ["No", "NIP", "Nama", "Unit kerja", "Format", "Status", "Keterangan", "Berkas"]


# Who may print what ------------------------------------------------------------------------------------
def boleh_membuat(user) -> bool:
    """BKPSDM, or a Pegawai (a Penilai prints her own Pegawai; one with none gets a clear message)."""
    return bool(user.is_authenticated and user.pemda_id and (is_admin_bkpsdm(user) or user.pegawai_id))


def pekerjaan_visible_to(user):
    """BKPSDM sees every job of her Pemda; anyone else the jobs she made (the scope hides other Pemda)."""
    qs = PekerjaanCetak.objects.all()
    if is_admin_bkpsdm(user):
        return qs
    if not user.is_authenticated or not user.pemda_id:
        return qs.none()
    return qs.filter(dibuat_oleh_id=user.pk)


def _evaluasi_lingkup(*, periode, lingkup, unit, penilai_id):
    qs = Evaluasi.objects.filter(periode=periode)
    if lingkup == LingkupCetak.UNIT:
        return qs.filter(unit__path__startswith=unit.path)
    if lingkup == LingkupCetak.PENILAI:
        return qs.filter(penilai_id=penilai_id)
    return qs


def _nama_kelompok_pd(pemda_id: int) -> dict[int, str]:
    return dict(UnitKerja.objects.filter(pemda_id=pemda_id, parent__isnull=True).values_list("pk", "nama"))


# Creating a job ----------------------------------------------------------------------------------------
@transaction.atomic
def buat_pekerjaan(
    *,
    pemda_id: int,
    by,
    periode: PeriodeEvaluasi,
    unit: UnitKerja | None = None,
    milik_penilai: bool = False,
    jenis: str = JenisCetak.DOKUMEN,
) -> PekerjaanCetak:
    """A print run of `periode`'s documents: the whole Pemda, `unit` and its subunits (BKPSDM), or the
    Pegawai `by` evaluates (`milik_penilai`). Items and groups are made here, in bulk; the work is enqueued
    after commit (cetak.tasks.mulai)."""
    if not (by is not None and by.is_authenticated and by.pemda_id == pemda_id):
        raise PermissionDenied("Anda tidak dapat mencetak untuk Pemda ini.")
    if periode is None or periode.pemda_id != pemda_id:
        raise ValidationError("Periode evaluasi tidak ditemukan.")
    if unit is not None and unit.pemda_id != pemda_id:
        raise ValidationError("Unit kerja tidak ditemukan.")
    if jenis not in JenisCetak.values:
        raise ValidationError("Jenis dokumen tidak dikenal.")
    if milik_penilai and unit is not None:
        raise ValidationError("Pilih seluruh Pemda, satu unit, atau Pegawai saya; tidak keduanya.")
    penilai_id = None
    if milik_penilai:
        if not by.pegawai_id:
            raise PermissionDenied("Hanya Pejabat Penilai Kinerja yang dapat mencetak dokumen Pegawai-nya.")
        lingkup, penilai_id = LingkupCetak.PENILAI, by.pegawai_id
    else:
        if not is_admin_bkpsdm(by):
            raise PermissionDenied("Hanya Admin BKPSDM yang dapat mencetak seluruh Pemda atau satu unit.")
        lingkup = LingkupCetak.UNIT if unit is not None else LingkupCetak.PEMDA

    baris = list(
        _evaluasi_lingkup(periode=periode, lingkup=lingkup, unit=unit, penilai_id=penilai_id)
        .order_by("pk")
        .values_list("pk", "unit__path")
    )
    if not baris:
        if lingkup == LingkupCetak.PENILAI:
            raise ValidationError("Tidak ada Pegawai yang Anda nilai pada periode ini.")
        raise ValidationError("Tidak ada evaluasi pada lingkup ini untuk periode tersebut.")

    pekerjaan = PekerjaanCetak.objects.create(
        pemda_id=pemda_id,
        periode=periode,
        lingkup=lingkup,
        unit=unit,
        penilai_id=penilai_id,
        jenis=jenis,
        jumlah=len(baris),
        dibuat_oleh=by,
    )
    kelompok_evaluasi: dict[str, list[int]] = {}
    nama: dict[str, str] = {}
    if lingkup == LingkupCetak.PEMDA:
        nama_pd = _nama_kelompok_pd(pemda_id)
        for evaluasi_id, path in baris:
            ids = [p for p in (path or "").strip("/").split("/") if p]
            kunci = f"pd-{ids[0]}" if ids else TANPA_UNIT
            nama[kunci] = nama_pd.get(int(ids[0]), f"Unit {ids[0]}") if ids else "Tanpa unit kerja"
            kelompok_evaluasi.setdefault(kunci, []).append(evaluasi_id)
    elif lingkup == LingkupCetak.UNIT:
        kunci = f"unit-{unit.pk}"
        nama[kunci], kelompok_evaluasi[kunci] = unit.nama, [e for e, _ in baris]
    else:
        nama["penilai"] = f"Pegawai yang dinilai {by.pegawai.nama}" if by.pegawai_id else "Pegawai saya"
        kelompok_evaluasi["penilai"] = [e for e, _ in baris]

    kelompok = KelompokCetak.objects.bulk_create(
        [
            KelompokCetak(pemda_id=pemda_id, pekerjaan=pekerjaan, kunci=k, nama=nama[k][:250], jumlah=len(v))
            for k, v in sorted(kelompok_evaluasi.items(), key=lambda kv: nama[kv[0]])
        ]
    )
    if any(k.pk is None for k in kelompok):  # backends that do not return ids from bulk_create
        kelompok = list(KelompokCetak.objects.filter(pekerjaan=pekerjaan))
    ItemCetak.objects.bulk_create(
        (
            ItemCetak(pemda_id=pemda_id, pekerjaan=pekerjaan, kelompok_id=k.pk, evaluasi_id=evaluasi_id)
            for k in kelompok
            for evaluasi_id in kelompok_evaluasi[k.kunci]
        ),
        batch_size=UKURAN_BATCH,
    )
    audit_record(
        pemda_id=pemda_id,
        aksi="cetak_massal_buat",
        objek=pekerjaan,
        by=by,
        alasan=f"{pekerjaan.get_jenis_display()} {periode.label}: {pekerjaan.get_lingkup_display()}",
        data={"jumlah": len(baris), "kelompok": len(kelompok), "unit_id": unit.pk if unit else None},
    )
    _antrekan_setelah_commit(pekerjaan.pk)
    return pekerjaan


def _antrekan_setelah_commit(pekerjaan_id: int):
    from .tasks import mulai

    transaction.on_commit(lambda: mulai.delay(pekerjaan_id))


def _kunci_pekerjaan_untuk(user, pekerjaan) -> PekerjaanCetak:
    try:
        return pekerjaan_visible_to(user).select_for_update().get(pk=pekerjaan.pk)
    except PekerjaanCetak.DoesNotExist:
        from django.http import Http404

        raise Http404("Pekerjaan cetak tidak ditemukan.") from None


@transaction.atomic
def lanjutkan(pekerjaan: PekerjaanCetak, by) -> PekerjaanCetak:
    """Enqueue again what is not done (failed items go back to pending). Safe at any time: a done item is
    skipped and an item a live worker holds is skipped by the other (row lock)."""
    pekerjaan = _kunci_pekerjaan_untuk(by, pekerjaan)
    if pekerjaan.status == StatusPekerjaan.SELESAI:
        raise ValidationError("Pekerjaan ini sudah selesai.")
    _buka_kembali(pekerjaan)
    audit_record(
        pemda_id=pekerjaan.pemda_id,
        aksi="cetak_massal_lanjutkan",
        objek=pekerjaan,
        by=by,
        data={"selesai": pekerjaan.selesai, "jumlah": pekerjaan.jumlah},
    )
    _antrekan_setelah_commit(pekerjaan.pk)
    return pekerjaan


def _buka_kembali(pekerjaan: PekerjaanCetak):
    """Failed items back to pending (their groups not ready), the job running again. Caller holds the lock."""
    gagal = ItemCetak.objects.filter(pekerjaan=pekerjaan, status=StatusItem.GAGAL)
    kelompok_ids = set(gagal.values_list("kelompok_id", flat=True))
    n = gagal.update(status=StatusItem.ANTRE, kesalahan="")
    if kelompok_ids:
        KelompokCetak.objects.filter(pk__in=kelompok_ids).update(siap=False, siap_pada=None)
    pekerjaan.gagal = max(0, pekerjaan.gagal - n)
    pekerjaan.status = StatusPekerjaan.BERJALAN if pekerjaan.selesai else StatusPekerjaan.ANTRE
    pekerjaan.selesai_pada = None
    pekerjaan.save(update_fields=["gagal", "status", "selesai_pada", "diubah_pada"])


def antrekan_ulang(pekerjaan_id: int, pemda_id: int) -> bool:
    """The sweeper's resume of a stalled job (no user: the system acts). Returns False if it is done."""
    with tenant_context(pemda_id):
        pekerjaan = PekerjaanCetak.objects.select_for_update().filter(pk=pekerjaan_id).first()
        if pekerjaan is None or not pekerjaan.aktif:
            return False
        _buka_kembali(pekerjaan)
        audit_record(
            pemda_id=pemda_id,
            aksi="cetak_massal_lanjutkan",
            objek=pekerjaan,
            by=None,
            alasan="Dilanjutkan otomatis: tidak ada kemajuan.",
            data={"selesai": pekerjaan.selesai, "jumlah": pekerjaan.jumlah},
        )
        _antrekan_setelah_commit(pekerjaan.pk)
    return True


def tandai_berjalan(pekerjaan_id: int, pemda_id: int) -> tuple[list[int], list[int]]:
    """(pending item ids in group order, ids of groups not ready): what `mulai` splits into chunks."""
    with tenant_context(pemda_id):
        PekerjaanCetak.objects.filter(pk=pekerjaan_id, status=StatusPekerjaan.ANTRE).update(
            status=StatusPekerjaan.BERJALAN, diubah_pada=timezone.now()
        )
        item_ids = list(
            ItemCetak.objects.filter(pekerjaan_id=pekerjaan_id, status=StatusItem.ANTRE)
            .order_by("kelompok_id", "pk")
            .values_list("pk", flat=True)
        )
        kelompok_ids = list(
            KelompokCetak.objects.filter(pekerjaan_id=pekerjaan_id, siap=False).values_list("pk", flat=True)
        )
    return item_ids, kelompok_ids


# Processing one item (worker side) ---------------------------------------------------------------------
def _dokumen_untuk(evaluasi: Evaluasi, jenis: str) -> Dokumen | None:
    return (
        documents.dokumen_hasil(evaluasi)
        if jenis == JenisCetak.HASIL
        else documents.dokumen_evaluasi(evaluasi)
    )


def _menunggu(dokumen: Dokumen) -> str:
    """'Menunggu tanda tangan <role> <name>': the first expected signer who has not signed."""
    sudah = set(TandaTangan.objects.filter(dokumen_id=dokumen.pk).values_list("penandatangan_id", flat=True))
    for p in Penandatangan.objects.filter(dokumen_id=dokumen.pk).order_by("urutan"):
        if p.pk not in sudah:
            return f"Menunggu tanda tangan {p.judul_peran} ({p.nama})"
    return "Menunggu tanda tangan"


def _alasan_tanpa_dokumen(evaluasi: Evaluasi) -> str:
    if evaluasi.status == StatusEvaluasi.DIKECUALIKAN:
        alasan = (evaluasi.alasan_pengecualian or "").strip()
        return f"Dikecualikan: {alasan}"[:300] if alasan else "Dikecualikan dari evaluasi"
    if evaluasi.status == StatusEvaluasi.BELUM_DINILAI:
        return "Belum dinilai"
    if evaluasi.status == StatusEvaluasi.DINILAI:
        return "Dinilai, belum ditandatangani Pejabat Penilai Kinerja"
    return "Dokumen belum diterbitkan"


def pilah(item_ids: list[int], *, pemda_id: int) -> list[int]:
    """The cheap part of a chunk in one transaction: every item whose document needs no seal (none issued, final
    already, or still waiting for a signature) is marked done with its reason here, in bulk; returns the ids of
    the items whose document is fully signed without its PDF, for `proses_item` one by one (the seal and the
    item commit together). Nothing is sealed here, so a worker killed in it leaves every item pending."""
    from collections import defaultdict

    with tenant_context(pemda_id):
        item = list(
            ItemCetak.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk__in=item_ids, status=StatusItem.ANTRE)
            .select_related("pekerjaan")
        )
        if not item:
            return []
        evaluasi = Evaluasi.objects.select_related("skp").in_bulk([i.evaluasi_id for i in item])
        kode = {
            i.pk: (
                documents.format_hasil if i.pekerjaan.jenis == JenisCetak.HASIL else documents.format_dokumen
            )(evaluasi[i.evaluasi_id])
            for i in item
        }
        dokumen = {
            (d.objek_id, d.format_kode): d
            for d in Dokumen.objects.filter(
                objek_jenis=Evaluasi._meta.label,
                objek_id__in=[i.evaluasi_id for i in item],
                format_kode__in=set(kode.values()),
            )
            .exclude(status=StatusDokumen.DIGANTIKAN)
            .defer("html", "pdf")
        }
        harapan = defaultdict(list)
        for p in Penandatangan.objects.filter(dokumen__in=[d.pk for d in dokumen.values()]).order_by(
            "urutan"
        ):
            harapan[p.dokumen_id].append(p)
        sudah = set(
            TandaTangan.objects.filter(dokumen__in=[d.pk for d in dokumen.values()]).values_list(
                "penandatangan_id", flat=True
            )
        )
        sekarang, segel, selesai, dilewati = timezone.now(), [], [], 0
        for i in item:
            d = dokumen.get((i.evaluasi_id, kode[i.pk]))
            belum = [p for p in harapan[d.pk] if p.pk not in sudah] if d is not None else []
            if d is None:
                i.hasil, i.keterangan = HasilItem.DILEWATI, _alasan_tanpa_dokumen(evaluasi[i.evaluasi_id])
            elif d.final:
                i.hasil, i.keterangan = HasilItem.DICETAK, ""
            elif d.status == StatusDokumen.MENUNGGU_TANDA_TANGAN and not belum:
                segel.append(i.pk)  # fully signed, waiting for its seal
                continue
            else:
                keterangan = (
                    f"Menunggu tanda tangan {belum[0].judul_peran} ({belum[0].nama})" if belum else ""
                )
                i.hasil, i.keterangan = HasilItem.DILEWATI, keterangan or "Menunggu tanda tangan"
            i.keterangan = i.keterangan[:300]
            i.dokumen, i.status, i.disegel, i.kesalahan, i.diproses_pada = (
                d,
                StatusItem.SELESAI,
                False,
                "",
                sekarang,
            )
            dilewati += i.hasil == HasilItem.DILEWATI
            selesai.append(i)
        if selesai:
            ItemCetak.objects.bulk_update(
                selesai, ["dokumen", "status", "hasil", "disegel", "keterangan", "kesalahan", "diproses_pada"]
            )
            PekerjaanCetak.objects.filter(pk=item[0].pekerjaan_id).update(
                selesai=F("selesai") + len(selesai), dilewati=F("dilewati") + dilewati, diubah_pada=sekarang
            )
        return segel


def proses_item(item_id: int, *, pemda_id: int) -> str | None:
    """Process one item in its own transaction as Pemda `pemda_id`. Returns the item's outcome
    ('dicetak'/'dilewati'), or None if it was done already or another worker holds it."""
    with tenant_context(pemda_id):
        item = (
            # of=("self",): the join must not lock the job row too, or the other worker skips every item
            # while this one seals (PostgreSQL locks every joined row by default).
            ItemCetak.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(pk=item_id, status=StatusItem.ANTRE)
            .select_related("pekerjaan")
            .first()
        )
        if item is None:
            return None
        evaluasi = Evaluasi.objects.select_related("skp").get(pk=item.evaluasi_id)
        dokumen = _dokumen_untuk(evaluasi, item.pekerjaan.jenis)
        disegel = False
        if dokumen is None:
            hasil, keterangan = HasilItem.DILEWATI, _alasan_tanpa_dokumen(evaluasi)
        elif dokumen.final:
            hasil, keterangan = HasilItem.DICETAK, ""
        elif (
            dokumen.status == StatusDokumen.MENUNGGU_TANDA_TANGAN
            and dokumen_services.lengkap_ditandatangani(dokumen)
        ):
            disegel = dokumen_services.segel(dokumen_id=dokumen.pk)
            hasil, keterangan = HasilItem.DICETAK, ""
        else:
            hasil, keterangan = HasilItem.DILEWATI, _menunggu(dokumen)
        item.dokumen = dokumen
        item.status = StatusItem.SELESAI
        item.hasil = hasil
        item.disegel = disegel
        item.keterangan = keterangan[:300]
        item.kesalahan = ""
        item.diproses_pada = timezone.now()
        item.save(
            update_fields=[
                "dokumen",
                "status",
                "hasil",
                "disegel",
                "keterangan",
                "kesalahan",
                "diproses_pada",
            ]
        )
        PekerjaanCetak.objects.filter(pk=item.pekerjaan_id).update(
            selesai=F("selesai") + 1,
            disegel=F("disegel") + int(disegel),
            dilewati=F("dilewati") + int(hasil == HasilItem.DILEWATI),
            diubah_pada=timezone.now(),
        )
        return hasil


def catat_gagal(item_id: int, *, pemda_id: int, kesalahan: str) -> bool:
    """An item whose processing raised: recorded as failed (listed in DAFTAR.csv; "Lanjutkan" retries it)."""
    with tenant_context(pemda_id):
        n = ItemCetak.objects.filter(pk=item_id, status=StatusItem.ANTRE).update(
            status=StatusItem.GAGAL, kesalahan=kesalahan[:2000], diproses_pada=timezone.now()
        )
        if n:
            pekerjaan_id = ItemCetak.objects.filter(pk=item_id).values_list("pekerjaan_id", flat=True).get()
            PekerjaanCetak.objects.filter(pk=pekerjaan_id).update(
                gagal=F("gagal") + 1, diubah_pada=timezone.now()
            )
    return bool(n)


# Building a group's ZIP --------------------------------------------------------------------------------
def direktori(pekerjaan: PekerjaanCetak) -> Path:
    return Path(settings.MEDIA_ROOT) / "cetak" / str(pekerjaan.pemda_id) / str(pekerjaan.pk)


def path_berkas(kelompok: KelompokCetak) -> Path:
    return Path(settings.MEDIA_ROOT) / kelompok.berkas


def nama_pdf(nip: str, nama: str, format_kode: str) -> str:
    return f"{nip or 'tanpa-nip'}_{slugify(nama)[:80] or 'pegawai'}_{format_kode.replace('.', '')}.pdf"


def nama_zip(kelompok: KelompokCetak) -> str:
    return f"{slugify(kelompok.nama)[:80] or kelompok.kunci}.zip"


def _baris_kelompok(kelompok: KelompokCetak) -> list[dict]:
    return list(
        ItemCetak.objects.filter(kelompok=kelompok)
        .order_by("evaluasi__pegawai__nama", "evaluasi__pegawai__nip", "pk")
        .values(
            "pk",
            "status",
            "hasil",
            "keterangan",
            "kesalahan",
            "dokumen_id",
            "dokumen__format_kode",
            nip=F("evaluasi__pegawai__nip"),
            nama=F("evaluasi__pegawai__nama"),
            unit_nama=F("evaluasi__unit__nama"),
        )
    )


def bangun_kelompok(kelompok_id: int, *, pemda_id: int) -> bool:
    """Write the group's ZIP if none of its items is pending; True if this call built it. Idempotent: the
    ZIP is written to a temporary file and renamed over the final name, then the group is marked ready in
    the same transaction that holds its row lock."""
    with tenant_context(pemda_id):
        # A blocking lock, not skip_locked: a caller that only looked (and saw an item still pending) must
        # not make the one that committed the last item skip the build; the second waits, then finds the
        # group ready (the row is re-read after the lock) or builds it.
        kelompok = (
            KelompokCetak.objects.select_for_update(of=("self",))
            .filter(pk=kelompok_id, siap=False)
            .select_related("pekerjaan")
            .first()
        )
        if kelompok is None:
            return False
        if ItemCetak.objects.filter(kelompok=kelompok, status=StatusItem.ANTRE).exists():
            return False
        folder = direktori(kelompok.pekerjaan)
        folder.mkdir(parents=True, exist_ok=True)
        for sisa in folder.glob(f"{kelompok.kunci}.zip.tmp-*"):  # left by a worker that died mid-build
            sisa.unlink(missing_ok=True)
        akhir = folder / f"{kelompok.kunci}.zip"
        sementara = folder / f"{kelompok.kunci}.zip.tmp-{uuid.uuid4().hex}"
        try:
            _tulis_zip(sementara, _baris_kelompok(kelompok))
            os.replace(sementara, akhir)
        finally:
            sementara.unlink(missing_ok=True)
        kelompok.berkas = str(akhir.relative_to(Path(settings.MEDIA_ROOT)))
        kelompok.ukuran = akhir.stat().st_size
        kelompok.siap = True
        kelompok.siap_pada = timezone.now()
        kelompok.save(update_fields=["berkas", "ukuran", "siap", "siap_pada"])
    return True


def _tulis_zip(tujuan: Path, baris: list[dict]):
    """The PDFs (read from the database in batches, so a PD of thousands does not sit in memory) and
    DAFTAR.csv with every Pegawai of the group."""
    dicetak = [b for b in baris if b["hasil"] == HasilItem.DICETAK and b["dokumen_id"]]
    dipakai: set[str] = set()
    for b in dicetak:
        nama = nama_pdf(b["nip"], b["nama"], b["dokumen__format_kode"] or "")
        if nama in dipakai:  # the same Pegawai twice cannot happen (one evaluation per period); be safe
            nama = nama.replace(".pdf", f"_{b['pk']}.pdf")
        dipakai.add(nama)
        b["berkas"] = nama
    with zipfile.ZipFile(tujuan, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as zf:
        for mulai in range(0, len(dicetak), 50):
            batch = dicetak[mulai : mulai + 50]
            pdf = dict(
                Dokumen.objects.filter(pk__in=[b["dokumen_id"] for b in batch]).values_list("pk", "pdf")
            )
            for b in batch:
                isi = pdf.get(b["dokumen_id"])
                if isi is None:  # cannot happen: a printed item's document was sealed in its transaction
                    raise ValidationError(f"PDF dokumen {b['dokumen_id']} tidak ada.")
                zf.writestr(b["berkas"], bytes(isi))
        zf.writestr("DAFTAR.csv", _daftar_csv(baris))


def _daftar_csv(baris: list[dict]) -> str:
    keluaran = io.StringIO()
    keluaran.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    tulis = csv.writer(keluaran)
    tulis.writerow(KOLOM_DAFTAR)
    for no, b in enumerate(baris, 1):
        if b["status"] == StatusItem.GAGAL:
            status, keterangan = "Gagal", f"Gagal diproses: {b['kesalahan'][:200]}"
        elif b["hasil"] == HasilItem.DICETAK:
            status, keterangan = "Dicetak", ""
        else:
            status, keterangan = "Tidak dicetak", b["keterangan"]
        tulis.writerow(
            [
                no,
                b["nip"],
                b["nama"],
                b["unit_nama"] or "",
                b["dokumen__format_kode"] or "",
                status,
                keterangan,
                b.get("berkas", ""),
            ]
        )
    return keluaran.getvalue()


def periksa_selesai(pekerjaan_id: int, *, pemda_id: int) -> bool:
    """Mark the job done (or failed in part) once every group is ready. True if it is finished."""
    with tenant_context(pemda_id):
        pekerjaan = PekerjaanCetak.objects.select_for_update().filter(pk=pekerjaan_id).first()
        if pekerjaan is None:
            return False
        if not pekerjaan.aktif:
            return True
        hitung = KelompokCetak.objects.filter(pekerjaan=pekerjaan).aggregate(
            belum=Count("pk", filter=Q(siap=False))
        )
        if hitung["belum"]:
            return False
        # Counts re-read from the items: the truth, whatever a killed worker left.
        c = ItemCetak.objects.filter(pekerjaan=pekerjaan).aggregate(
            selesai=Count("pk", filter=Q(status=StatusItem.SELESAI)),
            gagal=Count("pk", filter=Q(status=StatusItem.GAGAL)),
            disegel=Count("pk", filter=Q(disegel=True)),
            dilewati=Count("pk", filter=Q(status=StatusItem.SELESAI, hasil=HasilItem.DILEWATI)),
        )
        for k, v in c.items():
            setattr(pekerjaan, k, v)
        pekerjaan.status = StatusPekerjaan.GAGAL if c["gagal"] else StatusPekerjaan.SELESAI
        pekerjaan.selesai_pada = timezone.now()
        pekerjaan.save(update_fields=[*c, "status", "selesai_pada", "diubah_pada"])
        audit_record(
            pemda_id=pemda_id,
            aksi="cetak_massal_selesai",
            objek=pekerjaan,
            by=None,
            data={**c, "jumlah": pekerjaan.jumlah},
        )
    return True


def kelompok_dari_item(item_ids: list[int], *, pemda_id: int) -> list[int]:
    with tenant_context(pemda_id):
        return sorted(set(ItemCetak.objects.filter(pk__in=item_ids).values_list("kelompok_id", flat=True)))


def kelompok_tertinggal(pekerjaan_id: int, *, pemda_id: int) -> list[int]:
    """Groups not ready although nothing of the job is pending (none when something still is)."""
    with tenant_context(pemda_id):
        if ItemCetak.objects.filter(pekerjaan_id=pekerjaan_id, status=StatusItem.ANTRE).exists():
            return []
        return list(
            KelompokCetak.objects.filter(pekerjaan_id=pekerjaan_id, siap=False).values_list("pk", flat=True)
        )
