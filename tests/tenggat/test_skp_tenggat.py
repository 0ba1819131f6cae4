"""The SKP deadline watched: on 25 January 2027 the Pegawai without a set SKP and her Penilai are reminded (once,
however often the run repeats); on 1 February the escalation to the Atasan Penilai is recorded with its rule,
she is told, and she may act on the SKP."""

import datetime

import pytest
from django.core import mail
from django_scopes import scopes_disabled

from kinerja.models import User
from kinerja.scoping import tenant_context
from skp.models import Pemberitahuan
from skp.permissions import peran_penilai
from tenggat.models import Eskalasi, Pengingat
from tenggat.proses import proses_pemda
from tests.skp import bantu

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def hari(monkeypatch):
    sekarang = {"tanggal": D(2027, 1, 25)}
    monkeypatch.setattr("skp.waktu.hari_ini", lambda pemda_id: sekarang["tanggal"])

    def pindah(tanggal):
        sekarang["tanggal"] = tanggal

    return pindah


def _pemberitahuan(pegawai):
    with scopes_disabled():
        return list(
            Pemberitahuan.objects.filter(penerima=pegawai, jenis="tenggat").values_list("pesan", flat=True)
        )


def test_25_januari_mengingatkan_pegawai_dan_penilai_sekali(
    world, hari, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with scopes_disabled():
        User.objects.filter(pk=world.users.pegawai.pk).update(email="siti.aminah@sumedangkab.go.id")
    with django_capture_on_commit_callbacks(execute=True):
        hasil = proses_pemda(world.sumedang.pk, D(2027, 1, 25))
    assert hasil.pengingat >= 2
    untuk_pegawai = _pemberitahuan(world.pegawai)
    assert len(untuk_pegawai) == 1 and "SKP 2027 Siti Aminah belum ditetapkan" in untuk_pegawai[0]
    assert "4 hari kerja lagi" in untuk_pegawai[0]
    assert any("Siti Aminah" in p for p in _pemberitahuan(world.penilai))
    # The Penilai's reminders about her two Pegawai come as one notice (her own SKP's apart).
    tentang_bawahan = [p for p in _pemberitahuan(world.penilai) if "Siti Aminah" in p]
    assert len(tentang_bawahan) == 1 and "Rudi Hartono" in tentang_bawahan[0]
    with scopes_disabled():
        tautan = dict(Pemberitahuan.objects.filter(jenis="tenggat").values_list("penerima_id", "tautan"))
        tentang_siti = Pemberitahuan.objects.filter(penerima=world.penilai, pesan__contains="Siti Aminah")
        assert set(tentang_siti.values_list("tautan", flat=True)) == {"/skp/menunggu/"}  # her inbox
        assert tautan[world.pegawai.pk] == "/skp/"  # her own SKP
    with scopes_disabled():
        langkah = set(Pengingat.objects.filter(penerima=world.pegawai).values_list("langkah", flat=True))
    assert langkah == {"h-7"}
    assert sum("siti.aminah@sumedangkab.go.id" in m.to for m in mail.outbox) == 1
    with scopes_disabled():
        assert Pengingat.objects.get(penerima=world.pegawai).surel_terkirim_pada is not None
    # The same day again, and the next day (still inside the h-7 step): nothing new.
    assert proses_pemda(world.sumedang.pk, D(2027, 1, 25)).pengingat == 0
    assert proses_pemda(world.sumedang.pk, D(2027, 1, 26)).pengingat == 0
    # 28 January: 2 working days left, the next step.
    assert proses_pemda(world.sumedang.pk, D(2027, 1, 28)).pengingat >= 2
    assert len(_pemberitahuan(world.pegawai)) == 2


def test_pegawai_dengan_skp_ditetapkan_tidak_diingatkan(world, hari):
    hari(D(2027, 1, 12))
    with tenant_context(world.sumedang.pk):
        bantu.sampai_ditetapkan(world, bantu.draft(world, tahun=2027))
    proses_pemda(world.sumedang.pk, D(2027, 1, 25))
    assert _pemberitahuan(world.pegawai) == []
    assert _pemberitahuan(world.rekan)  # her colleague has none set


def test_1_februari_eskalasi_ke_atasan_penilai(world, hari):
    hari(D(2027, 1, 12))
    with tenant_context(world.sumedang.pk):
        skp = bantu.ajukan(world, bantu.draft(world, tahun=2027))
    hari(D(2027, 2, 1))
    with tenant_context(world.sumedang.pk):
        assert peran_penilai(skp, world.users.atasan, hari_ini=D(2027, 1, 29), bulan_batas=1) is None
    hasil = proses_pemda(world.sumedang.pk, D(2027, 2, 1))
    assert hasil.eskalasi >= 1
    with scopes_disabled():
        eskalasi = Eskalasi.objects.get(objek_jenis="kinerja.Pegawai/2027", objek_id=world.pegawai.pk)
        assert eskalasi.jenis == "skp_ke_atasan" and eskalasi.batas == D(2027, 1, 31)
        assert "Penetapan SKP" in eskalasi.aturan and world.atasan.pk in eskalasi.kepada
        pesan = list(
            Pemberitahuan.objects.filter(penerima=world.atasan, jenis="eskalasi").values_list(
                "pesan", flat=True
            )
        )
    assert any("Siti Aminah" in p for p in pesan)
    with tenant_context(world.sumedang.pk):
        assert (
            peran_penilai(skp, world.users.atasan, hari_ini=D(2027, 2, 1), bulan_batas=1) == "atasan_penilai"
        )
    # Recorded once.
    assert proses_pemda(world.sumedang.pk, D(2027, 2, 2)).eskalasi == 0
