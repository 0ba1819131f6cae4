"""`/api/keberatan/`: filing on an Evaluasi id, the examination, the decision, D.1.3 signatures; 4xx with the
reason; scoped lists; another Pemda's keberatan is 404."""

import pytest
from django.urls import reverse

from evaluasi.models import Evaluasi, Keberatan

from .conftest import D
from .test_keberatan import PASSWORD, diajukan, ditandatangani

pytestmark = pytest.mark.django_db


def aksi(nama, k):
    return reverse(f"api:keberatan-{nama}", kwargs={"pk": k.pk})


def alasan(r) -> str:
    return str(r.json())


def test_api_ajukan_dan_penolakannya(login, skp_berjalan, sumedang, hari):
    w = sumedang
    ev = ditandatangani(w, hari, tanggal=D(2026, 4, 2))
    daftar = reverse("api:keberatan-list")
    r = login(w.users.penilai).post(
        daftar, {"evaluasi": ev.pk, "alasan": "x"}, content_type="application/json"
    )
    assert r.status_code == 403 and "Hanya Pegawai" in alasan(r)
    r = login(w.users.rekan).post(daftar, {"evaluasi": ev.pk, "alasan": "x"}, content_type="application/json")
    assert r.status_code == 400 and "evaluasi" in r.json()
    pegawai = login(w.users.pegawai)
    r = pegawai.post(daftar, {"evaluasi": ev.pk, "alasan": ""}, content_type="application/json")
    assert r.status_code == 400 and "Alasan keberatan wajib" in alasan(r)
    hari(D(2026, 4, 24))
    r = pegawai.post(daftar, {"evaluasi": ev.pk, "alasan": "Terlambat."}, content_type="application/json")
    assert r.status_code == 400 and "berakhir 23-04-2026" in alasan(r)
    hari(D(2026, 4, 23))
    r = pegawai.post(daftar, {"evaluasi": ev.pk, "alasan": "Tidak adil."}, content_type="application/json")
    assert r.status_code == 201 and r.json()["status"] == "diajukan" and r.json()["predikat_semula"] == "baik"
    assert r.json()["batas_putus"]
    r = pegawai.post(daftar, {"evaluasi": ev.pk, "alasan": "Lagi."}, content_type="application/json")
    assert r.status_code == 400 and "sekali" in alasan(r)


def test_api_final_ditolak_dengan_alasan(login, skp_berjalan, sumedang, hari):
    w = sumedang
    ev = ditandatangani(w, hari)
    Evaluasi.objects.filter(pk=ev.pk).update(final=True, oleh_atasan=True)
    r = login(w.users.pegawai).post(
        reverse("api:keberatan-list"), {"evaluasi": ev.pk, "alasan": "x"}, content_type="application/json"
    )
    assert r.status_code == 400 and "bersifat final" in alasan(r)


