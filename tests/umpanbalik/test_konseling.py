"""Konseling kinerja: who schedules it, who writes the rekaman, and above all who reads it (Sumedang lampiran
Pembinaan angka 5 huruf b: "prinsip kerahasiaan"; huruf c 2) (d): to whom the record is reported).

Readers: the Pegawai, the counsellor, and by jenis: the Penilai's Atasan (the Penilai counsels), the Penilai
and her Atasan (a counselling official), the BKPSDM admin who set it (an independent counsellor). Nobody
else: not another BKPSDM admin of the same Pemda, not the Kepala Dinas, not a peer, not the Penilai unless
granted, not another Pemda; on the page, in the API list and in the API detail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.scoping import tenant_context
from tests.factories import LaporanPerilakuFactory, SkpFactory, UserFactory
from umpanbalik.models import AksesKonseling, Konseling
from umpanbalik.selectors.pembinaan import konseling_visible_to
from umpanbalik.services import pembinaan as svc

from .rute_pembinaan import skp_ditetapkan

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def skp(sumedang):
    return skp_ditetapkan(sumedang)


@pytest.fixture
def orang(world):
    """Accounts besides the personas: an independent counsellor, a counselling official, a second admin."""
    return {
        "konselor": UserFactory(username="konselor.independen", pemda=world.sumedang, first_name="Konselor"),
        "pejabat": UserFactory(username="pejabat.konseling", pemda=world.sumedang, first_name="Pejabat"),
        "admin2": UserFactory(username="admin.kedua", pemda=world.sumedang, is_admin_bkpsdm=True),
    }


def user_dari(world, orang, siapa):
    return orang[siapa] if siapa in orang else getattr(world.users, siapa)


def jadwalkan(world, skp, *, by, konselor, jenis, **kwargs):
    return svc.konseling_buat(
        skp=skp, by=by, konselor=konselor, jenis_konselor=jenis, tanggal=D(2026, 3, 20), **kwargs
    )


def pembaca(k):
    with scopes_disabled():
        return {(a.user.username, a.alasan) for a in AksesKonseling.objects.filter(content_object=k)}


# ---- scheduling and grants ----------------------------------------------------------------------------


def test_bkpsdm_sets_an_independent_counsellor_and_reads_it_herself(world, skp, orang):
    lap = LaporanPerilakuFactory(pemda=world.sumedang, skp=skp, pelapor=world.users.penilai)
    k = jadwalkan(
        world,
        skp,
        by=world.users.admin,
        konselor=orang["konselor"],
        jenis="independen",
        laporan=lap,
        tempat=" BKPSDM ",
    )
    assert k.laporan == lap and k.tempat == "BKPSDM" and k.dibuat_oleh == world.users.admin
    assert {u for u, _ in pembaca(k)} == {orang["konselor"].username, world.users.admin.username}
    with scopes_disabled():
        akses = AksesKonseling.objects.filter(content_object=k)
        assert all(a.permission.codename == "baca_konseling" for a in akses)
        assert all(a.pemda_id == world.sumedang.pk for a in akses)


def test_the_penilai_counselling_herself_reports_to_her_atasan(world, skp):
    k = jadwalkan(world, skp, by=world.users.penilai, konselor=world.users.penilai, jenis="penilai")
    assert pembaca(k) == {
        (world.users.penilai.username, "Konselor"),
        (world.users.atasan.username, "Atasan dari Pejabat Penilai Kinerja"),
    }


def test_a_counselling_official_reports_to_the_penilai_and_her_atasan_not_to_the_admin(world, skp, orang):
    k = jadwalkan(world, skp, by=world.users.admin, konselor=orang["pejabat"], jenis="pejabat_konseling")
    assert {u for u, _ in pembaca(k)} == {
        orang["pejabat"].username,
        world.users.penilai.username,
        world.users.atasan.username,
    }


def test_bkpsdm_may_set_the_penilai_as_counsellor(world, skp):
    k = jadwalkan(world, skp, by=world.users.admin, konselor=world.users.penilai, jenis="penilai")
    assert {u for u, _ in pembaca(k)} == {world.users.penilai.username, world.users.atasan.username}


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "kadis", "bupati"])
def test_only_bkpsdm_or_the_penilai_schedule_konseling(world, skp, siapa):
    user = getattr(world.users, siapa)
    with pytest.raises(PermissionDenied):
        jadwalkan(world, skp, by=user, konselor=user, jenis="penilai")
    assert not Konseling.objects.exists()


@pytest.mark.parametrize(
    "jenis, konselor", [("penilai", "admin"), ("independen", "penilai"), ("pejabat_konseling", "atasan")]
)
def test_the_penilai_records_only_the_konseling_she_gives_herself(world, skp, jenis, konselor):
    with pytest.raises(PermissionDenied):
        jadwalkan(world, skp, by=world.users.penilai, konselor=getattr(world.users, konselor), jenis=jenis)


def test_a_penilai_counsellor_must_be_the_penilai_of_this_pegawai(world, skp):
    with pytest.raises(ValidationError, match="harus Pejabat Penilai Kinerja Pegawai ini"):
        jadwalkan(world, skp, by=world.users.admin, konselor=world.users.rekan, jenis="penilai")


def test_the_pegawai_cannot_counsel_herself(world, skp):
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        jadwalkan(world, skp, by=world.users.admin, konselor=world.users.pegawai, jenis="independen")


def test_a_counsellor_of_another_pemda_is_refused(world, skp):
    with pytest.raises(ValidationError, match="Konselor tidak ditemukan"):
        jadwalkan(world, skp, by=world.users.admin, konselor=world.users.outsider, jenis="independen")


def test_a_report_of_another_skp_is_refused(world, skp, orang):
    lain = LaporanPerilakuFactory(
        pemda=world.sumedang, skp=SkpFactory(pemda=world.sumedang, pegawai=world.rekan)
    )
    with pytest.raises(ValidationError, match="laporan atas SKP ini"):
        jadwalkan(
            world, skp, by=world.users.admin, konselor=orang["konselor"], jenis="independen", laporan=lain
        )


@pytest.mark.parametrize(
    "jenis, tanggal, pesan",
    [("psikolog", D(2026, 3, 20), "Jenis konselor"), ("independen", D(2025, 12, 1), "periode SKP")],
)
def test_bad_konseling_input_is_refused(world, skp, orang, jenis, tanggal, pesan):
    with pytest.raises(ValidationError, match=pesan):
        svc.konseling_buat(
            skp=skp, by=world.users.admin, konselor=orang["konselor"], jenis_konselor=jenis, tanggal=tanggal
        )


def test_konseling_needs_a_set_skp(world, sumedang, orang):
    draft = SkpFactory(pemda=world.sumedang, pegawai=world.pegawai)
    with pytest.raises(ValidationError, match="ditetapkan"):
        jadwalkan(world, draft, by=world.users.admin, konselor=orang["konselor"], jenis="independen")


# ---- the rekaman ---------------------------------------------------------------------------------------


def test_the_counsellor_writes_and_corrects_the_rekaman(world, skp, orang):
    k = jadwalkan(world, skp, by=world.users.admin, konselor=orang["konselor"], jenis="independen")
    k = svc.konseling_isi(
        konseling=k, by=orang["konselor"], rekaman="  Beban kerja tinggi ", tindak_lanjut="Cuti"
    )
    assert (k.rekaman, k.tindak_lanjut) == ("Beban kerja tinggi", "Cuti")
    k = svc.konseling_isi(konseling=k, by=orang["konselor"], rekaman="Diperbaiki", tindak_lanjut="")
    assert k.rekaman == "Diperbaiki"


@pytest.mark.parametrize("siapa", ["pegawai", "admin", "penilai", "atasan", "admin2"])
def test_only_the_counsellor_writes_the_rekaman(world, skp, orang, siapa):
    k = jadwalkan(world, skp, by=world.users.admin, konselor=orang["konselor"], jenis="independen")
    with pytest.raises(PermissionDenied):
        svc.konseling_isi(konseling=k, by=user_dari(world, orang, siapa), rekaman="x", tindak_lanjut="")
    assert Konseling.objects.get(pk=k.pk).rekaman == ""


def test_an_empty_rekaman_is_refused(world, skp, orang):
    k = jadwalkan(world, skp, by=world.users.admin, konselor=orang["konselor"], jenis="independen")
    with pytest.raises(ValidationError, match="Rekaman hasil konseling wajib"):
        svc.konseling_isi(konseling=k, by=orang["konselor"], rekaman="  ", tindak_lanjut="")


# ---- confidentiality ------------------------------------------------------------------------------------

SEMUA = (
    "pegawai",
    "konselor",
    "pejabat",
    "penilai",
    "atasan",
    "admin",
    "admin2",
    "kadis",
    "rekan",
    "bupati",
    "outsider",
    "outsider_admin",
)
PEMBACA = {
    "independen": {"pegawai", "konselor", "admin"},
    "penilai": {"pegawai", "penilai", "atasan"},
    "pejabat_konseling": {"pegawai", "pejabat", "penilai", "atasan"},
}
KASUS = [(jenis, siapa, siapa in PEMBACA[jenis]) for jenis in PEMBACA for siapa in SEMUA]


@pytest.fixture
def konseling_per_jenis(world, skp, orang):
    with tenant_context(world.sumedang.pk):
        return {
            "independen": jadwalkan(
                world, skp, by=world.users.admin, konselor=orang["konselor"], jenis="independen"
            ),
            "penilai": jadwalkan(
                world, skp, by=world.users.penilai, konselor=world.users.penilai, jenis="penilai"
            ),
            "pejabat_konseling": jadwalkan(
                world, skp, by=world.users.admin, konselor=orang["pejabat"], jenis="pejabat_konseling"
            ),
        }


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "jenis, siapa, boleh", KASUS, ids=[f"{j}-{s}-{'baca' if b else 'tidak'}" for j, s, b in KASUS]
)
def test_a_konseling_is_read_only_by_the_pegawai_and_those_it_is_reported_to(
    login, world, orang, konseling_per_jenis, jenis, siapa, boleh
):
    k = konseling_per_jenis[jenis]
    client = login(user_dari(world, orang, siapa))
    halaman = client.get(reverse("konseling_detail", kwargs={"pk": k.pk}))
    detail = client.get(reverse("api:konseling-detail", kwargs={"pk": k.pk}))
    daftar = client.get(reverse("api:konseling-list"))
    assert daftar.status_code == 200
    if boleh:
        assert halaman.status_code == 200 and "Rekaman informasi hasil konseling" in halaman.content.decode()
        assert detail.status_code == 200 and detail.json()["id"] == k.pk
        assert k.pk in _ids(daftar)
    else:
        assert halaman.status_code == 404
        assert detail.status_code == 404
        assert k.pk not in _ids(daftar)


def test_the_pembinaan_page_lists_only_the_konseling_she_may_read(login, world, konseling_per_jenis):
    halaman = login(world.users.penilai).get(
        reverse("pembinaan_skp", kwargs={"pk": konseling_per_jenis["penilai"].skp_id})
    )
    isi = halaman.content.decode()
    assert f'id="konseling-{konseling_per_jenis["penilai"].pk}"' in isi
    assert f'id="konseling-{konseling_per_jenis["pejabat_konseling"].pk}"' in isi
    assert f'id="konseling-{konseling_per_jenis["independen"].pk}"' not in isi
    # The Kepala Daerah reads every SKP of her Pemda, and none of its konseling.
    halaman = login(world.users.bupati).get(
        reverse("pembinaan_skp", kwargs={"pk": konseling_per_jenis["penilai"].skp_id})
    )
    assert halaman.status_code == 200
    assert 'id="konseling-' not in halaman.content.decode()


def test_the_rekaman_text_never_reaches_a_reader_who_is_not_granted(login, world, orang, konseling_per_jenis):
    k = konseling_per_jenis["independen"]
    with tenant_context(world.sumedang.pk):
        svc.konseling_isi(
            konseling=k, by=orang["konselor"], rekaman="RAHASIA-KONSELING-123", tindak_lanjut=""
        )
    for siapa in ("kadis", "penilai", "admin2", "atasan"):
        client = login(user_dari(world, orang, siapa))
        for url in (
            reverse("pembinaan_skp", kwargs={"pk": k.skp_id}),
            reverse("api:konseling-list"),
            reverse("api:konseling-detail", kwargs={"pk": k.pk}),
            reverse("konseling_detail", kwargs={"pk": k.pk}),
        ):
            assert "RAHASIA-KONSELING-123" not in client.get(url).content.decode(), (siapa, url)
    assert (
        "RAHASIA-KONSELING-123"
        in login(world.users.pegawai).get(reverse("konseling_detail", kwargs={"pk": k.pk})).content.decode()
    )


def test_the_selector_fails_closed_for_an_anonymous_user(world, konseling_per_jenis):
    from django.contrib.auth.models import AnonymousUser

    assert not konseling_visible_to(AnonymousUser()).exists()


# ---- pages and API writes ----------------------------------------------------------------------------


def test_the_counsellor_writes_the_rekaman_on_the_page(login, world, orang, konseling_per_jenis):
    k = konseling_per_jenis["independen"]
    client = login(orang["konselor"])
    page = client.get(reverse("konseling_detail", kwargs={"pk": k.pk}))
    assert 'id="tombol-rekaman"' in page.content.decode()
    response = client.post(
        reverse("konseling_isi", kwargs={"pk": k.pk}), {"rekaman": "Hasil", "tindak_lanjut": "Pantau"}
    )
    assert response.status_code == 302
    assert Konseling.objects.get(pk=k.pk).rekaman == "Hasil"


def test_a_granted_reader_who_is_not_the_counsellor_gets_403_with_the_reason(
    login, world, konseling_per_jenis
):
    k = konseling_per_jenis["independen"]
    client = login(world.users.admin)
    assert (
        'id="tombol-rekaman"'
        not in client.get(reverse("konseling_detail", kwargs={"pk": k.pk})).content.decode()
    )
    response = client.post(
        reverse("konseling_isi", kwargs={"pk": k.pk}), {"rekaman": "Ubah", "tindak_lanjut": ""}
    )
    assert response.status_code == 403
    assert "diisi oleh konselor" in response.content.decode()
    assert Konseling.objects.get(pk=k.pk).rekaman == ""


def test_a_reader_not_granted_cannot_write_it_either(login, world, konseling_per_jenis):
    k = konseling_per_jenis["independen"]
    response = login(world.users.kadis).post(reverse("konseling_isi", kwargs={"pk": k.pk}), {"rekaman": "x"})
    assert response.status_code == 404


def test_bkpsdm_schedules_konseling_from_the_page(login, world, skp, orang):
    client = login(world.users.admin)
    page = client.get(reverse("pembinaan_skp", kwargs={"pk": skp.pk}))
    assert 'id="tombol-konseling"' in page.content.decode()
    response = client.post(
        reverse("pembinaan_konseling_buat", kwargs={"pk": skp.pk}),
        {
            "jenis_konselor": "independen",
            "konselor": orang["konselor"].pk,
            "tanggal": "2026-03-20",
            "tempat": "BKPSDM",
        },
    )
    with scopes_disabled():
        k = Konseling.objects.get()
    assert response.status_code == 302 and response.url == reverse("konseling_detail", kwargs={"pk": k.pk})


def test_an_admin_who_sets_a_penilai_konseling_is_sent_back_to_the_pembinaan_page(login, world, skp):
    response = login(world.users.admin).post(
        reverse("pembinaan_konseling_buat", kwargs={"pk": skp.pk}),
        {"jenis_konselor": "penilai", "konselor": world.users.penilai.pk, "tanggal": "2026-03-20"},
    )
    assert response.status_code == 302
    assert response.url == reverse("pembinaan_skp", kwargs={"pk": skp.pk})


def test_the_penilai_records_her_own_konseling_from_the_page(login, world, skp):
    response = login(world.users.penilai).post(
        reverse("pembinaan_konseling_buat", kwargs={"pk": skp.pk}),
        {"jenis_konselor": "penilai", "tanggal": "2026-03-20"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Konseling.objects.get().konselor == world.users.penilai


def test_the_penilai_naming_another_counsellor_on_the_page_gets_a_400_or_403_with_the_reason(
    login, world, skp
):
    response = login(world.users.penilai).post(
        reverse("pembinaan_konseling_buat", kwargs={"pk": skp.pk}),
        {"jenis_konselor": "independen", "konselor": world.users.admin.pk, "tanggal": "2026-03-20"},
    )
    # Her form offers only herself as counsellor: another account is not a valid choice.
    assert response.status_code == 400
    assert not Konseling.objects.exists()


def test_a_peer_cannot_schedule_konseling_on_the_page(login, world, skp):
    response = login(world.users.rekan).post(
        reverse("pembinaan_konseling_buat", kwargs={"pk": skp.pk}),
        {"jenis_konselor": "penilai", "tanggal": "2026-03-20"},
    )
    assert response.status_code in (403, 404)
    assert not Konseling.objects.exists()


def test_the_api_schedules_and_fills_a_konseling(login, world, skp, orang):
    client = login(world.users.admin)
    response = client.post(
        reverse("api:konseling-list"),
        {
            "skp": skp.pk,
            "konselor": orang["konselor"].pk,
            "jenis_konselor": "independen",
            "tanggal": "2026-03-20",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    isi = reverse("api:konseling-isi", kwargs={"pk": pk})
    assert client.post(isi, {"rekaman": "x"}, content_type="application/json").status_code == 403
    konselor = login(orang["konselor"])
    response = konselor.post(isi, {"rekaman": "Hasil konseling"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["rekaman"] == "Hasil konseling"
    response = konselor.post(isi, {"rekaman": " "}, content_type="application/json")
    assert response.status_code == 400 and "wajib" in str(response.json())


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "kadis"])
def test_the_api_refuses_konseling_from_others_with_403(login, world, skp, siapa):
    user = getattr(world.users, siapa)
    response = login(user).post(
        reverse("api:konseling-list"),
        {"skp": skp.pk, "konselor": user.pk, "jenis_konselor": "penilai", "tanggal": "2026-03-20"},
        content_type="application/json",
    )
    assert response.status_code in (400, 403)
    assert not Konseling.objects.exists()


def test_the_api_answers_bad_konseling_input_with_400(login, world, skp):
    response = login(world.users.admin).post(
        reverse("api:konseling-list"),
        {
            "skp": skp.pk,
            "konselor": world.users.outsider.pk,
            "jenis_konselor": "independen",
            "tanggal": "kemarin",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert {"konselor", "tanggal"} <= set(response.json())
