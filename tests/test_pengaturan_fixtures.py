"""The regulation fixtures of the four seed Pemda (fixtures/pemda/*.json): complete, valid under the model's
full_clean, every regulated value traced to a Pasal, and the values what each Peraturan Bupati says."""

import json
import re
import shutil

import pytest
from django_scopes import scopes_disabled

from kinerja.models import REGULATED_FIELDS, Pemda, PengaturanPemda
from kinerja.services.seed import (
    FIXTURE_DIR,
    FixtureError,
    fixture_slugs,
    load_fixture,
    pengaturan_from_fixture,
)

SLUGS = ["bogor", "indragiri-hulu", "sarolangun", "sumedang"]
PERBUP = {
    "sarolangun": "Perbup Sarolangun 18/2025",
    "indragiri-hulu": "Perbup Indragiri Hulu 44/2025",
    "bogor": "Perbup Bogor 17/2023",
    "sumedang": "Perbup Sumedang 103/2023",
}


def pengaturan(slug: str) -> PengaturanPemda:
    """The fixture of `slug` loaded the way the seed does it, saved, and read back from the database."""
    fixture = load_fixture(slug)
    with scopes_disabled():
        pemda = Pemda.objects.create(slug=slug, nama=fixture.pemda["nama"])
        pengaturan_from_fixture(fixture=fixture, pemda=pemda).save()
        return PengaturanPemda.objects.get(pemda=pemda)


def test_there_is_one_fixture_per_seed_pemda():
    assert fixture_slugs() == SLUGS


@pytest.mark.django_db
@pytest.mark.parametrize("slug", SLUGS)
def test_each_fixture_loads_and_passes_full_clean(slug):
    row = pengaturan(slug)
    with scopes_disabled():
        row.full_clean()
    assert row.pemda.slug == slug
    assert row.nama_instansi == f"Pemerintah {row.pemda.nama}"


@pytest.mark.parametrize("slug", SLUGS)
def test_each_fixture_sets_every_field_of_pengaturan_pemda(slug):
    model_fields = {
        f.name for f in PengaturanPemda._meta.concrete_fields if f.editable and f.name not in ("id", "pemda")
    }
    assert set(load_fixture(slug).pengaturan) == model_fields - {"logo"}


@pytest.mark.parametrize("slug", SLUGS)
def test_dasar_hukum_names_a_pasal_of_the_pemdas_own_perbup_for_every_regulated_field(slug):
    dasar = load_fixture(slug).pengaturan["dasar_hukum"]
    for name in REGULATED_FIELDS:
        assert re.search(r"Pasal \d+", dasar[name]), name
        assert PERBUP[slug] in dasar[name], name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "siklus", "bulanan", "triwulanan", "pasal"),
    [
        ("sarolangun", "triwulanan", False, True, "Pasal 21 ayat (2)"),
        ("indragiri-hulu", "bulanan_triwulanan", True, True, "Pasal 21 ayat (2)"),
        ("bogor", "triwulanan", False, True, "Pasal 22 ayat (2) huruf b dan ayat (3)"),
        ("sumedang", "bulanan", True, False, "Pasal 23 ayat (2)"),
    ],
)
def test_periodic_evaluation_cycle_is_the_one_of_each_perbup(slug, siklus, bulanan, triwulanan, pasal):
    row = pengaturan(slug)
    assert row.siklus_evaluasi_periodik == siklus
    assert (row.evaluasi_bulanan, row.evaluasi_triwulanan) == (bulanan, triwulanan)
    assert row.dasar_hukum["siklus_evaluasi_periodik"].startswith(pasal)


def test_bogor_evaluates_triwulanan_as_set_by_bkpsdm_and_documents_to_match():
    bogor = load_fixture("bogor").pengaturan
    assert bogor["siklus_evaluasi_periodik"] == "triwulanan"
    assert "BKPSDM menetapkan" in bogor["dasar_hukum"]["siklus_evaluasi_periodik"]
    # Pasal 14 ayat (4): documentation periods follow the evaluation period.
    assert "triwulanan" in bogor["periode_dokumentasi"]
    assert "bulanan" not in bogor["periode_dokumentasi"]


