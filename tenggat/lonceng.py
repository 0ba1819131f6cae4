"""The notification bell (issue 6): the user's own notices, how many are unread, and marking them read.

A user only ever reaches her own rows: every query here is filtered on her Pegawai and her Pemda (on top of
the scoped manager), so another user's notice, in this Pemda or another, does not exist for her.
"""

from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone

from skp.models import Pemberitahuan


def milik(user):
    """The user's notices. Nothing for a user without a Pegawai record."""
    if not user.is_authenticated or not user.pegawai_id:
        return Pemberitahuan.objects.none()
    return Pemberitahuan.objects.filter(penerima_id=user.pegawai_id, pemda_id=user.pemda_id)


def daftar(user):
    """The list page's rows: unread first, then newest first."""
    sudah = ExpressionWrapper(Q(dibaca_pada__isnull=False), output_field=BooleanField())
    return milik(user).annotate(sudah_dibaca=sudah).order_by("sudah_dibaca", "-dibuat_pada", "-id")


def jumlah_belum_dibaca(user) -> int:
    """One COUNT query (none without a Pegawai record): what the bell's badge shows."""
    if not user.is_authenticated or not user.pegawai_id:
        return 0
    return milik(user).filter(dibaca_pada__isnull=True).count()


def tandai_dibaca(user, pk: int) -> Pemberitahuan:
    """Mark one of the user's own notices read and return it (for its link).

    Raises Pemberitahuan.DoesNotExist when `pk` is not hers (another user's, another Pemda's, or none):
    the page answers 404 for all three alike. A notice already read keeps its first reading time.

    No audit record: a reading receipt changes nothing in the plan or the evaluation (as
    skp.services.pemberitahuan_baca), and only the recipient herself can make it.
    """
    with transaction.atomic():
        pemberitahuan = milik(user).select_for_update().get(pk=pk)
        if pemberitahuan.dibaca_pada is None:
            pemberitahuan.dibaca_pada = timezone.now()
            pemberitahuan.save(update_fields=["dibaca_pada"])
    return pemberitahuan


def tandai_semua_dibaca(user) -> int:
    """Mark all the user's unread notices read; returns how many. No audit record (see tandai_dibaca)."""
    with transaction.atomic():
        return milik(user).filter(dibaca_pada__isnull=True).update(dibaca_pada=timezone.now())


def jalur_lokal(tautan: str) -> str | None:
    """`tautan` when it is a path on this site ("/skp/"), else None: never an absolute or scheme-relative URL
    (an open redirect), nor a javascript: or backslash trick that a browser would read as another host."""
    tautan = (tautan or "").strip()
    if not tautan.startswith("/") or tautan.startswith("//") or "\\" in tautan:
        return None
    if any(ord(c) < 32 for c in tautan):
        return None
    bagian = urlsplit(tautan)
    if bagian.scheme or bagian.netloc:
        return None
    return tautan


def tujuan(pemberitahuan: Pemberitahuan) -> str | None:
    """Where the notice asks her to act: its own local link, else its SKP's page, else nowhere."""
    lokal = jalur_lokal(pemberitahuan.tautan)
    if lokal:
        return lokal
    if pemberitahuan.skp_id:
        return reverse("skp_detail", kwargs={"pk": pemberitahuan.skp_id})
    return None
