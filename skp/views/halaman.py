"""The Pegawai's SKP pages: her list, a new draft, and the SKP page with its editor.

The SKP page is one page for everyone who may see the SKP; what it offers depends on who looks and on the
status: the owner edits her RHK/IKI while it is a draft or returned, the acting Penilai reviews (comments per
RHK, return, approve, ekspektasi khusus, lampiran, set), others read. Rows are added, changed, moved and
removed with htmx: the view answers an htmx request with the re-rendered section (400 with the errors and the
input kept), and a plain POST with a redirect (or the whole page, 400, on errors).
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from dokumen import selectors as dokumen_selectors
from kinerja.models import Pegawai
from kinerja.selectors.pemda import pengaturan_pemda

from .. import services, waktu
from ..documents import formats_ditandatangani
from ..forms import (
    AlasanRevisiForm,
    AmbilRhkForm,
    EkspektasiForm,
    IkiForm,
    KembalikanForm,
    LampiranForm,
    PasswordForm,
    RhkForm,
)
from ..models import (
    BagianLampiran,
    JenisSkp,
    Rhk,
    Skp,
    StatusSkp,
    TeksTersimpan,
)
from ..permissions import peran_penilai
from ..selectors import (
    pemberitahuan_untuk,
    pengecualian_perencanaan,
    rhk_pimpinan_tersedia,
    riwayat_versi,
    skp_lengkap,
)
from ..services.isi import STATUS_PENILAI_MENULIS
from ._bantu import iki_untuk, jalankan, ke_skp, rhk_untuk, skp_untuk, tandai_dilihat

DOKUMEN_ADA = (
    StatusSkp.DISETUJUI,
    StatusSkp.DITANDATANGANI_PEGAWAI,
    StatusSkp.DITETAPKAN,
    StatusSkp.DIGANTIKAN,
)


def _pengaturan(pemda_id):
    return pengaturan_pemda(pemda_id)


# SKP saya -------------------------------------------------------------------------------------------------
@login_required
def skp_saya(request):
    from ..forms import SkpBuatForm

    user = request.user
    if not user.pegawai_id:
        messages.info(request, "Akun ini bukan akun Pegawai; SKP disusun oleh Pegawai.")
        return redirect("beranda")
    pengaturan = _pengaturan(request.pemda_id)
    tanggal = waktu.hari_ini(request.pemda_id)
    pegawai = Pegawai.objects.get(pk=user.pegawai_id)
    daftar = list(
        Skp.objects.filter(pegawai_id=user.pegawai_id)
        .select_related("penilai", "jabatan")
        .order_by("-tahun", "-periode_mulai", "-versi")
    )
    pengecualian = pengecualian_perencanaan(pegawai, tanggal, pengaturan) if pengaturan else None
    pendekatan = list(pengaturan.pendekatan_hasil_kerja) if pengaturan else []
    form = SkpBuatForm(
        request.POST or None,
        tahun_pilihan=(tanggal.year, tanggal.year + 1),
        pendekatan_diizinkan=pendekatan,
        initial={"tahun": tanggal.year},
    )
    status = 200
    if request.method == "POST":
        ok, skp = jalankan(
            form,
            lambda d: services.skp_buat(
                pegawai=pegawai, tahun=d["tahun"], pendekatan=d["pendekatan"], by=user
            ),
        )
        if ok:
            messages.success(request, f"Draf SKP {skp.tahun} dibuat. Isi rencana hasil kerja Anda.")
            return ke_skp(skp.pk)
        status = 400
    return render(
        request,
        "skp/saya.html",
        {"daftar": daftar, "form": form, "pengecualian": pengecualian, "pengaturan": pengaturan},
        status=status,
    )


# The SKP page ---------------------------------------------------------------------------------------------
def konteks_skp(request, skp_id: int, bound: dict | None = None) -> dict:
    """Everything the SKP page and its sections show, in a fixed number of queries whatever the number of RHK,
    IKI and lampiran lines. `bound` holds forms that failed, keyed as the template reads them."""
    bound = bound or {}
    user = request.user
    pengaturan = _pengaturan(request.pemda_id)
    lengkap = skp_lengkap(skp_id, pengaturan)
    skp = lengkap.skp
    tanggal = waktu.hari_ini(skp.pemda_id)
    milik = user.pegawai_id is not None and user.pegawai_id == skp.pegawai_id
    peran = None
    if not milik and skp.status != StatusSkp.DIGANTIKAN:
        peran = peran_penilai(
            skp, user, hari_ini=tanggal, bulan_batas=pengaturan.batas_penetapan_skp_bulan if pengaturan else 1
        )
    bisa_ubah = milik and skp.dapat_diubah
    rhk_pimpinan, skp_pimpinan = [], None
    if bisa_ubah:
        skp_pimpinan, rhk_pimpinan = rhk_pimpinan_tersedia(skp, tanggal=tanggal)
    catatan_rhk = defaultdict(list)
    catatan_umum = []
    for c in lengkap.catatan:
        (catatan_rhk[c.rhk_id] if c.rhk_id else catatan_umum).append(c)
    kuantitatif = skp.pendekatan == "kuantitatif"
    for rhk in lengkap.rhk:
        rhk.catatan_penilai = catatan_rhk.get(rhk.pk, [])
        if bisa_ubah:
            rhk.f_ubah = bound.get(f"rhk_{rhk.pk}") or RhkForm(
                prefix=f"rhk{rhk.pk}",
                rhk_pimpinan=rhk_pimpinan,
                initial={
                    "jenis": rhk.jenis,
                    "teks": rhk.teks,
                    "penugasan_dari": rhk.penugasan_dari,
                    "intervensi": rhk.intervensi_id,
                },
            )
            rhk.f_iki_baru = bound.get(f"iki_baru_{rhk.pk}") or IkiForm(prefix=f"ikibaru{rhk.pk}")
            for iki in rhk.iki.all():
                iki.f_ubah = bound.get(f"iki_{iki.pk}") or IkiForm(
                    prefix=f"iki{iki.pk}",
                    initial={
                        "teks": iki.teks,
                        "aspek": iki.aspek,
                        "perspektif": iki.perspektif,
                        "target_angka": iki.target_angka.normalize() if iki.target_angka is not None else "",
                        "target_satuan": iki.target_satuan,
                        "target_teks": iki.target_teks,
                    },
                )
    penilai_menulis = peran is not None and skp.status in STATUS_PENILAI_MENULIS
    lampiran_menulis = bisa_ubah or penilai_menulis
    # The SKP format and its Lampiran (A.1.8): both are signed, both are linked.
    dokumen = (
        [d for kode in formats_ditandatangani(skp) if (d := dokumen_selectors.dokumen_berlaku(skp, kode))]
        if skp.status in DOKUMEN_ADA
        else []
    )
    ctx = {
        "lengkap": lengkap,
        "skp": skp,
        "pengaturan": pengaturan,
        "milik": milik,
        "peran": peran,
        "bisa_ubah": bisa_ubah,
        "kuantitatif": kuantitatif,
        "jpt": skp.jenis == JenisSkp.JPT,
        "catatan_umum": catatan_umum,
        "skp_pimpinan": skp_pimpinan,
        "rhk_pimpinan": rhk_pimpinan,
        "penilai_menulis": penilai_menulis,
        "lampiran_menulis": lampiran_menulis,
        "dokumen": dokumen,
        "versi": riwayat_versi(skp),
        "tanggal": tanggal,
        "bagian_lampiran": [(kode, label, lengkap.lampiran[kode]) for kode, label in BagianLampiran.choices],
    }
    if bisa_ubah:
        ctx["f_rhk_baru"] = bound.get("rhk_baru") or RhkForm(prefix="rhkbaru", rhk_pimpinan=rhk_pimpinan)
        ctx["f_ambil"] = bound.get("ambil") or AmbilRhkForm(rhk_pimpinan=rhk_pimpinan)
    if milik:
        ctx["pemberitahuan"] = list(pemberitahuan_untuk(user).filter(skp_id=skp.pk))
        ctx["f_ttd"] = bound.get("ttd") or PasswordForm(prefix="ttd")
        ctx["f_revisi"] = bound.get("revisi") or AlasanRevisiForm(prefix="revisi")
    if lampiran_menulis:
        ctx["f_lampiran"] = bound.get("lampiran") or LampiranForm(prefix="lampiran")
    if peran is not None:
        ctx["f_kembalikan"] = bound.get("kembalikan") or KembalikanForm(prefix="kembalikan")
        ctx["f_tetapkan"] = bound.get("tetapkan") or PasswordForm(prefix="tetapkan")
        ctx["f_revisi"] = bound.get("revisi") or AlasanRevisiForm(prefix="revisi")
        ctx["catatan_rhk_isi"] = bound.get("catatan_rhk", {})
    if penilai_menulis:
        teks = list(TeksTersimpan.objects.filter(pemilik=user))
        ekspektasi_bound = bound.get("ekspektasi")
        for p in lengkap.perilaku:
            p.teks_tersimpan = [t for t in teks if t.perilaku == p.kode]
            p.f = (
                ekspektasi_bound
                if ekspektasi_bound is not None and ekspektasi_bound["perilaku"].value() == p.kode
                else EkspektasiForm(
                    prefix=f"ek-{p.kode}", initial={"perilaku": p.kode, "teks": p.ekspektasi_khusus}
                )
            )
        ctx["teks_konsekuensi"] = [t for t in teks if not t.perilaku]
    ctx["galat_ajukan"] = bound.get("galat_ajukan", [])
    ctx["galat_penilai"] = bound.get("galat_penilai", [])
    return ctx


def render_skp(request, skp_id: int, bound: dict | None = None, *, bagian: str | None = None, status=200):
    """The whole page, or with htmx one section (`bagian`: 'rhk' or 'pimpinan')."""
    ctx = konteks_skp(request, skp_id, bound)
    if bagian and request.htmx:
        template = {"rhk": "skp/_rhk.html", "pimpinan": "skp/_perilaku_lampiran.html"}[bagian]
        return render(request, template, ctx, status=status)
    return render(request, "skp/skp_detail.html", ctx, status=status)


@login_required
def skp_detail(request, pk):
    skp = skp_untuk(request.user, pk)
    if skp.status == StatusSkp.DIAJUKAN and request.user.pegawai_id != skp.pegawai_id:
        tandai_dilihat(request, skp)
    return render_skp(request, skp.pk)


def _selesai(request, skp_id: int, bagian: str, pesan: str = "", jangkar: str = ""):
    """After a successful change: the section for htmx, else back to the page."""
    if request.htmx:
        return render_skp(request, skp_id, bagian=bagian)
    if pesan:
        messages.success(request, pesan)
    return ke_skp(skp_id, jangkar)


def _gagal(request, skp_id: int, bound: dict, bagian: str, jangkar: str = ""):
    if not request.htmx:
        messages.error(request, "Perubahan belum disimpan. Periksa isian yang ditandai.")
    return render_skp(request, skp_id, bound, bagian=bagian, status=400)


def _rhk_pimpinan(skp):
    _, daftar = rhk_pimpinan_tersedia(skp)
    return daftar


def _pilih_rhk(daftar, pk):
    return next((r for r in daftar if r.pk == pk), None) if pk else None


# RHK -----------------------------------------------------------------------------------------------------
@login_required
@require_POST
def rhk_tambah(request, pk):
    skp = skp_untuk(request.user, pk)
    daftar = _rhk_pimpinan(skp)
    form = RhkForm(request.POST, prefix="rhkbaru", rhk_pimpinan=daftar)
    ok, _ = jalankan(
        form,
        lambda d: services.rhk_tambah(
            skp=skp,
            jenis=d["jenis"],
            teks=d["teks"],
            penugasan_dari=d["penugasan_dari"],
            intervensi=_pilih_rhk(daftar, d["intervensi"]),
            by=request.user,
        ),
    )
    if ok:
        return _selesai(request, skp.pk, "rhk", "RHK ditambahkan.", "rhk")
    return _gagal(request, skp.pk, {"rhk_baru": form}, "rhk")


@login_required
@require_POST
def rhk_ubah(request, pk):
    rhk = rhk_untuk(request.user, pk)
    skp = Skp.objects.select_related("pegawai").get(pk=rhk.skp_id)
    daftar = _rhk_pimpinan(skp)
    form = RhkForm(request.POST, prefix=f"rhk{rhk.pk}", rhk_pimpinan=daftar)
    ok, _ = jalankan(
        form,
        lambda d: services.rhk_ubah(
            rhk=rhk,
            jenis=d["jenis"],
            teks=d["teks"],
            penugasan_dari=d["penugasan_dari"],
            intervensi=_pilih_rhk(daftar, d["intervensi"]),
            by=request.user,
        ),
    )
    if ok:
        return _selesai(request, rhk.skp_id, "rhk", "RHK diubah.", f"rhk-{rhk.pk}")
    return _gagal(request, rhk.skp_id, {f"rhk_{rhk.pk}": form}, "rhk")


@login_required
@require_POST
def rhk_hapus(request, pk):
    rhk = rhk_untuk(request.user, pk)
    try:
        services.rhk_hapus(rhk=rhk, by=request.user)
    except ValidationError as exc:
        return _gagal(request, rhk.skp_id, {"galat_ajukan": exc.messages}, "rhk")
    return _selesai(request, rhk.skp_id, "rhk", "RHK dihapus.", "rhk")


@login_required
@require_POST
def rhk_geser(request, pk):
    """Move an RHK one place up or down among the RHK of its kind (utama/tambahan)."""
    rhk = rhk_untuk(request.user, pk)
    semua = list(Rhk.objects.filter(skp_id=rhk.skp_id).order_by("urutan", "id").values_list("pk", "jenis"))
    urutan = [p for p, _ in semua]
    sejenis = [p for p, j in semua if j == rhk.jenis]
    i = sejenis.index(rhk.pk)
    j = i - 1 if request.POST.get("arah") == "naik" else i + 1
    if 0 <= j < len(sejenis):
        a, b = urutan.index(sejenis[i]), urutan.index(sejenis[j])
        urutan[a], urutan[b] = urutan[b], urutan[a]
        skp = Skp.objects.select_related("pegawai").get(pk=rhk.skp_id)
        try:
            services.rhk_urutkan(skp=skp, urutan=urutan, by=request.user)
        except ValidationError as exc:
            return _gagal(request, rhk.skp_id, {"galat_ajukan": exc.messages}, "rhk")
    return _selesai(request, rhk.skp_id, "rhk", jangkar=f"rhk-{rhk.pk}")


# IKI -----------------------------------------------------------------------------------------------------
def _iki_data(d):
    return {
        "teks": d["teks"],
        "aspek": d["aspek"],
        "perspektif": d["perspektif"],
        "target_angka": d["target_angka"],
        "target_satuan": d["target_satuan"],
        "target_teks": d["target_teks"],
    }


@login_required
@require_POST
def iki_tambah(request, pk):
    rhk = rhk_untuk(request.user, pk)
    form = IkiForm(request.POST, prefix=f"ikibaru{rhk.pk}")
    ok, _ = jalankan(form, lambda d: services.iki_tambah(rhk=rhk, by=request.user, **_iki_data(d)))
    if ok:
        return _selesai(request, rhk.skp_id, "rhk", "IKI ditambahkan.", f"rhk-{rhk.pk}")
    return _gagal(request, rhk.skp_id, {f"iki_baru_{rhk.pk}": form}, "rhk")


@login_required
@require_POST
def iki_ubah(request, pk):
    iki = iki_untuk(request.user, pk)
    form = IkiForm(request.POST, prefix=f"iki{iki.pk}")
    ok, _ = jalankan(form, lambda d: services.iki_ubah(iki=iki, by=request.user, **_iki_data(d)))
    if ok:
        return _selesai(request, iki.rhk.skp_id, "rhk", "IKI diubah.", f"rhk-{iki.rhk_id}")
    return _gagal(request, iki.rhk.skp_id, {f"iki_{iki.pk}": form}, "rhk")


@login_required
@require_POST
def iki_hapus(request, pk):
    iki = iki_untuk(request.user, pk)
    try:
        services.iki_hapus(iki=iki, by=request.user)
    except ValidationError as exc:
        return _gagal(request, iki.rhk.skp_id, {"galat_ajukan": exc.messages}, "rhk")
    return _selesai(request, iki.rhk.skp_id, "rhk", "IKI dihapus.", f"rhk-{iki.rhk_id}")


# Starting points -----------------------------------------------------------------------------------------
@login_required
@require_POST
def ambil_rhk_pimpinan(request, pk):
    skp = skp_untuk(request.user, pk)
    daftar = _rhk_pimpinan(skp)
    form = AmbilRhkForm(request.POST, rhk_pimpinan=daftar)
    ok, baru = jalankan(
        form,
        lambda d: services.skp_ambil_rhk_pimpinan(
            skp=skp, rhk_pimpinan=[r for r in daftar if r.pk in d["rhk"]], jenis=d["jenis"], by=request.user
        ),
    )
    if ok:
        pesan = f"{len(baru)} RHK diambil dari RHK pimpinan. Lengkapi indikator dan targetnya."
        return _selesai(request, skp.pk, "rhk", pesan, "rhk")
    return _gagal(request, skp.pk, {"ambil": form}, "rhk")


@login_required
@require_POST
def salin_tahun_lalu(request, pk):
    skp = skp_untuk(request.user, pk)
    try:
        baru = services.skp_salin_tahun_lalu(skp=skp, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{len(baru)} RHK disalin dari SKP tahun {skp.tahun - 1}.")
    return ke_skp(skp.pk, "rhk")


@login_required
@require_POST
def skp_hapus(request, pk):
    skp = skp_untuk(request.user, pk)
    try:
        services.skp_hapus_draft(skp=skp, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return ke_skp(skp.pk)
    messages.success(request, "Draf SKP dihapus.")
    return redirect("skp_saya")


# Workflow of the Pegawai -------------------------------------------------------------------------------
@login_required
@require_POST
def skp_ajukan(request, pk):
    skp = skp_untuk(request.user, pk)
    try:
        services.skp_ajukan(skp=skp, by=request.user)
    except ValidationError as exc:
        messages.error(request, "SKP belum dapat diajukan. Lengkapi dulu yang berikut.")
        return render_skp(request, skp.pk, {"galat_ajukan": exc.messages}, status=400)
    messages.success(request, "SKP diajukan kepada Penilai.")
    return ke_skp(skp.pk)


@login_required
@require_POST
def skp_tanda_tangan(request, pk):
    skp = skp_untuk(request.user, pk)
    form = PasswordForm(request.POST, prefix="ttd")
    ok, _ = jalankan(
        form,
        lambda d: services.skp_tanda_tangan_pegawai(skp=skp, by=request.user, password=d["password"]),
    )
    if ok:
        messages.success(request, "SKP Anda tandatangani. Menunggu penetapan oleh Penilai.")
        return ke_skp(skp.pk)
    messages.error(request, "SKP belum ditandatangani.")
    return render_skp(request, skp.pk, {"ttd": form}, status=400)


@login_required
@require_POST
def pemberitahuan_baca(request, pk):
    skp = skp_untuk(request.user, pk)
    daftar = list(pemberitahuan_untuk(request.user).filter(skp_id=skp.pk))
    services.pemberitahuan_baca(pemberitahuan=daftar, by=request.user)
    if request.htmx:
        return render(request, "skp/_kosong.html")
    return ke_skp(skp.pk)


# The Penilai's parts -------------------------------------------------------------------------------------
def _catatan_rhk(post) -> dict[int, str]:
    hasil = {}
    for kunci, nilai in post.items():
        if kunci.startswith("catatan_rhk_") and nilai.strip():
            try:
                hasil[int(kunci.removeprefix("catatan_rhk_"))] = nilai
            except ValueError:
                continue
    return hasil


@login_required
@require_POST
def skp_kembalikan(request, pk):
    skp = skp_untuk(request.user, pk)
    form = KembalikanForm(request.POST, prefix="kembalikan")
    per_rhk = _catatan_rhk(request.POST)
    ok, _ = jalankan(
        form,
        lambda d: services.skp_kembalikan(
            skp=skp, by=request.user, catatan=d["catatan"], catatan_rhk=per_rhk
        ),
    )
    if ok:
        messages.success(request, f"SKP {skp.pegawai.nama_lengkap} dikembalikan dengan catatan.")
        return redirect("skp_menunggu")
    return render_skp(request, skp.pk, {"kembalikan": form, "catatan_rhk": per_rhk}, status=400)


@login_required
@require_POST
def skp_setujui(request, pk):
    skp = skp_untuk(request.user, pk)
    try:
        services.skp_setujui(skp=skp, by=request.user)
    except ValidationError as exc:
        return render_skp(request, skp.pk, {"galat_penilai": exc.messages}, status=400)
    messages.success(request, f"SKP {skp.pegawai.nama_lengkap} disetujui. Menunggu tanda tangan Pegawai.")
    return redirect("skp_menunggu")


@login_required
@require_POST
def skp_tetapkan(request, pk):
    skp = skp_untuk(request.user, pk)
    form = PasswordForm(request.POST, prefix="tetapkan")
    ok, _ = jalankan(form, lambda d: services.skp_tetapkan(skp=skp, by=request.user, password=d["password"]))
    if ok:
        messages.success(request, f"SKP {skp.pegawai.nama_lengkap} ditetapkan.")
        return ke_skp(skp.pk)
    messages.error(request, "SKP belum ditetapkan.")
    return render_skp(request, skp.pk, {"tetapkan": form}, status=400)


@login_required
@require_POST
def ekspektasi_simpan(request, pk):
    skp = skp_untuk(request.user, pk)
    perilaku = request.POST.get("perilaku", "")
    form = EkspektasiForm(request.POST, prefix=f"ek-{perilaku}")
    ok, _ = jalankan(
        form,
        lambda d: services.ekspektasi_khusus_simpan(
            skp=skp, perilaku=d["perilaku"], teks=d["teks"], by=request.user
        ),
    )
    if ok:
        return _selesai(request, skp.pk, "pimpinan", "Ekspektasi khusus disimpan.", "perilaku")
    return _gagal(request, skp.pk, {"ekspektasi": form}, "pimpinan")


@login_required
@require_POST
def terapkan_teks(request, pk):
    skp = skp_untuk(request.user, pk)
    teks = TeksTersimpan.objects.filter(pk=request.POST.get("teks") or 0, pemilik=request.user).first()
    if teks is None:
        return _gagal(request, skp.pk, {"galat_penilai": ["Teks tersimpan tidak ditemukan."]}, "pimpinan")
    try:
        services.skp_terapkan_teks(skp=skp, teks=teks, by=request.user)
    except ValidationError as exc:
        return _gagal(request, skp.pk, {"galat_penilai": exc.messages}, "pimpinan")
    return _selesai(request, skp.pk, "pimpinan", f"Teks '{teks.judul}' diterapkan.", "perilaku")


@login_required
@require_POST
def lampiran_tambah(request, pk):
    skp = skp_untuk(request.user, pk)
    form = LampiranForm(request.POST, prefix="lampiran")
    ok, _ = jalankan(form, lambda d: services.lampiran_tambah(skp=skp, by=request.user, **d))
    if ok:
        return _selesai(request, skp.pk, "pimpinan", "Baris lampiran ditambahkan.", "lampiran")
    return _gagal(request, skp.pk, {"lampiran": form}, "pimpinan")


@login_required
@require_POST
def lampiran_hapus(request, pk):
    from ._bantu import lampiran_untuk

    lampiran = lampiran_untuk(request.user, pk)
    try:
        services.lampiran_hapus(lampiran=lampiran, by=request.user)
    except ValidationError as exc:
        return _gagal(request, lampiran.skp_id, {"galat_penilai": exc.messages}, "pimpinan")
    return _selesai(request, lampiran.skp_id, "pimpinan", "Baris lampiran dihapus.", "lampiran")
