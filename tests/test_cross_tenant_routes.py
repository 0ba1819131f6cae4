"""Every route that names an object by id answers another Pemda's users as if the object did not exist.

The routes are read from the URLconf, not listed by hand: a new `<int:pk>` route that is missing from
`SUMEDANG_OBJECT` below fails `test_every_object_route_is_covered` until someone says which Sumedang object
it must hide. The POST check also proves nothing changed (the object is still there, unchanged).
"""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled

from kinerja.models import HariLiburPemda, Pegawai, UnitKerja
from kinerja.services.org import delegasi_create

from .cetak.rute import OBJEK as CETAK_OBJEK
from .evaluasi.rute import OBJEK as EVALUASI_OBJEK
from .tenggat.rute import OBJEK as TENGGAT_OBJEK
from .umpanbalik.rute import OBJEK as UMPANBALIK_OBJEK

pytestmark = pytest.mark.django_db


def _delegasi(world):
    with scopes_disabled():
        return delegasi_create(
            unit=world.seksi,
            pegawai=world.rekan,
            jenis="plh",
            mulai=datetime.date(2026, 1, 5),
            selesai=None,
            by=None,
        )


def _hari_libur(world):
    with scopes_disabled():
        return HariLiburPemda.objects.create(
            pemda=world.sumedang, tanggal=datetime.date(2026, 4, 22), nama="Hari Jadi Sumedang"
        )


def _dokumen(world):
    from dokumen.services import terbitkan

    with scopes_disabled():
        return terbitkan(
            pemda_id=world.sumedang.pk,
            format_kode="X.1",
            judul="Contoh",
            objek=world.pegawai,
            template="dokumen/contoh.html",
            konteks={},
            penandatangan=[("pegawai", world.users.pegawai)],
            by=None,
        )


def _skp(world):
    """A Sumedang draft SKP with one RHK, one IKI and one lampiran line (the SKP pages' objects)."""
    from kinerja.scoping import tenant_context
    from skp import services, waktu

    with tenant_context(world.sumedang.pk):
        skp = services.skp_buat(
            pegawai=world.pegawai,
            tahun=waktu.hari_ini(world.sumedang.pk).year,
            pendekatan="kuantitatif",
            by=world.users.pegawai,
        )
        rhk = services.rhk_tambah(skp=skp, jenis="utama", teks="Aplikasi terbangun", by=world.users.pegawai)
        services.iki_tambah(
            rhk=rhk, teks="Modul berjalan", target_angka=3, target_satuan="modul", by=world.users.pegawai
        )
        services.lampiran_tambah(
            skp=skp, bagian="dukungan_sumber_daya", teks="Server", by=world.users.pegawai
        )
    return skp


def _skp_rhk(world):
    with scopes_disabled():
        return _skp(world).rhk.get()


def _skp_iki(world):
    with scopes_disabled():
        return _skp_rhk(world).iki.get()


def _skp_lampiran(world):
    with scopes_disabled():
        return _skp(world).lampiran.get()


def _skp_kegiatan(world):
    from kinerja.scoping import tenant_context
    from skp import services

    skp = _skp(world)
    with tenant_context(world.sumedang.pk):
        return services.timeline_kegiatan_tambah(
            skp=skp,
            kegiatan="Analisis",
            durasi=5,
            bulan=[skp.periode_selesai.month],
            tipe_aktivitas="Analisis",
            pola_penugasan="Mandiri",
            by=world.users.pegawai,
        )


def _skp_rencana_aksi(world):
    from kinerja.scoping import tenant_context
    from skp import services

    rhk = _skp_rhk(world)
    with tenant_context(world.sumedang.pk):
        return services.rencana_aksi_tambah(rhk=rhk, teks="Rapat koordinasi", by=world.users.pegawai)


def _teks_tersimpan(world):
    from kinerja.scoping import tenant_context
    from skp import services

    with tenant_context(world.sumedang.pk):
        return services.teks_tersimpan_simpan(
            by=world.users.penilai, jenis="konsekuensi_positif", judul="Apresiasi", teks="Diberi apresiasi."
        )


