"""`manage.py sertifikat_pemda`: makes each Pemda's certificate once, replaces it with --ganti."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from dokumen.models import SertifikatPemda
from kinerja.models import AuditEvent

pytestmark = pytest.mark.django_db


def _jalankan(*args) -> str:
    keluaran = io.StringIO()
    call_command("sertifikat_pemda", *args, stdout=keluaran)
    return keluaran.getvalue()


def test_every_pemda_gets_one_certificate_and_a_second_run_keeps_it(world):
    pertama = _jalankan()
    assert "sumedang: baru" in pertama and "bogor: baru" in pertama
    kedua = _jalankan()
    assert "sumedang: sudah ada" in kedua and "bogor: sudah ada" in kedua
    with scopes_disabled():
        assert SertifikatPemda.objects.filter(pemda=world.sumedang).count() == 1
        assert SertifikatPemda.objects.filter(pemda=world.bogor).count() == 1


def test_ganti_replaces_the_certificate_of_one_pemda(world):
    _jalankan()
    keluaran = _jalankan("--pemda", "sumedang", "--ganti", "--alasan", "Kunci bocor")
    assert keluaran.startswith("sumedang: diganti") and "bogor" not in keluaran
    with scopes_disabled():
        assert SertifikatPemda.objects.filter(pemda=world.sumedang).count() == 2
        assert SertifikatPemda.objects.filter(pemda=world.sumedang, aktif=True).count() == 1
        assert AuditEvent.objects.get(aksi="sertifikat_pemda_ganti").alasan == "Kunci bocor"


def test_an_unknown_pemda_is_an_error(world):
    with pytest.raises(CommandError):
        _jalankan("--pemda", "tidak-ada")
