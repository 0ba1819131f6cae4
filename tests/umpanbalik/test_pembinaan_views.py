"""Pages of pembinaan: the pembinaan page of an SKP, a bimbingan with each party's parts, B.1.10 reports and
BKPSDM's list. Each page renders its content, each form acts for the right person, and the wrong person or
bad input gets the page again with the reason (403 / 400)."""

import datetime

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from skp.models import Iki
from umpanbalik import isian as isian_mod
from umpanbalik.models import (
    Bimbingan,
    EvaluasiKompetensi,
    JurnalMentoring,
    LaporanPerilaku,
    UmpanBalikBimbingan,
)
from umpanbalik.services import pembinaan as svc

from .rute_pembinaan import skp_ditetapkan

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def skp(sumedang):
    return skp_ditetapkan(sumedang)


def iki_dari(skp):
    with scopes_disabled():
        return list(Iki.objects.filter(rhk__skp=skp).order_by("rhk__urutan", "urutan"))


def buat(world, skp, jenis="coaching", **kwargs):
    return svc.bimbingan_buat(skp=skp, by=world.users.penilai, jenis=jenis, tanggal=D(2026, 3, 16), **kwargs)


def url(name, obj):
    return reverse(name, kwargs={"pk": obj.pk})


# ---- pembinaan page -------------------------------------------------------------------------------


def test_the_leader_sees_the_pembinaan_page_with_its_forms(login, world, skp):
    b = buat(world, skp)
    lap = svc.laporan_perilaku_buat(
        skp=skp,
        by=world.users.penilai,
        masalah="Tidak disiplin",
        ekspektasi_khusus="",
        uraian="Terlambat",
        serupa_pada_pegawai_lain=False,
        retrospektif="Ditegur",
    )
    response = login(world.users.penilai).get(url("pembinaan_skp", skp))
    isi = response.content.decode()
    assert response.status_code == 200
    assert "Pembinaan kinerja" in isi and world.pegawai.nama_lengkap in isi
    assert f'id="bimbingan-{b.pk}"' in isi and "Coaching" in isi
    assert f'id="laporan-{lap.pk}"' in isi and "Tidak disiplin" in isi
    for tombol in ("tombol-mulai-bimbingan", "tombol-laporan", "tombol-konseling"):
        assert f'id="{tombol}"' in isi


def test_the_pegawai_sees_her_bimbingan_without_the_leaders_forms(login, world, skp):
    b = buat(world, skp)
    isi = login(world.users.pegawai).get(url("pembinaan_skp", skp)).content.decode()
    assert f'id="bimbingan-{b.pk}"' in isi
    assert 'id="tombol-mulai-bimbingan"' not in isi and 'id="tombol-laporan"' not in isi
    assert 'id="tombol-konseling"' not in isi


def test_a_peer_does_not_find_the_pembinaan_page(login, world, skp):
    assert login(world.users.rekan).get(url("pembinaan_skp", skp)).status_code == 404


def test_the_leader_starts_a_bimbingan_from_the_page(login, world, skp):
    response = login(world.users.penilai).post(
        url("pembinaan_bimbingan_buat", skp),
        {
            "jenis": "mentoring",
            "tanggal": "2026-03-18",
            "tempat": "Ruang Seksi",
            "pembina_pegawai": world.atasan.pk,
        },
    )
    with scopes_disabled():
        b = Bimbingan.objects.get()
    assert response.status_code == 302 and response.url == url("bimbingan_detail", b)
    assert b.penugasan_khusus and b.pembina == world.users.atasan


def test_the_pegawai_posting_a_bimbingan_gets_403_with_the_reason(login, world, skp):
    response = login(world.users.pegawai).post(
        url("pembinaan_bimbingan_buat", skp), {"jenis": "coaching", "tanggal": "2026-03-18"}
    )
    assert response.status_code == 403
    assert "Hanya pimpinan" in response.content.decode()
    assert not Bimbingan.objects.exists()


def test_a_bimbingan_outside_the_period_is_a_400_with_the_reason(login, world, skp):
    response = login(world.users.penilai).post(
        url("pembinaan_bimbingan_buat", skp), {"jenis": "coaching", "tanggal": "2027-02-01"}
    )
    assert response.status_code == 400
    assert "periode SKP" in response.content.decode()


def test_a_bimbingan_form_without_a_date_is_a_400(login, world, skp):
    response = login(world.users.penilai).post(url("pembinaan_bimbingan_buat", skp), {"jenis": "coaching"})
    assert response.status_code == 400
    assert "Periksa isian bimbingan" in response.content.decode()


# ---- bimbingan page ---------------------------------------------------------------------------------


