"""Notices to a Pegawai (skp.models.Pemberitahuan)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..models import Pemberitahuan


@transaction.atomic
def pemberitahuan_baca(*, pemberitahuan: list[Pemberitahuan], by) -> int:
    """Mark the user's own notices read. Not audited: reading is not a change of the plan."""
    if by is None or not by.is_authenticated or not by.pegawai_id:
        raise PermissionDenied("Hanya Pegawai penerima yang dapat menandai pemberitahuannya.")
    ids = [p.pk for p in pemberitahuan]
    return Pemberitahuan.objects.filter(
        pk__in=ids, penerima_id=by.pegawai_id, pemda_id=by.pemda_id, dibaca_pada__isnull=True
    ).update(dibaca_pada=timezone.now())
