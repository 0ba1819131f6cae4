"""The SKP parts API (skp/api.py): leader RHK, copying last year, deleting a draft, ekspektasi khusus,
lampiran, manual indikator, timeline, rencana aksi, saved texts, notices and mutations. Each endpoint calls
one service: done for the persona the rule allows, 403 with the reason for one who sees the SKP but may not,
404 for one who may not see it (another seksi, another Pemda), 400 naming the field for bad input.
"""

import pytest
from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan
from kinerja.scoping import tenant_context
from kinerja.services import org
from skp import services
from skp.models import (
    EkspektasiKhusus,
    JenisPemberitahuan,
    KegiatanTimeline,
    LampiranSkp,
    Pemberitahuan,
    RencanaAksi,
    Rhk,
    Skp,
    StatusSkp,
    StatusTimeline,
    TeksTersimpan,
    Timeline,
)

from ..factories import JabatanFactory
from .bantu import D, draft, fresh, isi, sampai_ditetapkan
from .test_api_aksi import in_state, lain  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

# Who sees the Pegawai's SKP but may not write its parts, and who does not see it at all.
MELIHAT = ("penilai", "atasan", "admin")
TIDAK_MELIHAT = ("rekan", "lain", "outsider", "outsider_admin")


def send(client, method, url, data=None):
    return getattr(client, method)(url, data or {}, content_type="application/json")


def as_(login, world, persona):
    return login(getattr(world.users, persona))


def _assert_refused(response, persona, *, sees=MELIHAT):
    expected = 403 if persona in sees else 404
    assert response.status_code == expected, (persona, response.status_code, response.content)
    if expected == 403:
        assert response.json()["detail"]


# Leader RHK, last year, deleting a draft ---------------------------------------------------------------
@pytest.mark.parametrize("persona", ["pegawai", *MELIHAT, *TIDAK_MELIHAT])
def test_taking_the_leaders_rhk(login, world, lain, persona):  # noqa: F811
    with tenant_context(world.sumedang.pk):
        pimpinan = isi(draft(world, "penilai"), world.users.penilai, rhk=2)
        skp = draft(world)
    body = {"rhk_pimpinan": [r.pk for r in pimpinan]}
    response = send(as_(login, world, persona), "post", f"/api/skp/{skp.pk}/ambil-rhk-pimpinan/", body)
    if persona != "pegawai":
        _assert_refused(response, persona)
        with scopes_disabled():
            assert not Rhk.objects.filter(skp=skp).exists()
        return
    assert response.status_code == 201, response.content
    assert [r["intervensi"]["id"] for r in response.json()] == [r.pk for r in pimpinan]
    # Taken already: skipped, not doubled.
    again = send(login(world.users.pegawai), "post", f"/api/skp/{skp.pk}/ambil-rhk-pimpinan/", body)
    assert again.status_code == 201 and again.json() == []


@pytest.mark.parametrize(
    "body,field",
    [
        ({}, "rhk_pimpinan"),
        ({"rhk_pimpinan": []}, "rhk_pimpinan"),
        ({"rhk_pimpinan": ["abc"]}, "rhk_pimpinan"),
        ({"rhk_pimpinan": [10**9]}, "rhk_pimpinan"),
        ({"rhk_pimpinan": "x"}, "rhk_pimpinan"),
    ],
)
def test_taking_leader_rhk_bad_input(login, world, body, field):
    with tenant_context(world.sumedang.pk):
        skp = draft(world)
    response = send(login(world.users.pegawai), "post", f"/api/skp/{skp.pk}/ambil-rhk-pimpinan/", body)
    assert response.status_code == 400 and field in response.json()


def test_a_rhk_of_someone_not_her_leader_is_refused(login, world, lain):  # noqa: F811
    with tenant_context(world.sumedang.pk):
        (sendiri,) = isi(draft(world, "rekan"), world.users.rekan)
        skp = draft(world)
    response = send(
        login(world.users.pegawai),
        "post",
        f"/api/skp/{skp.pk}/ambil-rhk-pimpinan/",
        {"rhk_pimpinan": [sendiri.pk]},
    )
    assert response.status_code == 400, response.content