def test_the_pegawai_fills_her_coaching_part_on_the_page(login, world, skp):
    b = buat(world, skp)
    iki = iki_dari(skp)
    client = login(world.users.pegawai)
    page = client.get(url("bimbingan_detail", b)).content.decode()
    assert 'id="tombol-simpan-pegawai"' in page and 'id="tombol-simpan-pembina"' not in page
    assert "TUJUAN: APA YANG INGIN SAYA CAPAI?" in page and iki[0].teks in page
    assert f'href="/pelaksanaan/bimbingan/{b.pk}/cetak/"' in page
    response = client.post(
        url("bimbingan_isi", b),
        {
            "bagian": "pegawai",
            "tujuan-0-iki": iki[0].pk,
            "tujuan-0-base_target": "2",
            "tujuan-0-target": "4 modul",
            "tujuan-0-strategi": "Lembur terencana",
            "tujuan-1-iki": "",
            "tujuan-1-target": "",
            "fakta-0-target_skp": "4 modul",
            "fakta-0-progres": "1 modul",
            "fakta-0-masalah": "Server lambat",
            "fakta-0-penyebab": "",
            "peluang": "Minta server baru",
        },
    )
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.isian["tujuan"][0]["strategi"] == "Lembur terencana" and len(b.isian["tujuan"]) == 1
    isi = client.get(url("bimbingan_detail", b)).content.decode()
    assert "Lembur terencana" in isi and "Server lambat" in isi and "Minta server baru" in isi


def test_the_leader_posting_the_pegawai_part_gets_403_and_nothing_changes(login, world, skp):
    b = buat(world, skp)
    response = login(world.users.penilai).post(url("bimbingan_isi", b), {"bagian": "pegawai", "peluang": "x"})
    assert response.status_code == 403
    assert "diisi oleh Pegawai" in response.content.decode()
    b.refresh_from_db()
    assert b.isian == {}


def test_bad_rows_are_a_400_with_the_reason_and_the_input_kept(login, world, skp):
    b = buat(world, skp)
    iki = iki_dari(skp)
    response = login(world.users.pegawai).post(
        url("bimbingan_isi", b),
        {
            "bagian": "pegawai",
            "tujuan-0-iki": iki[0].pk,
            "tujuan-0-target": "4",
            "tujuan-0-strategi": "",
            "peluang": "Dipertahankan",
        },
    )
    assert response.status_code == 400
    isi = response.content.decode()
    assert "strategi wajib diisi" in isi and "Dipertahankan" in isi


def test_langkah_with_an_adjustment_links_to_the_skp_revision(login, world, skp):
    b = buat(world, skp)
    iki = iki_dari(skp)
    client = login(world.users.penilai)
    response = client.post(
        url("bimbingan_isi", b),
        {
            "bagian": "pembina",
            "langkah-0-iki": iki[1].pk,
            "langkah-0-strategi": "Target diturunkan",
            "langkah-0-penyesuaian": "ya",
        },
    )
    assert response.status_code == 302
    isi = client.get(url("bimbingan_detail", b)).content.decode()
    assert 'id="perlu-revisi"' in isi
    assert reverse("skp_revisi", kwargs={"pk": skp.pk}) in isi


def test_no_adjustment_no_revision_notice(login, world, skp):
    b = buat(world, skp)
    iki = iki_dari(skp)
    client = login(world.users.penilai)
    client.post(
        url("bimbingan_isi", b),
        {
            "bagian": "pembina",
            "langkah-0-iki": iki[1].pk,
            "langkah-0-strategi": "Lanjut",
            "langkah-0-penyesuaian": "tidak",
        },
    )
    assert 'id="perlu-revisi"' not in client.get(url("bimbingan_detail", b)).content.decode()


def test_the_assigned_party_reads_and_works_on_her_bimbingan(login, world, skp):
    b = buat(world, skp, pembina_pegawai=world.rekan)
    client = login(world.users.rekan)
    isi = client.get(url("bimbingan_detail", b)).content.decode()
    assert 'id="tombol-simpan-pembina"' in isi and 'id="tombol-b19"' in isi


@pytest.mark.parametrize("siapa", ["rekan", "outsider"])
def test_a_bimbingan_is_not_found_by_those_who_may_not_read_it(login, world, skp, siapa):
    b = buat(world, skp)
    assert login(getattr(world.users, siapa)).get(url("bimbingan_detail", b)).status_code == 404


def test_the_mentoring_page_has_the_plan_and_the_journal(login, world, skp):
    b = buat(world, skp, jenis="mentoring")
    client = login(world.users.pegawai)
    response = client.post(
        url("bimbingan_isi", b),
        {
            "bagian": "pegawai",
            "tujuan": "Belajar pengujian",
            "rencana-0-keahlian": "Pytest",
            "rencana-0-langkah": "Shadowing",
            "rencana-0-jangka_waktu": "2 bulan",
            "rencana-0-perubahan": "Bug berkurang",
            "rencana-0-ukuran_keberhasilan": "Cakupan 80%",
        },
    )
    assert response.status_code == 302
    response = client.post(
        url("bimbingan_jurnal", b),
        {
            "waktu_tempat": "18 Maret, lab",
            "materi": "Fixture",
            "rencana_aksi": "Tulis fixture",
            "target_waktu": "April",
        },
    )
    assert response.status_code == 302
    isi = client.get(url("bimbingan_detail", b)).content.decode()
    assert (
        "JURNAL MENTORING" in isi
        and "Tulis fixture" in isi
        and "Cakupan 80%" in isi
        and "Belajar pengujian" in isi
    )


