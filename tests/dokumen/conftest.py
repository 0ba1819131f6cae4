"""Shared set-up of the document engine tests: a sample document of the world's Pegawai, issued in
Sumedang with the Pegawai and her Penilai as signers (templates/dokumen/contoh.html)."""

import datetime

import pytest
from django_scopes import scope

from dokumen import render, services

from ..conftest import PASSWORD

TEMPLATE = "dokumen/contoh.html"


def konteks(world, **lebih):
    return {
        "pegawai": render.identitas_pegawai(world.pegawai),
        "penilai": render.identitas_pegawai(world.penilai),
        "periode": "1 Januari s.d. 31 Desember 2026",
        "tanggal": datetime.date(2026, 1, 31),
        "rencana": [
            {
                "rhk": "Aplikasi layanan kepegawaian terbangun",
                "iki": "Modul yang berjalan",
                "target": "4 modul",
            },
            {"rhk": "Data pegawai mutakhir", "iki": "Persentase data valid", "target": "95%"},
        ],
        **lebih,
    }


@pytest.fixture
def sumedang(world):
    """Run the test inside Sumedang's scope, as a request of a Sumedang user would."""
    with scope(pemda=world.sumedang.pk):
        yield world


@pytest.fixture
def terbitkan(sumedang):
    """`terbitkan(**overrides)` issues the sample document for world.pegawai."""
    world = sumedang

    def _terbitkan(**lebih):
        args = {
            "pemda_id": world.sumedang.pk,
            "format_kode": "X.1",
            "judul": "Contoh Dokumen Kinerja",
            "objek": world.pegawai,
            "template": TEMPLATE,
            "konteks": konteks(world),
            "penandatangan": [("pegawai", world.users.pegawai), ("penilai", world.users.penilai)],
            "by": world.users.penilai,
        }
        args.update(lebih)
        return services.terbitkan(**args)

    return _terbitkan


@pytest.fixture
def ditandatangani(terbitkan, sumedang):
    """A sample document signed by both signers: final, sealed."""
    dokumen = terbitkan()
    services.tanda_tangani(dokumen=dokumen, user=sumedang.users.pegawai, password=PASSWORD)
    services.tanda_tangani(dokumen=dokumen, user=sumedang.users.penilai, password=PASSWORD)
    dokumen.refresh_from_db()
    return dokumen
