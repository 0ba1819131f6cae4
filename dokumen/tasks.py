"""Celery tasks of the document engine (in-process when no REDIS_URL is set)."""

from celery import shared_task
from django.db import OperationalError

from kinerja.scoping import tenant_context


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, max_retries=5, acks_late=True)
def segel_dokumen(pemda_id: int, dokumen_id: int) -> bool:
    """Render and seal a document whose last signature was just recorded (settings.DOKUMEN_SEGEL_ASINKRON).
    A redelivered or duplicated task seals nothing twice (dokumen.services.segel locks the row)."""
    from .services import segel

    with tenant_context(pemda_id):
        return segel(dokumen_id=dokumen_id)
