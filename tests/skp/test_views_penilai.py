"""The Penilai's pages: the inbox (late first, in red; bulk approval only of SKP she opened), ekspektasi khusus
and lampiran with her saved texts, the matriks peran hasil, revisions and their differences; fixed query counts
for the inbox and the SKP page while the rows grow."""

import pytest
from django.urls import reverse

from skp import services
from skp.models import StatusSkp, TeksTersimpan

from ..factories import pegawai_with_account
from .bantu import PASSWORD, D, ajukan, draft, fresh, isi, sampai_ditetapkan

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(name, kwargs={"pk": obj.pk})


def akun(pegawai):
    from kinerja.models import User

    return User.objects.get(pegawai=pegawai)


def staf(w, n):
    return [pegawai_with_account(jabatan=w.pelaksana, nama=f"Staf {i:02d}") for i in range(n)]


def test_bulk_approval_takes_only_the_skp_she_opened(sumedang, login):
    w = sumedang
    a = ajukan(w, draft(w))
    b = ajukan(w, draft(w, "rekan"), "rekan")
    p = login(w.users.penilai)
    body = p.get(reverse("skp_menunggu")).content.decode()
    assert body.count('name="skp"') == 2 and body.count("disabled") >= 2
    p.get(url("skp_detail", a))
    body = p.get(reverse("skp_menunggu")).content.decode()
    assert "sudah dibuka" in body
    r = p.post(reverse("skp_setujui_banyak"), {"skp": [a.pk, b.pk]}, follow=True)
    assert fresh(a).status == StatusSkp.DISETUJUI and fresh(b).status == StatusSkp.DIAJUKAN
    assert "belum Anda buka" in r.content.decode()


def test_a_resubmitted_skp_must_be_opened_again(sumedang, login):
    w = sumedang
    skp = ajukan(w, draft(w))
    p = login(w.users.penilai)
    p.get(url("skp_detail", skp))
    services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan="Perbaiki")
    services.skp_ajukan(skp=skp, by=w.users.pegawai)
    p.post(reverse("skp_setujui_banyak"), {"skp": [skp.pk]})
    assert fresh(skp).status == StatusSkp.DIAJUKAN


def test_late_submissions_come_first_in_red(sumedang, login, hari):
    w = sumedang
    ajukan(w, draft(w))
    hari(D(2026, 2, 2))
    body = login(w.users.penilai).get(reverse("skp_menunggu")).content.decode()
    assert 'class="terlambat"' in body and "terlambat</span>" in body


def test_inbox_query_count_does_not_grow_with_the_submissions(sumedang, login, max_queries):
    w = sumedang
    p = login(w.users.penilai)
    ajukan(w, draft(w))
    with max_queries(25) as ctx:
        p.get(reverse("skp_menunggu"))
    sedikit = len(ctx.captured_queries)
    for orang in staf(w, 6):
        skp = services.skp_buat(pegawai=orang, tahun=2026, pendekatan="kuantitatif", by=akun(orang))
        isi(skp, akun(orang))
        services.skp_ajukan(skp=skp, by=akun(orang))
    with max_queries(sedikit) as ctx:
        body = p.get(reverse("skp_menunggu")).content.decode()
    assert body.count('name="skp"') == 7


@pytest.mark.parametrize("persona", ["pegawai", "penilai"])
def test_skp_page_query_count_does_not_grow_with_rhk_iki_and_lampiran(sumedang, login, max_queries, persona):
    w = sumedang
    skp = draft(w)
    isi(skp, w.users.pegawai, rhk=1, iki=1)
    if persona == "penilai":
        services.skp_ajukan(skp=skp, by=w.users.pegawai)
    c = login(getattr(w.users, persona))
    with max_queries(40) as ctx:
        c.get(url("skp_detail", skp))
    sedikit = len(ctx.captured_queries)
    if persona == "penilai":
        services.skp_kembalikan(skp=skp, by=w.users.penilai, catatan="x")
    isi(skp, w.users.pegawai, rhk=5, iki=3)
    for n in range(4):
        services.lampiran_tambah(
            skp=skp, bagian="dukungan_sumber_daya", teks=f"Dukungan {n}", by=w.users.pegawai
        )
    if persona == "penilai":
        services.skp_ajukan(skp=skp, by=w.users.pegawai)
    with max_queries(sedikit):
        r = c.get(url("skp_detail", skp))
    assert r.content.decode().count('class="rhk"') == 6


def test_penilai_sets_ekspektasi_khusus_and_applies_saved_texts_in_one_click(sumedang, login):
    w = sumedang
    skp = ajukan(w, draft(w))
    p = login(w.users.penilai)
    hx = {"HTTP_HX_REQUEST": "true"}
    r = p.post(
        url("skp_ekspektasi", skp),
        {
            "perilaku": "akuntabel",
            "ek-akuntabel-perilaku": "akuntabel",
            "ek-akuntabel-teks": "Laporan tepat waktu",
        },
        **hx,
    )
    assert (
        r.status_code == 200
        and 'id="perilaku-lampiran"' in r.content.decode()
        and "<html" not in r.content.decode()
    )
    assert skp.ekspektasi_khusus.get().teks == "Laporan tepat waktu"
    r = p.post(
        reverse("skp_teks_tersimpan"),
        {"jenis": "konsekuensi_positif", "judul": "Apresiasi", "teks": "Diberi apresiasi"},
    )
    assert r.status_code == 302
    teks = TeksTersimpan.objects.get(pemilik=w.users.penilai)
    assert "Pakai: Apresiasi" in p.get(url("skp_detail", skp)).content.decode()
    r = p.post(url("skp_terapkan_teks", skp), {"teks": teks.pk}, **hx)
    assert r.status_code == 200 and skp.lampiran.get().sifat == "positif"


