"""Background work of the evaluation (Celery; in-process when no REDIS_URL is set)."""

import logging

from celery import shared_task
from django.core.exceptions import ValidationError
from django_scopes import scopes_disabled

from kinerja.models import Pemda
from kinerja.scoping import tenant_context

from .services import periode

log = logging.getLogger(__name__)


@shared_task
def buka_periode_otomatis(pemda_id: int) -> list[str]:
    """Open every period of the Pemda's cycle that has reached its last day and is not open yet, when the
    Pemda lets the system do it (PengaturanPemda.buka_periode_otomatis). Returns the labels opened."""
    with tenant_context(pemda_id):
        try:
            dibuka = periode.buka_otomatis(pemda_id=pemda_id)
        except ValidationError as exc:  # no settings yet: nothing to open
            log.info("Pemda %s: periode evaluasi tidak dibuka otomatis: %s", pemda_id, exc)
            return []
        return [p.label for p in dibuka]


@shared_task
def buka_periode_otomatis_semua() -> dict[str, list[str]]:
    """The nightly run over every active Pemda."""
    with scopes_disabled():
        pemda = list(Pemda.objects.filter(aktif=True).values_list("pk", "slug"))
    return {slug: buka_periode_otomatis(pk) for pk, slug in pemda}
