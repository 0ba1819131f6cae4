"""Pages of the keberatan: filing with its deadline, the detail page with each party's step, the decision with
D.1.3, the list per role; refusals come back as the page with the reason (400 / 403), outsiders get 404."""

import pytest
from django.urls import reverse

from evaluasi import documents
from evaluasi.models import Evaluasi, Keberatan, StatusKeberatan
from evaluasi.services import keberatan as services

from .conftest import D
from .test_keberatan import PASSWORD, diajukan, ditandatangani

pytestmark = pytest.mark.django_db


def url(name, obj):
    return reverse(name, kwargs={"pk": obj.pk})


def test_pegawai_mengajukan_keberatan_dari_halaman_dengan_batas_waktu(login, skp_berjalan, sumedang, hari):
    w = sumedang
    ev = ditandatangani(w, hari, tanggal=D(2026, 4, 2))
    client = login(w.users.pegawai)
    r = client.get(url("keberatan_ajukan", ev))
    assert r.status_code == 200
    assert "23 April 2026" in r.content.decode() and 'id="form-ajukan"' in r.content.decode()
    r = client.post(url("keberatan_ajukan", ev), {"alasan": ""})
    assert r.status_code == 400 and "Periksa isian" in r.content.decode()
    r = client.post(url("keberatan_ajukan", ev), {"alasan": "Modul ke-4 tidak dihitung."})
    k = Keberatan.objects.get(evaluasi=ev)
    assert r.status_code == 302 and r["Location"] == url("keberatan_detail", k)
    assert client.get(url("keberatan_ajukan", ev))["Location"] == url("keberatan_detail", k)


def test_setelah_batas_halaman_menjelaskan_dan_post_ditolak(login, skp_berjalan, sumedang, hari):
    w = sumedang
    ev = ditandatangani(w, hari, tanggal=D(2026, 4, 2))
    hari(D(2026, 4, 28))
    client = login(w.users.pegawai)
    r = client.get(url("keberatan_ajukan", ev))
    assert "berakhir 23-04-2026" in r.content.decode() and 'id="form-ajukan"' not in r.content.decode()
    r = client.post(url("keberatan_ajukan", ev), {"alasan": "Terlambat."})
    assert r.status_code == 400 and "berakhir 23-04-2026" in r.content.decode()
    assert not Keberatan.objects.exists()


def test_yang_bukan_pegawai_ditolak_atau_tidak_melihat(login, skp_berjalan, sumedang, hari):
    w = sumedang
    ev = ditandatangani(w, hari)
    assert login(w.users.rekan).post(url("keberatan_ajukan", ev), {"alasan": "x"}).status_code == 404
    r = login(w.users.penilai).post(url("keberatan_ajukan", ev), {"alasan": "x"})
    assert r.status_code == 403 and "Hanya Pegawai yang dinilai" in r.content.decode()
    assert not Keberatan.objects.exists()