def _api_skp(world):
    """The Pegawai's submitted SKP with one RHK and one IKI, for the API routes (built once per test)."""
    if not hasattr(world, "api_skp"):
        from kinerja.scoping import tenant_context
        from skp import services, waktu

        with tenant_context(world.sumedang.pk):
            skp = services.skp_buat(
                pegawai=world.pegawai,
                tahun=waktu.hari_ini(world.sumedang.pk).year,
                pendekatan="kuantitatif",
                by=world.users.pegawai,
            )
            rhk = services.rhk_tambah(
                skp=skp, jenis="utama", teks="Aplikasi terbangun", by=world.users.pegawai
            )
            iki = services.iki_tambah(
                rhk=rhk,
                teks="Modul berjalan",
                aspek="kuantitas",
                target_angka=4,
                target_satuan="modul",
                by=world.users.pegawai,
            )
            world.api_skp = (services.skp_ajukan(skp=skp, by=world.users.pegawai), rhk, iki)
    return world.api_skp


SKP_API_ACTIONS = (
    "detail",
    "ajukan",
    "kembalikan",
    "setujui",
    "tanda-tangan",
    "tetapkan",
    "revisi",
    "rhk",
    "matriks",
    "perbedaan",
    "ambil-rhk-pimpinan",
    "salin-tahun-lalu",
    "ekspektasi-khusus",
    "lampiran",
    "terapkan-teks",
    "mutasi",
    "timeline-kegiatan",
    "timeline-ajukan",
    "timeline-setujui",
    "timeline-kembalikan",
)


def _api_kegiatan(world):
    from skp.models import KegiatanTimeline, Timeline

    skp, _, _ = _api_skp(world)
    with scopes_disabled():
        timeline = Timeline.objects.create(pemda=world.sumedang, skp=skp)
        return KegiatanTimeline.objects.create(
            pemda=world.sumedang,
            timeline=timeline,
            kegiatan="Rapat koordinasi",
            durasi=2,
            bulan=[3],
            tipe_aktivitas="Rapat",
            pola_penugasan="Mandiri",
        )


def _api_rencana_aksi(world):
    from skp.models import RencanaAksi

    _, rhk, _ = _api_skp(world)
    with scopes_disabled():
        return RencanaAksi.objects.create(pemda=world.sumedang, rhk=rhk, teks="Menyusun modul")


# URL name -> the Sumedang object its pk names.
SUMEDANG_OBJECT = {
    "unit_detail": lambda world: world.seksi,
    "unit_children": lambda world: world.dinas,
    "unit_update": lambda world: world.seksi,
    "unit_sub_create": lambda world: world.bidang,
    "unit_pindah": lambda world: world.seksi,
    "unit_nonaktifkan": lambda world: world.bkpsdm,
    "jabatan_create": lambda world: world.seksi,
    "jabatan_update": lambda world: world.pelaksana,
    "pegawai_detail": lambda world: world.pegawai,
    "pegawai_reset_password": lambda world: world.pegawai,
    "pegawai_koreksi_penilai": lambda world: world.pegawai,
    "pegawai_mutasi": lambda world: world.pegawai,
    "pegawai_status": lambda world: world.pegawai,
    "pegawai_ubah": lambda world: world.pegawai,
    "delegasi_cabut": _delegasi,
    "hari_libur_hapus": _hari_libur,
    "dokumen_pdf": _dokumen,
    "skp_detail": _skp,
    "skp_hapus": _skp,
    "skp_rhk_tambah": _skp,
    "skp_ambil_rhk_pimpinan": _skp,
    "skp_salin_tahun_lalu": _skp,
    "skp_ajukan": _skp,
    "skp_tanda_tangan": _skp,
    "skp_pemberitahuan_baca": _skp,
    "skp_kembalikan": _skp,
    "skp_setujui": _skp,
    "skp_tetapkan": _skp,
    "skp_ekspektasi": _skp,
    "skp_terapkan_teks": _skp,
    "skp_lampiran_tambah": _skp,
    "skp_revisi": _skp,
    "skp_perbedaan": _skp,
    "skp_matriks": _skp,
    "skp_pelaksanaan": _skp,
    "skp_kegiatan_tambah": _skp,
    "skp_timeline_ajukan": _skp,
    "skp_timeline_setujui": _skp,
    "skp_timeline_kembalikan": _skp,
    "skp_rencana_aksi_terbitkan": _skp,
    "skp_rencana_aksi_tanda_tangan": _skp,
    "skp_cetak_rencana_aksi": _skp,
    "skp_cetak_manual_indikator": _skp,
    "skp_cetak_matriks": _skp,
    "skp_manual_indikator": _skp_iki,
    "skp_rencana_aksi_tambah": _skp_rhk,
    "skp_rencana_aksi_ubah": _skp_rencana_aksi,
    "skp_rencana_aksi_hapus": _skp_rencana_aksi,
    "skp_kegiatan_ubah": _skp_kegiatan,
    "skp_kegiatan_hapus": _skp_kegiatan,
    "skp_rhk_ubah": _skp_rhk,
    "skp_rhk_hapus": _skp_rhk,
    "skp_rhk_geser": _skp_rhk,
    "skp_iki_tambah": _skp_rhk,
    "skp_iki_ubah": _skp_iki,
    "skp_iki_hapus": _skp_iki,
    "skp_lampiran_hapus": _skp_lampiran,
    "skp_teks_tersimpan_hapus": _teks_tersimpan,
    "api:unit-kerja-detail": lambda world: world.seksi,
    "api:pegawai-detail": lambda world: world.pegawai,
    **{f"api:skp-{name}": lambda world: _api_skp(world)[0] for name in SKP_API_ACTIONS},
    "api:rhk-detail": lambda world: _api_skp(world)[1],
    "api:rhk-iki": lambda world: _api_skp(world)[1],
    "api:iki-detail": lambda world: _api_skp(world)[2],
    "api:iki-manual": lambda world: _api_skp(world)[2],
    "api:rhk-rencana-aksi": lambda world: _api_skp(world)[1],
    "api:lampiran-detail": _skp_lampiran,
    "api:kegiatan-timeline-detail": _api_kegiatan,
    "api:rencana-aksi-detail": _api_rencana_aksi,
    "api:teks-tersimpan-detail": _teks_tersimpan,
    **UMPANBALIK_OBJEK,
    **EVALUASI_OBJEK,
    **TENGGAT_OBJEK,
    **CETAK_OBJEK,
}


