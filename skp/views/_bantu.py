"""What every SKP view shares: loading an object for the user, and running a service from a form.

Loading: the Pemda scope hides another Pemda's rows (404, the same answer as for an id that exists nowhere);
a row of her own Pemda that she may not see is a 403 (skp.permissions.skp_visible_to). Whether she may *act*
is the service's call: it raises PermissionDenied (403) or ValidationError (shown on the form, status 400).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from kinerja.forms import attach_errors

from ..models import Iki, LampiranSkp, Rhk, Skp
from ..permissions import skp_visible_to

TIDAK_BERHAK = "Anda tidak berhak melihat SKP ini."


def _cek_lihat(user, skp_id: int):
    if not skp_visible_to(user).filter(pk=skp_id).exists():
        raise PermissionDenied(TIDAK_BERHAK)


def skp_untuk(user, pk) -> Skp:
    skp = Skp.objects.select_related("pegawai").filter(pk=pk).first()
    if skp is None:
        raise Http404("SKP tidak ditemukan.")
    _cek_lihat(user, skp.pk)
    return skp


def rhk_untuk(user, pk) -> Rhk:
    rhk = Rhk.objects.filter(pk=pk).first()
    if rhk is None:
        raise Http404("RHK tidak ditemukan.")
    _cek_lihat(user, rhk.skp_id)
    return rhk


def iki_untuk(user, pk) -> Iki:
    iki = Iki.objects.select_related("rhk").filter(pk=pk).first()
    if iki is None:
        raise Http404("IKI tidak ditemukan.")
    _cek_lihat(user, iki.rhk.skp_id)
    return iki


def lampiran_untuk(user, pk) -> LampiranSkp:
    lampiran = LampiranSkp.objects.filter(pk=pk).first()
    if lampiran is None:
        raise Http404("Lampiran tidak ditemukan.")
    _cek_lihat(user, lampiran.skp_id)
    return lampiran


def pesan_galat(exc: ValidationError) -> list[str]:
    return list(exc.messages)


def jalankan(form, fungsi):
    """Run `fungsi(form.cleaned_data)` if the form is valid; a service's ValidationError goes onto the form.
    Returns (ok, result)."""
    if not form.is_valid():
        return False, None
    try:
        return True, fungsi(form.cleaned_data)
    except ValidationError as exc:
        attach_errors(form, exc)
        return False, None


def ke_skp(skp_id: int, jangkar: str = ""):
    url = reverse("skp_detail", kwargs={"pk": skp_id})
    return redirect(f"{url}#{jangkar}" if jangkar else url)


def tandai_dilihat(request, skp: Skp):
    """Remember that the Penilai opened this submission (the bulk approval accepts only these). Keyed by the
    submission time, so a resubmitted SKP must be opened again."""
    dilihat = request.session.get("skp_dilihat", {})
    kunci = str(skp.pk)
    nilai = skp.diajukan_pada.isoformat() if skp.diajukan_pada else ""
    if dilihat.get(kunci) != nilai:
        dilihat[kunci] = nilai
        request.session["skp_dilihat"] = dilihat


def sudah_dilihat(request, skp: Skp) -> bool:
    nilai = skp.diajukan_pada.isoformat() if skp.diajukan_pada else ""
    return request.session.get("skp_dilihat", {}).get(str(skp.pk)) == nilai
