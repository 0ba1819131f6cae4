"""dokumen.services: issuing freezes a version, corrections supersede it, signers sign in order with their
password, and the last signature seals a PAdES PDF that pyHanko validates against the Pemda's certificate."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django_scopes import scope, scopes_disabled

from dokumen import services
from dokumen.models import Dokumen, FrozenRowError, Penandatangan, SertifikatPemda, StatusDokumen, TandaTangan
from kinerja.models import AuditEvent

from ..conftest import PASSWORD
from .conftest import TEMPLATE, konteks
from .pades import validasi

pytestmark = pytest.mark.django_db

only_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger on PostgreSQL only")


# Issuing and freezing -----------------------------------------------------------------------------------
def test_issuing_freezes_the_html_with_its_sha256(terbitkan):
    dokumen = terbitkan()
    assert dokumen.versi == 1
    assert dokumen.status == StatusDokumen.MENUNGGU_TANDA_TANGAN
    assert dokumen.html_sha256 == hashlib.sha256(dokumen.html.encode()).hexdigest()
    assert "Siti Aminah" in dokumen.html and "Budi Santoso" in dokumen.html
    stored = Dokumen.objects.get(pk=dokumen.pk)
    assert stored.html == dokumen.html and stored.html_sha256 == dokumen.html_sha256
    assert stored.pdf is None and stored.pdf_sha256 == ""


def test_the_signers_are_recorded_in_order_with_what_their_block_prints(terbitkan, sumedang):
    dokumen = terbitkan()
    rows = list(dokumen.penandatangan.order_by("urutan"))
    assert [(p.urutan, p.peran, p.user_id) for p in rows] == [
        (1, "pegawai", sumedang.users.pegawai.pk),
        (2, "penilai", sumedang.users.penilai.pk),
    ]
    assert rows[0].judul_peran == "Pegawai yang Dinilai"
    assert rows[1].nama == "Budi Santoso"
    assert rows[1].jabatan == "Kepala Seksi, Seksi Pengembangan Aplikasi, Dinas Komunikasi dan Informatika"
    assert rows[0].nip == sumedang.pegawai.nip_format


def test_issuing_is_audited(terbitkan, sumedang):
    dokumen = terbitkan()
    event = AuditEvent.objects.get(aksi="dokumen_terbitkan", objek_id=dokumen.pk)
    assert event.oleh == sumedang.users.penilai
    assert event.data["html_sha256"] == dokumen.html_sha256
    assert event.data["objek"] == f"kinerja.Pegawai#{sumedang.pegawai.pk}"


def test_the_model_refuses_to_change_a_frozen_field(terbitkan):
    dokumen = Dokumen.objects.get(pk=terbitkan().pk)
    dokumen.judul = "Judul lain"
    with pytest.raises(FrozenRowError):
        dokumen.save()
    dokumen = Dokumen.objects.get(pk=dokumen.pk)
    dokumen.html = dokumen.html.replace("Siti Aminah", "Orang Lain")
    with pytest.raises(ValidationError):  # the hash no longer matches
        dokumen.save()
    dokumen.html_sha256 = hashlib.sha256(dokumen.html.encode()).hexdigest()
    with pytest.raises(FrozenRowError):  # and with a matching hash it is still frozen
        dokumen.save()
    assert "Siti Aminah" in Dokumen.objects.get(pk=dokumen.pk).html


def test_the_model_refuses_to_delete_a_document_its_signers_or_signatures(ditandatangani):
    with pytest.raises(FrozenRowError):
        ditandatangani.delete()
    with pytest.raises(FrozenRowError):
        ditandatangani.penandatangan.first().delete()
    with pytest.raises(FrozenRowError):
        ditandatangani.tanda_tangan.first().delete()
    tanda_tangan = ditandatangani.tanda_tangan.first()
    tanda_tangan.html_sha256 = "0" * 64
    with pytest.raises(FrozenRowError):
        tanda_tangan.save()
    penandatangan = ditandatangani.penandatangan.first()
    penandatangan.nama = "Orang Lain"
    with pytest.raises(FrozenRowError):
        penandatangan.save()


def test_the_model_refuses_to_replace_the_final_pdf_or_go_back_in_status(ditandatangani):
    dokumen = Dokumen.objects.get(pk=ditandatangani.pk)
    dokumen.pdf = b"%PDF-1.7 lain"
    dokumen.pdf_sha256 = hashlib.sha256(dokumen.pdf).hexdigest()
    with pytest.raises(FrozenRowError):
        dokumen.save()
    dokumen = Dokumen.objects.get(pk=ditandatangani.pk)
    dokumen.status = StatusDokumen.MENUNGGU_TANDA_TANGAN
    with pytest.raises(FrozenRowError):
        dokumen.save()


def _sql(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@only_postgresql
def test_the_database_refuses_changes_that_bypass_the_model(ditandatangani):
    for change in (
        lambda: Dokumen.objects.filter(pk=ditandatangani.pk).update(judul="Diubah lewat update()"),
        lambda: Dokumen.objects.filter(pk=ditandatangani.pk).update(pdf=b"lain", pdf_sha256="0" * 64),
        lambda: Dokumen.objects.filter(pk=ditandatangani.pk).update(status="menunggu_tanda_tangan"),
        lambda: _sql("DELETE FROM dokumen_dokumen WHERE id = %s", [ditandatangani.pk]),
        lambda: _sql("UPDATE dokumen_dokumen SET html = 'lain' WHERE id = %s", [ditandatangani.pk]),
        lambda: TandaTangan.objects.filter(dokumen=ditandatangani).update(html_sha256="0" * 64),
        lambda: Penandatangan.objects.filter(dokumen=ditandatangani).update(nama="Orang Lain"),
        lambda: TandaTangan.objects.filter(dokumen=ditandatangani).delete(),
    ):
        with pytest.raises(DatabaseError) as excinfo, transaction.atomic():
            change()
        assert "tidak dapat" in str(excinfo.value)
    assert Dokumen.objects.get(pk=ditandatangani.pk).judul == "Contoh Dokumen Kinerja"


def test_a_new_version_supersedes_the_current_one_and_the_old_stays_readable(terbitkan, sumedang):
    pertama = terbitkan()
    kedua = terbitkan(konteks=konteks(sumedang, catatan="Perbaikan target."))
    pertama.refresh_from_db()
    assert (kedua.versi, kedua.status) == (2, StatusDokumen.MENUNGGU_TANDA_TANGAN)
    assert pertama.status == StatusDokumen.DIGANTIKAN
    assert pertama.diganti_oleh_id == kedua.pk
    assert "Perbaikan target." in kedua.html and "Perbaikan target." not in pertama.html
    assert pertama.token != kedua.token
    assert services.pdf_untuk(pertama).startswith(b"%PDF")
    assert AuditEvent.objects.filter(aksi="dokumen_digantikan", objek_id=pertama.pk).exists()


def test_a_signed_document_is_corrected_by_a_new_version(ditandatangani, terbitkan):
    kedua = terbitkan()
    lama = Dokumen.objects.get(pk=ditandatangani.pk)
    assert lama.status == StatusDokumen.DIGANTIKAN and lama.diganti_oleh_id == kedua.pk
    assert bytes(lama.pdf) == bytes(ditandatangani.pdf)  # still the same signed bytes
    assert services.pdf_untuk(lama) == bytes(ditandatangani.pdf)


def test_versions_are_counted_per_object_and_format(terbitkan, sumedang):
    terbitkan()
    assert terbitkan(format_kode="X.2").versi == 1
    assert terbitkan(objek=sumedang.rekan).versi == 1
    assert terbitkan().versi == 2


def test_issuing_for_another_pemdas_object_is_refused(terbitkan, sumedang):
    with pytest.raises(PermissionDenied):
        terbitkan(objek=sumedang.outsider)
    with scopes_disabled():
        assert not Dokumen.objects.filter(objek_id=sumedang.outsider.pk).exists()


def test_issuing_in_the_name_of_another_pemda_is_refused(terbitkan, sumedang):
    with pytest.raises(PermissionDenied):
        terbitkan(pemda_id=sumedang.bogor.pk)


def test_a_signer_from_another_pemda_is_refused(terbitkan, sumedang):
    with pytest.raises(PermissionDenied):
        terbitkan(penandatangan=[("pegawai", sumedang.users.pegawai), ("penilai", sumedang.users.outsider)])


def test_only_a_signer_or_an_admin_bkpsdm_may_issue(terbitkan, sumedang):
    with pytest.raises(PermissionDenied):
        terbitkan(by=sumedang.users.rekan)
    with pytest.raises(PermissionDenied):
        terbitkan(by=sumedang.users.outsider_admin)
    assert terbitkan(by=sumedang.users.admin).versi == 1


def test_an_unknown_role_is_refused(terbitkan, sumedang):
    with pytest.raises(ValidationError):
        terbitkan(penandatangan=[("sekda", sumedang.users.pegawai)])


# Signing ------------------------------------------------------------------------------------------------
def test_a_wrong_password_records_nothing(terbitkan, sumedang):
    dokumen = terbitkan()
    audit_before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as excinfo:
        services.tanda_tangani(dokumen=dokumen, user=sumedang.users.pegawai, password="salah-sandi")
    assert excinfo.value.message_dict["password"] == ["Kata sandi salah. Tanda tangan tidak dicatat."]
    assert not TandaTangan.objects.filter(dokumen=dokumen).exists()
    assert AuditEvent.objects.count() == audit_before
    assert Dokumen.objects.get(pk=dokumen.pk).status == StatusDokumen.MENUNGGU_TANDA_TANGAN


def test_someone_who_is_not_a_signer_is_refused(terbitkan, sumedang):
    dokumen = terbitkan()
    for orang in (sumedang.users.rekan, sumedang.users.admin, sumedang.users.outsider):
        with pytest.raises(PermissionDenied):
            services.tanda_tangani(dokumen=dokumen, user=orang, password=PASSWORD)
    assert not TandaTangan.objects.filter(dokumen=dokumen).exists()


def test_nobody_signs_for_someone_else(terbitkan, sumedang):
    dokumen = terbitkan()
    with pytest.raises(PermissionDenied):
        services.tanda_tangani(
            dokumen=dokumen, user=sumedang.users.pegawai, password=PASSWORD, by=sumedang.users.penilai
        )


def test_signers_sign_in_order(terbitkan, sumedang):
    dokumen = terbitkan()
    with pytest.raises(PermissionDenied) as excinfo:
        services.tanda_tangani(dokumen=dokumen, user=sumedang.users.penilai, password=PASSWORD)
    assert "Belum giliran Anda" in str(excinfo.value) and "Siti Aminah" in str(excinfo.value)
    pertama = services.tanda_tangani(dokumen=dokumen, user=sumedang.users.pegawai, password=PASSWORD)
    assert pertama.penandatangan.urutan == 1 and pertama.html_sha256 == dokumen.html_sha256
    assert Dokumen.objects.get(pk=dokumen.pk).status == StatusDokumen.MENUNGGU_TANDA_TANGAN
    with pytest.raises(ValidationError, match="sudah menandatangani"):
        services.tanda_tangani(dokumen=dokumen, user=sumedang.users.pegawai, password=PASSWORD)
    services.tanda_tangani(dokumen=dokumen, user=sumedang.users.penilai, password=PASSWORD)
    assert Dokumen.objects.get(pk=dokumen.pk).status == StatusDokumen.DITANDATANGANI
    assert list(AuditEvent.objects.filter(aksi="dokumen_tanda_tangani").values_list("oleh", flat=True)) == [
        sumedang.users.penilai.pk,
        sumedang.users.pegawai.pk,
    ]  # newest first


def test_a_superseded_document_cannot_be_signed(terbitkan, sumedang):
    pertama = terbitkan()
    terbitkan()
    with pytest.raises(ValidationError, match="digantikan"):
        services.tanda_tangani(dokumen=pertama, user=sumedang.users.pegawai, password=PASSWORD)


def test_a_fully_signed_document_cannot_be_signed_again(ditandatangani, sumedang):
    with pytest.raises(ValidationError):
        services.tanda_tangani(dokumen=ditandatangani, user=sumedang.users.penilai, password=PASSWORD)


# The final PDF and its PAdES seal -----------------------------------------------------------------------
def test_the_last_signature_stores_a_sealed_pdf_with_its_sha256(ditandatangani):
    pdf = bytes(ditandatangani.pdf)
    assert pdf.startswith(b"%PDF")
    assert ditandatangani.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    assert ditandatangani.ditandatangani_pada is not None
    assert ditandatangani.sertifikat.aktif
    assert services.pdf_untuk(ditandatangani) == pdf
    assert AuditEvent.objects.filter(aksi="dokumen_final", objek_id=ditandatangani.pk).exists()


def test_the_pades_signature_validates_against_the_pemda_certificate(ditandatangani):
    tanda_tangan, status = validasi(bytes(ditandatangani.pdf), ditandatangani.sertifikat.sertifikat_pem)
    assert tanda_tangan.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert status.coverage.name == "ENTIRE_FILE"
    subjek = status.signing_cert.subject.native
    assert subjek["common_name"] == "Pemerintah Kabupaten Sumedang"
    assert subjek["country_name"] == "ID"


def test_a_byte_changed_in_the_signed_range_breaks_the_signature(ditandatangani):
    pdf = bytearray(ditandatangani.pdf)
    # A byte inside the first content stream: the file still parses, but its digest no longer matches.
    posisi = pdf.index(b"stream\n") + len(b"stream\n") + 5
    pdf[posisi] ^= 0x01
    _, status = validasi(bytes(pdf), ditandatangani.sertifikat.sertifikat_pem)
    assert not status.intact
    assert not status.bottom_line


def test_another_certificate_is_not_trusted(ditandatangani, sumedang):
    with scope(pemda=sumedang.sumedang.pk):
        lain = services.sertifikat_pemda_ganti(pemda_id=sumedang.sumedang.pk, by=None, alasan="Uji")
    _, status = validasi(bytes(ditandatangani.pdf), lain.sertifikat_pem)
    assert status.intact and not status.trusted and not status.bottom_line


def test_a_document_without_signers_is_sealed_at_once(terbitkan):
    dokumen = terbitkan(penandatangan=[], by=None)
    assert dokumen.status == StatusDokumen.DITANDATANGANI
    _, status = validasi(bytes(dokumen.pdf), dokumen.sertifikat.sertifikat_pem)
    assert status.bottom_line


def test_the_preview_is_never_stored(terbitkan, sumedang):
    dokumen = terbitkan()
    pratinjau = services.pdf_untuk(dokumen)
    assert pratinjau.startswith(b"%PDF")
    stored = Dokumen.objects.get(pk=dokumen.pk)
    assert stored.pdf is None and stored.pdf_sha256 == ""


# The Pemda certificate ----------------------------------------------------------------------------------
def test_the_certificate_is_made_once_and_its_key_is_stored_encrypted(sumedang):
    pemda_id = sumedang.sumedang.pk
    pertama = services.sertifikat_pemda_pastikan(pemda_id=pemda_id)
    assert services.sertifikat_pemda_pastikan(pemda_id=pemda_id).pk == pertama.pk
    assert "ENCRYPTED PRIVATE KEY" in pertama.kunci_pem_terenkripsi
    assert pertama.subjek == "CN=Pemerintah Kabupaten Sumedang, O=Kabupaten Sumedang, C=ID"
    assert (pertama.berlaku_sampai - pertama.berlaku_mulai).days >= 365 * 5


def test_replacing_the_certificate_keeps_the_old_one_for_old_documents(ditandatangani, sumedang):
    lama = ditandatangani.sertifikat
    baru = services.sertifikat_pemda_ganti(
        pemda_id=sumedang.sumedang.pk, by=sumedang.users.admin, alasan="Rotasi"
    )
    assert SertifikatPemda.objects.get(pk=lama.pk).aktif is False
    assert baru.aktif and baru.sidik_jari_sha256 != lama.sidik_jari_sha256
    assert Dokumen.objects.get(pk=ditandatangani.pk).sertifikat_id == lama.pk


def test_after_a_replacement_documents_are_sealed_with_the_new_certificate(
    terbitkan, ditandatangani, sumedang
):
    # The signer is kept per process (dokumen.penanda): a new certificate must not be served the old one.
    baru = services.sertifikat_pemda_ganti(
        pemda_id=sumedang.sumedang.pk, by=sumedang.users.admin, alasan="Rotasi"
    )
    dokumen = terbitkan(penandatangan=[], by=None)
    assert dokumen.sertifikat_id == baru.pk
    _, status = validasi(bytes(dokumen.pdf), baru.sertifikat_pem)
    assert status.bottom_line
    _, status_lama = validasi(bytes(dokumen.pdf), ditandatangani.sertifikat.sertifikat_pem)
    assert not status_lama.trusted


def test_only_an_admin_bkpsdm_replaces_the_certificate(sumedang):
    with pytest.raises(PermissionDenied):
        services.sertifikat_pemda_ganti(pemda_id=sumedang.sumedang.pk, by=sumedang.users.penilai, alasan="x")
    with pytest.raises(PermissionDenied):
        services.sertifikat_pemda_ganti(
            pemda_id=sumedang.sumedang.pk, by=sumedang.users.outsider_admin, alasan="x"
        )


def test_the_template_can_be_any_document_template(terbitkan):
    assert TEMPLATE == "dokumen/contoh.html"
    dokumen = terbitkan(template="dokumen/contoh.html", konteks={})
    assert "FORMAT X.1" in dokumen.html


# Several documents at once (an SKP and its Lampiran) -----------------------------------------------------
def test_signing_several_documents_checks_the_password_once(terbitkan, sumedang, monkeypatch):
    from kinerja.models import User

    a, b = terbitkan(), terbitkan(format_kode="A.1.8")
    periksa = []
    asli = User.check_password
    monkeypatch.setattr(User, "check_password", lambda self, raw: periksa.append(raw) or asli(self, raw))
    hasil = services.tanda_tangani_semua(dokumen=[a, b], user=sumedang.users.pegawai, password=PASSWORD)
    assert len(hasil) == 2 and periksa == [PASSWORD]
    assert TandaTangan.objects.filter(dokumen__in=[a, b], user=sumedang.users.pegawai).count() == 2


def test_several_documents_are_signed_only_if_it_is_her_turn_on_every_one(terbitkan, sumedang):
    a, b = terbitkan(), terbitkan(format_kode="A.1.8")
    services.tanda_tangani(dokumen=b, user=sumedang.users.pegawai, password=PASSWORD)
    with pytest.raises(ValidationError, match="sudah menandatangani"):
        services.tanda_tangani_semua(dokumen=[a, b], user=sumedang.users.pegawai, password=PASSWORD)
    assert not TandaTangan.objects.filter(dokumen=a).exists()


def test_a_wrong_password_signs_none_of_them(terbitkan, sumedang):
    a, b = terbitkan(), terbitkan(format_kode="A.1.8")
    with pytest.raises(ValidationError):
        services.tanda_tangani_semua(dokumen=[a, b], user=sumedang.users.pegawai, password="salah")
    assert not TandaTangan.objects.filter(dokumen__in=[a, b]).exists()
