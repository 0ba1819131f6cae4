"""Who reads which umpan balik (umpanbalik.selectors.umpan_balik.umpan_balik_untuk) and the page
`umpan_balik_skp`: the Pegawai sees all, named unless her Pemda chose anonymity for peers; the leader, the Atasan
Penilai, BKPSDM and the Kepala Daerah see all with names; an invitee only her own."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import PengaturanPemda
from kinerja.scoping import tenant_context
from umpanbalik.models import UmpanBalik
from umpanbalik.periode import Periode
from umpanbalik.selectors.umpan_balik import umpan_balik_untuk
from umpanbalik.services.umpan_balik import umpan_balik_beri, undangan_buat, undangan_cabut

from .rute_umpan_balik import rekan_lain

pytestmark = pytest.mark.django_db


@pytest.fixture
def rekaman(skp_berjalan, sumedang):
    """Feedback from the leader (March), the invited peer (March) and the invited Atasan (February)."""
    undangan_buat(skp=skp_berjalan, pegawai=sumedang.rekan, peran="rekan", by=sumedang.users.pegawai)
    undangan_buat(skp=skp_berjalan, pegawai=sumedang.atasan, peran="pihak_lain", by=sumedang.users.penilai)
    return {
        "pimpinan": umpan_balik_beri(
            skp=skp_berjalan, by=sumedang.users.penilai, teks="Target Maret tercapai.", jenis="berkala"
        ),
        "rekan": umpan_balik_beri(
            skp=skp_berjalan,
            by=sumedang.users.rekan,
            teks="Kolaborasinya baik.",
            jenis="insidental",
            perilaku="kolaboratif",
        ),
        "atasan": umpan_balik_beri(
            skp=skp_berjalan,
            by=sumedang.users.atasan,
            teks="Dokumentasi perlu dirapikan.",
            jenis="insidental",
            periode="bulanan-2",
            rhk=skp_berjalan.rhk.first(),
        ),
    }


def anonim(world, nilai: bool):
    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=world.sumedang).update(umpan_balik_rekan_anonim=nilai)


def nama(daftar):
    return {ub.teks: ub.nama_pemberi for ub in daftar}


def test_the_pegawai_sees_every_giver_by_name_without_anonymity(skp_berjalan, sumedang, rekaman):
    daftar = umpan_balik_untuk(skp_berjalan, sumedang.users.pegawai)
    assert nama(daftar) == {
        "Target Maret tercapai.": "Budi Santoso",
        "Kolaborasinya baik.": "Rudi Hartono",
        "Dokumentasi perlu dirapikan.": "Ani Suryani",
    }
    assert [ub.tanggal for ub in daftar] == sorted((ub.tanggal for ub in daftar), reverse=True)


def test_with_anonymity_the_pegawai_sees_peers_by_role_and_the_leader_by_name(
    skp_berjalan, sumedang, rekaman
):
    anonim(sumedang, True)
    daftar = umpan_balik_untuk(skp_berjalan, sumedang.users.pegawai)
    assert nama(daftar) == {
        "Target Maret tercapai.": "Budi Santoso",
        "Kolaborasinya baik.": "Rekan kerja setingkat",
        "Dokumentasi perlu dirapikan.": "Pihak lain",
    }
    assert {ub.teks for ub in daftar if ub.anonim} == {"Kolaborasinya baik.", "Dokumentasi perlu dirapikan."}


@pytest.mark.parametrize("siapa", ["penilai", "admin", "bupati"])
def test_the_leader_bkpsdm_and_the_bupati_always_see_names(skp_berjalan, sumedang, rekaman, siapa):
    anonim(sumedang, True)
    daftar = umpan_balik_untuk(skp_berjalan, getattr(sumedang.users, siapa))
    assert nama(daftar)["Kolaborasinya baik."] == "Rudi Hartono"
    assert len(daftar) == 3 and not any(ub.anonim for ub in daftar)


def test_the_atasan_penilai_sees_all_with_names(skp_berjalan, sumedang, rekaman):
    anonim(sumedang, True)
    undangan_cabut(
        undangan=skp_berjalan.undangan_umpan_balik.get(pegawai=sumedang.atasan), by=sumedang.users.pegawai
    )
    assert len(umpan_balik_untuk(skp_berjalan, sumedang.users.atasan)) == 3


def test_an_invitee_sees_only_her_own(skp_berjalan, sumedang, rekaman):
    assert [ub.teks for ub in umpan_balik_untuk(skp_berjalan, sumedang.users.rekan)] == [
        "Kolaborasinya baik."
    ]


def test_a_colleague_from_another_unit_reads_nothing(skp_berjalan, sumedang, rekaman):
    assert umpan_balik_untuk(skp_berjalan, rekan_lain(sumedang)) == []


def test_filtered_by_period(skp_berjalan, sumedang, rekaman):
    daftar = umpan_balik_untuk(skp_berjalan, sumedang.users.penilai, Periode("bulanan", 2, 2026))
    assert [ub.teks for ub in daftar] == ["Dokumentasi perlu dirapikan."]


def test_reading_runs_a_fixed_number_of_queries(skp_berjalan, sumedang, rekaman, max_queries):
    for user in (sumedang.users.pegawai, sumedang.users.penilai, sumedang.users.rekan):
        with max_queries(20) as sedikit:
            umpan_balik_untuk(skp_berjalan, user)
        for n in range(6):
            umpan_balik_beri(
                skp=skp_berjalan, by=sumedang.users.rekan, teks=f"Catatan {n}", jenis="insidental"
            )
            umpan_balik_beri(skp=skp_berjalan, by=sumedang.users.atasan, teks=f"Lain {n}", jenis="berkala")
        with max_queries(len(sedikit.captured_queries)):
            daftar = umpan_balik_untuk(skp_berjalan, user)
            [ub.nama_pemberi for ub in daftar]


# Page ------------------------------------------------------------------------------------------------------
def url(skp):
    return reverse("umpan_balik_skp", kwargs={"pk": skp.pk})


def test_the_page_groups_feedback_by_period_newest_first(skp_berjalan, world, rekaman, login):
    page = login(world.users.pegawai).get(url(skp_berjalan))
    assert page.status_code == 200
    kelompok = page.context["kelompok"]
    assert [k["periode"].kode for k in kelompok] == ["bulanan-3", "bulanan-2"]
    assert [s["label"] for s in kelompok[0]["sasaran"]] == ["Umum", "Perilaku kerja: Kolaboratif"]
    assert kelompok[1]["sasaran"][0]["label"].startswith("RHK: ")
    assert "form" not in page.context  # the Pegawai does not give feedback to herself


def test_the_page_hides_peer_names_from_the_pegawai_under_anonymity(skp_berjalan, world, rekaman, login):
    anonim(world, True)
    html = login(world.users.pegawai).get(url(skp_berjalan)).content.decode()
    assert "Rudi Hartono" not in html and "Rekan kerja setingkat" in html and "Budi Santoso" in html
    assert "Rudi Hartono" in login(world.users.penilai).get(url(skp_berjalan)).content.decode()


def test_the_leader_gives_feedback_on_an_iki_from_the_page(skp_berjalan, world, login):
    with scopes_disabled():
        iki = skp_berjalan.rhk.first().iki.first()
    response = login(world.users.penilai).post(
        url(skp_berjalan),
        {
            "jenis": "insidental",
            "cara": "tidak_langsung",
            "periode": "bulanan-2",
            "sasaran": f"iki-{iki.pk}",
            "teks": "Cek modul.",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        ub = UmpanBalik.objects.get()
    assert (ub.iki, ub.peran, ub.nomor_periode, ub.cara) == (iki, "pimpinan", 2, "tidak_langsung")


def test_an_invited_peer_gives_from_the_page_and_sees_only_her_own(skp_berjalan, world, rekaman, login):
    client = login(world.users.rekan)
    page = client.get(url(skp_berjalan))
    assert page.status_code == 200 and page.context["peran"] == "rekan"
    assert page.context["jumlah"] == 1
    # She reads the pelaksanaan records, not the SKP page: the breadcrumb leads to her invitations.
    html = page.content.decode()
    assert f'href="{reverse("skp_detail", kwargs={"pk": skp_berjalan.pk})}"' not in html
    assert f'href="{reverse("umpan_balik_diundang")}"' in html
    assert reverse("tindak_lanjut_skp", kwargs={"pk": skp_berjalan.pk}) not in html
    response = client.post(
        url(skp_berjalan),
        {
            "jenis": "berkala",
            "cara": "langsung",
            "periode": "bulanan-3",
            "sasaran": "perilaku-adaptif",
            "teks": "Cepat belajar.",
        },
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data, field",
    [
        ({"sasaran": "rhk-999999"}, "sasaran"),
        ({"sasaran": "perilaku-jujur"}, "sasaran"),
        ({"periode": "bulanan-4"}, "periode"),
        ({"teks": ""}, "teks"),
        ({"sasaran": "umum", "sertakan_realisasi": "on"}, "sertakan_realisasi"),
    ],
)
def test_bad_feedback_input_answers_400_with_the_reason(skp_berjalan, world, login, data, field):
    body = {
        "jenis": "berkala",
        "cara": "langsung",
        "periode": "bulanan-3",
        "sasaran": "umum",
        "teks": "Baik.",
    }
    response = login(world.users.penilai).post(url(skp_berjalan), {**body, **data})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    with scopes_disabled():
        assert not UmpanBalik.objects.exists()


def test_realisasi_is_linked_only_when_it_exists(skp_berjalan, world, login):
    with scopes_disabled():
        iki = skp_berjalan.rhk.first().iki.first()
    body = {
        "jenis": "berkala",
        "cara": "langsung",
        "periode": "bulanan-3",
        "sasaran": f"iki-{iki.pk}",
        "teks": "Ok.",
    }
    response = login(world.users.penilai).post(url(skp_berjalan), {**body, "sertakan_realisasi": "on"})
    assert response.status_code == 400
    assert "Belum ada realisasi" in str(response.context["form"].errors)


def test_visible_but_not_allowed_to_give_is_403_with_a_reason(skp_berjalan, world, login):
    body = {
        "jenis": "berkala",
        "cara": "langsung",
        "periode": "bulanan-3",
        "sasaran": "umum",
        "teks": "Baik.",
    }
    for user, pesan in ((world.users.pegawai, "SKP-nya sendiri"), (world.users.atasan, "tidak berhak")):
        response = login(user).post(url(skp_berjalan), body)
        assert response.status_code == 403
        assert pesan in response.content.decode()


def test_an_uninvited_colleague_and_the_outsider_get_404(skp_berjalan, world, login):
    lain = rekan_lain(world)
    for user in (lain, world.users.rekan, world.users.outsider):
        assert login(user).get(url(skp_berjalan)).status_code == 404
        assert login(user).post(url(skp_berjalan), {"teks": "x"}).status_code == 404


def test_a_revoked_invitee_loses_the_page(skp_berjalan, world, login):
    with tenant_context(world.sumedang.pk):
        u = undangan_buat(skp=skp_berjalan, pegawai=world.rekan, peran="rekan", by=world.users.pegawai)
    assert login(world.users.rekan).get(url(skp_berjalan)).status_code == 200
    with tenant_context(world.sumedang.pk):
        undangan_cabut(undangan=u, by=world.users.pegawai)
    assert login(world.users.rekan).get(url(skp_berjalan)).status_code == 404
