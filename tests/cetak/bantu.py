"""Evaluations of a 2026 annual period in Sumedang with their D.1.1 in every state a print run meets:
fully signed and waiting for its seal (DOKUMEN_SEGEL_ASINKRON), already sealed, waiting for the Pegawai's
signature, not rated, exempted. The D.1.1 is issued on the Evaluasi through the document engine with the
engine's sample template (the print run does not care what the form says, only its signatures)."""

from types import SimpleNamespace
from unittest import mock

from django.db.models import Count
from django_scopes import scopes_disabled

from dokumen import services as dokumen_services
from evaluasi.models import Evaluasi, StatusEvaluasi
from kinerja.models import AuditEvent
from kinerja.scoping import tenant_context
from tests.conftest import PASSWORD
from tests.dokumen.conftest import TEMPLATE, konteks
from tests.factories import EvaluasiFactory, PeriodeEvaluasiFactory, pegawai_with_account


def _d11(world, ev, pegawai_user):
    return dokumen_services.terbitkan(
        pemda_id=world.sumedang.pk,
        format_kode="D.1.1",
        judul="Dokumen Evaluasi Kinerja Pegawai",
        objek=ev,
        template=TEMPLATE,
        konteks=konteks(world),
        penandatangan=[("penilai", world.users.penilai), ("pegawai", pegawai_user)],
        by=world.users.penilai,
    )


def siapkan(world, *, menunggu_segel=3, settings=None):
    """Build the period. Returns a namespace: periode, `menunggu` (evaluations whose D.1.1 is fully signed
    without its PDF), `final` (sealed already), `belum_ttd` (waiting for the Pegawai), `belum_dinilai`,
    `dikecualikan`."""
    from django.conf import settings as dj

    lama = dj.DOKUMEN_SEGEL_ASINKRON
    periode = PeriodeEvaluasiFactory(pemda=world.sumedang, jenis="tahunan", nomor=1, tahun=2026)
    hasil = SimpleNamespace(
        periode=periode, menunggu=[], final=[], belum_ttd=[], belum_dinilai=[], dikecualikan=[]
    )

    def ev(pegawai, unit, status=StatusEvaluasi.MENUNGGU_PEGAWAI, penilai="penilai", **kw):
        return EvaluasiFactory(
            pemda=world.sumedang,
            periode=periode,
            pegawai=pegawai,
            unit=unit,
            penilai=world.penilai if penilai == "penilai" else penilai,
            atasan_penilai=world.atasan,
            status=status,
            **kw,
        )

    tunda = mock.patch("dokumen.tasks.segel_dokumen.delay", lambda *a, **k: None)
    tunda.start()
    try:
        with tenant_context(world.sumedang.pk):
            # The last signature only records; the seal is left to a worker (none runs: the task is a no-op).
            dj.DOKUMEN_SEGEL_ASINKRON = True
            orang = [(world.pegawai, world.users.pegawai)]
            for n in range(menunggu_segel - 1):
                p = pegawai_with_account(jabatan=world.pelaksana, nama=f"Pelaksana Tambahan {n + 1:02d}")
                with scopes_disabled():
                    from kinerja.models import User

                    orang.append((p, User.objects.get(pegawai=p)))
            for pegawai, user in orang:
                e = ev(pegawai, world.seksi)
                d = _d11(world, e, user)
                dokumen_services.tanda_tangani(dokumen=d, user=world.users.penilai, password=PASSWORD)
                dokumen_services.tanda_tangani(dokumen=d, user=user, password=PASSWORD)
                hasil.menunggu.append(e)
            # Sealed at its last signature (the synchronous default).
            dj.DOKUMEN_SEGEL_ASINKRON = False
            p = pegawai_with_account(jabatan=world.pelaksana, nama="Zaenal Sudah Final")
            with scopes_disabled():
                from kinerja.models import User

                u = User.objects.get(pegawai=p)
            e = ev(p, world.seksi)
            d = _d11(world, e, u)
            dokumen_services.tanda_tangani(dokumen=d, user=world.users.penilai, password=PASSWORD)
            dokumen_services.tanda_tangani(dokumen=d, user=u, password=PASSWORD)
            hasil.final.append(e)
            # Signed by the Penilai only.
            e = ev(world.rekan, world.seksi)
            d = _d11(world, e, world.users.rekan)
            dokumen_services.tanda_tangani(dokumen=d, user=world.users.penilai, password=PASSWORD)
            hasil.belum_ttd.append(e)
        # The Penilai's own evaluation (by the Atasan, unit Bidang): not rated. BKPSDM's analyst: exempted.
        hasil.belum_dinilai.append(
            ev(world.penilai, world.bidang, StatusEvaluasi.BELUM_DINILAI, penilai=world.atasan)
        )
        hasil.dikecualikan.append(
            ev(
                world.admin_pegawai,
                world.bkpsdm,
                StatusEvaluasi.DIKECUALIKAN,
                penilai=None,
                alasan_pengecualian="Cuti di luar tanggungan negara sepanjang periode",
            )
        )
    finally:
        dj.DOKUMEN_SEGEL_ASINKRON = lama
        tunda.stop()
    return hasil


def jumlah_segel(pemda_id) -> dict[int, int]:
    """{dokumen id: number of `dokumen_final` audit events}: each document must be sealed exactly once."""
    with scopes_disabled():
        return dict(
            AuditEvent.objects.filter(pemda_id=pemda_id, aksi="dokumen_final", objek_jenis="Dokumen")
            .values_list("objek_id")
            .annotate(n=Count("pk"))
        )


def semua_evaluasi(periode):
    with scopes_disabled():
        return list(Evaluasi.objects.filter(periode=periode))
