"""Pages of the penilaian area of evaluasi (issue 5): the Pegawai's evaluations, the Penilai's work in a period,
and the rating page of one Pegawai.

Loading: evaluasi.permissions (another Pemda's evaluation, or one she may not see, is a 404 on every method).
Acting: the service decides (evaluasi.services.penilaian / capaian); a ValidationError re-renders the page with
the message (400), a PermissionDenied with the reason (403)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import path, reverse

from kinerja.forms import attach_errors
from kinerja.models import UnitKerja
from kinerja.selectors.pemda import pengaturan_pemda
from skp import waktu

from ..forms_penilaian import CapaianForm, NilaiForm, PakaiSebelumnyaForm, TandatanganiForm
from ..ipk import kategori_ipk
from ..models import Evaluasi, PeriodeEvaluasi, Predikat, Rating
from ..permissions import get_evaluasi_for_user
from ..selectors import penilaian as sel
from ..services import capaian as capaian_services
from ..services import penilaian as services


def tautan(nama: str, *args) -> str:
    """The URL of a route of another area (documents, keberatan) for this evaluation."""
    return reverse(nama, args=args)


def _hari_ini(request):
    return waktu.hari_ini(request.user.pemda_id)


# The Pegawai's own ------------------------------------------------------------------------------------------
@login_required
def evaluasi_saya(request):
    daftar = sel.evaluasi_pegawai(request.user, tanggal=_hari_ini(request))
    for d in daftar:
        pk = d.evaluasi.pk
        d.url_hasil = tautan("evaluasi_cetak_hasil", pk)
        d.url_dokumen = tautan("evaluasi_cetak_dokumen", pk)
        d.url_keberatan_cetak = tautan("evaluasi_cetak_keberatan", pk)
        d.url_ajukan = tautan("keberatan_ajukan", pk)
    return render(
        request,
        "evaluasi/penilaian_saya.html",
        {"daftar": daftar, "tanggal": _hari_ini(request), "form": TandatanganiForm()},
    )


# The Penilai's work -----------------------------------------------------------------------------------------
def _pilih_periode(request, daftar):
    kode = request.GET.get("periode", "")
    if kode:
        for p in daftar:
            if str(p.pk) == kode:
                return p
    return daftar[0] if daftar else None


def _kerja(request, periode_list, periode, *, capaian_form=None, status=200):
    tanggal = _hari_ini(request)
    pengaturan = pengaturan_pemda(request.user.pemda_id)
    kerja = None
    if periode is not None and pengaturan is not None:
        kerja = sel.kerja_penilai(request.user, periode, pengaturan=pengaturan, tanggal=tanggal)
    return render(
        request,
        "evaluasi/penilaian_penilai.html",
        {
            "periode_list": periode_list,
            "periode": periode,
            "kerja": kerja,
            "tanpa_pengaturan": pengaturan is None,
            "capaian_form": capaian_form,
            "tanggal": tanggal,
        },
        status=status,
    )


@login_required
def evaluasi_penilai(request):
    """The evaluator's work in one open period: a fixed number of queries for any number of Pegawai."""
    daftar = sel.periode_kerja(request.user)
    return _kerja(request, daftar, _pilih_periode(request, daftar))