def test_api_jalur_ubah_lengkap(login, skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    j = "application/json"
    r = login(w.users.pegawai).post(aksi("minta-penjelasan", k), {}, content_type=j)
    assert r.status_code == 403
    r = login(w.users.atasan).post(
        aksi("putuskan", k), {"keputusan": "kuatkan", "alasan": "x"}, content_type=j
    )
    assert r.status_code == 400 and "Mintalah penjelasan" in alasan(r)
    r = login(w.users.atasan).post(aksi("minta-penjelasan", k), {"pertanyaan": "Mengapa?"}, content_type=j)
    assert r.status_code == 200 and r.json()["status"] == "diperiksa"
    r = login(w.users.atasan).post(aksi("minta-keterangan", k), {"permintaan": "Bukti?"}, content_type=j)
    assert r.status_code == 200
    r = login(w.users.pegawai).post(aksi("beri-keterangan", k), {"teks": "Terlampir."}, content_type=j)
    assert r.status_code == 200 and r.json()["keterangan_pegawai"] == "Terlampir."
    r = login(w.users.penilai).post(aksi("beri-penjelasan", k), {"teks": ""}, content_type=j)
    assert r.status_code == 400 and "Penjelasan wajib" in alasan(r)
    r = login(w.users.penilai).post(aksi("beri-penjelasan", k), {"teks": "Sesuai."}, content_type=j)
    assert r.status_code == 200
    data = {
        "keputusan": "ubah",
        "alasan": "Bukti baru.",
        "rekomendasi": "Pelatihan.",
        "rating_hasil_baru": "di_bawah",
        "rating_perilaku_baru": "di_bawah",
        "password": PASSWORD,
    }
    r = login(w.users.atasan).post(aksi("putuskan", k), {**data, "keputusan": "batal"}, content_type=j)
    assert r.status_code == 400 and "keputusan" in r.json()
    r = login(w.users.atasan).post(aksi("putuskan", k), {**data, "rekomendasi": ""}, content_type=j)
    assert r.status_code == 400 and "Rekomendasi baru wajib" in alasan(r)
    r = login(w.users.atasan).post(aksi("putuskan", k), data, content_type=j)
    assert r.status_code == 200 and r.json()["predikat_baru"] == "sangat_kurang" and r.json()["dokumen_d13"]
    r = login(w.users.pegawai).post(aksi("tandatangani", k), {"password": PASSWORD}, content_type=j)
    assert r.status_code == 403 and "Belum giliran" in alasan(r)
    r = login(w.users.penilai).post(aksi("tandatangani", k), {"password": "salah"}, content_type=j)
    assert r.status_code == 400
    assert (
        login(w.users.penilai)
        .post(aksi("tandatangani", k), {"password": PASSWORD}, content_type=j)
        .status_code
        == 200
    )
    assert (
        login(w.users.pegawai)
        .post(aksi("tandatangani", k), {"password": PASSWORD}, content_type=j)
        .status_code
        == 200
    )
    assert Evaluasi.objects.get(pk=k.evaluasi_id).predikat == "sangat_kurang"
    r = login(w.users.atasan).post(aksi("minta-penjelasan", k), {}, content_type=j)
    assert r.status_code == 400 and "sudah diputus" in alasan(r)


def test_api_daftar_dan_detail_terbatas(login, skp_berjalan, sumedang, hari):
    w = sumedang
    k = diajukan(w, hari)
    daftar = reverse("api:keberatan-list")
    for user in (w.users.pegawai, w.users.penilai, w.users.atasan, w.users.admin):
        ids = [row["id"] for row in login(user).get(daftar).json()["results"]]
        assert ids == [k.pk], user
    assert login(w.users.rekan).get(daftar).json()["results"] == []
    assert login(w.users.rekan).get(aksi("detail", k)).status_code == 404
    assert login(w.users.outsider).get(aksi("detail", k)).status_code == 404
    assert login(w.users.outsider).get(daftar).json()["results"] == []
    r = login(w.users.admin).post(
        aksi("putuskan", k), {"keputusan": "kuatkan", "alasan": "x"}, content_type="application/json"
    )
    assert r.status_code == 403
    assert Keberatan.objects.get(pk=k.pk).status == "diajukan"


def test_api_daftar_jumlah_query_tetap(login, skp_berjalan, sumedang, hari, max_queries):
    from tests.factories import EvaluasiFactory, KeberatanFactory, PeriodeEvaluasiFactory

    w = sumedang
    diajukan(w, hari)
    client = login(w.users.admin)
    daftar = reverse("api:keberatan-list")
    client.get(daftar)
    with max_queries(20) as satu:
        assert len(client.get(daftar).json()["results"]) == 1
    for bulan in (4, 5, 6):
        p = PeriodeEvaluasiFactory(pemda=w.sumedang, nomor=bulan, tahun=2026)
        ev = EvaluasiFactory(pemda=w.sumedang, periode=p, pegawai=w.rekan, status="selesai", predikat="baik")
        KeberatanFactory(pemda=w.sumedang, evaluasi=ev, status="diubah")
    with max_queries(20) as empat:
        assert len(client.get(daftar).json()["results"]) == 4
    assert len(empat.captured_queries) == len(satu.captured_queries)