def test_copying_last_year_and_deleting_a_draft(login, world):
    with tenant_context(world.sumedang.pk):
        lama = sampai_ditetapkan(world, draft(world))
        baru = draft(world, tahun=2027)
    for persona in ("penilai", "rekan", "outsider"):
        client = as_(login, world, persona)
        _assert_refused(send(client, "post", f"/api/skp/{baru.pk}/salin-tahun-lalu/"), persona)
        _assert_refused(client.delete(f"/api/skp/{baru.pk}/"), persona)
    client = login(world.users.pegawai)
    response = send(client, "post", f"/api/skp/{baru.pk}/salin-tahun-lalu/")
    assert response.status_code == 200, response.content
    assert [r["teks"] for r in response.json()["rhk"]] == ["Aplikasi layanan 1 terbangun"]
    # Nothing from 2025 to copy to 2026: the reason.
    response = send(client, "post", f"/api/skp/{lama.pk}/salin-tahun-lalu/")
    assert response.status_code == 400 and response.json()["non_field_errors"]
    # A set SKP is not a draft to delete.
    response = client.delete(f"/api/skp/{lama.pk}/")
    assert response.status_code == 400 and response.json()["non_field_errors"]
    assert client.delete(f"/api/skp/{baru.pk}/").status_code == 204
    with scopes_disabled():
        assert not Skp.objects.filter(pk=baru.pk).exists()
        assert Skp.objects.filter(pk=lama.pk).exists()


# Ekspektasi khusus, saved texts ------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["penilai", "pegawai", "atasan", "admin", *TIDAK_MELIHAT])
def test_the_penilai_writes_the_ekspektasi_khusus(login, world, lain, persona):  # noqa: F811
    skp = in_state(world, "diajukan")
    body = {"perilaku": "kompeten", "teks": "Sertifikasi cloud"}
    response = send(as_(login, world, persona), "put", f"/api/skp/{skp.pk}/ekspektasi-khusus/", body)
    with scopes_disabled():
        ada = EkspektasiKhusus.objects.filter(skp=skp, perilaku="kompeten").exists()
    if persona != "penilai":
        _assert_refused(response, persona, sees=("pegawai", *MELIHAT))
        assert not ada
        return
    assert response.status_code == 200, response.content
    assert ada
    kompeten = next(p for p in response.json()["perilaku"] if p["kode"] == "kompeten")
    assert kompeten["ekspektasi_khusus"] == "Sertifikasi cloud"
    # An empty text removes it.
    body["teks"] = ""
    assert (
        send(login(world.users.penilai), "put", f"/api/skp/{skp.pk}/ekspektasi-khusus/", body).status_code
        == 200
    )
    with scopes_disabled():
        assert not EkspektasiKhusus.objects.filter(skp=skp).exists()


@pytest.mark.parametrize(
    "body,field", [({"perilaku": "entah", "teks": "x"}, "perilaku"), ({"teks": "x"}, "perilaku")]
)
def test_ekspektasi_khusus_bad_input(login, world, body, field):
    skp = in_state(world, "diajukan")
    response = send(login(world.users.penilai), "put", f"/api/skp/{skp.pk}/ekspektasi-khusus/", body)
    assert response.status_code == 400 and field in response.json()


