"""Services of bimbingan kinerja (B.1.6-B.1.9) and the behaviour problem report (B.1.10): who may, who may
not, and what is refused as bad input."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.models import JenisJabatan
from skp.models import Iki
from tests.factories import IkiFactory, JabatanFactory, PegawaiFactory, PenempatanFactory
from umpanbalik import isian as isian_mod
from umpanbalik.models import EvaluasiKompetensi, JurnalMentoring, LaporanPerilaku, UmpanBalikBimbingan
from umpanbalik.permissions import laporan_perilaku_visible_to
from umpanbalik.services import pembinaan as svc

from .rute_pembinaan import skp_ditetapkan

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def skp_berjalan(sumedang):
    """A set SKP built with factories: the shared fixture signs PDFs, which these tests do not need."""
    return skp_ditetapkan(sumedang)


def iki_dari(skp):
    return list(Iki.objects.filter(rhk__skp=skp).order_by("rhk__urutan", "urutan"))


def coaching(world, skp, **kwargs):
    return svc.bimbingan_buat(
        skp=skp, by=world.users.penilai, jenis="coaching", tanggal=D(2026, 3, 16), **kwargs
    )


def mentoring(world, skp, **kwargs):
    return svc.bimbingan_buat(
        skp=skp, by=world.users.penilai, jenis="mentoring", tanggal=D(2026, 3, 16), **kwargs
    )


def jawaban_lengkap(pilihan="ya"):
    return {str(n): {"jawaban": pilihan, "catatan": ""} for n in range(1, 10)}


def nilai_lengkap(n=4):
    return [
        {"kelompok": kel, "kompetensi": nama, "nilai": n, "alasan": f"Alasan {nama}"}
        for kel, nama in isian_mod.KOMPETENSI_TETAP
    ]


# ---- bimbingan_buat -----------------------------------------------------------------------------------


def test_the_leader_starts_a_coaching_and_is_its_pembina(world, skp_berjalan):
    b = coaching(world, skp_berjalan, tempat="  Ruang rapat  ")
    assert b.pembina == world.users.penilai
    assert b.pembina_pegawai == world.penilai
    assert not b.penugasan_khusus
    assert b.tempat == "Ruang rapat"
    assert b.pemda_id == world.sumedang.pk


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "kadis", "admin", "bupati"])
def test_only_the_leader_starts_a_bimbingan(world, skp_berjalan, siapa):
    with pytest.raises(PermissionDenied):
        svc.bimbingan_buat(
            skp=skp_berjalan, by=getattr(world.users, siapa), jenis="coaching", tanggal=D(2026, 3, 16)
        )


def test_the_leader_may_assign_another_pegawai_with_an_account(world, skp_berjalan):
    b = coaching(world, skp_berjalan, pembina_pegawai=world.atasan)
    assert b.penugasan_khusus
    assert b.pembina == world.users.atasan
    assert b.pembina_pegawai == world.atasan


def test_a_pegawai_without_an_account_cannot_be_assigned(world, skp_berjalan):
    tanpa_akun = PegawaiFactory(pemda=world.sumedang, nama="Tanpa Akun")
    PenempatanFactory(
        pegawai=tanpa_akun, jabatan=JabatanFactory(unit=world.seksi, jenis=JenisJabatan.PELAKSANA)
    )
    with pytest.raises(ValidationError, match="belum memiliki akun"):
        coaching(world, skp_berjalan, pembina_pegawai=tanpa_akun)


def test_the_pegawai_cannot_be_her_own_pembina(world, skp_berjalan):
    with pytest.raises(ValidationError, match="dirinya sendiri"):
        coaching(world, skp_berjalan, pembina_pegawai=world.pegawai)


def test_a_bimbingan_needs_a_set_skp(world, sumedang):
    from tests.skp import bantu

    draft = bantu.draft(sumedang)
    with pytest.raises(ValidationError, match="ditetapkan"):
        svc.bimbingan_buat(skp=draft, by=world.users.penilai, jenis="coaching", tanggal=D(2026, 3, 16))


@pytest.mark.parametrize(
    "jenis, tanggal, pesan",
    [
        ("rapat", D(2026, 3, 16), "Jenis bimbingan"),
        ("coaching", D(2027, 1, 5), "periode SKP"),
        ("coaching", "16/03/2026", "tidak valid"),
    ],
)
def test_a_bimbingan_with_bad_input_is_refused_with_a_reason(world, skp_berjalan, jenis, tanggal, pesan):
    with pytest.raises(ValidationError, match=pesan):
        svc.bimbingan_buat(skp=skp_berjalan, by=world.users.penilai, jenis=jenis, tanggal=tanggal)


# ---- bimbingan_isi ----------------------------------------------------------------------------------


def test_the_pegawai_writes_her_part_of_the_coaching_format(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    iki = iki_dari(skp_berjalan)[0]
    b = svc.bimbingan_isi(
        bimbingan=b,
        by=world.users.pegawai,
        bagian="pegawai",
        data={
            "tujuan": [
                {
                    "iki": iki.pk,
                    "base_target": " 2 modul ",
                    "target": "4 modul",
                    "strategi": "Kerja berpasangan",
                },
                {"iki": "", "base_target": "", "target": "", "strategi": ""},
            ],
            "fakta": [
                {"target_skp": "4 modul", "progres": "1 modul", "masalah": "Server lambat", "penyebab": "RAM"}
            ],
            "peluang": "  Minta bantuan tim infrastruktur ",
        },
    )
    assert b.isian["tujuan"] == [
        {
            "iki": iki.pk,
            "iki_teks": iki.teks,
            "base_target": "2 modul",
            "target": "4 modul",
            "strategi": "Kerja berpasangan",
        }
    ]
    assert b.isian["fakta"][0]["iki"] is None and b.isian["fakta"][0]["masalah"] == "Server lambat"
    assert b.isian["peluang"] == "Minta bantuan tim infrastruktur"
    assert b.isian["diisi"]["pegawai"]["oleh"] == world.users.pegawai.pk


@pytest.mark.parametrize("siapa", ["penilai", "rekan", "atasan", "admin"])
def test_only_the_pegawai_writes_the_pegawai_part(world, skp_berjalan, siapa):
    b = coaching(world, skp_berjalan)
    with pytest.raises(PermissionDenied):
        svc.bimbingan_isi(
            bimbingan=b, by=getattr(world.users, siapa), bagian="pegawai", data={"peluang": "x"}
        )


def test_the_pembina_writes_langkah_kedepan_and_an_adjustment_calls_for_an_skp_change(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    iki = iki_dari(skp_berjalan)
    b = svc.bimbingan_isi(
        bimbingan=b,
        by=world.users.penilai,
        bagian="pembina",
        data={
            "langkah": [
                {"iki": iki[0].pk, "strategi": "Pakai server cadangan", "penyesuaian": "tidak"},
                {"iki": iki[1].pk, "strategi": "Turunkan target", "penyesuaian": True},
            ]
        },
    )
    assert [r["penyesuaian"] for r in b.isian["langkah"]] == [False, True]
    assert isian_mod.perlu_perubahan_skp(b.isian)


def test_no_adjustment_means_no_skp_change(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    iki = iki_dari(skp_berjalan)[0]
    b = svc.bimbingan_isi(
        bimbingan=b,
        by=world.users.penilai,
        bagian="pembina",
        data={"langkah": [{"iki": iki.pk, "strategi": "Lanjut", "penyesuaian": "tidak"}]},
    )
    assert not isian_mod.perlu_perubahan_skp(b.isian)


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "admin"])
def test_only_the_pembina_writes_langkah_kedepan(world, skp_berjalan, siapa):
    b = coaching(world, skp_berjalan)
    with pytest.raises(PermissionDenied):
        svc.bimbingan_isi(bimbingan=b, by=getattr(world.users, siapa), bagian="pembina", data={"langkah": []})


def test_with_a_special_assignment_the_assigned_party_writes_langkah_not_the_leader(world, skp_berjalan):
    b = coaching(world, skp_berjalan, pembina_pegawai=world.atasan)
    iki = iki_dari(skp_berjalan)[0]
    data = {"langkah": [{"iki": iki.pk, "strategi": "Ikut pelatihan", "penyesuaian": "tidak"}]}
    with pytest.raises(PermissionDenied):
        svc.bimbingan_isi(bimbingan=b, by=world.users.penilai, bagian="pembina", data=data)
    b = svc.bimbingan_isi(bimbingan=b, by=world.users.atasan, bagian="pembina", data=data)
    assert b.isian["langkah"][0]["strategi"] == "Ikut pelatihan"


def test_an_iki_of_another_skp_is_refused(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    lain = IkiFactory(pemda=world.sumedang)
    with pytest.raises(ValidationError, match="bukan bagian dari SKP ini"):
        svc.bimbingan_isi(
            bimbingan=b,
            by=world.users.penilai,
            bagian="pembina",
            data={"langkah": [{"iki": lain.pk, "strategi": "x", "penyesuaian": "tidak"}]},
        )


@pytest.mark.parametrize(
    "bagian, data, pesan",
    [
        ("pegawai", {"peluang": "x" * 4001}, "paling banyak 4000"),
        ("pegawai", {"tujuan": [{"iki": 1}] * 21}, "paling banyak 20 baris"),
        ("pegawai", {"tujuan": "bukan daftar"}, "daftar baris"),
        ("pegawai", {"rahasia": "x"}, "tidak dikenal"),
        ("pegawai", {}, "paling sedikit satu"),
        ("pegawai", ["bukan objek"], "objek"),
        ("pegawai", {"peluang": {"x": 1}}, "harus berupa teks"),
        ("pembina", {"langkah": [{"iki": "abc", "strategi": "x"}]}, "tidak dikenal"),
        ("pembina", {"langkah": [{"iki": None, "strategi": "x"}]}, "pilih Indikator"),
        (
            "pembina",
            {"langkah": [{"strategi": "x", "penyesuaian": "mungkin"}]},
            "Ya atau Tidak|pilih Indikator",
        ),
        ("penilai", {}, "tidak ada pada format"),
    ],
)
def test_bad_isian_is_refused_with_a_reason(world, skp_berjalan, bagian, data, pesan):
    b = coaching(world, skp_berjalan)
    by = world.users.pegawai if bagian == "pegawai" else world.users.penilai
    with pytest.raises(ValidationError, match=pesan):
        svc.bimbingan_isi(bimbingan=b, by=by, bagian=bagian, data=data)


def test_a_cell_longer_than_the_limit_is_refused(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    iki = iki_dari(skp_berjalan)[0]
    with pytest.raises(ValidationError, match="paling banyak 500"):
        svc.bimbingan_isi(
            bimbingan=b,
            by=world.users.pegawai,
            bagian="pegawai",
            data={"tujuan": [{"iki": iki.pk, "target": "4", "strategi": "s" * 501}]},
        )


def test_the_pegawai_writes_the_mentoring_plan(world, skp_berjalan):
    b = mentoring(world, skp_berjalan)
    b = svc.bimbingan_isi(
        bimbingan=b,
        by=world.users.pegawai,
        bagian="pegawai",
        data={
            "tujuan": "Menguasai pengujian otomatis",
            "rencana": [
                {
                    "keahlian": "Pengujian",
                    "langkah": "Shadowing",
                    "jangka_waktu": "3 bulan",
                    "perubahan": "Rilis lebih stabil",
                    "ukuran_keberhasilan": "Cakupan uji 80%",
                }
            ],
        },
    )
    assert b.isian["tujuan"] == "Menguasai pengujian otomatis"
    assert b.isian["rencana"][0]["jangka_waktu"] == "3 bulan"


def test_a_mentoring_has_no_pembina_part(world, skp_berjalan):
    b = mentoring(world, skp_berjalan)
    with pytest.raises(ValidationError, match="tidak ada pada format"):
        svc.bimbingan_isi(bimbingan=b, by=world.users.penilai, bagian="pembina", data={"langkah": []})


def test_a_mentoring_plan_row_without_its_measure_is_refused(world, skp_berjalan):
    b = mentoring(world, skp_berjalan)
    with pytest.raises(ValidationError, match="ukuran keberhasilan wajib"):
        svc.bimbingan_isi(
            bimbingan=b,
            by=world.users.pegawai,
            bagian="pegawai",
            data={"tujuan": "x", "rencana": [{"keahlian": "a", "langkah": "b", "jangka_waktu": "c"}]},
        )


# ---- jurnal ----------------------------------------------------------------------------------------


JURNAL = {
    "waktu_tempat": "16 Maret, ruang rapat",
    "materi": "Pytest",
    "rencana_aksi": "Tulis uji",
    "target_waktu": "Akhir Maret",
}


@pytest.mark.parametrize("siapa", ["penilai", "pegawai"])
def test_the_mentor_and_the_mentee_add_to_the_journal(world, skp_berjalan, siapa):
    b = mentoring(world, skp_berjalan)
    j = svc.jurnal_mentoring_tambah(bimbingan=b, by=getattr(world.users, siapa), **JURNAL)
    assert j.bimbingan == b and j.materi == "Pytest"


@pytest.mark.parametrize("siapa", ["rekan", "atasan", "admin", "kadis"])
def test_others_do_not_add_to_the_journal(world, skp_berjalan, siapa):
    b = mentoring(world, skp_berjalan)
    with pytest.raises(PermissionDenied):
        svc.jurnal_mentoring_tambah(bimbingan=b, by=getattr(world.users, siapa), **JURNAL)
    assert not JurnalMentoring.objects.exists()


def test_a_coaching_has_no_journal(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    with pytest.raises(ValidationError, match="hanya ada pada mentoring"):
        svc.jurnal_mentoring_tambah(bimbingan=b, by=world.users.penilai, **JURNAL)


def test_a_journal_entry_without_materi_is_refused(world, skp_berjalan):
    b = mentoring(world, skp_berjalan)
    with pytest.raises(ValidationError, match="Materi mentoring wajib"):
        svc.jurnal_mentoring_tambah(bimbingan=b, by=world.users.penilai, **{**JURNAL, "materi": "   "})


# ---- B.1.8 ----------------------------------------------------------------------------------------


def test_the_pegawai_gives_feedback_on_the_bimbingan_once(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    jawaban = jawaban_lengkap()
    jawaban["6"] = {"jawaban": "Sebagian", "catatan": "  Kadang menggurui "}
    ub = svc.umpan_balik_bimbingan_isi(bimbingan=b, by=world.users.pegawai, jawaban=jawaban)
    assert ub.jawaban["6"] == {"jawaban": "sebagian", "catatan": "Kadang menggurui"}
    assert set(ub.jawaban) == {str(n) for n in range(1, 10)}
    with pytest.raises(ValidationError, match="sudah diisi"):
        svc.umpan_balik_bimbingan_isi(bimbingan=b, by=world.users.pegawai, jawaban=jawaban_lengkap("tidak"))
    assert UmpanBalikBimbingan.objects.get().jawaban["1"]["jawaban"] == "ya"


@pytest.mark.parametrize("siapa", ["penilai", "rekan", "atasan", "admin"])
def test_only_the_pegawai_gives_the_b18_feedback(world, skp_berjalan, siapa):
    b = coaching(world, skp_berjalan)
    with pytest.raises(PermissionDenied):
        svc.umpan_balik_bimbingan_isi(bimbingan=b, by=getattr(world.users, siapa), jawaban=jawaban_lengkap())


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        (lambda j: j.pop("9"), "Kriteria 9"),
        (lambda j: j.update({"3": {"jawaban": "mungkin"}}), "Kriteria 3"),
        (lambda j: j.update({"10": "ya"}), "tidak dikenal"),
    ],
)
def test_incomplete_or_wrong_b18_answers_are_refused(world, skp_berjalan, ubah, pesan):
    b = coaching(world, skp_berjalan)
    jawaban = jawaban_lengkap()
    ubah(jawaban)
    with pytest.raises(ValidationError, match=pesan):
        svc.umpan_balik_bimbingan_isi(bimbingan=b, by=world.users.pegawai, jawaban=jawaban)


# ---- B.1.9 ----------------------------------------------------------------------------------------


def test_the_pembina_evaluates_the_competencies_once(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    nilai = nilai_lengkap() + [
        {"kelompok": "teknis", "kompetensi": " Pemrograman Python ", "nilai": "3", "alasan": "Cukup"},
        {"kelompok": "teknis", "kompetensi": "", "nilai": "", "alasan": ""},
    ]
    ev = svc.evaluasi_kompetensi_isi(
        bimbingan=b, by=world.users.penilai, nilai=nilai, rekomendasi="Ikut diklat"
    )
    assert [r["kompetensi"] for r in ev.nilai][:8] == [nama for _, nama in isian_mod.KOMPETENSI_TETAP]
    assert ev.nilai[-1] == {
        "kelompok": "teknis",
        "kompetensi": "Pemrograman Python",
        "nilai": 3,
        "alasan": "Cukup",
    }
    assert len(ev.nilai) == 9
    with pytest.raises(ValidationError, match="sudah diisi"):
        svc.evaluasi_kompetensi_isi(
            bimbingan=b, by=world.users.penilai, nilai=nilai_lengkap(), rekomendasi="x"
        )


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "admin"])
def test_only_the_pembina_evaluates_the_competencies(world, skp_berjalan, siapa):
    b = coaching(world, skp_berjalan)
    with pytest.raises(PermissionDenied):
        svc.evaluasi_kompetensi_isi(
            bimbingan=b, by=getattr(world.users, siapa), nilai=nilai_lengkap(), rekomendasi="x"
        )
    assert not EvaluasiKompetensi.objects.exists()


def test_the_assigned_party_evaluates_not_the_leader(world, skp_berjalan):
    b = coaching(world, skp_berjalan, pembina_pegawai=world.atasan)
    with pytest.raises(PermissionDenied):
        svc.evaluasi_kompetensi_isi(
            bimbingan=b, by=world.users.penilai, nilai=nilai_lengkap(), rekomendasi="x"
        )
    assert svc.evaluasi_kompetensi_isi(
        bimbingan=b, by=world.users.atasan, nilai=nilai_lengkap(), rekomendasi="x"
    )


@pytest.mark.parametrize(
    "nilai, pesan",
    [
        (nilai_lengkap()[:-1], "belum dinilai: Perekat"),
        ([{**r, "nilai": 6} for r in nilai_lengkap()], "1 sampai 5"),
        ([{**r, "nilai": True} for r in nilai_lengkap()], "1 sampai 5"),
        ([{**r, "alasan": ""} for r in nilai_lengkap()], "alasan wajib"),
        (nilai_lengkap() + [nilai_lengkap()[0]], "lebih dari sekali"),
        (
            nilai_lengkap()
            + [{"kelompok": "manajerial", "kompetensi": "Menyanyi", "nilai": 3, "alasan": "x"}],
            "tidak dikenal",
        ),
        (
            nilai_lengkap() + [{"kelompok": "teknis", "kompetensi": "", "nilai": 3, "alasan": "x"}],
            "nama kompetensi wajib",
        ),
        (nilai_lengkap() + [{"kelompok": "lain", "kompetensi": "x", "nilai": 3, "alasan": "x"}], "Kelompok"),
        ("bukan daftar", "daftar baris"),
    ],
)
def test_bad_competency_ratings_are_refused(world, skp_berjalan, nilai, pesan):
    b = coaching(world, skp_berjalan)
    with pytest.raises(ValidationError, match=pesan):
        svc.evaluasi_kompetensi_isi(bimbingan=b, by=world.users.penilai, nilai=nilai, rekomendasi="x")


def test_a_competency_evaluation_needs_a_recommendation(world, skp_berjalan):
    b = coaching(world, skp_berjalan)
    with pytest.raises(ValidationError, match="Rekomendasi wajib"):
        svc.evaluasi_kompetensi_isi(
            bimbingan=b, by=world.users.penilai, nilai=nilai_lengkap(), rekomendasi=" "
        )


# ---- B.1.10 ---------------------------------------------------------------------------------------


LAPORAN = {
    "masalah": "Tidak menjunjung nilai Akuntabel",
    "ekspektasi_khusus": "Hadir tepat waktu",
    "uraian": "Tiga kali tidak hadir rapat",
    "serupa_pada_pegawai_lain": False,
    "retrospektif": "Umpan balik dua kali",
}


def test_the_penilai_reports_a_behaviour_problem_to_bkpsdm(world, skp_berjalan):
    lap = svc.laporan_perilaku_buat(skp=skp_berjalan, by=world.users.penilai, **LAPORAN)
    assert lap.pelapor == world.users.penilai
    assert lap.tanggal == D(2026, 3, 16)
    assert laporan_perilaku_visible_to(world.users.admin).filter(pk=lap.pk).exists()
    assert laporan_perilaku_visible_to(world.users.pegawai).filter(pk=lap.pk).exists()
    assert not laporan_perilaku_visible_to(world.users.rekan).filter(pk=lap.pk).exists()


@pytest.mark.parametrize("siapa", ["pegawai", "rekan", "atasan", "kadis", "admin", "bupati"])
def test_only_the_penilai_reports_a_behaviour_problem(world, skp_berjalan, siapa):
    with pytest.raises(PermissionDenied):
        svc.laporan_perilaku_buat(skp=skp_berjalan, by=getattr(world.users, siapa), **LAPORAN)
    assert not LaporanPerilaku.objects.exists()


@pytest.mark.parametrize(
    "ubah, pesan",
    [
        ({"masalah": "  "}, "Masalah perilaku kerja wajib"),
        ({"retrospektif": ""}, "Retrospektif wajib"),
        ({"uraian": "x" * 4001}, "paling banyak 4000"),
        ({"serupa_pada_pegawai_lain": "mungkin"}, "Ya atau Tidak"),
    ],
)
def test_a_report_with_bad_input_is_refused(world, skp_berjalan, ubah, pesan):
    with pytest.raises(ValidationError, match=pesan):
        svc.laporan_perilaku_buat(skp=skp_berjalan, by=world.users.penilai, **{**LAPORAN, **ubah})


def test_a_bimbingan_is_completed_after_the_skp_revision_it_led_to(world, skp_berjalan):
    from skp.models import Skp, StatusSkp

    b = coaching(world, skp_berjalan)
    Skp.objects.filter(pk=skp_berjalan.pk).update(status=StatusSkp.DIGANTIKAN)
    assert svc.umpan_balik_bimbingan_isi(bimbingan=b, by=world.users.pegawai, jawaban=jawaban_lengkap())
    assert svc.evaluasi_kompetensi_isi(
        bimbingan=b, by=world.users.penilai, nilai=nilai_lengkap(), rekomendasi="x"
    )
    with pytest.raises(ValidationError, match="digantikan"):
        coaching(world, Skp.objects.get(pk=skp_berjalan.pk))
