"""The pages after the SKP is set: the timeline (Pegawai writes and submits, Penilai approves or returns),
the rencana aksi per RHK and its Format B.1.1 (Penilai issues and signs), the manual indikator (A.1.3) of a
JPT's IKI, and the printed A.1.3, A.1.5 and B.1.1. Each action for its persona, refused for the others (403 in
the same Pemda; another Pemda's 404 is in tests/test_cross_tenant_routes.py), errors answered 400 with the
input kept."""

import pytest
from django.urls import reverse

from dokumen import selectors as dokumen_selectors
from dokumen.models import StatusDokumen
from kinerja.models import PengaturanPemda
from skp import services
from skp.models import Iki, KegiatanTimeline, ManualIndikator, RencanaAksi, StatusTimeline, Timeline

from .bantu import PASSWORD, draft, fresh, isi, sampai_ditetapkan

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(name, kwargs={"pk": obj.pk})


def data_kegiatan(prefix="kegbaru", **lebih):
    data = {
        "kegiatan": "Analisis kebutuhan",
        "durasi": "10",
        "satuan_durasi": "hari",
        "bulan": ["2", "3"],
        "tipe_aktivitas": "Analisis",
        "pola_penugasan": "Mandiri",
        "rhk": "",
    }
    data.update(lebih)
    return {f"{prefix}-{k}": v for k, v in data.items()}


def kegiatan(skp, user):
    return services.timeline_kegiatan_tambah(
        skp=skp,
        kegiatan="Rapat koordinasi",
        durasi=3,
        bulan=[4, 5],
        tipe_aktivitas="Rapat",
        pola_penugasan="Tim",
        by=user,
    )


@pytest.fixture
def ditetapkan(sumedang):
    PengaturanPemda.objects.filter(pemda=sumedang.sumedang).update(
        wajib_timeline=True, wajib_rencana_aksi=True
    )
    return sampai_ditetapkan(sumedang, draft(sumedang))