def test_a_peer_posting_to_the_journal_does_not_find_it(login, world, skp):
    b = buat(world, skp, jenis="mentoring")
    response = login(world.users.rekan).post(
        url("bimbingan_jurnal", b),
        {"waktu_tempat": "x", "materi": "x", "rencana_aksi": "x", "target_waktu": "x"},
    )
    assert response.status_code == 404
    assert not JurnalMentoring.objects.exists()


def test_the_atasan_reads_the_journal_but_gets_403_writing_to_it(login, world, skp):
    b = buat(world, skp, jenis="mentoring")
    client = login(world.users.atasan)
    assert client.get(url("bimbingan_detail", b)).status_code == 200
    response = client.post(
        url("bimbingan_jurnal", b),
        {"waktu_tempat": "x", "materi": "x", "rencana_aksi": "x", "target_waktu": "x"},
    )
    assert response.status_code == 403
    assert not JurnalMentoring.objects.exists()


def test_the_pegawai_gives_b18_feedback_on_the_page_once(login, world, skp):
    b = buat(world, skp)
    client = login(world.users.pegawai)
    assert 'id="tombol-b18"' in client.get(url("bimbingan_detail", b)).content.decode()
    data = {f"jawaban-{n}": "ya" for n in range(1, 10)} | {
        "jawaban-6": "sebagian",
        "catatan-6": "Kadang menggurui",
    }
    assert client.post(url("bimbingan_umpan_balik", b), data).status_code == 302
    isi = client.get(url("bimbingan_detail", b)).content.decode()
    assert "Kadang menggurui" in isi and 'id="tombol-b18"' not in isi
    again = client.post(url("bimbingan_umpan_balik", b), data)
    assert again.status_code == 400 and "sudah diisi" in again.content.decode()


def test_an_incomplete_b18_is_a_400_naming_the_criterion(login, world, skp):
    b = buat(world, skp)
    data = {f"jawaban-{n}": "ya" for n in range(1, 9)}
    response = login(world.users.pegawai).post(url("bimbingan_umpan_balik", b), data)
    assert response.status_code == 400
    assert "Kriteria 9" in response.content.decode()
    assert not UmpanBalikBimbingan.objects.exists()


def test_the_leader_posting_b18_gets_403(login, world, skp):
    b = buat(world, skp)
    data = {f"jawaban-{n}": "ya" for n in range(1, 10)}
    assert login(world.users.penilai).post(url("bimbingan_umpan_balik", b), data).status_code == 403


def _b19(teknis=True):
    data = {}
    for i, _ in enumerate(isian_mod.KOMPETENSI_TETAP):
        data[f"nilai-{i}"] = "4"
        data[f"alasan-{i}"] = f"Alasan {i}"
    if teknis:
        data |= {
            "teknis-0-kompetensi": "Basis data",
            "teknis-0-nilai": "2",
            "teknis-0-alasan": "Perlu belajar",
        }
    data["rekomendasi"] = "Diklat basis data"
    return data


def test_the_pembina_evaluates_competencies_on_the_page(login, world, skp):
    b = buat(world, skp)
    client = login(world.users.penilai)
    page = client.get(url("bimbingan_detail", b)).content.decode()
    assert "Integritas" in page and "Perekat dan Pemersatu Bangsa" in page and "Sangat Kurang" in page
    assert client.post(url("bimbingan_evaluasi", b), _b19()).status_code == 302
    with scopes_disabled():
        ev = EvaluasiKompetensi.objects.get()
    assert ev.nilai[-1]["kompetensi"] == "Basis data" and ev.rekomendasi == "Diklat basis data"
    isi = client.get(url("bimbingan_detail", b)).content.decode()
    assert "Diklat basis data" in isi and 'id="tombol-b19"' not in isi


def test_a_b19_without_a_rating_is_a_400_with_the_input_kept(login, world, skp):
    b = buat(world, skp)
    data = _b19()
    data["nilai-0"] = ""
    response = login(world.users.penilai).post(url("bimbingan_evaluasi", b), data)
    assert response.status_code == 400
    isi = response.content.decode()
    assert "Integritas: nilai harus 1 sampai 5" in isi and "Diklat basis data" in isi


