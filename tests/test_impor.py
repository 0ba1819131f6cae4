import csv
import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from kinerja.models import AuditEvent, Jabatan, JenisJabatan, Pegawai, Penempatan, User
from kinerja.services.impor import KOLOM, pegawai_ekspor, pegawai_impor

from .factories import JabatanFactory, PegawaiFactory, PenempatanFactory, make_nip

pytestmark = pytest.mark.django_db


def nip(urut: int, gender: int = 1) -> str:
    return make_nip(lahir=datetime.date(1990, 1, 1), tmt=(2015, 3), gender=gender, urut=urut)


def baris(nip_, nama, **kw) -> dict:
    row = {
        "nip": nip_,
        "nama": nama,
        "gelar_depan": "",
        "gelar_belakang": "",
        "jenis_asn": "PNS",
        "golongan": "III/a",
        "email": "",
        "telepon": "",
        "unit_kode": "D01.B1.S1",
        "jabatan": "Pengelola Aplikasi",
        "jenis_jabatan": "",
        "tmt_jabatan": "2024-01-02",
    }
    row.update(kw)
    return row


def as_csv(rows, delimiter=",", encoding="utf-8-sig", header=KOLOM) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(k, "") for k in KOLOM])
    return out.getvalue().encode(encoding)


def as_xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([k.upper() for k in KOLOM])
    for row in rows:
        ws.append([row.get(k) for k in KOLOM])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def counts():
    with scopes_disabled():
        return (
            Pegawai.objects.count(),
            Penempatan.objects.count(),
            User.objects.count(),
            Jabatan.objects.count(),
        )


def impor(world, data: bytes, filename="pegawai.csv", by=None):
    by = by or world.users.admin
    return pegawai_impor(pemda_id=by.pemda_id, file=io.BytesIO(data), filename=filename, by=by)


def test_valid_csv_creates_pegawai_accounts_and_placements(world, login):
    rows = [
        baris(nip(1), "Agus Salim", gelar_belakang="S.Kom.", email="agus@example.go.id", telepon="0812"),
        baris(nip(2, 2), "Rina Wati", jenis_asn="PPPK", golongan="ix"),
        baris(nip(3), "Joko Susilo", jabatan="Analis Data", jenis_jabatan="fungsional", unit_kode="d01.b1"),
    ]
    client = login(world.users.admin)
    upload = SimpleUploadedFile("pegawai.csv", as_csv(rows), content_type="text/csv")

    response = client.post(reverse("pegawai_impor"), {"berkas": upload}, follow=True)

    assert response.status_code == 200
    assert "3 Pegawai baru" in response.content.decode()
    with scopes_disabled():
        agus = Pegawai.objects.get(pemda=world.sumedang, nip=nip(1))
        assert agus.gelar_belakang == "S.Kom." and agus.golongan.kode == "III/a"
        assert agus.telepon == "0812" and agus.tanggal_lahir == datetime.date(1990, 1, 1)
        akun = User.objects.get(pegawai=agus)
        assert akun.username == nip(1) and not akun.has_usable_password()
        assert agus.penempatan.get().jabatan == world.pelaksana
        rina = Pegawai.objects.get(nip=nip(2, 2))
        assert rina.jenis_asn == "PPPK" and rina.golongan.kode == "IX"
        joko = Penempatan.objects.get(pegawai__nip=nip(3))
        assert joko.jabatan.nama == "Analis Data" and joko.jabatan.unit == world.bidang
        assert joko.jabatan.jenis == JenisJabatan.FUNGSIONAL and not joko.jabatan.memimpin_unit
        assert joko.mulai == datetime.date(2024, 1, 2)
        event = AuditEvent.objects.get(aksi="pegawai_impor")
        assert event.data["baru"] == 3 and event.oleh == world.users.admin


def test_valid_xlsx_with_date_cells_creates_pegawai_likewise(world):
    rows = [
        baris(nip(4), "Dian Sastro", tmt_jabatan=datetime.datetime(2023, 7, 1)),
        baris(nip(5, 2), "Maya Sari", tmt_jabatan="2023-08-01"),
    ]
    before = counts()

    result = impor(world, as_xlsx(rows), filename="Pegawai.XLSX")

    assert result.ok, result.errors
    assert result.created == 2
    after = counts()
    assert (after[0] - before[0], after[1] - before[1], after[2] - before[2]) == (2, 2, 2)
    with scopes_disabled():
        assert Penempatan.objects.get(pegawai__nip=nip(4)).mulai == datetime.date(2023, 7, 1)