def test_the_skp_page_links_the_timeline_once_set_and_the_inbox_lands_on_it(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    body = login(w.users.pegawai).get(url("skp_detail", skp)).content.decode()
    assert reverse("skp_pelaksanaan", kwargs={"pk": skp.pk}) + "#timeline" in body
    kegiatan(skp, w.users.pegawai)
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    body = login(w.users.penilai).get(reverse("skp_menunggu")).content.decode()
    assert f'href="{reverse("skp_pelaksanaan", kwargs={"pk": skp.pk})}#timeline"' in body


def test_the_skp_page_says_what_the_pemda_still_requires(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    (rhk,) = skp.rhk.all()
    body = login(w.users.pegawai).get(url("skp_detail", skp)).content.decode()
    assert 'id="pelaksanaan-kurang"' in body and "Timeline belum disusun" in body
    assert "belum memiliki rencana aksi" in body
    services.rencana_aksi_tambah(rhk=rhk, teks="Menyusun KAK", by=w.users.pegawai)
    kegiatan(skp, w.users.pegawai)
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    services.timeline_setujui(skp=skp, by=w.users.penilai)
    body = login(w.users.pegawai).get(url("skp_detail", skp)).content.decode()
    assert 'id="pelaksanaan-kurang"' not in body and 'id="tautan-pelaksanaan"' in body


def test_a_draft_skp_page_has_no_timeline_card_where_not_required(sumedang, login):
    w = sumedang
    skp = draft(w)
    body = login(w.users.pegawai).get(url("skp_detail", skp)).content.decode()
    assert 'id="tautan-pelaksanaan"' not in body


def test_the_pegawai_adds_changes_and_removes_kegiatan_and_the_grid_marks_the_months(
    sumedang, login, ditetapkan
):
    w, skp = sumedang, ditetapkan
    c = login(w.users.pegawai)
    (rhk,) = skp.rhk.all()
    r = c.post(url("skp_kegiatan_tambah", skp), data_kegiatan(rhk=str(rhk.pk)))
    assert r.status_code == 302 and r["Location"].endswith("#timeline")
    k = KegiatanTimeline.objects.get(timeline__skp=skp)
    assert (k.bulan, k.durasi, k.rhk_id) == ([2, 3], 10, rhk.pk)
    body = c.get(url("skp_pelaksanaan", skp)).content.decode()
    assert body.count('class="bulan isi"') == 2 and "Analisis kebutuhan" in body
    r = c.post(url("skp_kegiatan_ubah", k), data_kegiatan(f"keg{k.pk}", durasi="4", bulan=["6"]))
    assert r.status_code == 302
    assert (fresh(k).durasi, fresh(k).bulan) == (4, [6])
    r = c.post(url("skp_kegiatan_hapus", k))
    assert r.status_code == 302 and not KegiatanTimeline.objects.filter(pk=k.pk).exists()


def test_a_kegiatan_without_months_is_400_with_the_input_kept(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    r = login(w.users.pegawai).post(
        url("skp_kegiatan_tambah", skp), data_kegiatan(kegiatan="Uji coba modul", bulan=[])
    )
    assert r.status_code == 400
    body = r.content.decode()
    assert "Uji coba modul" in body and "errorlist" in body
    assert not KegiatanTimeline.objects.filter(timeline__skp=skp).exists()


def test_others_may_not_write_her_timeline(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    k = kegiatan(skp, w.users.pegawai)
    for siapa in ("penilai", "atasan"):
        c = login(getattr(w.users, siapa))
        assert c.post(url("skp_kegiatan_tambah", skp), data_kegiatan()).status_code == 403
        assert c.post(url("skp_kegiatan_hapus", k)).status_code == 403
        assert c.post(url("skp_timeline_ajukan", skp)).status_code == 403
    assert KegiatanTimeline.objects.filter(timeline__skp=skp).count() == 1
    # a colleague may not even see the SKP
    assert login(w.users.rekan).get(url("skp_pelaksanaan", skp)).status_code == 403


def test_the_penilai_approves_the_submitted_timeline(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    kegiatan(skp, w.users.pegawai)
    r = login(w.users.pegawai).post(url("skp_timeline_ajukan", skp))
    assert r.status_code == 302
    assert Timeline.objects.get(skp=skp).status == StatusTimeline.DIAJUKAN
    assert login(w.users.pegawai).post(url("skp_timeline_setujui", skp)).status_code == 403
    p = login(w.users.penilai)
    body = p.get(url("skp_pelaksanaan", skp)).content.decode()
    assert 'id="tombol-setujui-timeline"' in body
    assert p.post(url("skp_timeline_setujui", skp)).status_code == 302
    assert Timeline.objects.get(skp=skp).status == StatusTimeline.DISETUJUI
    # nothing waits any more: 400 with the reason
    r = p.post(url("skp_timeline_setujui", skp))
    assert r.status_code == 400 and "menunggu persetujuan" in r.content.decode()


def test_the_penilai_returns_the_timeline_with_a_note(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    kegiatan(skp, w.users.pegawai)
    services.timeline_ajukan(skp=skp, by=w.users.pegawai)
    p = login(w.users.penilai)
    r = p.post(url("skp_timeline_kembalikan", skp), {"catatan-catatan": ""})
    assert r.status_code == 400
    assert Timeline.objects.get(skp=skp).status == StatusTimeline.DIAJUKAN
    r = p.post(url("skp_timeline_kembalikan", skp), {"catatan-catatan": "Durasi terlalu pendek."})
    assert r.status_code == 302
    assert Timeline.objects.get(skp=skp).status == StatusTimeline.DIKEMBALIKAN
    body = login(w.users.pegawai).get(url("skp_pelaksanaan", skp)).content.decode()
    assert "Durasi terlalu pendek." in body and 'id="kegiatan-baru"' in body


def test_submitting_an_empty_timeline_is_400(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    r = login(w.users.pegawai).post(url("skp_timeline_ajukan", skp))
    assert r.status_code == 400 and "belum memuat kegiatan" in r.content.decode()


def test_rencana_aksi_added_changed_removed_by_the_owner_only(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    (rhk,) = skp.rhk.all()
    c = login(w.users.pegawai)
    r = c.post(url("skp_rencana_aksi_tambah", rhk), {f"aksibaru{rhk.pk}-teks": "Menyusun KAK"})
    assert r.status_code == 302
    aksi = RencanaAksi.objects.get(rhk=rhk)
    assert "Menyusun KAK" in c.get(url("skp_pelaksanaan", skp)).content.decode()
    r = c.post(url("skp_rencana_aksi_ubah", aksi), {f"aksi{aksi.pk}-teks": "Menyusun KAK dan RAB"})
    assert r.status_code == 302 and fresh(aksi).teks == "Menyusun KAK dan RAB"
    p = login(w.users.penilai)
    assert p.post(url("skp_rencana_aksi_tambah", rhk), {f"aksibaru{rhk.pk}-teks": "X"}).status_code == 403
    assert p.post(url("skp_rencana_aksi_ubah", aksi), {f"aksi{aksi.pk}-teks": "X"}).status_code == 403
    assert p.post(url("skp_rencana_aksi_hapus", aksi)).status_code == 403
    assert fresh(aksi).teks == "Menyusun KAK dan RAB"
    c = login(w.users.pegawai)
    assert c.post(url("skp_rencana_aksi_hapus", aksi)).status_code == 302
    assert not RencanaAksi.objects.filter(pk=aksi.pk).exists()


def test_an_empty_rencana_aksi_is_400(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    (rhk,) = skp.rhk.all()
    r = login(w.users.pegawai).post(url("skp_rencana_aksi_tambah", rhk), {f"aksibaru{rhk.pk}-teks": "  "})
    assert r.status_code == 400 and "errorlist" in r.content.decode()
    assert not RencanaAksi.objects.filter(rhk=rhk).exists()


def test_the_penilai_issues_and_signs_b11_and_anyone_who_reads_prints_it(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    (rhk,) = skp.rhk.all()
    p = login(w.users.penilai)
    r = p.post(url("skp_rencana_aksi_terbitkan", skp))
    assert r.status_code == 400 and "Belum ada rencana aksi" in r.content.decode()
    services.rencana_aksi_tambah(rhk=rhk, teks="Menyusun KAK", by=w.users.pegawai)
    assert login(w.users.pegawai).post(url("skp_rencana_aksi_terbitkan", skp)).status_code == 403
    p = login(w.users.penilai)
    assert p.post(url("skp_rencana_aksi_terbitkan", skp)).status_code == 302
    dokumen = dokumen_selectors.dokumen_berlaku(skp, "B.1.1")
    assert dokumen is not None
    r = p.post(url("skp_rencana_aksi_tanda_tangan", skp), {"ttdb11-password": "salah"})
    assert r.status_code == 400
    assert fresh(dokumen).status != StatusDokumen.DITANDATANGANI
    r = p.post(url("skp_rencana_aksi_tanda_tangan", skp), {"ttdb11-password": PASSWORD})
    assert r.status_code == 302
    assert fresh(dokumen).status == StatusDokumen.DITANDATANGANI
    r = login(w.users.pegawai).get(url("skp_cetak_rencana_aksi", skp))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF") and 'filename="b11-skp-2026' in r["Content-Disposition"]


def test_printing_b11_is_refused_to_who_may_not_read_the_skp(sumedang, login, ditetapkan):
    w, skp = sumedang, ditetapkan
    assert login(w.users.rekan).get(url("skp_cetak_rencana_aksi", skp)).status_code == 403


def test_the_matriks_page_links_a15_which_is_a_pdf(sumedang, login):
    w = sumedang
    skp = draft(w, "kadis")
    isi(skp, w.users.kadis, jpt=True)
    c = login(w.users.kadis)
    assert url("skp_cetak_matriks", skp) in c.get(url("skp_matriks", skp)).content.decode()
    r = c.get(url("skp_cetak_matriks", skp))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert "a15-skp" in r["Content-Disposition"]
    assert login(w.users.rekan).get(url("skp_cetak_matriks", skp)).status_code == 403


MANUAL = {
    "tujuan": "Mengukur layanan",
    "definisi": "Modul yang dipakai",
    "tingkat_kendali": "outcome_antara",
    "sumber_data": "Log aplikasi",
    "periode_pelaporan": "triwulanan",
    "formula": "modul aktif / modul",
    "satuan_pengukuran": "%",
}


def test_the_jpt_writes_the_manual_indikator_and_prints_a13(sumedang, login):
    w = sumedang
    skp = draft(w, "kadis")
    (rhk,) = isi(skp, w.users.kadis, jpt=True)
    iki = Iki.objects.get(rhk=rhk)
    c = login(w.users.kadis)
    assert url("skp_manual_indikator", iki) in c.get(url("skp_detail", skp)).content.decode()
    assert 'id="form-manual"' in c.get(url("skp_manual_indikator", iki)).content.decode()
    r = c.post(url("skp_manual_indikator", iki), {**MANUAL, "formula": "", "tujuan": "Tujuan tersimpan"})
    assert r.status_code == 400  # kuantitatif: the formula is required
    assert "Tujuan tersimpan" in r.content.decode() and not ManualIndikator.objects.filter(iki=iki).exists()
    r = c.post(url("skp_manual_indikator", iki), MANUAL)
    assert r.status_code == 302
    assert ManualIndikator.objects.get(iki=iki).periode_pelaporan == "triwulanan"
    r = c.get(url("skp_cetak_manual_indikator", skp))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
    assert "a13-skp" in r["Content-Disposition"]


def test_only_the_owner_writes_the_manual_indikator(sumedang, login):
    w = sumedang
    skp = draft(w, "kadis")
    (rhk,) = isi(skp, w.users.kadis, jpt=True)
    iki = Iki.objects.get(rhk=rhk)
    r = login(w.users.bupati).post(url("skp_manual_indikator", iki), MANUAL)
    assert r.status_code == 403
    assert not ManualIndikator.objects.filter(iki=iki).exists()


def test_the_manual_indikator_and_a13_are_for_jpt_only(sumedang, login):
    w = sumedang
    skp = draft(w)
    (rhk,) = isi(skp, w.users.pegawai)
    c = login(w.users.pegawai)
    r = c.post(url("skp_manual_indikator", Iki.objects.get(rhk=rhk)), MANUAL)
    assert r.status_code == 400 and "A.1.3" in r.content.decode()
    r = c.get(url("skp_cetak_manual_indikator", skp))
    assert r.status_code == 302 and r["Location"] == url("skp_detail", skp)
