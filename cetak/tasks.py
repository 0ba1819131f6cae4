"""Celery tasks of cetak massal (in-process when no REDIS_URL is set).

`mulai(pekerjaan_id)` splits the job's pending items into chunks (settings.CETAK_UKURAN_POTONGAN, 25), one `proses_potongan` task
each, so the worker processes (prefetch 1, acks_late) share the work; each chunk processes its items one by one
(cetak.services.proses_item: one transaction per item), then builds the groups it completed and finishes the
job when every group is ready. A chunk redelivered after its worker died repeats nothing: done items are
skipped. `sapu` (beat, every 5 minutes) re-enqueues jobs whose progress stopped for CETAK_MACET_MENIT minutes.
"""

import datetime
import logging

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django.utils import timezone

from kinerja.scoping import national_context

from . import services
from .models import PekerjaanCetak, StatusPekerjaan

log = logging.getLogger(__name__)
UKURAN_POTONGAN = 25  # settings.CETAK_UKURAN_POTONGAN overrides it


def ukuran_potongan() -> int:
    return max(1, int(getattr(settings, "CETAK_UKURAN_POTONGAN", UKURAN_POTONGAN)))


def macet_menit() -> int:
    return max(1, int(getattr(settings, "CETAK_MACET_MENIT", 10)))


def _pemda_dari(pekerjaan_id: int) -> int | None:
    # The task carries only the job's id (the bench and the UI enqueue `mulai.delay(pk)`): its Pemda is read
    # once, explicitly across Pemda; everything after runs inside that Pemda's tenant_context.
    with national_context():
        return PekerjaanCetak.objects.filter(pk=pekerjaan_id).values_list("pemda_id", flat=True).first()


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def mulai(pekerjaan_id: int) -> int:
    """Enqueue the pending items of the job in chunks; returns the number of chunks."""
    pemda_id = _pemda_dari(pekerjaan_id)
    if pemda_id is None:
        return 0
    item_ids, kelompok_ids = services.tandai_berjalan(pekerjaan_id, pemda_id)
    n = ukuran_potongan()
    potongan = [item_ids[i : i + n] for i in range(0, len(item_ids), n)]
    for ids in potongan:
        proses_potongan.delay(pemda_id, pekerjaan_id, ids)
    if not potongan:
        # Nothing pending (a resume after the last item): build what is not built yet and finish.
        selesaikan.delay(pemda_id, pekerjaan_id, kelompok_ids)
    return len(potongan)


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def proses_potongan(pemda_id: int, pekerjaan_id: int, item_ids: list[int]) -> dict:
    hitung = {"dicetak": 0, "dilewati": 0, "dilompati": 0, "gagal": 0}
    # What needs no seal is marked done in one transaction; only the documents to seal go one by one.
    for item_id in services.pilah(item_ids, pemda_id=pemda_id):
        try:
            hasil = services.proses_item(item_id, pemda_id=pemda_id)
        except OperationalError:
            raise  # the database went away: retried, done items are skipped
        except Exception as exc:  # one bad document must not stop the run; it is listed and retried on resume
            log.exception("cetak: item %s gagal", item_id)
            services.catat_gagal(item_id, pemda_id=pemda_id, kesalahan=f"{type(exc).__name__}: {exc}")
            hitung["gagal"] += 1
            continue
        hitung[hasil or "dilompati"] += 1
    selesaikan(pemda_id, pekerjaan_id, services.kelompok_dari_item(item_ids, pemda_id=pemda_id))
    return hitung


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def selesaikan(pemda_id: int, pekerjaan_id: int, kelompok_ids: list[int]) -> bool:
    """Build the groups among `kelompok_ids` with nothing pending, then finish the job if all are ready."""
    for kelompok_id in kelompok_ids:
        services.bangun_kelompok(kelompok_id, pemda_id=pemda_id)
    # The last chunk also builds groups whose items finished in a chunk that died before building them.
    for kelompok_id in services.kelompok_tertinggal(pekerjaan_id, pemda_id=pemda_id):
        services.bangun_kelompok(kelompok_id, pemda_id=pemda_id)
    return services.periksa_selesai(pekerjaan_id, pemda_id=pemda_id)


@shared_task
def sapu() -> int:
    """Re-enqueue the jobs with no progress for CETAK_MACET_MENIT minutes (a worker died, a message was
    lost); returns how many. Re-enqueuing a job that is merely slow is harmless: done items are skipped."""
    batas = timezone.now() - datetime.timedelta(minutes=macet_menit())
    with national_context():
        macet = list(
            PekerjaanCetak.objects.filter(
                status__in=[StatusPekerjaan.ANTRE, StatusPekerjaan.BERJALAN], diubah_pada__lt=batas
            ).values_list("pk", "pemda_id")
        )
    return sum(services.antrekan_ulang(pk, pemda_id) for pk, pemda_id in macet)
