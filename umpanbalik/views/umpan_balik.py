"""Pages of umpan balik berkelanjutan, its invitations, and the leader's tindak lanjut (responses, ambil alih).

- `umpan_balik_skp`: the feedback the user may read, by period and target, and the form for whoever may give.
- `undangan_skp`: who is invited to give feedback; the Pegawai or her leader invites and revokes.
- `umpan_balik_diundang`: the SKP the user is invited to give feedback on.
- `tindak_lanjut_skp`: the leader's responses to progress and the ambil alih of an RHK; read by the Pegawai.

An SKP the user may not see (another Pemda, or not hers) is a 404 (get_skp_pelaksanaan_for_user); one she
sees but may not act on is a 403 with the reason (the services raise PermissionDenied). Refused input
answers the page again, status 400, with the message and the input kept.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from kinerja.forms import attach_errors
from kinerja.models import Pegawai, Penempatan, PengaturanPemda, UnitKerja
from kinerja.selectors.periode import berlaku
from skp import waktu
from skp.models import Iki, Rhk, Skp, StatusSkp
from skp.perilaku import PerilakuKerja
from skp.permissions import rantai_skp, skp_visible_to

from .. import periode as periode_mod
from ..forms_umpan_balik import UMUM, AmbilAlihForm, TanggapanForm, UmpanBalikForm, UndanganForm
from ..models import JenisTanggapan, Realisasi, UndanganUmpanBalik
from ..permissions import (
    adalah_pemilik,
    adalah_pimpinan,
    get_skp_pelaksanaan_for_user,
    pastikan_pimpinan,
    skp_pelaksanaan_visible_to,
)
from ..selectors import umpan_balik as sel
from ..services import tindak_lanjut as tl
from ..services import umpan_balik as svc


def _hari(skp: Skp):
    return waktu.hari_ini(skp.pemda_id)


def _muat_skp(user, pk) -> Skp:
    skp = get_skp_pelaksanaan_for_user(user, pk)
    return Skp.objects.select_related("pegawai", "jabatan", "unit").get(pk=skp.pk)


def _periode_pilihan(skp: Skp) -> list[periode_mod.Periode]:
    """The Pemda's finest periods of the SKP's year that have started and overlap the SKP, oldest first."""
    pengaturan = PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first()
    hari = _hari(skp)
    return [
        p
        for p in periode_mod.semua(periode_mod.periode_utama(pengaturan), skp.tahun)
        if p.mulai <= hari and p.selesai >= skp.periode_mulai and p.mulai <= skp.periode_selesai
    ]


def _sekunder(skp: Skp, aktif: str, user) -> dict:
    return {
        "skp": skp,
        "aktif": aktif,
        "berjalan": skp.status == StatusSkp.DITETAPKAN,
        # An invitee reads the pelaksanaan records, not the SKP page itself.
        "lihat_skp": skp_visible_to(user).filter(pk=skp.pk).exists(),
    }


# Umpan balik ------------------------------------------------------------------------------------------------
def _label_periode(jenis, nomor, tahun) -> periode_mod.Periode:
    return periode_mod.Periode(jenis, nomor, tahun)


def _sasaran_label(ub) -> tuple[tuple, str]:
    if ub.perilaku:
        return (3, ub.perilaku), f"Perilaku kerja: {ub.get_perilaku_display()}"
    if ub.iki_id:
        return (2, ub.iki_id), f"IKI: {ub.iki.teks}"
    if ub.rhk_id:
        return (1, ub.rhk_id), f"RHK: {ub.rhk.teks}"
    return (0, 0), "Umum"


def kelompok_umpan_balik(skp: Skp, daftar) -> list[dict]:
    """Feedback grouped by period (newest first), then by target (umum, RHK, IKI, perilaku)."""
    per_periode: dict = {}
    for ub in daftar:
        p = _label_periode(ub.jenis_periode, ub.nomor_periode, skp.tahun)
        kunci, label = _sasaran_label(ub)
        grup = per_periode.setdefault(p, {})
        grup.setdefault(kunci, {"label": label, "daftar": []})["daftar"].append(ub)
    hasil = []
    for p in sorted(per_periode, key=lambda p: (p.selesai, p.mulai), reverse=True):
        sasaran = [per_periode[p][k] for k in sorted(per_periode[p])]
        hasil.append({"periode": p, "sasaran": sasaran, "jumlah": sum(len(s["daftar"]) for s in sasaran)})
    return hasil


def _render_umpan_balik(request, skp: Skp, form=None, *, status=200):
    user = request.user
    peran = svc.peran_pemberi(skp, user, _hari(skp)) if skp.status == StatusSkp.DITETAPKAN else None
    daftar = sel.umpan_balik_untuk(skp, user)
    ctx = {
        **_sekunder(skp, "umpan_balik", user),
        "kelompok": kelompok_umpan_balik(skp, daftar),
        "jumlah": len(daftar),
        "peran": peran,
        "peran_label": dict(svc.PeranPemberi.choices).get(peran, ""),
        "milik": adalah_pemilik(skp, user),
        "membaca_semua": sel.membaca_semua(skp, user),
        "pengaturan": PengaturanPemda.objects.filter(pemda_id=skp.pemda_id).first(),
        "kelola_undangan": adalah_pemilik(skp, user) or adalah_pimpinan(skp, user),
    }
    if peran:
        ctx["form"] = form or UmpanBalikForm(periode=_periode_pilihan(skp), rhk=sel.rhk_skp(skp))
    return render(request, "umpanbalik/umpan_balik_skp.html", ctx, status=status)


def _sasaran(skp: Skp, d: dict, form) -> dict:
    """The form's target select as service arguments; an id not of this SKP is a form error."""
    nilai = d["sasaran"]
    jenis, _, ident = nilai.partition("-")
    kw: dict = {}
    if nilai == UMUM:
        pass
    elif jenis == "rhk":
        kw["rhk"] = Rhk.objects.filter(pk=ident, skp=skp).first() if ident.isdigit() else None
    elif jenis == "iki":
        kw["iki"] = Iki.objects.filter(pk=ident, rhk__skp=skp).first() if ident.isdigit() else None
    elif jenis == "perilaku" and ident in PerilakuKerja.values:
        kw["perilaku"] = ident
    if nilai != UMUM and not any(kw.values()):
        raise ValidationError({"sasaran": "Pilih sasaran umpan balik dari SKP ini."})
    if d.get("sertakan_realisasi"):
        if "iki" not in kw:
            raise ValidationError({"sertakan_realisasi": "Realisasi hanya dapat dikaitkan pada sasaran IKI."})
        j, _, n = d["periode"].partition("-")
        realisasi = Realisasi.objects.filter(
            iki=kw["iki"], skp=skp, jenis_periode=j, nomor_periode=n if n.isdigit() else 0, berlaku=True
        ).first()
        if realisasi is None:
            raise ValidationError(
                {"sertakan_realisasi": "Belum ada realisasi IKI ini pada periode itu; kosongkan pilihan ini."}
            )
        kw["realisasi"] = realisasi
    return kw