@pytest.mark.parametrize(
    ("slug", "periode", "pendekatan"),
    [
        ("sarolangun", ["triwulanan"], ["kuantitatif"]),
        ("indragiri-hulu", ["bulanan", "triwulanan", "tahunan"], ["kualitatif", "kuantitatif"]),
        ("bogor", ["triwulanan", "tahunan"], ["kualitatif", "kuantitatif"]),
        ("sumedang", ["bulanan", "tahunan"], ["kualitatif", "kuantitatif"]),
    ],
)
def test_documentation_periods_and_approaches_follow_each_perbup(slug, periode, pendekatan):
    fixture = load_fixture(slug).pengaturan
    assert fixture["periode_dokumentasi"] == periode
    assert fixture["pendekatan_hasil_kerja"] == pendekatan


@pytest.mark.parametrize(
    ("slug", "timeline", "rencana_aksi"),
    [
        ("sarolangun", True, True),
        ("indragiri-hulu", False, False),
        ("bogor", True, True),
        ("sumedang", False, True),
    ],
)
def test_timeline_and_rencana_aksi_are_required_where_the_perbup_requires_them(slug, timeline, rencana_aksi):
    fixture = load_fixture(slug).pengaturan
    assert (fixture["wajib_timeline"], fixture["wajib_rencana_aksi"]) == (timeline, rencana_aksi)


@pytest.mark.parametrize("slug", SLUGS)
def test_deadlines_and_working_day_windows_are_those_of_permenpanrb_and_the_sumedang_lampiran(slug):
    fixture = load_fixture(slug).pengaturan
    assert (fixture["batas_penetapan_skp_bulan"], fixture["batas_evaluasi_tahunan_bulan"]) == (1, 1)
    windows = [
        fixture[name]
        for name in (
            "hari_kerja_serah_dokumen",
            "hari_kerja_pegawai_kembalikan",
            "hari_kerja_lapor_pyb",
            "hari_kerja_atasan_tandatangan",
            "hari_kerja_serah_dokumen_atasan",
            "hari_kerja_pegawai_kembalikan_atasan",
        )
    ]
    assert windows == [14, 14, 30, 14, 7, 7]
    assert (fixture["hari_kerja_ajukan_keberatan"], fixture["hari_kerja_putus_keberatan"]) == (14, 7)


def test_sumedang_windows_are_traced_to_its_own_lampiran_and_the_others_say_they_borrow_them():
    sumedang = load_fixture("sumedang").pengaturan["dasar_hukum"]
    assert "Lampiran Tindak Lanjut angka 5" in sumedang["hari_kerja_serah_dokumen"]
    assert "Lampiran Keberatan angka 6" in sumedang["hari_kerja_putus_keberatan"]
    for slug in ("sarolangun", "indragiri-hulu", "bogor"):
        dasar = load_fixture(slug).pengaturan["dasar_hukum"]
        assert "PermenPANRB 6/2022" in dasar["hari_kerja_serah_dokumen"], slug


@pytest.mark.parametrize(
    ("slug", "cuti", "status"),
    [
        ("sarolangun", [], []),
        (
            "indragiri-hulu",
            ["tahunan", "sakit", "alasan_penting", "melahirkan"],
            ["pejabat_negara", "diberhentikan_sementara", "cltn", "mpp"],
        ),
        ("bogor", [], []),
        ("sumedang", [], ["pejabat_negara", "diberhentikan_sementara", "cltn", "mpp"]),
    ],
)
def test_exemptions_are_only_those_the_perbup_states(slug, cuti, status):
    fixture = load_fixture(slug).pengaturan
    assert fixture["cuti_pengecualian_evaluasi_bulanan"] == cuti
    assert fixture["status_pengecualian_perencanaan"] == status