def test_bad_rows_change_nothing_and_each_is_reported_on_its_row(world):
    rows = [
        baris(nip(6), "Baik Sekali"),  # row 2: fine
        baris("19901301201503", "NIP Pendek"),  # row 3
        baris(nip(7), "Unit Salah", unit_kode="X99"),  # row 4
        baris(nip(6), "Kembar"),  # row 5: same NIP as row 2
        baris(nip(8), "Golongan Salah", golongan="IX"),  # row 6: a PPPK golongan for a PNS
        baris(nip(9), "", email="bukan-email", tmt_jabatan="31-01-2024"),  # row 7
    ]
    before = counts()

    result = impor(world, as_csv(rows))

    assert not result.ok
    assert counts() == before
    found = {(e.baris, e.kolom) for e in result.errors}
    assert found == {
        (3, "nip"),
        (4, "unit_kode"),
        (5, "nip"),
        (6, "golongan"),
        (7, "nama"),
        (7, "email"),
        (7, "tmt_jabatan"),
    }
    pesan = {(e.baris, e.kolom): e.pesan for e in result.errors}
    assert pesan[(3, "nip")] == "NIP harus 18 digit angka."
    assert "baris 2" in pesan[(5, "nip")]
    assert "unit tidak dikenal" in pesan[(4, "unit_kode")]
    assert result.created == 0
    with scopes_disabled():
        assert not AuditEvent.objects.filter(aksi="pegawai_impor").exists()


def test_an_error_surfacing_while_writing_rolls_back_the_whole_import(world):
    """A leading jabatan already held: the new Pegawai of row 2 must not stay behind."""
    rows = [
        baris(nip(10), "Orang Baru"),
        baris(world.rekan.nip, world.rekan.nama, jabatan="Kepala Seksi", tmt_jabatan="2024-02-01"),
    ]
    before = counts()

    result = impor(world, as_csv(rows))

    assert [(e.baris, e.kolom) for e in result.errors] == [(3, "jabatan")]
    assert "masih diduduki" in result.errors[0].pesan
    assert counts() == before


def test_a_new_jabatan_for_an_existing_pegawai_is_a_mutasi_that_keeps_history(world):
    rows = [
        baris(
            world.pegawai.nip,
            "Siti Aminah",
            gelar_depan="Dr.",
            golongan="III/b",
            unit_kode="D02",
            jabatan="Analis SDM",
            tmt_jabatan="2024-03-01",
        )
    ]

    result = impor(world, as_csv(rows, delimiter=";"))

    assert result.ok, result.errors
    assert (result.created, result.updated, result.moved) == (0, 1, 1)
    with scopes_disabled():
        riwayat = list(Penempatan.objects.filter(pegawai=world.pegawai).order_by("mulai"))
        assert [p.jabatan.nama for p in riwayat] == ["Pengelola Aplikasi", "Analis SDM"]
        assert riwayat[0].selesai == datetime.date(2024, 2, 29)
        assert riwayat[1].selesai is None and riwayat[1].mulai == datetime.date(2024, 3, 1)
        siti = Pegawai.objects.get(pk=world.pegawai.pk)
        assert siti.gelar_depan == "Dr." and siti.golongan.kode == "III/b"
        assert AuditEvent.objects.filter(aksi="pegawai_mutasi", objek_id=siti.pk).exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_reimport_is_a_no_op(world, fmt):
    with scopes_disabled():
        PegawaiFactory(pemda=world.sumedang, nama="Tanpa Jabatan", gelar_belakang="S.E.")
    data = pegawai_ekspor(pemda_id=world.sumedang.pk, fmt=fmt)
    before = counts()

    result = impor(world, data, filename=f"ekspor.{fmt}")

    assert result.ok, result.errors
    assert (result.created, result.updated, result.moved) == (0, 0, 0)
    assert result.unchanged == 7  # six personas and one without a jabatan
    assert counts() == before


def test_csv_in_windows_1252_is_read(world):
    result = impor(world, as_csv([baris(nip(11), "José Rizal")], encoding="cp1252"))

    assert result.ok, result.errors
    with scopes_disabled():
        assert Pegawai.objects.get(nip=nip(11)).nama == "José Rizal"


def test_nip_typed_as_a_number_in_excel_is_refused_not_corrupted(world):
    rows = [
        baris(float(nip(12)), "Angka Float"),
        baris("1.99001012E+17", "Angka Ilmiah"),
        baris(int(nip(16)), "Angka Utuh"),  # spreadsheet writers store it as 1.99001012015031e+17
    ]

    result = impor(world, as_xlsx(rows), filename="pegawai.xlsx")

    assert [(e.baris, e.kolom) for e in result.errors] == [(2, "nip"), (3, "nip"), (4, "nip")]
    assert all("NIP harus diisi sebagai teks" in e.pesan for e in result.errors)


def test_outsider_admin_cannot_place_into_a_sumedang_unit(world):
    before = counts()

    result = impor(world, as_csv([baris(nip(13), "Penyusup")]), by=world.users.outsider_admin)

    assert [(e.baris, e.kolom) for e in result.errors] == [(2, "unit_kode")]
    assert "unit tidak dikenal" in result.errors[0].pesan
    assert counts() == before