def test_saved_texts_are_private_and_applied_in_one_step(login, world):
    skp = in_state(world, "diajukan")
    penilai = login(world.users.penilai)
    response = send(
        penilai,
        "post",
        "/api/teks-tersimpan/",
        {
            "jenis": "ekspektasi_khusus",
            "perilaku": "kolaboratif",
            "judul": "Kerja tim",
            "teks": "Memimpin rapat",
        },
    )
    assert response.status_code == 201, response.content
    teks_id = response.json()["id"]
    konsekuensi = send(
        penilai,
        "post",
        "/api/teks-tersimpan/",
        {"jenis": "konsekuensi_positif", "judul": "Apresiasi", "teks": "Diberi apresiasi"},
    ).json()["id"]
    assert {t["id"] for t in penilai.get("/api/teks-tersimpan/").json()["results"]} == {teks_id, konsekuensi}

    # Someone else's: not listed, not found, not applicable.
    for persona in ("pegawai", "atasan", "outsider"):
        client = as_(login, world, persona)
        assert client.get("/api/teks-tersimpan/").json()["results"] == []
        assert client.get(f"/api/teks-tersimpan/{teks_id}/").status_code == 404
        assert client.delete(f"/api/teks-tersimpan/{teks_id}/").status_code == 404
    response = send(login(world.users.atasan), "post", f"/api/skp/{skp.pk}/terapkan-teks/", {"teks": teks_id})
    assert response.status_code == 400 and "teks" in response.json()

    penilai = login(world.users.penilai)
    response = send(penilai, "post", f"/api/skp/{skp.pk}/terapkan-teks/", {"teks": teks_id})
    assert response.status_code == 200, response.content
    kolaboratif = next(p for p in response.json()["perilaku"] if p["kode"] == "kolaboratif")
    assert kolaboratif["ekspektasi_khusus"] == "Memimpin rapat"
    response = send(penilai, "post", f"/api/skp/{skp.pk}/terapkan-teks/", {"teks": konsekuensi})
    assert [b["teks"] for b in response.json()["lampiran"]["konsekuensi"]] == ["Diberi apresiasi"]
    # The owner of the SKP may not apply texts (she is not the Penilai); one who cannot see it gets 404.
    assert (
        send(login(world.users.rekan), "post", f"/api/skp/{skp.pk}/terapkan-teks/", {"teks": 1}).status_code
        == 404
    )
    penilai = login(world.users.penilai)
    assert penilai.delete(f"/api/teks-tersimpan/{teks_id}/").status_code == 204
    with scopes_disabled():
        assert not TeksTersimpan.objects.filter(pk=teks_id).exists()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"jenis": "entah", "judul": "x", "teks": "y"}, "jenis"),
        ({"jenis": "ekspektasi_khusus", "judul": "x", "teks": "y"}, "perilaku"),
        ({"jenis": "konsekuensi_negatif", "judul": " ", "teks": "y"}, "judul"),
        ({"jenis": "konsekuensi_negatif", "judul": "x"}, "teks"),
    ],
)
def test_saved_text_bad_input(login, world, body, field):
    response = send(login(world.users.penilai), "post", "/api/teks-tersimpan/", body)
    assert response.status_code == 400 and field in response.json()


# Lampiran -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("persona", ["pegawai", *MELIHAT, *TIDAK_MELIHAT])
def test_lampiran_is_the_owners_and_her_penilais(login, world, lain, persona):  # noqa: F811
    skp = in_state(world, "draft")
    with tenant_context(world.sumedang.pk):
        baris = services.lampiran_tambah(
            skp=skp, bagian="dukungan_sumber_daya", teks="Server", by=world.users.pegawai
        )
    client = as_(login, world, persona)
    tambah = send(
        client,
        "post",
        f"/api/skp/{skp.pk}/lampiran/",
        {"bagian": "konsekuensi", "teks": "x", "sifat": "positif"},
    )
    ubah = send(client, "patch", f"/api/lampiran/{baris.pk}/", {"teks": "Server baru"})
    if persona not in ("pegawai", "penilai"):  # the owner, or her Penilai until she approves
        _assert_refused(tambah, persona, sees=("atasan", "admin"))
        _assert_refused(ubah, persona, sees=("atasan", "admin"))
        _assert_refused(client.delete(f"/api/lampiran/{baris.pk}/"), persona, sees=("atasan", "admin"))
        assert fresh(baris).teks == "Server"
        return
    assert tambah.status_code == 201 and tambah.json()["sifat"] == "positif"
    assert ubah.status_code == 200 and ubah.json()["teks"] == "Server baru"
    assert client.get(f"/api/lampiran/{baris.pk}/").json()["bagian"] == "dukungan_sumber_daya"
    assert client.delete(f"/api/lampiran/{baris.pk}/").status_code == 204
    with scopes_disabled():
        assert not LampiranSkp.objects.filter(pk=baris.pk).exists()


def test_the_penilai_writes_lampiran_of_a_submitted_skp(login, world):
    skp = in_state(world, "diajukan")
    client = login(world.users.penilai)
    response = send(
        client,
        "post",
        f"/api/skp/{skp.pk}/lampiran/",
        {"bagian": "konsekuensi", "teks": "Teguran", "sifat": "negatif"},
    )
    assert response.status_code == 201, response.content
    assert (
        send(
            login(world.users.pegawai),
            "post",
            f"/api/skp/{skp.pk}/lampiran/",
            {"bagian": "konsekuensi", "teks": "x", "sifat": "positif"},
        ).status_code
        == 400
    )


