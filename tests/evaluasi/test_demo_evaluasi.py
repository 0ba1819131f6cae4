"""`manage.py seed_demo_evaluasi`: after the pelaksanaan demo, the last two ended periods of Indragiri Hulu's
monthly cycle are open; the older one is evaluated and signed by both sides, in the newer one the demo Pegawai
waits for her signature and her colleague for the Penilai; a second run adds nothing. "Today" is 30 November
2026 (the clock's own override, so the seeding's "as of a day in the window" works as in production)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from dokumen.models import Dokumen, StatusDokumen
from evaluasi.models import Evaluasi, PeriodeEvaluasi, StatusEvaluasi
from kinerja.models import Pemda
from kinerja.scoping import tenant_context
from kinerja.services import seed
from skp import waktu

pytestmark = pytest.mark.django_db
SLUG = "indragiri-hulu"


@pytest.fixture(autouse=True)
def hari():
    token = waktu._tanggal_tetap.set(datetime.date(2026, 11, 30))
    yield
    waktu._tanggal_tetap.reset(token)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def jalankan(perintah) -> str:
    out = io.StringIO()
    call_command(perintah, "--pemda", SLUG, stdout=out, stderr=out)
    return out.getvalue()


def test_demo_evaluasi_oktober_selesai_november_menunggu():
    seed.seed_demo(slugs=[SLUG], n_pegawai=60)
    jalankan("seed_demo_pelaksanaan")
    keluaran = jalankan("seed_demo_evaluasi")
    assert "Oktober 2026" in keluaran and "November 2026" in keluaran, keluaran
    with scopes_disabled():
        pemda = Pemda.objects.get(slug=SLUG)
    with tenant_context(pemda.pk):
        rantai = seed.rantai_demo(pemda.pk)
        oktober = PeriodeEvaluasi.objects.get(jenis="bulanan", nomor=10, tahun=2026)
        november = PeriodeEvaluasi.objects.get(jenis="bulanan", nomor=11, tahun=2026)
        selesai = Evaluasi.objects.filter(periode=oktober, penilai_id=rantai.penilai)
        assert selesai.count() >= 2
        assert set(selesai.values_list("status", flat=True)) == {StatusEvaluasi.SELESAI}
        demo = Evaluasi.objects.get(periode=november, pegawai_id=rantai.pegawai)
        assert demo.status == StatusEvaluasi.MENUNGGU_PEGAWAI and demo.predikat == "butuh_perbaikan"
        lain = Evaluasi.objects.filter(periode=november, penilai_id=rantai.penilai).exclude(pk=demo.pk)
        assert lain and set(lain.values_list("status", flat=True)) == {StatusEvaluasi.BELUM_DINILAI}
        d11 = Dokumen.objects.get(objek_id=demo.pk, format_kode="D.1.1")
        assert d11.status == StatusDokumen.MENUNGGU_TANDA_TANGAN
        sebelum = Evaluasi.objects.count(), Dokumen.objects.count()
    assert "sudah dibuka" in jalankan("seed_demo_evaluasi")
    with tenant_context(pemda.pk):
        assert (Evaluasi.objects.count(), Dokumen.objects.count()) == sebelum