@login_required
def umpan_balik_skp(request, pk):
    skp = _muat_skp(request.user, pk)
    if request.method == "GET":
        return _render_umpan_balik(request, skp)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    if svc.peran_pemberi(skp, request.user, _hari(skp)) is None:
        if adalah_pemilik(skp, request.user):
            raise PermissionDenied("Pegawai tidak memberi umpan balik atas SKP-nya sendiri.")
        raise PermissionDenied(
            "Anda tidak berhak memberi umpan balik atas SKP ini: umpan balik diberikan oleh pimpinan Pegawai, "
            "atau oleh rekan kerja, bawahan dan pihak lain yang diundang."
        )
    form = UmpanBalikForm(request.POST, periode=_periode_pilihan(skp), rhk=sel.rhk_skp(skp))
    if form.is_valid():
        d = form.cleaned_data
        try:
            svc.umpan_balik_beri(
                skp=skp,
                by=request.user,
                teks=d["teks"],
                jenis=d["jenis"],
                cara=d["cara"],
                periode=d["periode"],
                **_sasaran(skp, d, form),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, "Umpan balik dicatat.")
            return redirect("umpan_balik_skp", pk=skp.pk)
    messages.error(request, "Umpan balik belum dicatat.")
    return _render_umpan_balik(request, skp, form, status=400)


@login_required
def umpan_balik_diundang(request):
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return render(
        request, "umpanbalik/umpan_balik_diundang.html", {"undangan": list(sel.undangan_saya(request.user))}
    )


