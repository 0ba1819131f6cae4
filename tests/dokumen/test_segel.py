"""Deferred sealing (settings.DOKUMEN_SEGEL_ASINKRON): the last signature only records it, a worker renders
and seals after commit; `segel` seals a document once however often it is asked, `pdf_untuk` seals on the
first read, and another Pemda cannot reach the document."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope

from dokumen import services, tasks
from dokumen.models import Dokumen, StatusDokumen
from kinerja.models import AuditEvent

from ..conftest import PASSWORD
from .pades import validasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def asinkron(settings):
    settings.DOKUMEN_SEGEL_ASINKRON = True


def tanda_tangani_semua(dokumen, world):
    services.tanda_tangani(dokumen=dokumen, user=world.users.pegawai, password=PASSWORD)
    services.tanda_tangani(dokumen=dokumen, user=world.users.penilai, password=PASSWORD)


def final_events(dokumen) -> int:
    return AuditEvent.objects.filter(aksi="dokumen_final", objek_id=dokumen.pk).count()


def test_the_last_signature_leaves_it_fully_signed_without_a_pdf_and_schedules_the_seal(
    asinkron, terbitkan, sumedang, django_capture_on_commit_callbacks, monkeypatch
):
    dokumen = terbitkan()
    dijadwalkan = []
    monkeypatch.setattr(tasks.segel_dokumen, "delay", lambda *args: dijadwalkan.append(args))
    with django_capture_on_commit_callbacks() as callbacks:
        tanda_tangani_semua(dokumen, sumedang)
        stored = Dokumen.objects.get(pk=dokumen.pk)
        assert stored.pdf is None and stored.pdf_sha256 == ""
        assert stored.status == StatusDokumen.MENUNGGU_TANDA_TANGAN
        assert services.lengkap_ditandatangani(stored)
        assert dijadwalkan == []  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert dijadwalkan == [(sumedang.sumedang.pk, dokumen.pk)]
    assert final_events(dokumen) == 0


def test_the_worker_seals_it_once_after_commit(
    asinkron, terbitkan, sumedang, django_capture_on_commit_callbacks
):
    dokumen = terbitkan()
    with django_capture_on_commit_callbacks(execute=True):
        tanda_tangani_semua(dokumen, sumedang)
    dokumen.refresh_from_db()
    assert dokumen.status == StatusDokumen.DITANDATANGANI and dokumen.final
    _, status = validasi(bytes(dokumen.pdf), dokumen.sertifikat.sertifikat_pem)
    assert status.bottom_line
    assert final_events(dokumen) == 1


def test_sealing_again_returns_false_and_changes_nothing(
    asinkron, terbitkan, sumedang, django_capture_on_commit_callbacks
):
    dokumen = terbitkan()
    with django_capture_on_commit_callbacks(execute=True):
        tanda_tangani_semua(dokumen, sumedang)
    dokumen.refresh_from_db()
    sha, pdf = dokumen.pdf_sha256, bytes(dokumen.pdf)
    assert services.segel(dokumen_id=dokumen.pk) is False
    assert tasks.segel_dokumen(sumedang.sumedang.pk, dokumen.pk) is False  # a redelivered task
    dokumen.refresh_from_db()
    assert dokumen.pdf_sha256 == sha and bytes(dokumen.pdf) == pdf
    assert final_events(dokumen) == 1


def test_the_first_read_of_a_signed_unsealed_document_seals_it(
    asinkron, terbitkan, sumedang, django_capture_on_commit_callbacks
):
    dokumen = terbitkan()
    with django_capture_on_commit_callbacks() as callbacks:  # the worker never comes
        tanda_tangani_semua(dokumen, sumedang)
    assert len(callbacks) == 1
    pdf = services.pdf_untuk(dokumen)
    dokumen.refresh_from_db()
    assert dokumen.status == StatusDokumen.DITANDATANGANI
    assert pdf == bytes(dokumen.pdf)
    _, status = validasi(pdf, dokumen.sertifikat.sertifikat_pem)
    assert status.bottom_line
    assert b"DRAF" not in pdf
    assert services.pdf_untuk(dokumen) == pdf  # read again: the stored PDF, not a new seal
    assert services.segel(dokumen_id=dokumen.pk) is False
    assert final_events(dokumen) == 1


def test_a_document_still_waiting_for_a_signer_is_not_sealed(asinkron, terbitkan, sumedang):
    dokumen = terbitkan()
    services.tanda_tangani(dokumen=dokumen, user=sumedang.users.pegawai, password=PASSWORD)
    with pytest.raises(ValidationError):
        services.segel(dokumen_id=dokumen.pk)
    stored = Dokumen.objects.get(pk=dokumen.pk)
    assert stored.pdf is None and stored.pdf_sha256 == ""
    assert stored.status == StatusDokumen.MENUNGGU_TANDA_TANGAN
    assert final_events(dokumen) == 0


def test_another_pemdas_scope_cannot_see_or_seal_it(
    asinkron, terbitkan, sumedang, django_capture_on_commit_callbacks
):
    dokumen = terbitkan()
    with django_capture_on_commit_callbacks():
        tanda_tangani_semua(dokumen, sumedang)
    with scope(pemda=sumedang.bogor.pk):
        assert not Dokumen.objects.filter(pk=dokumen.pk).exists()
        with pytest.raises(Dokumen.DoesNotExist):
            services.segel(dokumen_id=dokumen.pk)
    with pytest.raises(Dokumen.DoesNotExist):
        tasks.segel_dokumen(sumedang.bogor.pk, dokumen.pk)  # a task named with the wrong Pemda
    stored = Dokumen.objects.get(pk=dokumen.pk)
    assert stored.pdf is None and final_events(dokumen) == 0
