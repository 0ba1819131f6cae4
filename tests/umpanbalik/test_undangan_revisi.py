"""An invitation to give feedback holds on the later versions of the SKP: a penyesuaian ekspektasi (a new
version) does not silently end it; revoking it ends it on every version."""

import pytest

from skp import services as skp_services
from tests.conftest import PASSWORD
from umpanbalik.permissions import skp_pelaksanaan_visible_to, undangan_untuk
from umpanbalik.selectors.umpan_balik import undangan_skp
from umpanbalik.services.umpan_balik import umpan_balik_beri, undangan_buat, undangan_cabut

pytestmark = pytest.mark.django_db


def _revisi(w, v1):
    v2 = skp_services.skp_revisi(
        skp=v1, by=w.users.penilai, alasan="Penyesuaian ekspektasi setelah coaching."
    )
    skp_services.skp_ajukan(skp=v2, by=w.users.pegawai)
    skp_services.skp_setujui(skp=v2, by=w.users.penilai)
    skp_services.skp_tanda_tangan_pegawai(skp=v2, by=w.users.pegawai, password=PASSWORD)
    return skp_services.skp_tetapkan(skp=v2, by=w.users.penilai, password=PASSWORD)


def test_an_invited_peer_gives_feedback_on_the_revised_skp(skp_berjalan, sumedang):
    w = sumedang
    undangan = undangan_buat(skp=skp_berjalan, pegawai=w.rekan, peran="rekan", by=w.users.pegawai)
    v2 = _revisi(w, skp_berjalan)
    assert undangan_untuk(v2, w.users.rekan) == undangan
    assert skp_pelaksanaan_visible_to(w.users.rekan).filter(pk=v2.pk).exists()
    ub = umpan_balik_beri(skp=v2, by=w.users.rekan, teks="Kolaborasi baik.", jenis="insidental")
    assert ub.peran == "rekan"
    assert list(undangan_skp(v2)) == [undangan]


def test_revoking_the_invitation_ends_it_on_every_version(skp_berjalan, sumedang):
    from django.core.exceptions import PermissionDenied

    w = sumedang
    undangan = undangan_buat(skp=skp_berjalan, pegawai=w.rekan, peran="rekan", by=w.users.pegawai)
    v2 = _revisi(w, skp_berjalan)
    undangan_cabut(undangan=undangan, by=w.users.pegawai)
    assert undangan_untuk(v2, w.users.rekan) is None
    assert not skp_pelaksanaan_visible_to(w.users.rekan).filter(pk__in=[skp_berjalan.pk, v2.pk]).exists()
    with pytest.raises(PermissionDenied):
        umpan_balik_beri(skp=v2, by=w.users.rekan, teks="Masih bisa?", jenis="insidental")


def test_an_invitation_on_another_pegawais_skp_does_not_open_this_one(skp_berjalan, sumedang):
    from tests.factories import SkpFactory

    w = sumedang
    lain = SkpFactory(
        pemda=w.sumedang,
        pegawai=w.kadis,
        jabatan=skp_berjalan.jabatan,
        penilai=w.atasan,
        status="ditetapkan",
        ditetapkan_sebagai="penilai",
    )
    undangan_buat(skp=skp_berjalan, pegawai=w.rekan, peran="rekan", by=w.users.pegawai)
    assert not skp_pelaksanaan_visible_to(w.users.rekan).filter(pk=lain.pk).exists()


def test_the_invitees_list_leads_to_the_version_in_force(skp_berjalan, sumedang, login):
    w = sumedang
    undangan_buat(skp=skp_berjalan, pegawai=w.rekan, peran="rekan", by=w.users.pegawai)
    v2 = _revisi(w, skp_berjalan)
    html = login(w.users.rekan).get("/pelaksanaan/diundang/").content.decode()
    assert f"/pelaksanaan/skp/{v2.pk}/umpan-balik/" in html
    assert f"/pelaksanaan/skp/{skp_berjalan.pk}/umpan-balik/" not in html
