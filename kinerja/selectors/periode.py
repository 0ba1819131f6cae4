"""Dated rows (mulai/selesai): Penempatan, RiwayatStatus, DelegasiPimpinan, KoreksiPenilai."""

import datetime

from django.db.models import Q


def berlaku(qs, tanggal: datetime.date):
    """Rows of a dated model (mulai/selesai) in force on `tanggal`; an open `selesai` has not ended."""
    return qs.filter(mulai__lte=tanggal).filter(Q(selesai__isnull=True) | Q(selesai__gte=tanggal))
