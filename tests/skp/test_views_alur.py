"""The SKP pages walked by each persona: the Pegawai drafts and submits, her Penilai returns or approves, she
signs, the Penilai sets; who else may look or act (403 in the Pemda, 404 outside); htmx fragments; errors keep
the input with a 400."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from skp import services
from skp.models import Skp, StatusSkp

from .bantu import PASSWORD, D, ajukan, draft, fresh, isi, setujui

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(name, kwargs={"pk": obj.pk})


def iki_post(rhk, **isian):
    data = {"teks": "Modul berjalan", "aspek": "kuantitas", "target_angka": "4", "target_satuan": "modul"}
    data.update(isian)
    return {f"ikibaru{rhk.pk}-{k}": v for k, v in data.items()}


# SKP saya ------------------------------------------------------------------------------------------------
def test_pegawai_creates_a_draft_from_her_skp_page(sumedang, login):
    c = login(sumedang.users.pegawai)
    assert c.get(reverse("skp_saya")).status_code == 200
    r = c.post(reverse("skp_saya"), {"tahun": 2026, "pendekatan": "kuantitatif"})
    skp = Skp.objects.get(pegawai=sumedang.pegawai)
    assert r.status_code == 302 and r["Location"] == url("skp_detail", skp)
    listing = c.get(reverse("skp_saya")).content.decode()
    assert "SKP 2026" in listing and "Budi Santoso" in listing


def test_an_approach_the_pemda_does_not_allow_is_not_offered_and_refused(sumedang, login):
    from kinerja.models import PengaturanPemda

    PengaturanPemda.objects.filter(pemda=sumedang.sumedang).update(pendekatan_hasil_kerja=["kuantitatif"])
    c = login(sumedang.users.pegawai)
    assert 'value="kualitatif"' not in c.get(reverse("skp_saya")).content.decode()
    r = c.post(reverse("skp_saya"), {"tahun": "2026", "pendekatan": "kualitatif"})
    assert r.status_code == 400 and not Skp.objects.exists()
    assert 'value="2026" selected' in r.content.decode()


def test_an_exempt_pegawai_is_told_she_has_no_skp_duty(sumedang, login):
    from kinerja.models import PengaturanPemda, RiwayatStatus

    PengaturanPemda.objects.filter(pemda=sumedang.sumedang).update(status_pengecualian_perencanaan=["cltn"])
    RiwayatStatus.objects.create(
        pemda=sumedang.sumedang, pegawai=sumedang.pegawai, status="cltn", mulai=D(2026, 1, 1)
    )
    body = login(sumedang.users.pegawai).get(reverse("skp_saya")).content.decode()
    assert "tidak wajib menyusun SKP" in body and "tombol-buat" not in body


# Editor ---------------------------------------------------------------------------------------------------
def test_pegawai_picks_her_leaders_rhk_while_the_leaders_skp_is_a_draft(sumedang, login):
    w = sumedang
    leader = draft(w, "penilai")
    rhk_leader = isi(leader, w.users.penilai, rhk=2)
    skp = draft(w)
    c = login(w.users.pegawai)
    page = c.get(url("skp_detail", skp)).content.decode()
    assert rhk_leader[0].teks in page and "masih draf" in page.lower()
    r = c.post(
        url("skp_ambil_rhk_pimpinan", skp),
        {"rhk": [rhk_leader[1].pk], "jenis": "utama"},
        HTTP_HX_REQUEST="true",
    )
    assert r.status_code == 200
    body = r.content.decode()
    assert body.lstrip().startswith('<section class="kartu" id="rhk-daftar">') and "<html" not in body
    assert skp.rhk.get().intervensi_id == rhk_leader[1].pk


def test_rows_are_added_changed_moved_and_removed_with_htmx_fragments(sumedang, login):
    w = sumedang
    skp = draft(w)
    c = login(w.users.pegawai)
    hx = {"HTTP_HX_REQUEST": "true"}
    r = c.post(
        url("skp_rhk_tambah", skp), {"rhkbaru-jenis": "utama", "rhkbaru-teks": "Laporan tersusun"}, **hx
    )
    assert r.status_code == 200 and "Laporan tersusun" in r.content.decode()
    c.post(url("skp_rhk_tambah", skp), {"rhkbaru-jenis": "utama", "rhkbaru-teks": "Aplikasi terbangun"}, **hx)
    pertama, kedua = skp.rhk.order_by("urutan")
    r = c.post(url("skp_iki_tambah", pertama), iki_post(pertama), **hx)
    assert r.status_code == 200 and "4 modul" in r.content.decode()
    iki = pertama.iki.get()
    r = c.post(
        url("skp_iki_ubah", iki),
        {
            f"iki{iki.pk}-teks": "Modul diuji",
            f"iki{iki.pk}-aspek": "kualitas",
            f"iki{iki.pk}-target_angka": "5",
            f"iki{iki.pk}-target_satuan": "modul",
        },
        **hx,
    )
    assert r.status_code == 200 and fresh(iki).target_angka == 5
    r = c.post(url("skp_rhk_geser", kedua), {"arah": "naik"}, **hx)
    assert r.status_code == 200
    assert list(skp.rhk.order_by("urutan").values_list("pk", flat=True)) == [kedua.pk, pertama.pk]
    r = c.post(
        url("skp_rhk_ubah", kedua),
        {f"rhk{kedua.pk}-jenis": "tambahan", f"rhk{kedua.pk}-teks": "Aplikasi dipelihara"},
        **hx,
    )
    assert r.status_code == 200 and fresh(kedua).jenis == "tambahan"
    r = c.post(url("skp_iki_hapus", iki), **hx)
    assert r.status_code == 200 and not pertama.iki.exists()
    r = c.post(url("skp_rhk_hapus", kedua), **hx)
    assert r.status_code == 200 and skp.rhk.count() == 1


def test_without_javascript_a_change_redirects_back_to_the_page(sumedang, login):
    skp = draft(sumedang)
    r = login(sumedang.users.pegawai).post(
        url("skp_rhk_tambah", skp), {"rhkbaru-jenis": "utama", "rhkbaru-teks": "RHK"}
    )
    assert r.status_code == 302 and r["Location"].startswith(url("skp_detail", skp))


def test_a_wrong_target_is_shown_on_the_form_with_400_keeping_the_input(sumedang, login):
    skp = draft(sumedang)
    (rhk,) = isi(skp, sumedang.users.pegawai, iki=0)
    c = login(sumedang.users.pegawai)
    r = c.post(
        url("skp_iki_tambah", rhk),
        iki_post(rhk, teks="Indikator saya", target_angka="banyak"),
        HTTP_HX_REQUEST="true",
    )
    body = r.content.decode()
    assert r.status_code == 400 and "Target harus berupa angka" in body and "Indikator saya" in body
    assert 'id="rhk-daftar"' in body and "<html" not in body
    r = c.post(url("skp_iki_tambah", rhk), iki_post(rhk, teks="Indikator saya", target_angka="banyak"))
    assert r.status_code == 400 and "<html" in r.content.decode() and "Indikator saya" in r.content.decode()


def test_submitting_an_incomplete_skp_lists_what_is_missing(sumedang, login):
    skp = draft(sumedang)
    isi(skp, sumedang.users.pegawai, iki=0)
    r = login(sumedang.users.pegawai).post(url("skp_ajukan", skp))
    assert r.status_code == 400 and "belum punya indikator kinerja individu" in r.content.decode()
    assert fresh(skp).status == StatusSkp.DRAFT


# The whole path ------------------------------------------------------------------------------------------
def test_returned_fixed_resubmitted_approved_signed_and_set(sumedang, login):
    w = sumedang
    skp = ajukan(w, draft(w))
    rhk = skp.rhk.get()
    p = login(w.users.penilai)
    page = p.get(url("skp_detail", skp)).content.decode()
    assert "Kembalikan dengan catatan" in page and f'name="catatan_rhk_{rhk.pk}"' in page
    r = p.post(
        url("skp_kembalikan", skp),
        {"kembalikan-catatan": "", f"catatan_rhk_{rhk.pk}": "Target terlalu rendah"},
    )
    assert r.status_code == 302 and fresh(skp).status == StatusSkp.DIKEMBALIKAN
    c = login(w.users.pegawai)
    page = c.get(url("skp_detail", skp)).content.decode()
    assert "Target terlalu rendah" in page
    assert c.post(url("skp_ajukan", skp)).status_code == 302
    p = login(w.users.penilai)
    assert p.post(url("skp_setujui", skp)).status_code == 302
    assert fresh(skp).status == StatusSkp.DISETUJUI
    c = login(w.users.pegawai)
    r = c.post(url("skp_tanda_tangan", skp), {"ttd-password": "salah"})
    assert r.status_code == 400 and fresh(skp).status == StatusSkp.DISETUJUI
    assert c.post(url("skp_tanda_tangan", skp), {"ttd-password": PASSWORD}).status_code == 302
    p = login(w.users.penilai)
    assert p.post(url("skp_tetapkan", skp), {"tetapkan-password": PASSWORD}).status_code == 302
    assert fresh(skp).status == StatusSkp.DITETAPKAN
    page = p.get(url("skp_detail", skp)).content.decode()
    from dokumen.selectors import dokumen_berlaku

    # Both signed documents are linked: the SKP format and its Lampiran (A.1.8).
    for kode in (skp.format_kode, "A.1.8"):
        dokumen = dokumen_berlaku(skp, kode)
        assert reverse("dokumen_pdf", kwargs={"pk": dokumen.pk}) in page, kode
        assert p.get(reverse("dokumen_pdf", kwargs={"pk": dokumen.pk}))["Content-Type"] == "application/pdf"


def test_returning_without_any_comment_keeps_the_page_with_400(sumedang, login):
    skp = ajukan(sumedang, draft(sumedang))
    r = login(sumedang.users.penilai).post(url("skp_kembalikan", skp), {"kembalikan-catatan": "  "})
    assert r.status_code == 400 and "Tuliskan catatan" in r.content.decode()


# Who may -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["rekan", "atasan", "kadis", "admin", "bupati"])
def test_others_may_not_approve(sumedang, login, persona):
    skp = ajukan(sumedang, draft(sumedang))
    r = login(getattr(sumedang.users, persona)).post(url("skp_setujui", skp))
    assert r.status_code == 403 and fresh(skp).status == StatusSkp.DIAJUKAN


@pytest.mark.parametrize("persona", ["penilai", "rekan", "admin"])
def test_only_the_owner_edits_her_rhk(sumedang, login, persona):
    skp = draft(sumedang)
    r = login(getattr(sumedang.users, persona)).post(
        url("skp_rhk_tambah", skp), {"rhkbaru-jenis": "utama", "rhkbaru-teks": "X"}
    )
    assert r.status_code == 403 and not skp.rhk.exists()


def test_a_colleague_cannot_even_see_the_skp(sumedang, login):
    skp = draft(sumedang)
    assert login(sumedang.users.rekan).get(url("skp_detail", skp)).status_code == 403


@pytest.mark.parametrize("persona", ["penilai", "atasan", "admin", "bupati"])
def test_those_above_and_bkpsdm_may_read(sumedang, login, persona):
    skp = draft(sumedang)
    assert login(getattr(sumedang.users, persona)).get(url("skp_detail", skp)).status_code == 200


def test_outsider_gets_404(sumedang, login):
    skp = draft(sumedang)
    assert login(sumedang.users.outsider).get(url("skp_detail", skp)).status_code == 404


def test_after_the_deadline_the_atasan_penilai_may_approve(sumedang, login, hari):
    skp = ajukan(sumedang, draft(sumedang))
    a = login(sumedang.users.atasan)
    assert a.post(url("skp_setujui", skp)).status_code == 403
    hari(D(2026, 2, 3))
    body = a.get(reverse("skp_menunggu")).content.decode()
    assert "Siti Aminah" in body and "terlambat" in body and "Atasan Penilai" in body
    assert a.post(url("skp_setujui", skp)).status_code == 302
    assert fresh(skp).status == StatusSkp.DISETUJUI


def test_the_bupati_sets_a_jpt_skp(sumedang, login):
    w = sumedang
    skp = setujui(w, draft(w, "kadis"), "kadis", penilai=w.users.bupati, jpt=True)
    services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.kadis, password=PASSWORD)
    b = login(w.users.bupati)
    assert "Hendra Gunawan" in b.get(reverse("skp_menunggu")).content.decode()
    assert b.post(url("skp_tetapkan", skp), {"tetapkan-password": PASSWORD}).status_code == 302
    assert fresh(skp).status == StatusSkp.DITETAPKAN
    with scopes_disabled():
        assert fresh(skp).ditetapkan_sebagai == "kepala_daerah"