# Undangan ---------------------------------------------------------------------------------------------------
def _calon_undangan(skp: Skp) -> list[Pegawai]:
    """Pegawai with an account placed today in the same Perangkat Daerah, but not the owner, her leader, nor
    anyone already invited."""
    unit = skp.unit
    akar = (unit.ancestor_ids or [unit.pk])[0]
    units = UnitKerja.objects.filter(path__startswith=f"/{akar}/").values("pk")
    hari = _hari(skp)
    penempatan = berlaku(Penempatan.objects.filter(jabatan__unit__in=units), hari).values("pegawai_id")
    kecuali = {skp.pegawai_id}
    penilai = rantai_skp(skp, hari).penilai
    if penilai and penilai.pegawai_id:
        kecuali.add(penilai.pegawai_id)
    kecuali.update(sel.undangan_skp(skp).values_list("pegawai_id", flat=True))
    return list(
        Pegawai.objects.filter(pk__in=penempatan, akun__is_active=True)
        .exclude(pk__in=kecuali)
        .order_by("nama", "pk")
    )


def _render_undangan(request, skp: Skp, form=None, *, status=200):
    user = request.user
    kelola = adalah_pemilik(skp, user) or adalah_pimpinan(skp, user)
    if not (kelola or sel.membaca_semua(skp, user)):
        raise PermissionDenied(
            "Undangan umpan balik hanya dapat dilihat Pegawai pemilik SKP, pimpinannya, Atasan Penilai, BKPSDM "
            "dan Kepala Daerah."
        )
    ctx = {
        **_sekunder(skp, "undangan", user),
        "undangan": list(sel.undangan_skp(skp, semua=True)),
        "kelola": kelola and skp.status == StatusSkp.DITETAPKAN,
    }
    if ctx["kelola"]:
        ctx["form"] = form or UndanganForm(pegawai=_calon_undangan(skp))
    return render(request, "umpanbalik/undangan_skp.html", ctx, status=status)


@login_required
def undangan_skp(request, pk):
    skp = _muat_skp(request.user, pk)
    if request.method == "GET":
        return _render_undangan(request, skp)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    svc.pastikan_pengundang(skp, request.user)
    calon = _calon_undangan(skp)
    form = UndanganForm(request.POST, pegawai=calon)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if d["pegawai"]:
                pegawai = next((p for p in calon if p.pk == d["pegawai"]), None)
            else:
                pegawai = Pegawai.objects.filter(nip=d["nip"]).first()
                if pegawai is None:
                    raise ValidationError({"nip": f"Tidak ada Pegawai dengan NIP {d['nip']} di Pemda ini."})
            if pegawai is None:
                raise ValidationError({"pegawai": "Pilih Pegawai dari daftar."})
            undangan = svc.undangan_buat(skp=skp, pegawai=pegawai, peran=d["peran"], by=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                f"{undangan.pegawai.nama_lengkap} diundang memberi umpan balik sebagai "
                f"{undangan.get_peran_display().lower()}.",
            )
            return redirect("undangan_skp", pk=skp.pk)
    messages.error(request, "Undangan belum dibuat.")
    return _render_undangan(request, skp, form, status=400)


