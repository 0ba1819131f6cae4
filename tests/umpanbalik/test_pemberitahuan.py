"""Feedback tells the Pegawai: a notice on her beranda (skp.models.Pemberitahuan, kind umpan_balik)."""

import pytest

from skp.models import JenisPemberitahuan, Pemberitahuan
from umpanbalik.services.umpan_balik import umpan_balik_beri

pytestmark = pytest.mark.django_db


def test_feedback_from_the_leader_notifies_the_pegawai(skp_berjalan, sumedang):
    umpan_balik_beri(
        skp=skp_berjalan, by=sumedang.users.penilai, teks="Bagus, lanjutkan.", jenis="insidental"
    )
    notice = Pemberitahuan.objects.get(penerima=sumedang.pegawai)
    assert notice.jenis == JenisPemberitahuan.UMPAN_BALIK
    assert notice.skp_id == skp_berjalan.pk
    assert "Umpan balik insidental baru" in notice.pesan


def test_a_refused_feedback_notifies_nobody(skp_berjalan, sumedang):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        umpan_balik_beri(skp=skp_berjalan, by=sumedang.users.rekan, teks="Tanpa undangan", jenis="insidental")
    assert not Pemberitahuan.objects.filter(penerima=sumedang.pegawai).exists()