@pytest.mark.parametrize(
    "body,field",
    [
        ({"bagian": "entah", "teks": "x"}, "bagian"),
        ({"bagian": "konsekuensi", "teks": "x"}, "sifat"),
        ({"bagian": "konsekuensi", "teks": "x", "sifat": "netral"}, "sifat"),
        ({"bagian": "skema_pertanggungjawaban", "teks": "x"}, "jadwal_pelaporan"),
        ({"bagian": "dukungan_sumber_daya", "teks": " "}, "teks"),
        ({"bagian": "dukungan_sumber_daya"}, "teks"),
    ],
)
def test_lampiran_bad_input(login, world, body, field):
    skp = in_state(world, "draft")
    response = send(login(world.users.pegawai), "post", f"/api/skp/{skp.pk}/lampiran/", body)
    assert response.status_code == 400, response.content
    assert field in response.json()


# Manual indikator ---------------------------------------------------------------------------------------
MANUAL = {
    "tujuan": "Mengukur layanan",
    "definisi": "Modul yang berjalan",
    "formula": "Jumlah modul",
    "satuan_pengukuran": "modul",
    "tingkat_kendali": "outcome",
    "sumber_data": "Laporan",
    "periode_pelaporan": "triwulanan",
}


def test_the_manual_indikator_of_a_jpt(login, world):
    with tenant_context(world.sumedang.pk):
        skp = draft(world, "kadis")
        (rhk,) = isi(skp, world.users.kadis, jpt=True)
        with scopes_disabled():
            iki = rhk.iki.get()
        biasa = in_state(world, "draft")
        with scopes_disabled():
            iki_biasa = Rhk.objects.get(skp=biasa).iki.get()
    for persona in ("bupati", "admin", "pegawai", "outsider"):
        response = send(as_(login, world, persona), "put", f"/api/iki/{iki.pk}/manual/", MANUAL)
        _assert_refused(response, persona, sees=("bupati", "admin"))
    client = login(world.users.kadis)
    response = send(client, "put", f"/api/iki/{iki.pk}/manual/", MANUAL)
    assert response.status_code == 200, response.content
    assert response.json()["manual"]["tingkat_kendali"] == "outcome"
    response = send(client, "put", f"/api/iki/{iki.pk}/manual/", {**MANUAL, "formula": ""})
    assert response.status_code == 400 and "formula" in response.json()
    response = send(client, "put", f"/api/iki/{iki.pk}/manual/", {**MANUAL, "periode_pelaporan": "entah"})
    assert response.status_code == 400 and "periode_pelaporan" in response.json()
    response = send(client, "put", f"/api/iki/{iki.pk}/manual/", {"tujuan": "x"})
    assert response.status_code == 400 and "definisi" in response.json()
    # Not a JPT's SKP: the reason.
    response = send(login(world.users.pegawai), "put", f"/api/iki/{iki_biasa.pk}/manual/", MANUAL)
    assert response.status_code == 400 and "A.1.3" in response.json()["non_field_errors"][0]


# Timeline and rencana aksi ------------------------------------------------------------------------------
KEGIATAN = {
    "kegiatan": "Rapat",
    "durasi": 2,
    "bulan": [3, 4],
    "tipe_aktivitas": "Rapat",
    "pola_penugasan": "Mandiri",
}


