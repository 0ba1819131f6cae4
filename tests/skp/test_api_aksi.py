"""The SKP write API (skp/api.py): each endpoint calls one service, and the service's answer becomes the HTTP
answer: done (200/201), refused by a rule (400 with the reason per field), not hers to do (403 with the
reason), not hers to see or another Pemda's (404). A full workflow with a token, as a client program would.

`lain` is the head of another seksi: a Penilai, but not this Pegawai's.
"""

import pytest
from django_scopes import scopes_disabled

from kinerja.models import JenisJabatan, User
from kinerja.scoping import tenant_context
from skp import services
from skp.models import CatatanSkp, Skp, StatusSkp

from ..factories import JabatanFactory, UnitKerjaFactory, pegawai_with_account
from ..test_api import obtain_token
from .bantu import PASSWORD, D, ajukan, draft, fresh, isi, sampai_ditetapkan, setujui

pytestmark = pytest.mark.django_db


@pytest.fixture
def lain(world):
    seksi = UnitKerjaFactory(pemda=world.sumedang, parent=world.bidang, jenis="seksi", nama="Seksi Lain")
    kepala = pegawai_with_account(
        jabatan=JabatanFactory(unit=seksi, jenis=JenisJabatan.PENGAWAS, memimpin_unit=True),
        nama="Kepala Lain",
    )
    with scopes_disabled():
        world.users.lain = User.objects.get(pegawai=kepala)
    return world.users.lain


def post(client, url, data=None):
    return client.post(url, data or {}, content_type="application/json")


def in_state(world, state):
    """The Pegawai's SKP in `state`, built with the services as requests would."""
    with tenant_context(world.sumedang.pk):
        skp = draft(world)
        if state == "draft":
            isi(skp, world.users.pegawai)
        elif state == "diajukan":
            skp = ajukan(world, skp)
        elif state == "disetujui":
            skp = setujui(world, skp)
        elif state == "ditandatangani":
            skp = setujui(world, skp)
            skp = services.skp_tanda_tangan_pegawai(skp=skp, by=world.users.pegawai, password=PASSWORD)
        elif state == "ditetapkan":
            skp = sampai_ditetapkan(world, skp)
    return skp


# action, the state it starts from, its body, the status it leads to
ACTIONS = {
    "ajukan": ("draft", {}, StatusSkp.DIAJUKAN),
    "kembalikan": ("diajukan", {"catatan": "Perjelas targetnya"}, StatusSkp.DIKEMBALIKAN),
    "setujui": ("diajukan", {}, StatusSkp.DISETUJUI),
    "tanda-tangan": ("disetujui", {"password": PASSWORD}, StatusSkp.DITANDATANGANI_PEGAWAI),
    "tetapkan": ("ditandatangani", {"password": PASSWORD}, StatusSkp.DITETAPKAN),
    "revisi": ("ditetapkan", {"alasan": "Target berubah"}, None),
}

# Who gets what, before the deadline: 200/201 done, 403 sees it but may not, 404 may not even see it.
EXPECTED = {
    "ajukan": {"pegawai": 200, "penilai": 403, "atasan": 403, "admin": 403, "bupati": 403},
    "kembalikan": {"pegawai": 403, "penilai": 200, "atasan": 403, "admin": 403, "bupati": 403},
    "setujui": {"pegawai": 403, "penilai": 200, "atasan": 403, "admin": 403, "bupati": 403},
    "tanda-tangan": {"pegawai": 200, "penilai": 403, "atasan": 403, "admin": 403, "bupati": 403},
    "tetapkan": {"pegawai": 403, "penilai": 200, "atasan": 403, "admin": 403, "bupati": 403},
    "revisi": {"pegawai": 201, "penilai": 201, "atasan": 403, "admin": 403, "bupati": 403},
}
for _expected in EXPECTED.values():
    _expected.update({"rekan": 404, "kadis": 404, "lain": 404, "outsider": 404, "outsider_admin": 404})

CASES = [(action, persona) for action, by_persona in EXPECTED.items() for persona in by_persona]


@pytest.mark.parametrize("action,persona", CASES)
def test_each_action_for_the_right_persona_only(login, world, lain, action, persona):
    state, body, after = ACTIONS[action]
    skp = in_state(world, state)
    before = fresh(skp).status
    response = post(login(getattr(world.users, persona)), f"/api/skp/{skp.pk}/{action}/", body)
    expected = EXPECTED[action][persona]
    assert response.status_code == expected, response.content
    if expected == 403:
        assert response.json()["detail"]  # the reason
    if expected >= 400:
        assert fresh(skp).status == before
        return
    result = response.json()
    if action == "revisi":
        assert result["versi"] == 2 and result["status"] == "draft" and result["sebelumnya"] == skp.pk
    else:
        assert result["id"] == skp.pk and result["status"] == after == fresh(skp).status