def test_sanctions_carry_bogor_pasal_33_34_and_sumedang_pppk_dismissal():
    bogor = load_fixture("bogor").pengaturan["aturan_sanksi"]
    for phrase in (
        "CUKUP, KURANG atau SANGAT KURANG",
        "6 (enam) bulan",
        "uji kompetensi",
        "diberhentikan dengan hormat",
    ):
        assert phrase in bogor
    sumedang = load_fixture("sumedang").pengaturan["aturan_sanksi"]
    assert "diberhentikan dari PPPK" in sumedang
    assert "PPPK" not in load_fixture("sarolangun").pengaturan["aturan_sanksi"]


def test_only_bogor_lets_a_kepala_pd_oversee_her_own_pd():
    awasi = {slug: load_fixture(slug).pengaturan["kepala_pd_awasi_pd_sendiri"] for slug in SLUGS}
    assert awasi == {"bogor": True, "indragiri-hulu": False, "sarolangun": False, "sumedang": False}


@pytest.mark.parametrize(
    ("slug", "jabatan", "nama", "tempat"),
    [
        ("sarolangun", "Bupati", "HURMIN", "Sarolangun"),
        ("indragiri-hulu", "Bupati", "ADE AGUS HARTANTO", "Rengat"),
        ("bogor", "Plt. Bupati", "IWAN SETIAWAN", "Cibinong"),
        ("sumedang", "Bupati", "DONY AHMAD MUNIR", "Sumedang"),
    ],
)
def test_kepala_daerah_and_place_are_those_of_the_signature_block(slug, jabatan, nama, tempat):
    fixture = load_fixture(slug).pengaturan
    assert (fixture["jabatan_kepala_daerah"], fixture["nama_kepala_daerah"]) == (jabatan, nama)
    assert fixture["tempat_penandatanganan"] == tempat
    assert nama in fixture["dasar_hukum"]["nama_kepala_daerah"]


# The loader refuses a broken fixture -----------------------------------------------------------------------
@pytest.fixture
def salinan(tmp_path):
    """A copy of the Sumedang fixture in a temporary directory, and a function to change it."""
    shutil.copy(FIXTURE_DIR / "sumedang.json", tmp_path / "sumedang.json")

    def ubah(fn):
        path = tmp_path / "sumedang.json"
        data = json.loads(path.read_text())
        fn(data)
        path.write_text(json.dumps(data))
        return tmp_path

    return ubah


def test_a_fixture_missing_a_regulated_field_is_refused(salinan):
    directory = salinan(lambda d: d["pengaturan"].pop("hari_kerja_putus_keberatan"))
    with pytest.raises(FixtureError, match="hari_kerja_putus_keberatan"):
        load_fixture("sumedang", directory)


def test_a_fixture_with_an_unknown_field_is_refused(salinan):
    directory = salinan(lambda d: d["pengaturan"].update(siklus_evaluasi="bulanan"))
    with pytest.raises(FixtureError, match="siklus_evaluasi"):
        load_fixture("sumedang", directory)


def test_a_value_without_a_pasal_is_refused(salinan):
    directory = salinan(lambda d: d["pengaturan"]["dasar_hukum"].update(wajib_timeline="lihat Perbup"))
    with pytest.raises(FixtureError, match="dasar_hukum.wajib_timeline"):
        load_fixture("sumedang", directory)


@pytest.mark.django_db
def test_a_value_the_model_rejects_is_refused_with_the_file_name(salinan):
    directory = salinan(
        lambda d: d["pengaturan"].update(siklus_evaluasi_periodik="mingguan", periode_dokumentasi=[])
    )
    fixture = load_fixture("sumedang", directory)
    with scopes_disabled():
        pemda = Pemda.objects.create(slug="sumedang", nama="Kabupaten Sumedang")
        with pytest.raises(
            FixtureError, match=r"sumedang\.json: .*siklus_evaluasi_periodik.*periode_dokumentasi"
        ):
            pengaturan_from_fixture(fixture=fixture, pemda=pemda)