@login_required
@require_POST
def undangan_cabut(request, pk):
    undangan = UndanganUmpanBalik.objects.filter(
        pk=pk, content_object__in=skp_pelaksanaan_visible_to(request.user).values("pk")
    ).first()
    if undangan is None:
        raise Http404("Undangan tidak ditemukan.")
    try:
        svc.undangan_cabut(undangan=undangan, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Undangan {undangan.pegawai.nama_lengkap} dicabut.")
    return redirect("undangan_skp", pk=undangan.content_object_id)


# Tindak lanjut ----------------------------------------------------------------------------------------------
URL_PEMBINAAN = "/pelaksanaan/skp/{pk}/pembinaan/"


def _render_tindak_lanjut(request, skp: Skp, bound: dict | None = None, *, status=200):
    bound = bound or {}
    user = request.user
    if not sel.membaca_tindak_lanjut(skp, user):
        raise PermissionDenied(
            "Tanggapan dan pengambilalihan hanya dapat dilihat Pegawai pemilik SKP, pimpinannya, Atasan "
            "Penilai, BKPSDM dan Kepala Daerah."
        )
    pimpinan = skp.status == StatusSkp.DITETAPKAN and adalah_pimpinan(skp, user)
    rhk = sel.rhk_skp(skp)
    alih = sel.ambil_alih_untuk(skp)
    tanggapan = sel.tanggapan_untuk(skp)
    for r in rhk:
        r.alih = alih.get(r.garis)
        if pimpinan and r.alih is None:
            r.f_alih = bound.get(f"alih_{r.pk}") or AmbilAlihForm(prefix=f"alih{r.pk}")
            r.siap_alih = tl.sudah_ditindaklanjuti(skp, r)
    ctx = {
        **_sekunder(skp, "tindak_lanjut", user),
        "pimpinan": pimpinan,
        "milik": adalah_pemilik(skp, user),
        "rhk": rhk,
        "tanggapan": tanggapan,
        "ambil_alih": sorted(alih.values(), key=lambda a: (a.tanggal, a.pk), reverse=True),
        "url_pembinaan": URL_PEMBINAAN.format(pk=skp.pk),
        "ada_penyesuaian": any(t.jenis == JenisTanggapan.PENYESUAIAN_EKSPEKTASI for t in tanggapan),
        "revisi_berjalan": Skp.objects.filter(sebelumnya=skp).first(),
    }
    if pimpinan:
        ctx["form"] = bound.get("tanggapan") or TanggapanForm(prefix="tanggapan", rhk=rhk)
    return render(request, "umpanbalik/tindak_lanjut_skp.html", ctx, status=status)


@login_required
def tindak_lanjut_skp(request, pk):
    skp = _muat_skp(request.user, pk)
    if request.method == "GET":
        return _render_tindak_lanjut(request, skp)
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "POST"])
    pastikan_pimpinan(skp, request.user, _hari(skp))
    rhk = sel.rhk_skp(skp)
    form = TanggapanForm(request.POST, prefix="tanggapan", rhk=rhk)
    if form.is_valid():
        d = form.cleaned_data
        try:
            pilih = next((r for r in rhk if r.pk == d["rhk"]), None)
            tanggapan = tl.tanggapan_catat(
                skp=skp, by=request.user, jenis=d["jenis"], teks=d["teks"], rhk=pilih
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            pesan = f"Tanggapan '{tanggapan.get_jenis_display()}' dicatat."
            if tanggapan.jenis == JenisTanggapan.PENYESUAIAN_EKSPEKTASI:
                pesan += " Lanjutkan dengan menyusun revisi SKP di bawah."
            elif tanggapan.jenis == JenisTanggapan.PEMBINAAN:
                pesan += " Lanjutkan dengan mencatat bimbingan atau konseling pada halaman pembinaan."
            messages.success(request, pesan)
            return redirect(f"{reverse('tindak_lanjut_skp', kwargs={'pk': skp.pk})}#tanggapan-{tanggapan.pk}")
    messages.error(request, "Tanggapan belum dicatat.")
    return _render_tindak_lanjut(request, skp, {"tanggapan": form}, status=400)


@login_required
@require_POST
def ambil_alih_rhk(request, pk):
    rhk = Rhk.objects.filter(pk=pk, skp__in=skp_pelaksanaan_visible_to(request.user).values("pk")).first()
    if rhk is None:
        raise Http404("RHK tidak ditemukan.")
    skp = _muat_skp(request.user, rhk.skp_id)
    pastikan_pimpinan(skp, request.user, _hari(skp))
    form = AmbilAlihForm(request.POST, prefix=f"alih{rhk.pk}")
    if form.is_valid():
        try:
            tl.ambil_alih(rhk=rhk, by=request.user, catatan=form.cleaned_data["catatan"])
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request, "Rencana hasil kerja diambil alih; catatannya dibaca pada evaluasi kinerja."
            )
            return redirect(f"{reverse('tindak_lanjut_skp', kwargs={'pk': skp.pk})}#rhk-{rhk.pk}")
    messages.error(request, "Rencana hasil kerja belum diambil alih.")
    return _render_tindak_lanjut(request, skp, {f"alih_{rhk.pk}": form}, status=400)


urlpatterns = [
    path("skp/<int:pk>/umpan-balik/", umpan_balik_skp, name="umpan_balik_skp"),
    path("skp/<int:pk>/undangan/", undangan_skp, name="undangan_skp"),
    path("skp/<int:pk>/tindak-lanjut/", tindak_lanjut_skp, name="tindak_lanjut_skp"),
    path("undangan/<int:pk>/cabut/", undangan_cabut, name="undangan_cabut"),
    path("rhk/<int:pk>/ambil-alih/", ambil_alih_rhk, name="ambil_alih_rhk"),
    path("diundang/", umpan_balik_diundang, name="umpan_balik_diundang"),
]