def test_outsider_admins_export_holds_no_sumedang_nip(world, login):
    response = login(world.users.outsider_admin).get(reverse("pegawai_ekspor", args=["csv"]))

    assert response.status_code == 200
    isi = response.content.decode("utf-8-sig")
    assert world.outsider.nip in isi
    for p in (world.pegawai, world.kadis, world.admin_pegawai):
        assert p.nip not in isi


def test_export_returns_a_named_file_of_the_right_type(world, login):
    client = login(world.users.admin)
    today = datetime.date.today()

    response = client.get(reverse("pegawai_ekspor", args=["xlsx"]))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="pegawai-sumedang-{today:%Y-%m-%d}.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == list(KOLOM)
    assert sheet.max_row == 7  # header and the six Sumedang personas
    assert client.get(reverse("pegawai_ekspor", args=["pdf"])).status_code == 404
    templat = client.get(reverse("pegawai_ekspor", args=["csv"]) + "?template=1")
    assert templat.content.decode("utf-8-sig").strip() == ",".join(KOLOM)


# Two reads, plus the tenant transaction (savepoint and release; PostgreSQL also sets the RLS tenant).
EXPORT_QUERIES = 5


def test_export_runs_a_fixed_number_of_queries(world, max_queries):
    with max_queries(EXPORT_QUERIES):
        pegawai_ekspor(pemda_id=world.sumedang.pk, fmt="xlsx")
    jabatan = JabatanFactory(unit=world.seksi, nama="Pengadministrasi")
    for _ in range(30):
        PenempatanFactory(pegawai=PegawaiFactory(pemda=world.sumedang), jabatan=jabatan)
    with max_queries(EXPORT_QUERIES):
        data = pegawai_ekspor(pemda_id=world.sumedang.pk, fmt="csv")
    assert data.decode("utf-8-sig").count("Pengadministrasi") == 30


def test_only_bkpsdm_admins_may_import_or_export(world, login, client):
    url = reverse("pegawai_impor")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for user in (world.users.pegawai, world.users.penilai, world.users.bupati):
        c = login(user)
        assert c.get(url).status_code == 403
        assert c.post(url, {"berkas": SimpleUploadedFile("a.csv", b"nip")}).status_code == 403
        assert c.get(reverse("pegawai_ekspor", args=["csv"])).status_code == 403
    with pytest.raises(PermissionDenied):
        impor(world, as_csv([baris(nip(14), "X")]), by=world.users.penilai)


def test_the_page_explains_the_columns_and_offers_the_template(world, login):
    response = login(world.users.admin).get(reverse("pegawai_impor"))

    assert response.status_code == 200
    isi = response.content.decode()
    for kolom in KOLOM:
        assert kolom in isi
    assert "?template=1" in isi


def test_a_garbage_xlsx_gives_a_clear_error_not_a_500(world, login):
    client = login(world.users.admin)
    before = counts()
    upload = SimpleUploadedFile("pegawai.xlsx", b"\x00\x01garbage" * 100)

    response = client.post(reverse("pegawai_impor"), {"berkas": upload})

    assert response.status_code == 400
    assert "bukan XLSX yang sah" in response.content.decode()
    assert counts() == before


def test_other_file_types_are_refused_with_a_message(world, login):
    upload = SimpleUploadedFile("pegawai.xls", b"whatever")

    response = login(world.users.admin).post(reverse("pegawai_impor"), {"berkas": upload})

    assert response.status_code == 400
    assert "tidak didukung" in response.content.decode()


def test_error_table_shows_row_column_and_message(world, login):
    upload = SimpleUploadedFile("pegawai.csv", as_csv([baris(nip(15), "A", unit_kode="B01")]))

    response = login(world.users.admin).post(reverse("pegawai_impor"), {"berkas": upload})

    assert response.status_code == 400
    isi = response.content.decode()
    assert "<td>2</td><td>unit_kode</td>" in isi and "unit tidak dikenal" in isi


def test_a_new_email_reaches_the_account_so_the_reset_link_goes_there(world):
    row = baris(
        world.pegawai.nip,
        world.pegawai.nama,
        email="siti.baru@sumedangkab.go.id",
        golongan=world.pegawai.golongan.kode if world.pegawai.golongan_id else "",
    )
    result = impor(world, as_csv([row]))
    assert result.ok, result.errors
    with scopes_disabled():
        assert Pegawai.objects.get(pk=world.pegawai.pk).email == "siti.baru@sumedangkab.go.id"
        assert User.objects.get(pegawai=world.pegawai).email == "siti.baru@sumedangkab.go.id"
        # Nobody else's account changed.
        assert User.objects.get(pegawai=world.rekan).email != "siti.baru@sumedangkab.go.id"
