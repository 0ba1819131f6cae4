"""Sending a reminder and recording an escalation: the two writes of the deadline watch.

Both are system writes (no user acts): each runs in one transaction, inserts its row under a unique key first
(the idempotency key in the database: a retried task or a second dispatcher racing it inserts nothing and sends
nothing), then the in-app notices in the same transaction, and the email only after the commit. So a reminder
is sent at most once per recipient, item and step; a task killed between the commit and the email leaves the
row with `surel_terkirim_pada` empty (shown to BKPSDM) rather than sending twice.
"""

import datetime
import logging

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.models import Pegawai, User
from kinerja.scoping import tenant_context
from kinerja.services.audit import audit_record
from skp.models import JenisPemberitahuan, Pemberitahuan

from .models import Eskalasi, Pengingat
from .penyedia import Kewajiban, Peralihan

log = logging.getLogger(__name__)
SUBJEK = "[Kinerja] {}"


def _surel(pegawai_id: int) -> str:
    akun = User.objects.filter(pegawai_id=pegawai_id, is_active=True).values_list("email", flat=True).first()
    return akun or Pegawai.objects.filter(pk=pegawai_id).values_list("email", flat=True).first() or ""


def _kirim_surel_nanti(model, pemda_id: int, pk: int, alamat: str, subjek: str, isi: str):
    def kirim():
        try:
            send_mail(SUBJEK.format(subjek), isi, None, [alamat])
        except Exception:  # a mail server down must not fail the deadline run; the row shows it unsent
            log.exception("Surel %s#%s ke %s gagal dikirim", model.__name__, pk, alamat)
            return
        with tenant_context(pemda_id):
            model.objects.filter(pk=pk).update(surel_terkirim_pada=timezone.now())

    if alamat:
        transaction.on_commit(kirim)


class Ringkasan:
    """One run's notices and emails, gathered: a recipient gets one bell notice per kelompok (a day's reminders
    of one kind, step and deadline, or a day's escalations of one kind) listing its items, and one email per
    subject with all of them, sent after the commit. A Penilai of 60 Pegawai gets one reminder, not 60."""

    def __init__(self, pemda_id: int):
        self.pemda_id = pemda_id
        self.surel: dict[tuple[str, str], list[tuple[int | None, str]]] = {}
        self._alamat: dict[int, str] | None = None

    def alamat(self, pegawai_id: int) -> str:
        """The recipient's email (her active account's, else her Pegawai record's): the Pemda's addresses are read
        once per run, in two queries."""
        if self._alamat is None:
            self._alamat = {
                pid: email for pid, email in Pegawai.objects.exclude(email="").values_list("pk", "email")
            }
            self._alamat.update(
                User.objects.filter(pegawai__isnull=False, is_active=True)
                .exclude(email="")
                .values_list("pegawai_id", "email")
            )
        return self._alamat.get(pegawai_id, "")

    def tambah(self, alamat: str, subjek: str, baris: str, pengingat_id: int | None = None):
        if alamat:
            self.surel.setdefault((alamat, subjek), []).append((pengingat_id, baris))

    def kirim(self):
        """Register the emails to go after the commit (at once outside a transaction)."""
        for (alamat, subjek), isi in self.surel.items():
            transaction.on_commit(lambda a=alamat, s=subjek, i=list(isi): self._kirim(a, s, i))
        self.surel = {}

    def _kirim(self, alamat: str, subjek: str, isi: list[tuple[int | None, str]]):
        teks = "\n\n".join(baris for _, baris in isi)
        try:
            send_mail(SUBJEK.format(subjek), teks, None, [alamat])
        except Exception:  # a mail server down must not fail the run; the rows show it unsent
            log.exception("Surel ringkasan ke %s gagal dikirim", alamat)
            return
        ids = [pk for pk, _ in isi if pk]
        if ids:
            with tenant_context(self.pemda_id):
                Pengingat.objects.filter(pk__in=ids).update(surel_terkirim_pada=timezone.now())


def _pemberitahuan(*, pemda_id, penerima_id, jenis, pesan, tautan, kelompok: str):
    """A new bell notice, or, with a `kelompok`, the line added to the unread notice of that kelompok."""
    if kelompok:
        lama = (
            Pemberitahuan.objects.select_for_update()
            .filter(penerima_id=penerima_id, kelompok=kelompok, dibaca_pada__isnull=True)
            .first()
        )
        if lama is not None:
            lama.pesan = f"{lama.pesan}\n{pesan}"
            lama.save(update_fields=["pesan"])
            return lama
    return Pemberitahuan.objects.create(
        pemda_id=pemda_id, penerima_id=penerima_id, jenis=jenis, pesan=pesan, tautan=tautan, kelompok=kelompok
    )


