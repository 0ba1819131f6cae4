"""`manage.py run_deadlines --date YYYY-MM-DD [--pemda SLUG]`: a replay of any day. On the world it prints the
counts and one line per reminder, and a second run prints nothing new; bad input is a CommandError with a
clear message. Tried as a new user on the demo data: the seeded Pemda's demo accounts get their notifications
in the bell and their email (console in the demo, locmem here)."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_scopes import scopes_disabled

from evaluasi import jendela
from evaluasi.models import Evaluasi, PeriodeEvaluasi, StatusEvaluasi
from kinerja.models import Pemda, PengaturanPemda, User
from kinerja.scoping import tenant_context
from kinerja.services import seed
from skp import waktu
from skp.models import Pemberitahuan
from tenggat.models import Pengingat

pytestmark = pytest.mark.django_db
D = datetime.date


def jalankan(*args) -> str:
    out = io.StringIO()
    call_command("run_deadlines", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_replay_25_januari_mencetak_jumlah_lalu_nol(world, django_capture_on_commit_callbacks):
    with scopes_disabled():
        User.objects.filter(pk=world.users.pegawai.pk).update(email="siti.aminah@sumedangkab.go.id")
    with django_capture_on_commit_callbacks(execute=True):
        keluaran = jalankan("--date", "2027-01-25", "--pemda", "sumedang")
    assert "Kabupaten Sumedang 25-01-2027:" in keluaran, keluaran
    assert "Kabupaten Bogor" not in keluaran
    with scopes_disabled():
        jumlah = Pengingat.objects.filter(pemda=world.sumedang).count()
        assert not Pengingat.objects.filter(pemda=world.bogor).exists()
    assert jumlah >= 2 and f"{jumlah} pengingat, 0 eskalasi." in keluaran
    assert f"  - pengingat skp_penetapan h-7 -> Pegawai#{world.pegawai.pk}" in keluaran.splitlines()
    assert f"  - pengingat skp_penetapan h-7 -> Pegawai#{world.penilai.pk}" in keluaran.splitlines()
    assert [m.to for m in mail.outbox].count(["siti.aminah@sumedangkab.go.id"]) == 1

    kedua = jalankan("--date", "2027-01-25", "--pemda", "sumedang")
    assert "0 pengingat, 0 eskalasi." in kedua and "  - " not in kedua
    with scopes_disabled():
        assert Pengingat.objects.filter(pemda=world.sumedang).count() == jumlah


def test_semua_pemda_tanpa_pilihan(world):
    keluaran = jalankan("--date", "2027-02-01")
    assert "Kabupaten Sumedang 01-02-2027:" in keluaran and "Kabupaten Bogor 01-02-2027:" in keluaran
    assert "eskalasi skp_ke_atasan kinerja.Pegawai/2027#" in keluaran


@pytest.mark.parametrize("tanggal", ["2027-13-01", "25-01-2027", "besok", "2027-02-30"])
def test_tanggal_tidak_sah(world, tanggal):
    with pytest.raises(CommandError, match=f"Tanggal '{tanggal}' tidak sah; pakai YYYY-MM-DD"):
        jalankan("--date", tanggal)
    with scopes_disabled():
        assert not Pengingat.objects.exists()


def test_pemda_tidak_dikenal(world):
    with pytest.raises(CommandError, match="Pemda tidak dikenal: atlantis"):
        jalankan("--date", "2027-01-25", "--pemda", "sumedang", "atlantis")
    with scopes_disabled():
        assert not Pengingat.objects.exists()


# --- tried as a new user: the demo of one Pemda ------------------------------------------------------------

SLUG = "indragiri-hulu"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    token = waktu._tanggal_tetap.set(D(2026, 11, 30))  # as tests/evaluasi/test_demo_evaluasi.py
    try:
        seed.seed_demo(slugs=[SLUG], n_pegawai=60)
        for perintah in ("seed_demo_pelaksanaan", "seed_demo_evaluasi"):
            call_command(perintah, "--pemda", SLUG, stdout=io.StringIO(), stderr=io.StringIO())
    finally:
        waktu._tanggal_tetap.reset(token)
    with scopes_disabled():
        pemda = Pemda.objects.get(slug=SLUG)
    with tenant_context(pemda.pk):
        return pemda, seed.rantai_demo(pemda.pk)


def _lonceng(pemda, pegawai_id, jenis):
    with tenant_context(pemda.pk):
        return list(
            Pemberitahuan.objects.filter(
                penerima_id=pegawai_id, jenis=jenis, dibaca_pada__isnull=True
            ).values_list("pesan", flat=True)
        )


def _alamat(pegawai_id):
    with scopes_disabled():
        return User.objects.filter(pegawai_id=pegawai_id).values_list("email", flat=True).get()


def test_demo_run_deadlines_mengisi_lonceng_dan_surel(
    demo, settings, capsys, django_capture_on_commit_callbacks
):
    pemda, rantai = demo
    with tenant_context(pemda.pk):
        pengaturan = PengaturanPemda.objects.get()
        november = PeriodeEvaluasi.objects.get(jenis="bulanan", nomor=11, tahun=2026)
        menunggu = Evaluasi.objects.get(periode=november, pegawai_id=rantai.pegawai)
        assert menunggu.status == StatusEvaluasi.MENUNGGU_PEGAWAI
        batas_ttd = jendela.batas_pegawai(menunggu, pengaturan)
        batas_penilai = jendela.batas_evaluasi(november, pengaturan)
    assert batas_ttd and _alamat(rantai.pegawai) and _alamat(rantai.penilai)

    # The demo Pegawai's signature window: on its last day she is reminded ("hari ini"), in the bell and by email.
    with django_capture_on_commit_callbacks(execute=True):
        keluaran = jalankan("--date", batas_ttd.isoformat(), "--pemda", SLUG)
    assert f"Indragiri Hulu {batas_ttd:%d-%m-%Y}:" in keluaran, keluaran
    assert f"  - pengingat evaluasi_pegawai h0 -> Pegawai#{rantai.pegawai}" in keluaran.splitlines(), keluaran
    lonceng = _lonceng(pemda, rantai.pegawai, "tenggat")
    assert len(lonceng) == 1 and "hari ini" in lonceng[0], lonceng
    assert sum(_alamat(rantai.pegawai) in m.to for m in mail.outbox) == 1
    if batas_ttd <= batas_penilai:
        # The Penilai still has colleagues' evaluations to do in the same period.
        assert _lonceng(pemda, rantai.penilai, "tenggat")

    # 25 January 2027, the SKP deadline near: the demo accounts are reminded; the email goes to the console.
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    capsys.readouterr()
    with django_capture_on_commit_callbacks(execute=True):
        keluaran = jalankan("--date", "2027-01-25", "--pemda", SLUG)
    assert f"  - pengingat skp_penetapan h-7 -> Pegawai#{rantai.pegawai}" in keluaran.splitlines(), keluaran
    skp = [p for p in _lonceng(pemda, rantai.pegawai, "tenggat") if "SKP 2027" in p]
    assert len(skp) == 1 and "belum ditetapkan" in skp[0]
    assert any("SKP 2027" in p for p in _lonceng(pemda, rantai.penilai, "tenggat"))
    konsol = capsys.readouterr().out
    assert "Subject: [Kinerja] Pengingat tenggat" in konsol and f"To: {_alamat(rantai.pegawai)}" in konsol