def test_the_timeline_from_kegiatan_to_approval(login, world, lain):  # noqa: F811
    skp = in_state(world, "ditetapkan")
    url = f"/api/skp/{skp.pk}/timeline/"
    for persona in (*MELIHAT, *TIDAK_MELIHAT):
        _assert_refused(send(as_(login, world, persona), "post", url + "kegiatan/", KEGIATAN), persona)
    pegawai = login(world.users.pegawai)
    response = send(pegawai, "post", url + "kegiatan/", KEGIATAN)
    assert response.status_code == 201, response.content
    kegiatan = response.json()["id"]
    response = send(pegawai, "patch", f"/api/kegiatan-timeline/{kegiatan}/", {"kegiatan": "Rapat koordinasi"})
    assert response.status_code == 200 and response.json()["kegiatan"] == "Rapat koordinasi"
    assert response.json()["bulan"] == [3, 4]
    for persona in (*MELIHAT, *TIDAK_MELIHAT):
        client = as_(login, world, persona)
        _assert_refused(send(client, "patch", f"/api/kegiatan-timeline/{kegiatan}/", {"durasi": 3}), persona)
        _assert_refused(client.delete(f"/api/kegiatan-timeline/{kegiatan}/"), persona)
        _assert_refused(send(client, "post", url + "ajukan/"), persona)

    # The Penilai has nothing to approve yet; then the Pegawai submits.
    assert send(login(world.users.penilai), "post", url + "setujui/").status_code == 400
    response = send(login(world.users.pegawai), "post", url + "ajukan/")
    assert response.status_code == 200 and response.json()["timeline"]["status"] == StatusTimeline.DIAJUKAN
    for persona in ("pegawai", "atasan", "admin", *TIDAK_MELIHAT):
        client = as_(login, world, persona)
        _assert_refused(send(client, "post", url + "setujui/"), persona, sees=("pegawai", "atasan", "admin"))
        _assert_refused(
            send(client, "post", url + "kembalikan/", {"catatan": "x"}),
            persona,
            sees=("pegawai", "atasan", "admin"),
        )
    penilai = login(world.users.penilai)
    response = send(penilai, "post", url + "kembalikan/", {"catatan": " "})
    assert response.status_code == 400 and "catatan" in response.json()
    response = send(penilai, "post", url + "kembalikan/", {"catatan": "Bulan pelaksanaan terlalu sempit"})
    assert (
        response.status_code == 200 and response.json()["timeline"]["status"] == StatusTimeline.DIKEMBALIKAN
    )
    assert send(login(world.users.pegawai), "post", url + "ajukan/").status_code == 200
    response = send(login(world.users.penilai), "post", url + "setujui/")
    assert response.status_code == 200 and response.json()["timeline"]["status"] == StatusTimeline.DISETUJUI
    # An approved timeline is not changed any more.
    response = login(world.users.pegawai).delete(f"/api/kegiatan-timeline/{kegiatan}/")
    assert response.status_code == 400 and response.json()["non_field_errors"]


@pytest.mark.parametrize(
    "change,field",
    [
        ({"kegiatan": " "}, "kegiatan"),
        ({"durasi": 0}, "durasi"),
        ({"durasi": "dua"}, "durasi"),
        ({"durasi": 10**9}, "durasi"),
        ({"bulan": []}, "bulan"),
        ({"bulan": [13]}, "bulan"),
        ({"bulan": ["x"]}, "bulan"),
        ({"satuan_durasi": "abad"}, "satuan_durasi"),
        ({"rhk": 10**9}, "rhk"),
        ({"tipe_aktivitas": ""}, "tipe_aktivitas"),
    ],
)
def test_kegiatan_bad_input(login, world, change, field):
    skp = in_state(world, "ditetapkan")
    response = send(
        login(world.users.pegawai), "post", f"/api/skp/{skp.pk}/timeline/kegiatan/", {**KEGIATAN, **change}
    )
    assert response.status_code == 400, response.content
    assert field in response.json()
    with scopes_disabled():
        assert not KegiatanTimeline.objects.filter(timeline__skp=skp).exists()


def test_a_kegiatan_names_an_rhk_of_this_skp_only(login, world):
    skp = in_state(world, "ditetapkan")
    with tenant_context(world.sumedang.pk):
        (lain_rhk,) = isi(draft(world, "penilai"), world.users.penilai)
        with scopes_disabled():
            milik = Rhk.objects.get(skp=skp)
    client = login(world.users.pegawai)
    url = f"/api/skp/{skp.pk}/timeline/kegiatan/"
    response = send(client, "post", url, {**KEGIATAN, "rhk": lain_rhk.pk})
    assert response.status_code == 400 and "rhk" in response.json()
    response = send(client, "post", url, {**KEGIATAN, "rhk": milik.pk})
    assert response.status_code == 201 and response.json()["rhk"] == milik.pk
    with scopes_disabled():
        assert Timeline.objects.filter(skp=skp).count() == 1


