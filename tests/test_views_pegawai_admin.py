"""BKPSDM adds a Pegawai from the Pegawai list ("Tambah Pegawai") and changes her data from her page ("Ubah
data Pegawai"). Only the Pemda's BKPSDM admin may (others get 403; another Pemda's Pegawai is 404, see also
test_cross_tenant_routes.py). A refused or invalid form shows its message, keeps what was typed (400) and
changes nothing; what goes through is audited. The new Pegawai logs in after the admin resets her password.
"""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent, Golongan, Pegawai, Penempatan, UnitKerja, User

from .factories import JabatanFactory, UnitKerjaFactory, make_nip
from .test_views_pegawai import messages_of, query_count, tambah_pegawai, text

pytestmark = pytest.mark.django_db

NIP_BARU = "199408122019031007"
NON_ADMINS = ["pegawai", "penilai", "atasan", "kadis", "bupati"]
PEGAWAI_TAMBAH_MAX_QUERIES = 8
PEGAWAI_DETAIL_ADMIN_MAX_QUERIES = 28


def keadaan():
    """Everything these pages could change, to prove a refused or forbidden request changed nothing."""
    with scopes_disabled():
        return (
            sorted(Pegawai.objects.values_list()),
            sorted(User.objects.values_list("pk", "username", "email", "password", "pegawai")),
            sorted(Penempatan.objects.values_list()),
            AuditEvent.objects.count(),
        )


def fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def fresh_akun(pegawai):
    with scopes_disabled():
        return User.objects.get(pegawai=pegawai)


def jabatan_of(pegawai):
    with scopes_disabled():
        return Penempatan.objects.select_related("jabatan").get(pegawai=pegawai).jabatan


def form_tambah(world, **changes):
    data = {
        "nip": "19940812 201903 1 007",
        "nama": "Rahmat Hidayat",
        "gelar_depan": "",
        "gelar_belakang": "S.Kom.",
        "jenis_asn": "PNS",
        "golongan": "III/a",
        "email": "rahmat@sumedangkab.go.id",
        "telepon": "0812-2000-3000",
        "jabatan": world.pelaksana.pk,
        "mulai": "2026-02-02",
        "nomor_sk": "821/12/BKPSDM/2026",
    } | changes
    return {f"baru-{k}": v for k, v in data.items()}


def form_ubah(pegawai, **changes):
    data = {
        "nama": pegawai.nama,
        "gelar_depan": pegawai.gelar_depan,
        "gelar_belakang": pegawai.gelar_belakang,
        "jenis_asn": pegawai.jenis_asn,
        "golongan": "III/a",
        "email": pegawai.email,
        "telepon": pegawai.telepon,
        "alasan": "SK kenaikan pangkat 823/45/2026",
    } | changes
    return {f"ubah-{k}": v for k, v in data.items()}


def tambah_url():
    return reverse("pegawai_tambah")


def ubah_url(pegawai):
    return reverse("pegawai_ubah", args=[pegawai.pk])


# Who may ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitor_is_sent_to_login_from_the_new_pegawai_form(client, world, method):
    before = keadaan()
    response = getattr(client, method)(tambah_url(), form_tambah(world))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert keadaan() == before


