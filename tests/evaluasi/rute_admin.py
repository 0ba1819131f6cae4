"""Cross-Pemda route objects of the admin area: route name -> lambda world: a Sumedang object."""

import datetime

from django_scopes import scopes_disabled

from evaluasi.models import PeriodeEvaluasi


def _periode(world):
    """A Sumedang period, opened as the system would (no SKP needed: the list may be empty)."""
    with scopes_disabled():
        periode, _ = PeriodeEvaluasi.objects.get_or_create(
            pemda=world.sumedang, jenis="bulanan", nomor=1, tahun=datetime.date.today().year - 1
        )
    return periode


OBJEK = {
    "evaluasi_periode_detail": _periode,
    "evaluasi_periode_siapkan": _periode,
    "evaluasi_capaian": _periode,
    "api:evaluasi-periode-detail": _periode,
    "api:evaluasi-periode-siapkan": _periode,
    "api:evaluasi-periode-ringkasan": _periode,
    "api:evaluasi-periode-capaian": _periode,
}