def test_the_pegawai_posting_b19_gets_403(login, world, skp):
    b = buat(world, skp)
    assert login(world.users.pegawai).post(url("bimbingan_evaluasi", b), _b19()).status_code == 403
    assert not EvaluasiKompetensi.objects.exists()


# ---- B.1.10 -----------------------------------------------------------------------------------------

LAPORAN = {
    "masalah": "Tidak menjunjung nilai Akuntabel",
    "ekspektasi_khusus": "Hadir tepat waktu",
    "uraian": "Tiga kali tidak hadir rapat",
    "serupa_pada_pegawai_lain": "ya",
    "retrospektif": "Umpan balik dua kali",
}


def test_the_penilai_reports_from_the_page_and_bkpsdm_lists_it(login, world, skp):
    response = login(world.users.penilai).post(url("pembinaan_laporan_buat", skp), LAPORAN)
    with scopes_disabled():
        lap = LaporanPerilaku.objects.get()
    assert response.status_code == 302 and response.url == url("laporan_perilaku_detail", lap)
    assert lap.serupa_pada_pegawai_lain is True
    admin = login(world.users.admin)
    daftar = admin.get(reverse("laporan_perilaku_daftar")).content.decode()
    assert f'id="laporan-{lap.pk}"' in daftar and world.pegawai.nama_lengkap in daftar
    detail = admin.get(url("laporan_perilaku_detail", lap))
    isi = detail.content.decode()
    assert detail.status_code == 200
    assert "Tiga kali tidak hadir rapat" in isi and "Umpan balik dua kali" in isi
    assert f'href="/pelaksanaan/laporan-perilaku/{lap.pk}/cetak/"' in isi
    assert "Jadwalkan konseling kinerja" in isi


def test_the_pegawai_posting_a_report_gets_403(login, world, skp):
    response = login(world.users.pegawai).post(url("pembinaan_laporan_buat", skp), LAPORAN)
    assert response.status_code == 403
    assert not LaporanPerilaku.objects.exists()


def test_an_empty_report_is_a_400(login, world, skp):
    response = login(world.users.penilai).post(url("pembinaan_laporan_buat", skp), {**LAPORAN, "masalah": ""})
    assert response.status_code == 400
    assert not LaporanPerilaku.objects.exists()


def test_a_peer_does_not_find_a_report_and_the_list_hides_it(login, world, skp):
    with scopes_disabled():
        lap = svc.laporan_perilaku_buat(
            skp=skp, by=world.users.penilai, **{**LAPORAN, "serupa_pada_pegawai_lain": False}
        )
    client = login(world.users.rekan)
    assert client.get(url("laporan_perilaku_detail", lap)).status_code == 404
    assert f'id="laporan-{lap.pk}"' not in client.get(reverse("laporan_perilaku_daftar")).content.decode()


def test_another_pemdas_admin_sees_no_sumedang_report(login, world, skp):
    with scopes_disabled():
        lap = svc.laporan_perilaku_buat(
            skp=skp, by=world.users.penilai, **{**LAPORAN, "serupa_pada_pegawai_lain": False}
        )
    client = login(world.users.outsider_admin)
    assert f'id="laporan-{lap.pk}"' not in client.get(reverse("laporan_perilaku_daftar")).content.decode()


def test_the_report_list_runs_a_fixed_number_of_queries(login, world, skp, max_queries):
    for n in range(3):
        svc.laporan_perilaku_buat(
            skp=skp,
            by=world.users.penilai,
            **{**LAPORAN, "serupa_pada_pegawai_lain": False, "masalah": f"M{n}"},
        )
    client = login(world.users.admin)
    client.get(reverse("laporan_perilaku_daftar"))
    with max_queries(12):
        assert client.get(reverse("laporan_perilaku_daftar")).status_code == 200


def test_the_pembinaan_page_runs_a_fixed_number_of_queries(login, world, skp, max_queries):
    client = login(world.users.penilai)
    buat(world, skp)
    client.get(url("pembinaan_skp", skp))
    with max_queries(40) as satu:
        client.get(url("pembinaan_skp", skp))
    for jenis in ("coaching", "mentoring", "coaching", "mentoring"):
        buat(world, skp, jenis=jenis, pembina_pegawai=world.atasan)
    with max_queries(len(satu.captured_queries)):
        assert client.get(url("pembinaan_skp", skp)).status_code == 200


def test_a_nul_character_in_a_table_cell_is_a_400_not_a_500(login, world, skp):
    b = buat(world, skp)
    iki = iki_dari(skp)
    response = login(world.users.pegawai).post(
        url("bimbingan_isi", b),
        {
            "bagian": "pegawai",
            "tujuan-0-iki": iki[0].pk,
            "tujuan-0-target": "4",
            "tujuan-0-strategi": "a\x00b",
        },
    )
    assert response.status_code == 400
    assert "karakter NUL" in response.content.decode()
