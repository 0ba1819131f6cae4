"""The cetak routes (umpanbalik.views.cetak) and their API (umpanbalik.api.cetak): who gets which PDF, the
issue/sign flow of the rekaman through the pages, bad input answered 400 with the reason, never 500."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from dokumen.models import Dokumen, StatusDokumen
from umpanbalik.models import UndanganUmpanBalik

from ..conftest import PASSWORD
from .test_documents import MARET, bangun_data_rekaman

pytestmark = pytest.mark.django_db

PEMBACA = ("pegawai", "penilai", "atasan", "admin", "rekan")  # rekan: invited in data_rekaman
BUKAN_PEMBACA = ("outsider", "outsider_admin")


@pytest.fixture
def data_rekaman(skp_berjalan, sumedang):
    return bangun_data_rekaman(sumedang, skp_berjalan)


def _url(nama, obj, **query):
    url = reverse(nama, kwargs={"pk": obj.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _cabut_undangan(data):
    with scopes_disabled():
        UndanganUmpanBalik.objects.filter(pk=data["undangan"].pk).update(dicabut_pada=timezone.now())


# Reading --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("siapa", PEMBACA)
def test_whoever_may_read_the_pelaksanaan_gets_the_rekaman_pdf_inline(login, data_rekaman, sumedang, siapa):
    client = login(getattr(sumedang.users, siapa))
    response = client.get(_url("cetak_rekaman", data_rekaman["skp"], periode="bulanan-3"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'inline; filename="b15-rekaman-bulanan-3-2026-siti-aminah'
    )
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("siapa", BUKAN_PEMBACA)
def test_another_pemda_gets_404_for_the_rekaman(login, data_rekaman, sumedang, siapa):
    client = login(getattr(sumedang.users, siapa))
    assert client.get(_url("cetak_rekaman", data_rekaman["skp"])).status_code == 404


def test_an_uninvited_colleague_gets_404_for_every_format(login, data_rekaman, sumedang):
    _cabut_undangan(data_rekaman)
    client = login(sumedang.users.rekan)
    for url in (
        _url("cetak_rekaman", data_rekaman["skp"]),
        _url("cetak_b_1_2", data_rekaman["skp"]),
        _url("cetak_bimbingan", data_rekaman["bimbingan"]),
        _url("cetak_laporan_perilaku", data_rekaman["laporan"]),
        _url("api:skp-rekaman-pdf", data_rekaman["skp"]),
        _url("api:bimbingan-cetak-pdf", data_rekaman["bimbingan"]),
    ):
        assert client.get(url).status_code == 404, url


def test_an_invited_peer_reads_the_rekaman_and_b12_but_not_the_bimbingan_or_b110(
    login, data_rekaman, sumedang
):
    client = login(sumedang.users.rekan)
    assert client.get(_url("cetak_b_1_2", data_rekaman["skp"])).status_code == 200
    assert client.get(_url("cetak_bimbingan", data_rekaman["bimbingan"])).status_code == 404
    assert client.get(_url("cetak_laporan_perilaku", data_rekaman["laporan"])).status_code == 404


def test_the_rekaman_without_a_period_is_the_current_month(login, data_rekaman, sumedang):
    response = login(sumedang.users.pegawai).get(_url("cetak_rekaman", data_rekaman["skp"]))
    assert response.status_code == 200
    assert "bulanan-3-2026" in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("kode", "pesan"),
    [
        ("triwulanan-1", "tidak dikenal"),
        ("bulanan-13", "harus 1 sampai 12"),
        ("bulanan-", "harus angka"),
        ("<script>", "tidak dikenal"),
    ],
)
def test_a_bad_period_is_a_400_with_the_reason(login, data_rekaman, sumedang, kode, pesan):
    client = login(sumedang.users.pegawai)
    response = client.get(reverse("cetak_rekaman", kwargs={"pk": data_rekaman["skp"].pk}), {"periode": kode})
    assert response.status_code == 400
    assert pesan in response.content.decode()
    assert "<script>" not in response.content.decode()
    api = client.get(reverse("api:skp-rekaman-pdf", kwargs={"pk": data_rekaman["skp"].pk}), {"periode": kode})
    assert api.status_code == 400
    assert pesan in " ".join(api.json()["periode"])


def test_bimbingan_formats_are_printed_by_format_and_a_wrong_one_is_a_400(login, data_rekaman, sumedang):
    client = login(sumedang.users.penilai)
    b = data_rekaman["bimbingan"]
    assert client.get(_url("cetak_bimbingan", b)).status_code == 200  # coaching: B.1.6 by default
    assert client.get(_url("cetak_bimbingan", b, format="B.1.6"))["Content-Type"] == "application/pdf"
    for kode in ("B.1.7", "B.1.8", "X"):
        response = client.get(_url("cetak_bimbingan", b, format=kode))
        assert response.status_code == 400, kode
        assert "alasan" in response.content.decode()
    api = client.get(_url("api:bimbingan-cetak-pdf", b, format_kode="B.1.9"))
    assert api.status_code == 400, api.content


def test_b110_is_printed_for_bkpsdm_and_the_pegawai(login, data_rekaman, sumedang):
    for siapa in ("admin", "pegawai"):
        response = login(getattr(sumedang.users, siapa)).get(
            _url("cetak_laporan_perilaku", data_rekaman["laporan"])
        )
        assert response.status_code == 200
        assert response.content.startswith(b"%PDF")


# Issue and sign through the pages -----------------------------------------------------------------------------
def test_the_rekaman_is_issued_and_signed_through_the_pages_and_the_signed_pdf_is_served(
    client, data_rekaman, sumedang
):
    skp, w = data_rekaman["skp"], sumedang
    terbitkan = reverse("rekaman_terbitkan", kwargs={"pk": skp.pk})
    tanda_tangan = reverse("rekaman_tanda_tangan", kwargs={"pk": skp.pk})
    kembali = reverse("pelaksanaan_skp", kwargs={"pk": skp.pk}) if _ada_rute("pelaksanaan_skp") else "/"

    client.force_login(w.users.pegawai)
    response = client.post(terbitkan, {"periode": "bulanan-3"})
    assert response.status_code == 403
    assert "pimpinan" in response.content.decode()

    client.force_login(w.users.penilai)
    response = client.post(terbitkan, {"periode": "bulanan-3", "next": kembali})
    assert response.status_code == 302 and response["Location"] == kembali
    response = client.post(terbitkan, {"periode": "bulanan-3", "next": "https://jahat.example/"})
    assert response.status_code == 302 and "jahat" not in response["Location"]
    response = client.post(tanda_tangan, {"periode": "bulanan-3", "password": PASSWORD})
    assert response.status_code == 403
    assert "Belum giliran" in response.content.decode()

    client.force_login(w.users.pegawai)
    response = client.post(tanda_tangan, {"periode": "bulanan-3", "password": "salah"})
    assert response.status_code == 400
    assert "Kata sandi salah" in response.content.decode()
    response = client.post(tanda_tangan, {"periode": "bulanan-3"})
    assert response.status_code == 400
    assert client.post(tanda_tangan, {"periode": "bulanan-3", "password": PASSWORD}).status_code == 302

    client.force_login(w.users.penilai)
    assert client.post(tanda_tangan, {"periode": "bulanan-3", "password": PASSWORD}).status_code == 302
    with scopes_disabled():
        dokumen = Dokumen.objects.get(format_kode="B.1.5", status=StatusDokumen.DITANDATANGANI)
        assert dokumen.versi == 2  # the second issue superseded the first
        assert dokumen.tanda_tangan.count() == 2
    response = client.get(_url("cetak_rekaman", skp, periode="bulanan-3"))
    assert response.content == bytes(dokumen.pdf)


def _ada_rute(nama):
    from django.urls import NoReverseMatch

    try:
        reverse(nama, kwargs={"pk": 1})
    except NoReverseMatch:
        return False
    return True


def test_issuing_with_a_bad_period_is_a_400_not_a_500(login, data_rekaman, sumedang):
    client = login(sumedang.users.penilai)
    response = client.post(_url("rekaman_terbitkan", data_rekaman["skp"]), {"periode": "bulanan-99"})
    assert response.status_code == 400
    assert "harus 1 sampai 12" in response.content.decode()
    response = client.post(_url("rekaman_terbitkan", data_rekaman["skp"]), {"periode": "bulanan-6"})
    assert response.status_code == 400
    assert "belum dimulai" in response.content.decode()


def test_a_reader_who_may_not_act_gets_403_with_the_reason(login, data_rekaman, sumedang):
    client = login(sumedang.users.admin)
    for nama, obj in (
        ("cetak_b_1_2_terbitkan", data_rekaman["skp"]),
        ("cetak_bimbingan_terbitkan", data_rekaman["bimbingan"]),
        ("cetak_laporan_perilaku_terbitkan", data_rekaman["laporan"]),
    ):
        response = client.post(_url(nama, obj))
        assert response.status_code == 403, nama
    with scopes_disabled():
        assert not Dokumen.objects.filter(format_kode__startswith="B.1.").exists()


def test_b16_is_issued_by_the_pembina_and_signed_by_both_through_the_pages(client, data_rekaman, sumedang):
    b, w = data_rekaman["bimbingan"], sumedang
    client.force_login(w.users.penilai)
    assert client.post(_url("cetak_bimbingan_terbitkan", b), {"format": "B.1.6"}).status_code == 302
    client.force_login(w.users.pegawai)
    assert (
        client.post(
            _url("cetak_bimbingan_tanda_tangan", b), {"format": "B.1.6", "password": PASSWORD}
        ).status_code
        == 302
    )
    client.force_login(w.users.penilai)
    assert (
        client.post(
            _url("cetak_bimbingan_tanda_tangan", b), {"format": "B.1.6", "password": PASSWORD}
        ).status_code
        == 302
    )
    with scopes_disabled():
        assert Dokumen.objects.get(format_kode="B.1.6").status == StatusDokumen.DITANDATANGANI


# API ------------------------------------------------------------------------------------------------------
def test_the_api_serves_the_pdfs_with_the_same_rules(client, login, data_rekaman, sumedang):
    skp = data_rekaman["skp"]
    assert client.get(_url("api:skp-rekaman-pdf", skp)).status_code in (401, 403)
    pegawai = login(sumedang.users.pegawai)
    for url in (
        _url("api:skp-rekaman-pdf", skp, periode="bulanan-3"),
        _url("api:skp-b-1-2-pdf", skp),
        _url("api:bimbingan-cetak-pdf", data_rekaman["bimbingan"]),
        _url("api:laporan-perilaku-cetak-pdf", data_rekaman["laporan"]),
    ):
        response = pegawai.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
    outsider = login(sumedang.users.outsider)
    assert outsider.get(_url("api:skp-rekaman-pdf", skp)).status_code == 404


def test_the_api_issues_and_signs_the_rekaman(login, data_rekaman, sumedang):
    skp, w = data_rekaman["skp"], sumedang
    penilai = login(w.users.penilai)
    response = penilai.post(_url("api:skp-rekaman-terbitkan", skp), {"periode": "bulanan-3"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["format_kode"] == "B.1.5" and body["status"] == "menunggu_tanda_tangan"
    assert [p["ditandatangani"] for p in body["penandatangan"]] == [False, False]
    assert "periode=bulanan-3" in body["pdf"]
    response = penilai.post(
        _url("api:skp-rekaman-tanda-tangan", skp), {"periode": "bulanan-3", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "Belum giliran" in response.json()["detail"]
    pegawai = login(w.users.pegawai)
    response = pegawai.post(
        _url("api:skp-rekaman-tanda-tangan", skp), {"periode": "bulanan-3", "password": "x"}
    )
    assert response.status_code == 400
    assert "password" in response.json()
    response = pegawai.post(
        _url("api:skp-rekaman-tanda-tangan", skp), {"periode": "bulanan-3", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert [p["ditandatangani"] for p in response.json()["penandatangan"]] == [True, False]
    assert pegawai.get(_url("api:skp-rekaman-terbitkan", skp)).status_code == 405


# The page partial ---------------------------------------------------------------------------------------
def _aksi(skp, user):
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from umpanbalik import documents

    request = RequestFactory().get("/pelaksanaan/")
    request.user = user
    return render_to_string(
        "dokumen/b_1_aksi.html",
        {
            "keadaan": documents.keadaan_rekaman(skp, MARET, user),
            "cetak_url": _url("cetak_rekaman", skp, periode="bulanan-3"),
            "terbitkan_url": _url("rekaman_terbitkan", skp),
            "tanda_tangan_url": _url("rekaman_tanda_tangan", skp),
            "periode": "bulanan-3",
        },
        request=request,
    )


def test_the_page_partial_offers_issuing_to_the_leader_and_signing_to_whoever_is_next(data_rekaman, sumedang):
    from umpanbalik import documents

    skp, w = data_rekaman["skp"], sumedang
    assert "Terbitkan untuk ditandatangani" in _aksi(skp, w.users.penilai)
    assert "Terbitkan" not in _aksi(skp, w.users.pegawai)
    documents.rekaman_terbitkan(skp=skp, periode=MARET, by=w.users.penilai)
    html = _aksi(skp, w.users.pegawai)
    assert 'name="password"' in html and 'value="bulanan-3"' in html
    assert 'name="password"' not in _aksi(skp, w.users.penilai)
    assert "Menunggu tanda tangan Siti Aminah" in _aksi(skp, w.users.penilai)