@pytest.mark.parametrize("persona", NON_ADMINS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_bkpsdm_may_open_or_post_the_new_pegawai_form(login, world, persona, method):
    before = keadaan()
    response = getattr(login(getattr(world.users, persona)), method)(tambah_url(), form_tambah(world))
    assert response.status_code == 403
    assert keadaan() == before


def test_another_pemdas_admin_cannot_place_a_new_pegawai_in_a_sumedang_jabatan(login, world):
    before = keadaan()
    response = login(world.users.outsider_admin).post(tambah_url(), form_tambah(world))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["jabatan"]
    assert keadaan() == before


def test_anonymous_post_to_change_a_pegawai_is_sent_to_login(client, world):
    before = keadaan()
    response = client.post(ubah_url(world.pegawai), form_ubah(world.pegawai, nama="Titipan"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert keadaan() == before


@pytest.mark.parametrize("persona", NON_ADMINS)
def test_only_bkpsdm_may_change_a_pegawai_even_one_she_may_see(login, world, persona):
    # The Kepala Dinas sees the Kepala Bidang she evaluates, not the staff three levels down.
    pegawai = world.atasan if persona == "kadis" else world.pegawai
    client = login(getattr(world.users, persona))
    assert client.get(reverse("pegawai_detail", args=[pegawai.pk])).status_code == 200
    before = keadaan()
    response = client.post(ubah_url(pegawai), form_ubah(pegawai, nama="Titipan"))
    assert response.status_code == 403
    assert keadaan() == before


@pytest.mark.parametrize("persona", ["rekan", "outsider", "outsider_admin"])
def test_changing_a_pegawai_one_cannot_see_is_404(login, world, persona):
    before = keadaan()
    client = login(getattr(world.users, persona))
    response = client.post(ubah_url(world.pegawai), form_ubah(world.pegawai, nama="Titipan"))
    assert response.status_code == 404
    assert keadaan() == before


def test_changing_a_pegawai_refuses_get_and_put(login, world):
    client = login(world.users.admin)
    assert client.get(ubah_url(world.pegawai)).status_code == 405
    assert client.put(ubah_url(world.pegawai)).status_code == 405
    assert client.put(tambah_url()).status_code == 405


# What each persona sees ------------------------------------------------------------------------------
def test_the_pegawai_list_offers_tambah_pegawai_to_bkpsdm_only(login, world):
    assert f'href="{tambah_url()}"' in text(login(world.users.admin).get(reverse("pegawai_list")))
    for persona in ("bupati", "penilai"):
        assert tambah_url() not in text(login(getattr(world.users, persona)).get(reverse("pegawai_list")))


def test_the_pegawai_page_shows_the_change_card_to_bkpsdm_only(login, world):
    url = reverse("pegawai_detail", args=[world.pegawai.pk])
    body = text(login(world.users.admin).get(url))
    assert "Ubah data Pegawai" in body and f'action="{ubah_url(world.pegawai)}#ubah"' in body
    assert 'name="ubah-nama" value="Siti Aminah"' in body
    assert '<option value="III/a" selected>' in body
    assert re.search(r'<input type="text" name="ubah-nip" value="[0-9 ]+"[^>]* disabled', body)
    assert "tidak dapat diubah" in body  # and why
    body = text(login(world.users.bupati).get(url))
    assert "Ubah data Pegawai" not in body and ubah_url(world.pegawai) not in body


def test_the_new_pegawai_form_offers_the_pemdas_active_jabatan_by_unit(login, world):
    with scopes_disabled():
        tutup = UnitKerjaFactory(pemda=world.sumedang, kode="D09", nama="Unit Lama", aktif=False)
        JabatanFactory(unit=tutup, nama="Jabatan Lama")
        bogor = JabatanFactory(unit=world.unit_bogor, nama="Staf Bogor")
    response = login(world.users.admin).get(tambah_url())
    assert response.status_code == 200
    choices = dict(response.context["form"].fields["jabatan"].choices)
    seksi = dict(choices["Seksi Pengembangan Aplikasi (D01.B1.S1)"])
    assert seksi == {
        jabatan_of(world.penilai).pk: "Kepala Seksi (pimpinan, terisi)",
        world.pelaksana.pk: "Pengelola Aplikasi",
    }
    assert "Unit Lama (D09)" not in choices
    body = text(response)
    assert "Staf Bogor" not in body and f'value="{bogor.pk}"' not in body
    assert '<optgroup label="PPPK">' in body


def test_the_new_pegawai_page_has_a_fixed_number_of_queries(login, world, max_queries):
    client = login(world.users.admin)
    before = query_count(client, tambah_url())
    with scopes_disabled():
        for i in range(10):
            unit = UnitKerjaFactory(pemda=world.sumedang, kode=f"D09.{i}", parent=world.bkpsdm)
            JabatanFactory(unit=unit, nama="Kepala", memimpin_unit=True)
            JabatanFactory(unit=unit, nama="Analis")
    tambah_pegawai(world, 10)
    assert query_count(client, tambah_url()) == before
    with max_queries(PEGAWAI_TAMBAH_MAX_QUERIES):
        client.get(tambah_url())


def test_the_pegawai_page_for_the_admin_has_a_fixed_number_of_queries(login, world, max_queries):
    client = login(world.users.admin)
    url = reverse("pegawai_detail", args=[world.pegawai.pk])
    before = query_count(client, url)
    with scopes_disabled():
        for i in range(10):
            JabatanFactory(unit=world.seksi, nama=f"Analis {i}")
    tambah_pegawai(world, 10)
    assert query_count(client, url) == before
    with max_queries(PEGAWAI_DETAIL_ADMIN_MAX_QUERIES):
        client.get(url)


# Adding a Pegawai ------------------------------------------------------------------------------------
def test_admin_adds_a_pegawai_and_lands_on_her_page(login, world):
    response = login(world.users.admin).post(tambah_url(), form_tambah(world), follow=True)
    with scopes_disabled():
        pegawai = Pegawai.objects.select_related("golongan").get(pemda=world.sumedang, nip=NIP_BARU)
        penempatan = Penempatan.objects.get(pegawai=pegawai)
        akun = User.objects.get(pegawai=pegawai)
    assert response.redirect_chain == [(reverse("pegawai_detail", args=[pegawai.pk]), 302)]
    assert (pegawai.nama_lengkap, pegawai.golongan.kode, pegawai.jenis_kelamin) == (
        "Rahmat Hidayat, S.Kom.",
        "III/a",
        "L",
    )
    assert (penempatan.jabatan, str(penempatan.mulai), penempatan.nomor_sk) == (
        world.pelaksana,
        "2026-02-02",
        "821/12/BKPSDM/2026",
    )
    assert (akun.username, akun.email, akun.has_usable_password()) == (NIP_BARU, pegawai.email, False)
    [pesan] = messages_of(response)
    assert pesan.startswith("Rahmat Hidayat, S.Kom. ditambahkan sebagai Pengelola Aplikasi")
    assert "belum punya kata sandi" in text(response)
    with scopes_disabled():
        events = list(AuditEvent.objects.order_by("pk").values_list("aksi", "objek_id", "oleh"))
    assert events == [
        ("pegawai_create", pegawai.pk, world.users.admin.pk),
        ("pegawai_mutasi", pegawai.pk, world.users.admin.pk),
    ]


def test_the_new_pegawai_gets_a_temporary_password_and_logs_in(login, world):
    admin = login(world.users.admin)
    admin.post(tambah_url(), form_tambah(world), follow=True)
    with scopes_disabled():
        pegawai = Pegawai.objects.get(nip=NIP_BARU)
    response = admin.post(reverse("pegawai_reset_password", args=[pegawai.pk]), follow=True)
    [pesan] = messages_of(response)
    sementara = re.search(r": (\S+) — sampaikan", pesan).group(1)

    baru = Client()
    response = baru.post(reverse("login"), {"username": "19940812 201903 1 007", "password": sementara})
    assert response.status_code == 302
    assert baru.session["_auth_user_id"] == str(fresh_akun(pegawai).pk)
    assert baru.get(reverse("beranda"))["Location"] == reverse("password_change")  # her own password first


@pytest.mark.parametrize("password", ["", "rahasia-123", "!"])
def test_a_new_pegawai_cannot_log_in_before_the_admin_resets_her_password(login, world, password):
    login(world.users.admin).post(tambah_url(), form_tambah(world))
    baru = Client()
    response = baru.post(reverse("login"), {"username": NIP_BARU, "password": password})
    assert response.status_code == 200 and "_auth_user_id" not in baru.session


def refused(client, world, **changes):
    """POST the new Pegawai form with `changes`; expect 400 with nothing changed; return the response."""
    before = keadaan()
    response = client.post(tambah_url(), form_tambah(world, **changes))
    assert response.status_code == 400
    assert messages_of(response) == ["Pegawai belum disimpan. Periksa isian yang ditandai."]
    assert keadaan() == before
    return response


@pytest.mark.parametrize(
    "nip, pesan",
    [
        ("1994081220190310", "NIP harus 18 digit angka."),
        ("199413122019031007", "8 digit pertama NIP (19941312) bukan tanggal lahir yang sah."),
        ("199408122019033007", "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."),
    ],
)
def test_a_bad_nip_shows_the_nip_rule_and_keeps_what_was_typed(login, world, nip, pesan):
    response = refused(login(world.users.admin), world, nip=nip)
    assert response.context["form"].errors == {"nip": [pesan]}
    body = text(response)
    assert f'value="{nip}"' in body and 'value="Rahmat Hidayat"' in body
    assert '<option value="III/a" selected>' in body
    assert f'<option value="{world.pelaksana.pk}" selected>' in body


def test_a_nip_registered_in_the_pemda_names_its_holder(login, world):
    response = refused(login(world.users.admin), world, nip=world.pegawai.nip)
    assert response.context["form"].errors == {
        "nip": [
            f"NIP {world.pegawai.nip} sudah terdaftar atas nama Siti Aminah; ubah datanya dari halamannya."
        ]
    }


def test_a_taken_nip_is_named_together_with_the_other_mistakes(login, world):
    response = refused(login(world.users.admin), world, nip=world.rekan.nip, golongan="IX", email="x")
    assert set(response.context["form"].errors) == {"nip", "golongan", "email"}
    assert "atas nama Rudi Hartono" in response.context["form"].errors["nip"][0]


def test_a_nip_taken_by_another_login_account_is_refused_without_a_crash(login, world):
    response = refused(login(world.users.admin), world, nip=world.outsider.nip)
    [pesan] = response.context["form"].errors["nip"]
    assert f"NIP {world.outsider.nip} sudah dipakai akun lain" in pesan


def test_a_golongan_of_the_other_jenis_asn_is_refused_as_the_import_refuses_it(login, world):
    response = refused(login(world.users.admin), world, jenis_asn="PNS", golongan="IX")
    assert response.context["form"].errors == {
        "golongan": ["Golongan 'IX' tidak ada untuk PNS (mis. III/a)."]
    }


def test_a_leading_jabatan_with_a_holder_is_refused_on_the_jabatan(login, world):
    response = refused(login(world.users.admin), world, jabatan=jabatan_of(world.penilai).pk)
    [pesan] = response.context["form"].errors["jabatan"]
    assert "masih diduduki Budi Santoso" in pesan
    with scopes_disabled():
        assert not User.objects.filter(username=NIP_BARU).exists()


def test_a_jabatan_in_a_closed_unit_is_not_offered(login, world):
    with scopes_disabled():
        UnitKerja.objects.filter(pk=world.seksi.pk).update(aktif=False)
    response = refused(login(world.users.admin), world)
    assert list(response.context["form"].errors) == ["jabatan"]


def test_an_empty_form_names_every_missing_field(login, world):
    response = refused(login(world.users.admin), world, nip="", nama="", jabatan="", mulai="", jenis_asn="")
    assert set(response.context["form"].errors) == {"nip", "nama", "jabatan", "mulai", "jenis_asn"}


def test_a_pppk_is_added_with_her_golongan(login, world):
    response = login(world.users.admin).post(
        tambah_url(), form_tambah(world, jenis_asn="PPPK", golongan="IX")
    )
    assert response.status_code == 302
    with scopes_disabled():
        pegawai = Pegawai.objects.get(nip=NIP_BARU)
    assert (pegawai.jenis_asn, pegawai.golongan.kode) == ("PPPK", "IX")


# Changing her data -----------------------------------------------------------------------------------
def test_admin_changes_a_pegawai_and_the_audit_keeps_reason_before_and_after(login, world):
    client = login(world.users.admin)
    data = form_ubah(world.pegawai, nama="Siti Aminah Rahayu", gelar_depan="Dr.", golongan="III/b")
    response = client.post(ubah_url(world.pegawai), data, follow=True)
    assert response.redirect_chain == [(reverse("pegawai_detail", args=[world.pegawai.pk]), 302)]
    assert messages_of(response) == ["Data Dr. Siti Aminah Rahayu disimpan."]
    pegawai = fresh(world.pegawai)
    with scopes_disabled():
        assert (pegawai.nama_lengkap, pegawai.golongan.kode) == ("Dr. Siti Aminah Rahayu", "III/b")
        [event] = AuditEvent.objects.filter(aksi="pegawai_update")
    assert (event.objek_id, event.oleh, event.alasan) == (
        pegawai.pk,
        world.users.admin,
        "SK kenaikan pangkat 823/45/2026",
    )
    assert event.data == {
        "sebelum": {"nama": "Siti Aminah", "gelar_depan": "", "golongan": "III/a"},
        "sesudah": {"nama": "Siti Aminah Rahayu", "gelar_depan": "Dr.", "golongan": "III/b"},
    }


def test_a_changed_email_is_where_the_password_reset_link_goes(client, login, world):
    login(world.users.admin).post(ubah_url(world.pegawai), form_ubah(world.pegawai, email="siti@baru.go.id"))
    assert fresh(world.users.pegawai).email == "siti@baru.go.id"
    client.logout()
    client.post(reverse("password_reset"), {"email": "siti@baru.go.id"})
    [email] = mail.outbox
    assert email.to == ["siti@baru.go.id"]


def test_the_nip_posted_with_the_change_is_ignored(login, world):
    nip = world.pegawai.nip
    data = form_ubah(world.pegawai, nama="Siti Aminah Rahayu") | {"ubah-nip": make_nip(urut=555)}
    assert login(world.users.admin).post(ubah_url(world.pegawai), data).status_code == 302
    assert fresh(world.pegawai).nip == nip and fresh(world.users.pegawai).username == nip


def ubah_ditolak(client, pegawai, **changes):
    before = keadaan()
    response = client.post(ubah_url(pegawai), form_ubah(pegawai, **changes))
    assert response.status_code == 400
    assert messages_of(response) == ["Perubahan data Pegawai belum disimpan. Periksa isian yang ditandai."]
    assert 'class="kartu panel-org fokus" id="ubah"' in text(response)
    assert keadaan() == before
    return response


def test_saving_unchanged_data_says_there_is_no_change(login, world):
    response = ubah_ditolak(login(world.users.admin), world.pegawai)
    assert "Tidak ada perubahan: data Pegawai sama dengan sebelumnya." in text(response)


def test_a_change_without_a_reason_is_refused_keeping_what_was_typed(login, world):
    response = ubah_ditolak(login(world.users.admin), world.pegawai, alasan=" ", nama="Siti Aminah Rahayu")
    assert response.context["ubah_form"].errors == {
        "alasan": ["Sebutkan alasan perubahan (mis. nomor SK kenaikan pangkat)."]
    }
    assert 'value="Siti Aminah Rahayu"' in text(response)


def test_changing_to_pppk_with_a_pns_golongan_is_refused(login, world):
    response = ubah_ditolak(login(world.users.admin), world.pegawai, jenis_asn="PPPK")
    assert response.context["ubah_form"].errors == {
        "golongan": ["Golongan 'III/a' tidak ada untuk PPPK (I sampai XVII)."]
    }
    assert '<option value="PPPK" selected>' in text(response)


def test_an_invalid_email_is_a_form_error(login, world):
    response = ubah_ditolak(login(world.users.admin), world.pegawai, email="bukan-surel")
    assert list(response.context["ubah_form"].errors) == ["email"]


def test_golongan_choices_are_the_national_table(login, world):
    response = login(world.users.admin).get(reverse("pegawai_detail", args=[world.pegawai.pk]))
    groups = dict(response.context["ubah_form"].fields["golongan"].choices)
    with scopes_disabled():
        assert [kode for kode, _ in groups["PPPK"]] == list(
            Golongan.objects.filter(jenis_asn="PPPK").values_list("kode", flat=True)
        )
    assert dict(groups["PNS"])["III/a"] == "III/a · Penata Muda"
