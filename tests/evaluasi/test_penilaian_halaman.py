"""The rating pages: the Pegawai's list, the evaluator's work in a period, the rating page of one Pegawai, and
their actions (status codes, messages on bad input, who may act)."""

import pytest
from django.urls import reverse

from evaluasi.models import Evaluasi, StatusEvaluasi

from . import bantu
from .conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def maret(skp_berjalan, sumedang, hari):
    """March 2026 opened on its last day, with the seksi's capaian set; the Pegawai's evaluation."""
    hari(D(2026, 3, 31))
    p = bantu.buka(sumedang)
    bantu.capaian(sumedang, p)
    return bantu.evaluasi_pegawai(p, sumedang.pegawai)


def test_halaman_penilai_menampilkan_pegawai_saran_capaian_dan_grafik(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    r = c.get(reverse("evaluasi_penilai"))
    assert r.status_code == 200
    html = r.content.decode()
    assert sumedang.pegawai.nama_lengkap in html
    assert f'id="baris-{maret.pk}"' in html
    assert "Capaian organisasi: Baik" in html
    assert "<svg" in html and "grafik-distribusi" in html
    assert 'id="batas-evaluasi"' in html


def test_halaman_penilai_tanpa_pekerjaan(maret, sumedang, login):
    r = login(sumedang.users.rekan).get(reverse("evaluasi_penilai"))
    assert r.status_code == 200
    assert 'id="tanpa-periode"' in r.content.decode()


def test_halaman_detail_dan_nilai_lalu_tandatangani(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    url = reverse("evaluasi_detail", args=[maret.pk])
    r = c.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="form-nilai"' in html and 'id="saran"' in html and 'id="kuadran"' in html
    # The suggestion is shown beside the choices, never preselected.
    assert 'value="sesuai" selected' not in html
    r = c.post(
        reverse("evaluasi_nilai", args=[maret.pk]), {"rating_hasil": "di_atas", "rating_perilaku": "sesuai"}
    )
    assert r.status_code == 302
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.DINILAI and maret.predikat == "baik"
    r = c.post(reverse("evaluasi_tandatangani", args=[maret.pk]), {"password": "salah"})
    assert r.status_code == 400
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.DINILAI
    r = c.post(reverse("evaluasi_tandatangani", args=[maret.pk]), {"password": bantu.PASSWORD})
    assert r.status_code == 302
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.MENUNGGU_PEGAWAI


def test_rating_kosong_400_dengan_pesan(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    r = c.post(reverse("evaluasi_nilai", args=[maret.pk]), {"rating_hasil": "", "rating_perilaku": "sesuai"})
    assert r.status_code == 400
    assert "Rating hasil kerja wajib dipilih." in r.content.decode()
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.BELUM_DINILAI


def _post(c, nama, ev, data):
    return c.post(reverse(nama, args=[ev.pk]), data)


def test_rekan_dan_pemda_lain_404(maret, sumedang, login):
    url = reverse("evaluasi_detail", args=[maret.pk])
    assert login(sumedang.users.rekan).get(url).status_code == 404
    assert login(sumedang.users.outsider).get(url).status_code == 404
    r = _post(
        login(sumedang.users.rekan),
        "evaluasi_nilai",
        maret,
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
    )
    assert r.status_code == 404


@pytest.mark.parametrize("pengguna", ["pegawai", "admin", "atasan", "bupati"])
def test_yang_melihat_tanpa_hak_menilai_melihat_alasannya(maret, sumedang, login, pengguna):
    c = login(getattr(sumedang.users, pengguna))
    r = c.get(reverse("evaluasi_detail", args=[maret.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert 'id="form-nilai"' not in html
    r = _post(c, "evaluasi_nilai", maret, {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"})
    assert r.status_code == 403
    assert 'id="galat"' in r.content.decode()
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.BELUM_DINILAI


def test_setelah_jendela_penilai_melihat_alasan_atasan_menilai_d12(maret, sumedang, login, hari):
    hari(D(2026, 4, 16))
    c = login(sumedang.users.penilai)
    html = c.get(reverse("evaluasi_detail", args=[maret.pk])).content.decode()
    assert 'id="alasan-tidak-boleh"' in html and "Jangka waktu evaluasi berakhir 15-04-2026" in html
    r = _post(c, "evaluasi_nilai", maret, {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"})
    assert r.status_code == 403 and "Jangka waktu evaluasi berakhir" in r.content.decode()
    c = login(sumedang.users.atasan)
    html = c.get(reverse("evaluasi_penilai")).content.decode()
    assert f'id="baris-{maret.pk}"' in html and "sebagai atasan Penilai (D.1.2)" in html
    r = _post(c, "evaluasi_nilai", maret, {"rating_hasil": "di_bawah", "rating_perilaku": "di_bawah"})
    assert r.status_code == 302
    html = c.get(reverse("evaluasi_detail", args=[maret.pk])).content.decode()
    assert "D.1.2, final" in html
    r = _post(c, "evaluasi_tandatangani", maret, {"password": bantu.PASSWORD})
    assert r.status_code == 302
    maret.refresh_from_db()
    assert maret.oleh_atasan and maret.final and maret.predikat == "sangat_kurang"
    # D.1.2 is final: no keberatan is offered to the Pegawai.
    html = login(sumedang.users.pegawai).get(reverse("evaluasi_saya")).content.decode()
    assert f'id="evaluasi-{maret.pk}"' in html and "Ajukan keberatan" not in html and "final" in html


def test_atasan_tidak_melihat_bawahan_penilai_dalam_jendela(maret, sumedang, login):
    html = login(sumedang.users.atasan).get(reverse("evaluasi_penilai")).content.decode()
    assert f'id="baris-{maret.pk}"' not in html


def test_pegawai_melihat_daftar_dan_menandatangani(maret, sumedang, login):
    bantu.sampai_ditandatangani(sumedang, maret, "sesuai", "di_atas")
    c = login(sumedang.users.pegawai)
    r = c.get(reverse("evaluasi_saya"))
    assert r.status_code == 200
    html = r.content.decode()
    assert f'id="evaluasi-{maret.pk}"' in html and "Baik" in html
    assert "Tandatangani paling lambat" in html and "Keberatan paling lambat" in html
    assert f'href="{reverse("keberatan_ajukan", args=[maret.pk])}"' in html
    assert f'href="{reverse("evaluasi_cetak_hasil", args=[maret.pk])}"' in html
    assert f'href="{reverse("evaluasi_cetak_dokumen", args=[maret.pk])}"' in html
    detail = c.get(reverse("evaluasi_detail", args=[maret.pk])).content.decode()
    assert 'id="form-ttd-pegawai"' in detail and 'id="ajukan-keberatan"' in detail
    assert 'id="form-nilai"' not in detail
    # The suggestion and the pola warnings are the evaluator's aids, not shown to the Pegawai.
    assert 'id="saran"' not in detail and 'id="peringatan-distribusi"' not in detail
    r = _post(c, "evaluasi_tandatangani_pegawai", maret, {"password": ""})
    assert r.status_code == 400 and "Masukkan kata sandi" in r.content.decode()
    r = _post(c, "evaluasi_tandatangani_pegawai", maret, {"password": "salah"})
    assert r.status_code == 400
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.MENUNGGU_PEGAWAI
    r = _post(c, "evaluasi_tandatangani_pegawai", maret, {"password": bantu.PASSWORD})
    assert r.status_code == 302
    maret.refresh_from_db()
    assert maret.status == StatusEvaluasi.SELESAI
    # The Penilai may not sign in the Pegawai's place.
    r = _post(
        login(sumedang.users.penilai), "evaluasi_tandatangani_pegawai", maret, {"password": bantu.PASSWORD}
    )
    assert r.status_code in (400, 403)


def test_pegawai_dikecualikan_melihat_alasannya(skp_berjalan, sumedang, login, hari):
    from django_scopes import scopes_disabled

    from kinerja.models import PengaturanPemda, RiwayatStatus

    with scopes_disabled():
        PengaturanPemda.objects.filter(pemda=sumedang.sumedang).update(
            cuti_pengecualian_evaluasi_bulanan=["melahirkan"]
        )
        RiwayatStatus.objects.create(
            pemda=sumedang.sumedang,
            pegawai=sumedang.pegawai,
            status="cuti",
            jenis_cuti="melahirkan",
            mulai=D(2026, 3, 1),
            selesai=D(2026, 3, 31),
        )
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(sumedang), sumedang.pegawai)
    html = login(sumedang.users.pegawai).get(reverse("evaluasi_saya")).content.decode()
    assert f'id="alasan-{ev.pk}"' in html and "cuti melahirkan" in html
    html = login(sumedang.users.penilai).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert 'id="dikecualikan"' in html and 'id="form-nilai"' not in html


def test_penilai_menetapkan_capaian_unit_dari_halaman(skp_berjalan, sumedang, login, hari):
    hari(D(2026, 3, 31))
    p = bantu.buka(sumedang)
    c = login(sumedang.users.penilai)
    html = c.get(reverse("evaluasi_penilai")).content.decode()
    assert f'id="form-capaian-{sumedang.seksi.pk}"' in html
    url = reverse("evaluasi_penilai_capaian", args=[p.pk])
    r = c.post(url, {"unit": sumedang.seksi.pk, "predikat": "hebat"})
    assert r.status_code == 400
    r = c.post(url, {"unit": sumedang.seksi.pk, "predikat": "istimewa", "keterangan": "IKU tercapai"})
    assert r.status_code == 302
    html = c.get(reverse("evaluasi_penilai")).content.decode()
    assert "Capaian organisasi: Istimewa" in html and f'id="form-capaian-{sumedang.seksi.pk}"' not in html
    # The Pegawai (no rating work) does not reach it; another unit's leader is refused by the service.
    assert (
        login(sumedang.users.rekan).post(url, {"unit": sumedang.seksi.pk, "predikat": "baik"}).status_code
        == 404
    )
    r = login(sumedang.users.penilai).post(url, {"unit": sumedang.bidang.pk, "predikat": "baik"})
    assert r.status_code == 403 and "pimpinan unit" in r.content.decode()


def test_peringatan_pola_distribusi_tidak_menghalangi(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    r = _post(c, "evaluasi_nilai", maret, {"rating_hasil": "di_bawah", "rating_perilaku": "di_bawah"})
    assert r.status_code == 302
    html = c.get(reverse("evaluasi_detail", args=[maret.pk])).content.decode()
    assert 'id="peringatan-distribusi"' in html and "Sangat Kurang: 100%" in html
    assert 'id="form-tandatangani"' in html
    html = c.get(reverse("evaluasi_penilai")).content.decode()
    assert f'id="peringatan-{sumedang.seksi.pk}"' in html


def test_tugas_belajar_ipk_dan_kategori(maret, sumedang, login):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        Evaluasi.objects.filter(pk=maret.pk).update(tugas_belajar=True)
    c = login(sumedang.users.penilai)
    html = c.get(reverse("evaluasi_detail", args=[maret.pk])).content.decode()
    assert 'id="tugas-belajar"' in html and 'name="ipk"' in html
    data = {
        "rating_hasil": "sesuai",
        "rating_perilaku": "sesuai",
        "ipk": "3,55",
        "jenjang": "s1",
        "lokasi_studi": "dalam_negeri",
        "akreditasi_institusi": "",
        "kelulusan": "belum",
    }
    r = _post(c, "evaluasi_nilai", maret, data)
    assert r.status_code == 400 and "Akreditasi institusi harus A, B atau C" in r.content.decode()
    r = _post(c, "evaluasi_nilai", maret, {**data, "ipk": "tiga"})
    assert r.status_code == 400 and "IPK harus angka" in r.content.decode()
    r = _post(c, "evaluasi_nilai", maret, {**data, "akreditasi_institusi": "A"})
    assert r.status_code == 302
    html = c.get(reverse("evaluasi_detail", args=[maret.pk])).content.decode()
    assert 'id="kategori-ipk">Sangat Baik' in html
    maret.refresh_from_db()
    assert maret.saran_hasil == "di_atas"


def test_tugas_belajar_tidak_lulus_predikat_kurang(maret, sumedang, login):
    from django_scopes import scopes_disabled

    with scopes_disabled():
        Evaluasi.objects.filter(pk=maret.pk).update(tugas_belajar=True)
    r = _post(
        login(sumedang.users.penilai),
        "evaluasi_nilai",
        maret,
        {"rating_hasil": "di_atas", "rating_perilaku": "di_bawah", "kelulusan": "tidak_lulus"},
    )
    assert r.status_code == 302
    maret.refresh_from_db()
    assert maret.predikat == "sangat_kurang" and maret.saran_hasil == "di_bawah"


def test_bupati_menilai_jpt(sumedang, login, hari):
    from tests.factories import CapaianOrganisasiFactory, EvaluasiFactory, PeriodeEvaluasiFactory

    hari(D(2026, 4, 1))
    p = PeriodeEvaluasiFactory(pemda=sumedang.sumedang, jenis="bulanan", nomor=3, tahun=2026)
    CapaianOrganisasiFactory(pemda=sumedang.sumedang, unit=sumedang.dinas, periode=p, predikat="baik")
    ev = EvaluasiFactory(
        pemda=sumedang.sumedang,
        periode=p,
        pegawai=sumedang.kadis,
        penilai_kepala_daerah=True,
        unit=sumedang.dinas,
    )
    c = login(sumedang.users.bupati)
    html = c.get(reverse("evaluasi_penilai")).content.decode()
    assert f'id="baris-{ev.pk}"' in html
    # Past her window (14 April) too: there is no Atasan above the Kepala Daerah to take a JPT's evaluation over.
    hari(D(2026, 5, 4))
    assert (
        _post(c, "evaluasi_nilai", ev, {"rating_hasil": "sesuai", "rating_perilaku": "di_atas"}).status_code
        == 302
    )
    # The Kepala Dinas herself and BKPSDM may not rate it.
    r = _post(
        login(sumedang.users.kadis),
        "evaluasi_nilai",
        ev,
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
    )
    assert r.status_code == 403
    r = _post(
        login(sumedang.users.admin),
        "evaluasi_nilai",
        ev,
        {"rating_hasil": "sesuai", "rating_perilaku": "sesuai"},
    )
    assert r.status_code == 403
    r = _post(login(sumedang.users.bupati), "evaluasi_tandatangani", ev, {"password": bantu.PASSWORD})
    assert r.status_code == 302
    ev.refresh_from_db()
    assert ev.final and ev.status == StatusEvaluasi.MENUNGGU_PEGAWAI


def test_get_pada_aksi_405_dan_post_pada_detail_405(maret, sumedang, login):
    c = login(sumedang.users.penilai)
    assert c.get(reverse("evaluasi_nilai", args=[maret.pk])).status_code == 405
    assert c.post(reverse("evaluasi_detail", args=[maret.pk])).status_code == 405


def test_pakai_hasil_sebelumnya_dari_halaman(skp_berjalan, sumedang, login, hari):
    from django_scopes import scopes_disabled

    from evaluasi.services import penilaian
    from kinerja.models import Penempatan, User
    from tests.factories import JabatanFactory, PenempatanFactory, UnitKerjaFactory, pegawai_with_account

    w = sumedang
    hari(D(2026, 2, 27))
    feb = bantu.buka(w, nomor=2)
    bantu.capaian(w, feb)
    ev_feb = bantu.sampai_ditandatangani(w, bantu.evaluasi_pegawai(feb, w.pegawai), "di_atas", "sesuai")
    penilaian.tandatangani_pegawai(evaluasi=ev_feb, by=w.users.pegawai, password=bantu.PASSWORD)
    seksi = UnitKerjaFactory(
        pemda=w.sumedang, nama="Seksi Baru", kode="D01.B1.S9", jenis="seksi", parent=w.bidang
    )
    kasi = pegawai_with_account(
        jabatan=JabatanFactory(unit=seksi, nama="Kasi Baru", jenis="pengawas", memimpin_unit=True),
        nama="Kasi Baru",
    )
    with scopes_disabled():
        Penempatan.objects.filter(pegawai=w.pegawai).update(selesai=D(2026, 3, 1))
        kasi_user = User.objects.get(pegawai=kasi)
    PenempatanFactory(
        pegawai=w.pegawai, jabatan=JabatanFactory(unit=seksi, nama="Pelaksana Baru"), mulai=D(2026, 3, 2)
    )
    hari(D(2026, 3, 31))
    ev = bantu.evaluasi_pegawai(bantu.buka(w), w.pegawai)
    c = login(kasi_user)
    html = c.get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert 'id="pakai-sebelumnya"' in html and "Februari 2026" in html
    r = _post(c, "evaluasi_pakai_sebelumnya", ev, {"sumber": ev_feb.pk})
    assert r.status_code == 400 and "Centang kesepakatan" in r.content.decode()
    r = _post(c, "evaluasi_pakai_sebelumnya", ev, {"sumber": ev_feb.pk, "setuju": "on"})
    assert r.status_code == 302
    ev.refresh_from_db()
    assert ev.dari_evaluasi_id == ev_feb.pk and ev.predikat == "baik"


def test_detail_menampilkan_realisasi_umpan_balik_dan_ambil_alih(skp_berjalan, sumedang, login, hari):
    from tests.factories import AmbilAlihFactory, EkspektasiKhususFactory, UmpanBalikFactory

    w = sumedang
    rhk = skp_berjalan.rhk.order_by("urutan", "pk").first()
    UmpanBalikFactory(
        pemda=w.sumedang, skp=skp_berjalan, rhk=rhk, tanggal=D(2026, 3, 10), teks="Modul login sudah rapi."
    )
    UmpanBalikFactory(
        pemda=w.sumedang,
        skp=skp_berjalan,
        perilaku="kolaboratif",
        tanggal=D(2026, 3, 12),
        teks="Aktif membantu.",
    )
    UmpanBalikFactory(pemda=w.sumedang, skp=skp_berjalan, tanggal=D(2026, 3, 13), teks="Rapat rutin hadir.")
    UmpanBalikFactory(pemda=w.sumedang, skp=skp_berjalan, tanggal=D(2026, 2, 13), teks="Bulan lalu.")
    EkspektasiKhususFactory(
        pemda=w.sumedang, skp=skp_berjalan, perilaku="kolaboratif", teks="Memimpin sprint."
    )
    AmbilAlihFactory(
        pemda=w.sumedang, rhk=rhk, skp=skp_berjalan, oleh=w.users.penilai, tanggal=D(2026, 3, 20)
    )
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    bantu.capaian(w, p)
    ev = bantu.evaluasi_pegawai(p, w.pegawai)
    html = login(w.users.penilai).get(reverse("evaluasi_detail", args=[ev.pk])).content.decode()
    assert f'id="ambil-alih-{rhk.pk}"' in html and "tidak dapat menyelesaikan" in html
    assert "Modul login sudah rapi." in html and "Aktif membantu." in html and "Rapat rutin hadir." in html
    assert "Bulan lalu." not in html  # another period's feedback
    assert "Memimpin sprint." in html
    assert f'href="{reverse("pelaksanaan_skp", args=[skp_berjalan.pk])}"' in html
    for iki in rhk.iki.all():
        assert f'id="iki-{iki.pk}"' in html
    assert "Di Bawah Ekspektasi" in html[html.index('id="saran"') :]


def test_setelah_batas_keberatan_tidak_ada_tautan_keberatan(maret, sumedang, login, hari):
    import datetime

    from django.utils import timezone
    from django_scopes import scopes_disabled

    bantu.sampai_ditandatangani(sumedang, maret)
    diterima = timezone.make_aware(datetime.datetime(2026, 4, 1, 9, 0))
    with scopes_disabled():
        Evaluasi.objects.filter(pk=maret.pk).update(ditandatangani_penilai_pada=diterima)
    c = login(sumedang.users.pegawai)
    hari(D(2026, 4, 2))
    html = c.get(reverse("evaluasi_saya")).content.decode()
    assert "Ajukan keberatan" in html
    hari(D(2026, 6, 30))
    html = c.get(reverse("evaluasi_saya")).content.decode()
    assert "Ajukan keberatan" not in html
    assert f'id="evaluasi-{maret.pk}" class="terlambat"' in html and "(terlewat)" in html
    detail = c.get(reverse("evaluasi_detail", args=[maret.pk])).content.decode()
    assert 'id="ajukan-keberatan"' not in detail and 'id="form-ttd-pegawai"' in detail