@pytest.mark.parametrize("action", ["kembalikan", "setujui"])
def test_after_the_deadline_the_atasan_penilai_may_act(login, world, hari, action):
    skp = in_state(world, "diajukan")
    client = login(world.users.atasan)
    assert post(client, f"/api/skp/{skp.pk}/{action}/", ACTIONS[action][1]).status_code == 403
    hari(D(2026, 2, 2))
    response = post(client, f"/api/skp/{skp.pk}/{action}/", ACTIONS[action][1])
    assert response.status_code == 200, response.content
    assert response.json()["status"] == ACTIONS[action][2]


def test_the_bupati_approves_and_sets_the_skp_of_a_jpt(login, world):
    with tenant_context(world.sumedang.pk):
        skp = ajukan(world, draft(world, "kadis"), "kadis", jpt=True)
    for persona in ("penilai", "atasan", "admin"):
        assert post(login(getattr(world.users, persona)), f"/api/skp/{skp.pk}/setujui/").status_code in (
            403,
            404,
        )
    assert post(login(world.users.bupati), f"/api/skp/{skp.pk}/setujui/").status_code == 200
    assert (
        post(login(world.users.kadis), f"/api/skp/{skp.pk}/tanda-tangan/", {"password": PASSWORD}).status_code
        == 200
    )
    response = post(login(world.users.bupati), f"/api/skp/{skp.pk}/tetapkan/", {"password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["ditetapkan_sebagai"] == "kepala_daerah"


# The whole path with a token ---------------------------------------------------------------------------
def test_a_full_workflow_with_tokens(client, world):
    def as_(user):
        token = obtain_token(client, user.username).json()["token"]
        return {"HTTP_AUTHORIZATION": f"Token {token}"}

    pegawai, penilai = as_(world.users.pegawai), as_(world.users.penilai)

    def call(headers, method, url, data=None):
        return getattr(client, method)(url, data or {}, content_type="application/json", **headers)

    # Someone else's id in the body is ignored: the SKP is always the caller's own.
    response = call(
        pegawai, "post", "/api/skp/", {"tahun": 2026, "pendekatan": "kuantitatif", "pegawai": world.rekan.pk}
    )
    assert response.status_code == 201, response.content
    skp = response.json()
    assert skp["pegawai"]["id"] == world.pegawai.pk and skp["status"] == "draft"

    response = call(pegawai, "post", f"/api/skp/{skp['id']}/ajukan/")
    assert response.status_code == 400
    assert any("rencana hasil kerja utama" in m for m in response.json()["non_field_errors"])

    rhk = call(
        pegawai, "post", f"/api/skp/{skp['id']}/rhk/", {"jenis": "utama", "teks": "Aplikasi terbangun"}
    )
    assert rhk.status_code == 201, rhk.content
    rhk = rhk.json()
    iki = call(
        pegawai,
        "post",
        f"/api/rhk/{rhk['id']}/iki/",
        {"teks": "Modul berjalan", "aspek": "kuantitas", "target_angka": "3", "target_satuan": "modul"},
    )
    assert iki.status_code == 201, iki.content
    assert iki.json()["target_tampil"] == "3 modul"
    assert call(pegawai, "post", f"/api/skp/{skp['id']}/ajukan/").json()["status"] == "diajukan"

    response = call(
        penilai,
        "post",
        f"/api/skp/{skp['id']}/kembalikan/",
        {"catatan": "Targetnya terlalu rendah", "catatan_rhk": {str(rhk["id"]): "Sebut modulnya"}},
    )
    assert response.status_code == 200 and response.json()["status"] == "dikembalikan"
    assert [(c["rhk"], c["teks"]) for c in response.json()["catatan"]] == [
        (None, "Targetnya terlalu rendah"),
        (rhk["id"], "Sebut modulnya"),
    ]

    iki_id = iki.json()["id"]
    assert call(pegawai, "patch", f"/api/iki/{iki_id}/", {"target_angka": 5}).json()["target_angka"] == "5.00"
    assert (
        call(pegawai, "patch", f"/api/rhk/{rhk['id']}/", {"teks": "Aplikasi layanan terbangun"}).status_code
        == 200
    )
    assert call(pegawai, "post", f"/api/skp/{skp['id']}/ajukan/").json()["status"] == "diajukan"
    assert [t["id"] for t in call(penilai, "get", "/api/skp/inbox/").json()["results"]] == [skp["id"]]
    assert call(penilai, "post", f"/api/skp/{skp['id']}/setujui/").json()["status"] == "disetujui"
    signed = call(pegawai, "post", f"/api/skp/{skp['id']}/tanda-tangan/", {"password": PASSWORD})
    assert signed.json()["status"] == "ditandatangani_pegawai"
    wrong = call(penilai, "post", f"/api/skp/{skp['id']}/tetapkan/", {"password": "salah"})
    assert wrong.status_code == 400 and "password" in wrong.json()
    final = call(penilai, "post", f"/api/skp/{skp['id']}/tetapkan/", {"password": PASSWORD}).json()
    assert final["status"] == "ditetapkan" and final["ditetapkan_sebagai"] == "penilai"
    assert sorted((d["format_kode"], d["status"]) for d in final["dokumen"]) == [
        ("A.1.7", "ditandatangani"),
        ("A.1.8", "ditandatangani"),
    ]
    assert final["rhk"][0]["teks"] == "Aplikasi layanan terbangun"
    assert final["rhk"][0]["iki"][0]["target_tampil"] == "5 modul"


# Drafting ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body,field",
    [
        ({"tahun": "abc", "pendekatan": "kuantitatif"}, "tahun"),
        ({"tahun": 2026, "pendekatan": "entah"}, "pendekatan"),
        ({"pendekatan": "kuantitatif"}, "tahun"),
        ({"tahun": 2031, "pendekatan": "kuantitatif"}, "tahun"),  # the service's rule: this year or next
    ],
)
def test_a_bad_draft_request_is_a_400_naming_the_field(login, world, body, field):
    response = post(login(world.users.pegawai), "/api/skp/", body)
    assert response.status_code == 400
    assert field in response.json()


def test_a_second_draft_for_the_same_year_is_refused_with_the_reason(login, world):
    client = login(world.users.pegawai)
    assert post(client, "/api/skp/", {"tahun": 2026, "pendekatan": "kuantitatif"}).status_code == 201
    response = post(client, "/api/skp/", {"tahun": 2026, "pendekatan": "kuantitatif"})
    assert response.status_code == 400
    assert "Sudah ada SKP 2026" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize("persona", ["bupati", "outsider"])
def test_who_cannot_draft_here(login, world, persona):
    response = post(
        login(getattr(world.users, persona)), "/api/skp/", {"tahun": 2026, "pendekatan": "kuantitatif"}
    )
    if persona == "bupati":  # not a Pegawai
        assert response.status_code == 403 and response.json()["detail"]
    else:  # her own Pemda's SKP: never one for a Sumedang Pegawai
        assert response.status_code in (201, 400)
        with scopes_disabled():
            assert not Skp.objects.filter(pegawai=world.pegawai).exists()


# RHK and IKI -------------------------------------------------------------------------------------------
def test_the_owner_edits_rhk_and_iki_others_are_refused_or_do_not_see_them(login, world, lain):
    skp = in_state(world, "draft")
    with scopes_disabled():
        rhk = skp.rhk.get()
        iki = rhk.iki.get()
    for persona, status in (
        ("penilai", 403),
        ("admin", 403),
        ("rekan", 404),
        ("lain", 404),
        ("outsider", 404),
    ):
        client = login(getattr(world.users, persona))
        assert post(client, f"/api/skp/{skp.pk}/rhk/", {"jenis": "utama", "teks": "x"}).status_code == status
        assert (
            client.patch(f"/api/rhk/{rhk.pk}/", {"teks": "x"}, content_type="application/json").status_code
            == status
        )
        assert client.delete(f"/api/iki/{iki.pk}/").status_code == status
        assert post(client, f"/api/rhk/{rhk.pk}/iki/", {"teks": "x"}).status_code == status
    assert fresh(rhk).teks == "Aplikasi layanan 1 terbangun"

    client = login(world.users.pegawai)
    response = client.patch(f"/api/rhk/{rhk.pk}/", {"jenis": "tambahan"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["jenis"] == "tambahan"
    assert response.json()["teks"] == "Aplikasi layanan 1 terbangun"  # PATCH leaves the rest
    assert client.delete(f"/api/iki/{iki.pk}/").status_code == 204
    assert client.delete(f"/api/rhk/{rhk.pk}/").status_code == 204
    assert client.get(f"/api/rhk/{rhk.pk}/").status_code == 404


def test_a_set_skp_cannot_be_edited_and_says_why(login, world):
    skp = in_state(world, "ditetapkan")
    with scopes_disabled():
        rhk = skp.rhk.get()
    response = login(world.users.pegawai).patch(
        f"/api/rhk/{rhk.pk}/", {"teks": "baru"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "tidak dapat diubah" in response.json()["non_field_errors"][0]


@pytest.mark.parametrize(
    "body,field",
    [
        ({"jenis": "entah", "teks": "x"}, "jenis"),
        ({"jenis": "utama", "teks": "  "}, "teks"),  # the service's rule: a text is required
        ({"jenis": "utama", "teks": "x", "intervensi": "abc"}, "intervensi"),
        ({"jenis": "utama", "teks": "x", "intervensi": 10**9}, "intervensi"),
    ],
)
def test_a_bad_rhk_is_a_400_naming_the_field(login, world, body, field):
    with tenant_context(world.sumedang.pk):
        skp = draft(world)
    response = post(login(world.users.pegawai), f"/api/skp/{skp.pk}/rhk/", body)
    assert response.status_code == 400
    assert field in response.json()


def test_an_rhk_intervenes_her_leaders_rhk_but_not_one_she_cannot_see(login, world, lain):
    with tenant_context(world.sumedang.pk):
        pimpinan = isi(draft(world, "penilai"), world.users.penilai)[0]
        jauh = isi(
            services.skp_buat(pegawai=lain.pegawai, tahun=2026, pendekatan="kuantitatif", by=lain), lain
        )[0]
        skp = draft(world)
    client = login(world.users.pegawai)
    response = post(
        client,
        f"/api/skp/{skp.pk}/rhk/",
        {"jenis": "utama", "teks": "Bagian saya", "intervensi": pimpinan.pk},
    )
    assert response.status_code == 201, response.content
    assert response.json()["intervensi"]["id"] == pimpinan.pk
    assert response.json()["intervensi_teks"] == pimpinan.teks
    response = post(client, f"/api/skp/{skp.pk}/rhk/", {"jenis": "utama", "teks": "x", "intervensi": jauh.pk})
    assert response.status_code == 400 and "intervensi" in response.json()


@pytest.mark.parametrize(
    "body,field",
    [
        ({"teks": "Modul", "target_angka": "banyak"}, "target_angka"),
        ({"teks": "Modul", "aspek": "entah"}, "aspek"),
        ({"teks": ""}, "teks"),
        ({"teks": "Modul", "target_angka": "1e20"}, "target_angka"),
    ],
)
def test_a_bad_iki_is_a_400_naming_the_field(login, world, body, field):
    with tenant_context(world.sumedang.pk):
        skp = draft(world)
        rhk = services.rhk_tambah(skp=skp, jenis="utama", teks="Aplikasi", by=world.users.pegawai)
    response = post(login(world.users.pegawai), f"/api/rhk/{rhk.pk}/iki/", body)
    assert response.status_code == 400, response.content
    assert field in response.json()


# Actions: bad input ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body,field",
    [
        ({}, "catatan"),
        ({"catatan": "  "}, "catatan"),
        ({"catatan_rhk": {"abc": "x"}}, "catatan_rhk"),
        ({"catatan_rhk": {"999999999": "x"}}, "catatan_rhk"),  # not an RHK of this SKP
        ({"catatan_rhk": "teks"}, "catatan_rhk"),
    ],
)
def test_returning_needs_a_comment_on_this_skp(login, world, body, field):
    skp = in_state(world, "diajukan")
    response = post(login(world.users.penilai), f"/api/skp/{skp.pk}/kembalikan/", body)
    assert response.status_code == 400
    assert field in response.json()
    with scopes_disabled():
        assert not CatatanSkp.objects.filter(skp=skp).exists()


def test_a_revision_needs_a_reason(login, world):
    skp = in_state(world, "ditetapkan")
    response = post(login(world.users.pegawai), f"/api/skp/{skp.pk}/revisi/", {"alasan": " "})
    assert response.status_code == 400 and "alasan" in response.json()
    assert post(login(world.users.pegawai), f"/api/skp/{skp.pk}/revisi/", {}).status_code == 400


def test_an_action_in_the_wrong_state_says_why(login, world):
    skp = in_state(world, "draft")
    response = post(login(world.users.penilai), f"/api/skp/{skp.pk}/setujui/")
    assert response.status_code == 400
    assert "tidak dapat disetujui" in response.json()["non_field_errors"][0]


def test_get_on_an_action_is_405_for_a_visible_skp_and_404_otherwise(login, world):
    skp = in_state(world, "draft")
    assert login(world.users.pegawai).get(f"/api/skp/{skp.pk}/ajukan/").status_code == 405
    assert login(world.users.rekan).get(f"/api/skp/{skp.pk}/ajukan/").status_code == 404
    assert login(world.users.outsider).get(f"/api/skp/{skp.pk}/ajukan/").status_code == 404


def test_anonymous_cannot_act(client, world):
    skp = in_state(world, "draft")
    assert post(client, f"/api/skp/{skp.pk}/ajukan/").status_code in (401, 403)
    assert post(client, "/api/skp/", {"tahun": 2026, "pendekatan": "kuantitatif"}).status_code in (401, 403)
    assert fresh(skp).status == StatusSkp.DRAFT
