"""Background work of SKP planning (Celery; in-process when no REDIS_URL is set)."""

import logging

from celery import shared_task
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django_scopes import scopes_disabled

from kinerja.models import Pemda
from kinerja.scoping import tenant_context

from . import selectors, services, waktu

log = logging.getLogger(__name__)


@shared_task
def mulai_skp_mutasi(pemda_id: int) -> int:
    """Start the new SKP of every Pegawai of the Pemda whose position or Penilai changed after her SKP was
    set (Sumedang lampiran "Penetapan SKP" angka 5-6). Runs after every recorded placement and nightly, for
    changes that take effect later than they were recorded. Returns how many SKPs were started."""
    dimulai = 0
    with tenant_context(pemda_id):
        tahun = waktu.hari_ini(pemda_id).year
        for skp, _ in selectors.skp_perlu_mutasi(pemda_id=pemda_id, tahun=tahun):
            try:
                with transaction.atomic():
                    services.skp_mulai_mutasi(skp=skp, by=None)
            except (ValidationError, PermissionDenied) as exc:
                # E.g. the Pegawai is now exempt from planning: BKPSDM sees her in the compliance list.
                log.info("SKP %s: SKP baru karena mutasi tidak dimulai: %s", skp.pk, exc)
            else:
                dimulai += 1
    return dimulai


@shared_task
def mulai_skp_mutasi_semua() -> dict[str, int]:
    """The nightly run over every active Pemda."""
    with scopes_disabled():
        pemda = list(Pemda.objects.filter(aktif=True).values_list("pk", "slug"))
    return {slug: mulai_skp_mutasi(pk) for pk, slug in pemda}


def _setelah_penempatan(sender, *, pemda_id, **kwargs):
    mulai_skp_mutasi.delay(pemda_id)