def kirim_pengingat(
    *,
    pemda_id: int,
    kewajiban: Kewajiban,
    penerima_id: int,
    langkah: str,
    tanggal: datetime.date,
    teks: str,
    ringkasan: Ringkasan | None = None,
) -> Pengingat | None:
    """The reminder of `kewajiban` at `langkah` to one Pegawai, or None when it was already sent. With a
    `ringkasan` the notice joins the day's notice of the same kind, step and deadline and the email goes with the
    run's digest; without, each reminder has its own notice and email."""
    with transaction.atomic():
        alamat = ringkasan.alamat(penerima_id) if ringkasan is not None else _surel(penerima_id)
        try:
            with transaction.atomic():
                pengingat = Pengingat.objects.create(
                    pemda_id=pemda_id,
                    penerima_id=penerima_id,
                    jenis=kewajiban.jenis,
                    objek_jenis=kewajiban.objek_jenis,
                    objek_id=kewajiban.objek_id,
                    langkah=langkah,
                    batas=kewajiban.batas,
                    tanggal=tanggal,
                    pesan=teks,
                    surel=alamat,
                )
        except IntegrityError:
            return None
        tautan = kewajiban.tautan_untuk(penerima_id)
        # Items that lead to the same page go together: the Penilai's reminders about her Pegawai, her own apart.
        kelompok = (
            f"{tanggal:%Y%m%d}/{kewajiban.jenis}/{langkah}/{kewajiban.batas:%Y%m%d}/{tautan}"[:150]
            if ringkasan
            else ""
        )
        _pemberitahuan(
            pemda_id=pemda_id,
            penerima_id=penerima_id,
            jenis=JenisPemberitahuan.TENGGAT,
            pesan=teks,
            tautan=tautan,
            kelompok=kelompok,
        )
        if ringkasan is not None:
            ringkasan.tambah(alamat, "Pengingat tenggat", teks + _tautan(tautan), pengingat.pk)
        else:
            _kirim_surel_nanti(
                Pengingat, pemda_id, pengingat.pk, alamat, "Pengingat tenggat", teks + _tautan(tautan)
            )
    return pengingat


def catat_eskalasi(
    *, pemda_id: int, peralihan: Peralihan, tanggal: datetime.date, ringkasan: Ringkasan | None = None
) -> Eskalasi | None:
    """Record the escalation once, tell whoever now acts, and audit it with its rule; None if recorded before."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                eskalasi = Eskalasi.objects.create(
                    pemda_id=pemda_id,
                    jenis=peralihan.jenis,
                    objek_jenis=peralihan.objek_jenis,
                    objek_id=peralihan.objek_id,
                    aturan=peralihan.aturan[:300],
                    batas=peralihan.batas,
                    tanggal=tanggal,
                    kepada=list(peralihan.kepada),
                )
        except IntegrityError:
            return None
        for pegawai_id in dict.fromkeys(peralihan.kepada):
            kelompok = (
                f"{tanggal:%Y%m%d}/{peralihan.jenis}/{peralihan.tautan_untuk(pegawai_id)}"[:150]
                if ringkasan
                else ""
            )
            _pemberitahuan(
                pemda_id=pemda_id,
                penerima_id=pegawai_id,
                jenis=JenisPemberitahuan.ESKALASI,
                pesan=peralihan.pesan,
                tautan=peralihan.tautan_untuk(pegawai_id),
                kelompok=kelompok,
            )
            alamat = ringkasan.alamat(pegawai_id) if ringkasan is not None else _surel(pegawai_id)
            isi = peralihan.pesan + "\n" + peralihan.aturan + _tautan(peralihan.tautan_untuk(pegawai_id))
            if ringkasan is not None:
                ringkasan.tambah(alamat, "Eskalasi tenggat", isi)
            elif alamat:
                transaction.on_commit(
                    lambda alamat=alamat, isi=isi: _kirim_aman(alamat, "Eskalasi tenggat", isi)
                )
        audit_record(
            pemda_id=pemda_id,
            aksi=f"eskalasi_{peralihan.jenis}",
            objek=eskalasi,
            by=None,
            alasan=peralihan.aturan,
            data={
                "objek": f"{peralihan.objek_jenis}#{peralihan.objek_id}",
                "batas": peralihan.batas.isoformat(),
                "kepada": list(peralihan.kepada),
            },
        )
    return eskalasi


def _kirim_aman(alamat: str, subjek: str, isi: str):
    try:
        send_mail(SUBJEK.format(subjek), isi, None, [alamat])
    except Exception:
        log.exception("Surel eskalasi ke %s gagal dikirim", alamat)


def _tautan(path: str) -> str:
    return f"\n\nBuka: {path}" if path else ""