@pytest.mark.parametrize("persona", ["pegawai", *MELIHAT, *TIDAK_MELIHAT])
def test_rencana_aksi_is_the_owners(login, world, lain, persona):  # noqa: F811
    skp = in_state(world, "ditetapkan")
    with scopes_disabled():
        rhk = Rhk.objects.get(skp=skp)
    with tenant_context(world.sumedang.pk):
        aksi = services.rencana_aksi_tambah(rhk=rhk, teks="Analisis kebutuhan", by=world.users.pegawai)
    client = as_(login, world, persona)
    tambah = send(client, "post", f"/api/rhk/{rhk.pk}/rencana-aksi/", {"teks": "Uji coba"})
    ubah = send(client, "patch", f"/api/rencana-aksi/{aksi.pk}/", {"teks": "Analisis"})
    if persona != "pegawai":
        _assert_refused(tambah, persona)
        _assert_refused(ubah, persona)
        _assert_refused(client.delete(f"/api/rencana-aksi/{aksi.pk}/"), persona)
        assert fresh(aksi).teks == "Analisis kebutuhan"
        return
    assert tambah.status_code == 201 and tambah.json()["teks"] == "Uji coba"
    assert ubah.status_code == 200 and ubah.json()["teks"] == "Analisis"
    assert send(client, "patch", f"/api/rencana-aksi/{aksi.pk}/", {"teks": " "}).status_code == 400
    assert "teks" in send(client, "post", f"/api/rhk/{rhk.pk}/rencana-aksi/", {}).json()
    assert client.get(f"/api/rencana-aksi/{aksi.pk}/").json()["teks"] == "Analisis"
    assert client.delete(f"/api/rencana-aksi/{aksi.pk}/").status_code == 204
    with scopes_disabled():
        assert list(RencanaAksi.objects.filter(rhk=rhk).values_list("teks", flat=True)) == ["Uji coba"]


# Notices ------------------------------------------------------------------------------------------------
def test_notices_are_the_recipients_own(login, world):
    with scopes_disabled():
        satu, dua = (
            Pemberitahuan.objects.create(
                pemda=world.sumedang,
                penerima=world.pegawai,
                jenis=JenisPemberitahuan.RHK_PIMPINAN_BERUBAH,
                pesan=p,
            )
            for p in ("Satu", "Dua")
        )
    client = login(world.users.pegawai)
    assert {n["id"] for n in client.get("/api/pemberitahuan/").json()["results"]} == {satu.pk, dua.pk}
    for persona in ("rekan", "penilai", "admin", "outsider"):
        other = as_(login, world, persona)
        assert other.get("/api/pemberitahuan/").json()["results"] == []
        assert send(other, "post", "/api/pemberitahuan/baca/", {"id": [satu.pk]}).json() == {"dibaca": 0}
    bupati = login(world.users.bupati)  # not a Pegawai: no notices to mark
    assert send(bupati, "post", "/api/pemberitahuan/baca/").status_code == 403
    client = login(world.users.pegawai)
    assert send(client, "post", "/api/pemberitahuan/baca/", {"id": ["x"]}).status_code == 400
    assert send(client, "post", "/api/pemberitahuan/baca/", {"id": [satu.pk]}).json() == {"dibaca": 1}
    assert [n["id"] for n in client.get("/api/pemberitahuan/?belum_dibaca=1").json()["results"]] == [dua.pk]
    assert send(client, "post", "/api/pemberitahuan/baca/").json() == {"dibaca": 1}
    assert fresh(dua).dibaca_pada is not None


# Mutation -----------------------------------------------------------------------------------------------
def test_a_mutation_starts_a_new_skp(login, world, hari):
    skp = in_state(world, "ditetapkan")
    url = f"/api/skp/{skp.pk}/mutasi/"
    response = send(login(world.users.pegawai), "post", url)
    assert response.status_code == 400 and "tidak berubah" in response.json()["non_field_errors"][0]
    with tenant_context(world.sumedang.pk):
        staf = JabatanFactory(unit=world.bidang, nama="Analis Sistem", jenis=JenisJabatan.FUNGSIONAL)
        org.pegawai_mutasi(pegawai=world.pegawai, jabatan=staf, mulai=D(2026, 4, 1), by=world.users.admin)
    hari(D(2026, 4, 6))
    for persona in ("penilai", "rekan", "outsider"):
        _assert_refused(send(as_(login, world, persona), "post", url), persona, sees=("penilai",))
    assert send(login(world.users.pegawai), "post", url, {"salin_isi_lama": "mungkin"}).status_code == 400
    response = send(login(world.users.pegawai), "post", url, {"salin_isi_lama": True})
    assert response.status_code == 201, response.content
    baru = response.json()
    assert baru["asal_mutasi"] == skp.pk and baru["status"] == StatusSkp.DRAFT
    assert baru["periode_mulai"] == "2026-04-01" and len(baru["rhk"]) == 1