@login_required
def evaluasi_penilai_capaian(request, pk):
    """The unit's leader (or BKPSDM) sets the capaian kinerja organisasi from the rating page."""
    periode = PeriodeEvaluasi.objects.filter(pk=pk).first()
    daftar = sel.periode_kerja(request.user)
    if periode is None or periode not in daftar:
        raise Http404("Periode tidak ditemukan.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CapaianForm(request.POST)
    unit = None
    if form.is_valid():
        unit = UnitKerja.objects.filter(pk=form.cleaned_data["unit"]).first()
        if unit is None:
            form.add_error(None, "Unit kerja tidak ditemukan.")
    if form.is_valid() and unit is not None:
        try:
            capaian_services.tetapkan_capaian(
                unit=unit,
                periode=periode,
                predikat=form.cleaned_data["predikat"],
                keterangan=form.cleaned_data["keterangan"],
                by=request.user,
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or "Anda tidak berhak menetapkan capaian unit ini.")
            return _kerja(request, daftar, periode, capaian_form=form, status=403)
        else:
            messages.success(request, f"Capaian kinerja organisasi {unit.nama} {periode.label} ditetapkan.")
            return redirect(f"{reverse('evaluasi_penilai')}?periode={periode.pk}")
    return _kerja(request, daftar, periode, capaian_form=form, status=400)


# One evaluation ---------------------------------------------------------------------------------------------
def _evaluasi(request, pk):
    return get_evaluasi_for_user(request.user, pk)


def _halaman(
    request,
    evaluasi,
    *,
    nilai_form=None,
    ttd_form=None,
    ttd_pegawai_form=None,
    pakai_form=None,
    galat="",
    status=200,
):
    tanggal = _hari_ini(request)
    h = sel.halaman_evaluasi(evaluasi, request.user, tanggal=tanggal)
    rhk = [r.rhk for r in h.bahan.rhk]
    if nilai_form is None:
        nilai_form = NilaiForm(
            initial=NilaiForm.awal(evaluasi), rhk=rhk, tugas_belajar=evaluasi.tugas_belajar
        )
    kategori = ""
    if evaluasi.tugas_belajar and evaluasi.ipk is not None:
        try:
            kategori = Predikat(
                kategori_ipk(
                    evaluasi.ipk, evaluasi.jenjang, evaluasi.lokasi_studi, evaluasi.akreditasi_institusi
                )
            ).label
        except ValueError as exc:
            kategori = str(exc)
    rhk_rows = [(r, nilai_form.catatan_rhk(r.rhk.garis)) for r in h.bahan.rhk]
    perilaku_rows = [(p, nilai_form[f"catatan_perilaku_{p.kode}"]) for p in h.bahan.perilaku]
    pk = evaluasi.pk
    return render(
        request,
        "evaluasi/penilaian_detail.html",
        {
            "h": h,
            "ev": evaluasi,
            "form": nilai_form,
            "rhk_rows": rhk_rows,
            "perilaku_rows": perilaku_rows,
            "ttd_form": ttd_form or TandatanganiForm(),
            "ttd_pegawai_form": ttd_pegawai_form or TandatanganiForm(),
            "pakai_form": pakai_form
            or (PakaiSebelumnyaForm(initial={"sumber": h.sebelumnya.pk}) if h.sebelumnya else None),
            "kategori_ipk": kategori,
            "galat": galat,
            "kuadran": _tabel_kuadran(),
            "url_hasil": tautan("evaluasi_cetak_hasil", pk),
            "url_dokumen": tautan("evaluasi_cetak_dokumen", pk),
            "url_keberatan_cetak": tautan("evaluasi_cetak_keberatan", pk),
            "url_ajukan": tautan("keberatan_ajukan", pk),
            "url_pelaksanaan": tautan("pelaksanaan_skp", evaluasi.skp_id) if evaluasi.skp_id else "",
            "boleh_keberatan": bool(
                h.pegawai
                and evaluasi.ditandatangani_penilai
                and not evaluasi.final
                and h.batas_keberatan
                and tanggal <= h.batas_keberatan
                and not evaluasi.keberatan.exists()
            ),
        },
        status=status,
    )


def _tabel_kuadran():
    """The kuadran as rows for the page's live preview: [(hasil label, [(perilaku, predikat label)])]."""
    from ..kuadran import KUADRAN, URUTAN_RATING

    return [
        (
            Rating(h).label,
            h.value,
            [
                (p.value, Predikat(KUADRAN[(h, p)]).label, KUADRAN[(h, p)].value)
                for p in reversed(URUTAN_RATING)
            ],
        )
        for h in URUTAN_RATING
    ]


@login_required
def evaluasi_detail(request, pk):
    evaluasi = _evaluasi(request, pk)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return _halaman(request, evaluasi)


def _aksi(request, pk, jalankan, *, form_class, form_kwargs=None, slot, berhasil):
    """Run one action of the detail page: the form, then the service; errors re-render the page."""
    evaluasi = _evaluasi(request, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = form_class(request.POST, **(form_kwargs(evaluasi) if form_kwargs else {}))
    if not form.is_valid():
        return _halaman(request, evaluasi, status=400, **{slot: form})
    try:
        hasil = jalankan(evaluasi, form)
    except ValidationError as exc:
        attach_errors(form, exc)
        return _halaman(request, evaluasi, status=400, **{slot: form})
    except PermissionDenied as exc:
        return _halaman(
            request,
            evaluasi,
            status=403,
            galat=str(exc) or "Anda tidak berhak melakukan ini.",
            **{slot: form},
        )
    messages.success(request, berhasil(hasil))
    return redirect("evaluasi_detail", pk=evaluasi.pk)


def _nilai_kwargs(evaluasi):
    rhk = [r.rhk for r in sel.bahan(evaluasi).rhk] if evaluasi.skp_id else []
    return {"rhk": rhk, "tugas_belajar": evaluasi.tugas_belajar}


@login_required
def evaluasi_nilai(request, pk):
    return _aksi(
        request,
        pk,
        lambda ev, form: services.nilai(evaluasi=ev, by=request.user, **form.untuk_layanan()),
        form_class=NilaiForm,
        form_kwargs=_nilai_kwargs,
        slot="nilai_form",
        berhasil=lambda ev: (
            f"Rating disimpan: predikat {ev.get_predikat_display()}. "
            "Tandatangani untuk menerbitkan dokumen evaluasi."
        ),
    )


@login_required
def evaluasi_tandatangani(request, pk):
    return _aksi(
        request,
        pk,
        lambda ev, form: services.tandatangani_evaluator(
            evaluasi=ev, by=request.user, password=form.cleaned_data["password"]
        ),
        form_class=TandatanganiForm,
        slot="ttd_form",
        berhasil=lambda ev: "Dokumen evaluasi ditandatangani dan disampaikan kepada Pegawai.",
    )


@login_required
def evaluasi_tandatangani_pegawai(request, pk):
    return _aksi(
        request,
        pk,
        lambda ev, form: services.tandatangani_pegawai(
            evaluasi=ev, by=request.user, password=form.cleaned_data["password"]
        ),
        form_class=TandatanganiForm,
        slot="ttd_pegawai_form",
        berhasil=lambda ev: "Dokumen evaluasi Anda tandatangani; evaluasi selesai.",
    )


def _pakai(request, ev, form):
    sumber = Evaluasi.objects.filter(pk=form.cleaned_data["sumber"], pegawai_id=ev.pegawai_id).select_related(
        "periode"
    )
    sumber = sumber.first()
    if sumber is None:
        raise ValidationError("Hasil periode sebelumnya tidak ditemukan.")
    return services.pakai_hasil_sebelumnya(evaluasi=ev, sumber=sumber, by=request.user)


@login_required
def evaluasi_pakai_sebelumnya(request, pk):
    return _aksi(
        request,
        pk,
        lambda ev, form: _pakai(request, ev, form),
        form_class=PakaiSebelumnyaForm,
        slot="pakai_form",
        berhasil=lambda ev: (
            f"Hasil periode sebelumnya dipakai: predikat {ev.get_predikat_display()}. "
            "Tandatangani untuk menerbitkan dokumen evaluasi."
        ),
    )


urlpatterns = [
    path("saya/", evaluasi_saya, name="evaluasi_saya"),
    path("penilai/", evaluasi_penilai, name="evaluasi_penilai"),
    path("penilai/<int:pk>/capaian/", evaluasi_penilai_capaian, name="evaluasi_penilai_capaian"),
    path("<int:pk>/", evaluasi_detail, name="evaluasi_detail"),
    path("<int:pk>/nilai/", evaluasi_nilai, name="evaluasi_nilai"),
    path("<int:pk>/tandatangani/", evaluasi_tandatangani, name="evaluasi_tandatangani"),
    path(
        "<int:pk>/tandatangani-pegawai/", evaluasi_tandatangani_pegawai, name="evaluasi_tandatangani_pegawai"
    ),
    path("<int:pk>/pakai-hasil-sebelumnya/", evaluasi_pakai_sebelumnya, name="evaluasi_pakai_sebelumnya"),
]
