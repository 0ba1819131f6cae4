"""Celery tasks of the deadline watch (in-process when no REDIS_URL is set).

`dispatcher` (beat, daily) fans out one `jalankan_pemda` per active Pemda, each delayed by its own offset within
settings.TENGGAT_SEBARAN_DETIK (default two hours; the same offset every day, from the Pemda's id): no spike of
500 Pemda at midnight. The tasks take ids and an ISO date, set the Pemda's context themselves (tenggat.proses)
and call the services; a retried or duplicated task sends nothing twice (the idempotency key is in the
database)."""

import datetime

from celery import shared_task
from django.conf import settings
from django.db import OperationalError
from django_scopes import scopes_disabled

from kinerja.models import Pemda
from skp import waktu

from .proses import proses_pemda

SEBARAN_DETIK = 2 * 60 * 60  # the default spread; settings.TENGGAT_SEBARAN_DETIK overrides it (0: no delay)


def sebaran_detik() -> int:
    return max(0, int(getattr(settings, "TENGGAT_SEBARAN_DETIK", SEBARAN_DETIK)))


def sebaran(pemda_id: int) -> int:
    """Seconds after the dispatcher at which this Pemda's run starts (stable, spread over the window)."""
    jendela = sebaran_detik()
    return (pemda_id * 7919) % jendela if jendela else 0


@shared_task(bind=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def jalankan_pemda(self, pemda_id: int, tanggal: str) -> dict:
    hari = datetime.date.fromisoformat(tanggal)
    with waktu.pada(hari):  # the run sees `tanggal` as today, like `manage.py run_deadlines --date`
        return proses_pemda(pemda_id, hari).ringkas()


@shared_task
def dispatcher(tanggal: str | None = None) -> int:
    """Dispatch today's (or `tanggal`'s) run of every active Pemda; returns how many were dispatched."""
    with scopes_disabled():
        pemda_ids = list(Pemda.objects.filter(aktif=True).order_by("pk").values_list("pk", flat=True))
    for pemda_id in pemda_ids:
        hari = tanggal or waktu.hari_ini(pemda_id).isoformat()
        jalankan_pemda.apply_async(args=[pemda_id, hari], countdown=sebaran(pemda_id))
    return len(pemda_ids)
