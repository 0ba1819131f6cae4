"""The core path: a period opens, the Penilai rates and signs D.1.1 with C.1.x, the Pegawai signs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dokumen.models import StatusDokumen
from evaluasi import documents
from evaluasi.models import StatusEvaluasi
from evaluasi.services import penilaian

from . import bantu
from .conftest import D


@pytest.mark.django_db
def test_bulan_maret_dinilai_ditandatangani_penilai_lalu_pegawai(skp_berjalan, sumedang, hari):
    w = sumedang
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    ev = bantu.evaluasi_pegawai(p, w.pegawai)
    assert ev.penilai_id == w.penilai.pk and ev.atasan_penilai_id == w.atasan.pk
    assert ev.unit_id == w.seksi.pk and ev.skp_id == skp_berjalan.pk
    bantu.capaian(w, p)
    ev = bantu.sampai_ditandatangani(w, ev, "di_atas", "di_atas")
    assert ev.status == StatusEvaluasi.MENUNGGU_PEGAWAI and ev.predikat == "sangat_baik"
    assert ev.capaian_organisasi == "baik" and not ev.final
    dok = documents.dokumen_evaluasi(ev)
    assert dok.format_kode == "D.1.1" and dok.status == StatusDokumen.MENUNGGU_TANDA_TANGAN
    assert documents.dokumen_hasil(ev).format_kode == "C.1.3"
    assert documents.dokumen_hasil(ev).status == StatusDokumen.DITANDATANGANI
    ev = penilaian.tandatangani_pegawai(evaluasi=ev, by=w.users.pegawai, password=bantu.PASSWORD)
    assert ev.status == StatusEvaluasi.SELESAI
    assert documents.dokumen_evaluasi(ev).status == StatusDokumen.DITANDATANGANI


@pytest.mark.django_db
def test_rekan_tidak_dapat_menilai_dan_tanpa_capaian_tidak_dapat_ditandatangani(skp_berjalan, sumedang, hari):
    w = sumedang
    hari(D(2026, 3, 31))
    p = bantu.buka(w)
    ev = bantu.evaluasi_pegawai(p, w.pegawai)
    with pytest.raises(PermissionDenied):
        bantu.nilai(w, ev, by=w.users.rekan)
    with pytest.raises(PermissionDenied):
        bantu.nilai(w, ev, by=w.users.atasan)  # inside the window the Atasan may not
    ev = bantu.nilai(w, ev)
    with pytest.raises(ValidationError, match="Capaian kinerja organisasi"):
        penilaian.tandatangani_evaluator(evaluasi=ev, by=w.users.penilai, password=bantu.PASSWORD)