def test_halaman_detail_jalur_ubah_sampai_d13_ditandatangani(login, skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    atasan = login(w.users.atasan)
    r = atasan.get(url("keberatan_detail", k))
    body = r.content.decode()
    assert r.status_code == 200 and 'id="form-putuskan"' in body and 'id="peta-predikat"' in body
    assert "Mintalah penjelasan" in body
    r = atasan.post(url("keberatan_putuskan", k), {"keputusan": "kuatkan", "alasan": "x"})
    assert r.status_code == 400 and "Mintalah penjelasan" in r.content.decode()
    r = atasan.post(url("keberatan_minta_penjelasan", k), {"pertanyaan": "Mengapa?"})
    assert r.status_code == 302

    penilai = login(w.users.penilai)
    body = penilai.get(url("keberatan_detail", k)).content.decode()
    assert 'id="tombol-penjelasan"' in body and 'id="form-putuskan"' not in body
    r = penilai.post(url("keberatan_putuskan", k), {"keputusan": "kuatkan", "alasan": "x"})
    assert r.status_code == 403
    assert penilai.post(url("keberatan_beri_penjelasan", k), {"teks": "Sesuai bukti."}).status_code == 302

    atasan = login(w.users.atasan)
    data = {
        "keputusan": "ubah",
        "alasan": "Bukti baru diterima.",
        "rekomendasi": "Ikut pelatihan.",
        "rating_hasil_baru": "di_atas",
        "rating_perilaku_baru": "di_atas",
        "password": "salah",
    }
    r = atasan.post(url("keberatan_putuskan", k), data)
    assert r.status_code == 400 and Keberatan.objects.get(pk=k.pk).status == StatusKeberatan.DIPERIKSA
    r = atasan.post(url("keberatan_putuskan", k), {**data, "password": PASSWORD})
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.status == StatusKeberatan.DIUBAH

    penilai = login(w.users.penilai)
    body = penilai.get(url("keberatan_detail", k)).content.decode()
    assert 'id="tautan-d13"' in body and 'id="tautan-d11"' in body and "Sangat Baik" in body
    assert penilai.post(url("keberatan_tandatangani", k), {"password": PASSWORD}).status_code == 302
    pegawai = login(w.users.pegawai)
    assert pegawai.post(url("keberatan_tandatangani", k), {"password": PASSWORD}).status_code == 302
    ev = Evaluasi.objects.get(pk=k.evaluasi_id)
    assert ev.predikat == "sangat_baik" and documents.dokumen_keberatan(ev).final
    body = pegawai.get(url("keberatan_detail", k)).content.decode()
    assert "menandatangani Format D.1.3" in body and 'id="langkah-tanda-tangan"' not in body
    # The Atasan reads both documents from the page's links (D.1.1 unchanged beside the D.1.3).
    atasan = login(w.users.atasan)
    for nama in ("evaluasi_cetak_dokumen", "evaluasi_cetak_keberatan"):
        r = atasan.get(url(nama, ev))
        assert r.status_code == 200 and r["Content-Type"] == "application/pdf", nama


def test_daftar_keberatan_per_peran_terlambat_di_atas(login, skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari, D(2026, 4, 6))
    hari(D(2026, 4, 20))  # after 15 April: late
    body = login(w.users.atasan).get(reverse("keberatan_list")).content.decode()
    assert f'id="tabel-diputus-{k.pk}" class="terlambat"' in body and "terlambat" in body
    body = login(w.users.penilai).get(reverse("keberatan_list")).content.decode()
    assert f'id="tabel-dijelaskan-{k.pk}"' in body and 'id="tabel-diputus' not in body
    body = login(w.users.pegawai).get(reverse("keberatan_list")).content.decode()
    assert f'id="tabel-saya-{k.pk}"' in body
    body = login(w.users.admin).get(reverse("keberatan_list")).content.decode()
    assert f'id="tabel-semua-{k.pk}"' in body
    body = login(w.users.rekan).get(reverse("keberatan_list")).content.decode()
    assert str(w.pegawai.nama_lengkap) not in body
    assert login(w.users.rekan).get(url("keberatan_detail", k)).status_code == 404
    assert login(w.users.admin).post(url("keberatan_minta_penjelasan", k), {}).status_code == 403


def test_daftar_keberatan_jumlah_query_tetap(login, skp_berjalan, sumedang, hari, max_queries):
    from tests.factories import EvaluasiFactory, KeberatanFactory, PeriodeEvaluasiFactory

    w = sumedang
    diajukan(w, hari)
    client = login(w.users.admin)
    client.get(reverse("keberatan_list"))
    with max_queries(14) as satu:
        assert client.get(reverse("keberatan_list")).status_code == 200
    for bulan in (4, 5, 6):
        p = PeriodeEvaluasiFactory(pemda=w.sumedang, nomor=bulan, tahun=2026)
        ev = EvaluasiFactory(pemda=w.sumedang, periode=p, pegawai=w.rekan, status="selesai", predikat="baik")
        KeberatanFactory(pemda=w.sumedang, evaluasi=ev, status="diubah")
    with max_queries(14) as empat:
        assert client.get(reverse("keberatan_list")).content.decode().count('id="tabel-semua-') == 4
    assert len(empat.captured_queries) == len(satu.captured_queries)


def test_kuatkan_lewat_halaman(login, skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    services.minta_penjelasan(keberatan=k, by=w.users.atasan)
    services.beri_penjelasan(keberatan=k, by=w.users.penilai, teks="Sesuai.")
    r = login(w.users.atasan).post(
        url("keberatan_putuskan", k), {"keputusan": "kuatkan", "alasan": "Sesuai bukti."}
    )
    assert r.status_code == 302
    k.refresh_from_db()
    assert k.status == StatusKeberatan.DIKUATKAN and Evaluasi.objects.get(pk=k.evaluasi_id).predikat == "baik"


def test_form_kosong_dari_yang_tidak_berhak_tetap_403(login, skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    for user, nama in (
        (w.users.admin, "keberatan_putuskan"),
        (w.users.pegawai, "keberatan_minta_keterangan"),
        (w.users.atasan, "keberatan_beri_penjelasan"),
        (w.users.penilai, "keberatan_beri_keterangan"),
        (w.users.atasan, "keberatan_tandatangani"),
    ):
        r = login(user).post(url(nama, k), {})
        assert r.status_code == 403, (user, nama)
        assert 'id="galat"' in r.content.decode()
