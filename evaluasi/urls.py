"""Routes of evaluasi and tindak lanjut (issue 5), one list per area, mounted at /evaluasi/."""

from .views import admin, cetak, keberatan, penilaian, tindak_lanjut

urlpatterns = [
    *penilaian.urlpatterns,
    *admin.urlpatterns,
    *keberatan.urlpatterns,
    *tindak_lanjut.urlpatterns,
    *cetak.urlpatterns,
]