def test_saved_text_form_errors_keep_the_input(sumedang, login):
    p = login(sumedang.users.penilai)
    r = p.post(
        reverse("skp_teks_tersimpan"), {"jenis": "ekspektasi_khusus", "judul": "Judul saya", "teks": "Isi"}
    )
    assert r.status_code == 400 and "Judul saya" in r.content.decode()


def test_the_pegawai_reads_ekspektasi_khusus_but_cannot_write_it(sumedang, login):
    w = sumedang
    skp = draft(w)
    services.ekspektasi_khusus_simpan(skp=skp, perilaku="harmonis", teks="Membina tim", by=w.users.penilai)
    c = login(w.users.pegawai)
    body = c.get(url("skp_detail", skp)).content.decode()
    assert "Membina tim" in body and url("skp_ekspektasi", skp) not in body
    r = c.post(
        url("skp_ekspektasi", skp),
        {"perilaku": "harmonis", "ek-harmonis-perilaku": "harmonis", "ek-harmonis-teks": "x"},
    )
    assert r.status_code == 403


def test_the_pegawai_marks_her_notices_read(sumedang, login):
    w = sumedang
    leader = draft(w, "penilai")
    (rhk_leader,) = isi(leader, w.users.penilai)
    skp = draft(w)
    services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[rhk_leader], by=w.users.pegawai)
    services.rhk_ubah(rhk=rhk_leader, teks="RHK pimpinan yang baru", by=w.users.penilai)
    c = login(w.users.pegawai)
    assert "RHK pimpinan yang Anda intervensi diubah" in c.get(url("skp_detail", skp)).content.decode()
    r = c.post(url("skp_pemberitahuan_baca", skp), HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and r.content.strip() == b""
    assert "RHK pimpinan yang Anda intervensi" not in c.get(url("skp_detail", skp)).content.decode()


def test_matriks_shows_who_picked_up_what_and_what_nobody_did(sumedang, login):
    w = sumedang
    leader = draft(w, "penilai")
    diambil, sisa = isi(leader, w.users.penilai, rhk=2)
    skp = draft(w)
    services.skp_ambil_rhk_pimpinan(skp=skp, rhk_pimpinan=[diambil], by=w.users.pegawai)
    p = login(w.users.penilai)
    assert p.get(reverse("skp_matriks_saya"))["Location"] == url("skp_matriks", leader)
    body = p.get(url("skp_matriks", leader)).content.decode()
    assert "Siti Aminah" in body and "Rudi Hartono" in body
    assert 'id="tanpa-peran"' in body and "1 IKI belum diambil" in body and "sel-kosong" in body
    menu = p.get(reverse("skp_menu")).content.decode()
    assert "Matriks peran hasil" in menu


def test_revision_with_reason_and_the_differences(sumedang, login):
    w = sumedang
    skp = sampai_ditetapkan(w, draft(w))
    c = login(w.users.pegawai)
    r = c.post(url("skp_revisi", skp), {"revisi-alasan": ""})
    assert r.status_code == 400
    r = c.post(url("skp_revisi", skp), {"revisi-alasan": "Target disesuaikan"})
    baru = skp.revisi.get()
    assert r["Location"] == url("skp_detail", baru)
    iki = baru.rhk.get().iki.get()
    services.iki_ubah(iki=iki, target_angka=9, by=w.users.pegawai)
    body = c.get(url("skp_perbedaan", baru)).content.decode()
    assert "Target (angka)" in body and '<td class="beda-baru">9' in body
    old = c.get(url("skp_detail", skp)).content.decode()
    assert "Versi 2" in old and "tombol-ajukan" not in old


def test_menu_badge_counts_what_waits_for_her(sumedang, login):
    w = sumedang
    ajukan(w, draft(w))
    body = login(w.users.penilai).get(reverse("skp_menu")).content.decode()
    assert 'id="jumlah-menunggu">1<' in body
    assert login(w.users.pegawai).get(reverse("skp_menu")).content.strip() == b""


def test_beranda_shows_her_skp_status_and_the_count_for_a_penilai(sumedang, login):
    w = sumedang
    ajukan(w, draft(w))
    body = login(w.users.pegawai).get(reverse("beranda")).content.decode()
    assert "SKP saya 2026" in body and "Diajukan kepada Penilai" in body
    body = login(w.users.penilai).get(reverse("beranda")).content.decode()
    assert "SKP menunggu Anda" in body


def test_outsider_gets_404_on_the_matriks_and_the_differences(sumedang, login):
    skp = draft(sumedang)
    c = login(sumedang.users.outsider)
    assert c.get(url("skp_matriks", skp)).status_code == 404
    assert c.get(url("skp_perbedaan", skp)).status_code == 404


def test_the_penilai_signs_with_a_wrong_password_and_is_refused(sumedang, login):
    from .bantu import setujui

    w = sumedang
    skp = setujui(w, draft(w))
    services.skp_tanda_tangan_pegawai(skp=skp, by=w.users.pegawai, password=PASSWORD)
    r = login(w.users.penilai).post(url("skp_tetapkan", skp), {"tetapkan-password": "salah"})
    assert r.status_code == 400 and fresh(skp).status == StatusSkp.DITANDATANGANI_PEGAWAI