def _object_routes(resolver=None, namespace=""):
    """Names of the project's routes whose pattern has an integer id, with their namespace."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue  # Django's admin: superusers of the platform only (national context).
            prefix = f"{entry.namespace}:" if entry.namespace else namespace
            yield from _object_routes(entry, prefix)
        elif isinstance(entry, URLPattern) and entry.name and "pk" in entry.pattern.regex.groupindex:
            yield namespace + entry.name


def test_every_object_route_is_covered():
    routes = set(_object_routes())
    assert routes, "the URLconf should have object routes"
    assert routes == set(SUMEDANG_OBJECT), (
        f"routes without a cross-Pemda test: {sorted(routes - set(SUMEDANG_OBJECT))}; "
        f"stale entries: {sorted(set(SUMEDANG_OBJECT) - routes)}"
    )


def _snapshot(obj):
    with scopes_disabled():
        fresh = type(obj).objects.filter(pk=obj.pk).values().first()
    return fresh


@pytest.mark.parametrize("name", sorted(SUMEDANG_OBJECT))
@pytest.mark.parametrize("persona", ["outsider", "outsider_admin"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_pemdas_user_gets_404_and_changes_nothing(login, world, name, persona, method):
    obj = SUMEDANG_OBJECT[name](world)
    before = _snapshot(obj)
    client = login(getattr(world.users, persona))
    response = getattr(client, method)(reverse(name, kwargs={"pk": obj.pk}))
    nowhere = getattr(client, method)(reverse(name, kwargs={"pk": 10**9}))
    # A POST-only route answers a GET with 405 before it looks at the id, and the read-only API answers a
    # POST the same way: that reveals nothing as long as an id that exists nowhere gets the same answer.
    allowed = (404, 405) if (method == "get") != name.startswith("api:") else (404,)
    assert response.status_code in allowed, (name, method, response.status_code)
    assert response.status_code == nowhere.status_code
    assert _snapshot(obj) == before


def test_the_ids_are_real_sumedang_rows(world):
    """Guards the test above against passing for an id that exists nowhere."""
    with scopes_disabled():
        assert Pegawai.objects.filter(pk=world.pegawai.pk, pemda=world.sumedang).exists()
        assert UnitKerja.objects.filter(pk=world.seksi.pk, pemda=world.sumedang).exists()
