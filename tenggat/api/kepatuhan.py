"""API of the compliance view (issue 6): `GET /api/kepatuhan/?tahun=&periode=&pd=`, the numbers of the page
tenggat/views/kepatuhan.py with its permissions (admin BKPSDM: the Pemda; Kepala PD: her own PD when
PengaturanPemda.kepala_pd_awasi_pd_sendiri is on; else 403 with the reason; a period or PD out of scope 404;
bad input 400)."""

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import TENANT_PERMISSIONS
from skp import waktu
from skp.api import SkpApiMixin

from ..selectors.kepatuhan import baca_permintaan, kepatuhan


def _baris(b):
    return {
        "unit_id": b.unit_id or None,
        "nama": b.nama,
        "kode": b.kode,
        "depth": b.depth,
        **b.hitung.sebagai_dict(),
    }


def data_kepatuhan(k) -> dict:
    return {
        "tahun": k.tahun,
        "tanggal": k.tanggal.isoformat(),
        "tanggal_penempatan": k.acuan.isoformat(),
        "batas_penetapan_skp": k.batas_skp.isoformat(),
        "periode": (
            {
                "id": k.periode.pk,
                "label": k.periode.label,
                "batas_evaluasi": k.batas_evaluasi.isoformat() if k.batas_evaluasi else None,
                "batas_atasan": k.batas_atasan.isoformat() if k.batas_atasan else None,
            }
            if k.periode
            else None
        ),
        "pd": _baris(k.pd) if k.pd else None,
        "total": k.total.sebagai_dict(),
        "baris": [_baris(b) for b in k.baris],
        "terlambat": [
            {
                "judul": d.judul,
                "jumlah": d.jumlah,
                "nama": [
                    {
                        "pegawai_id": r["pk"],
                        "nama": r["nama"],
                        "nip": r["nip"],
                        "unit": r["unit"],
                        "batas": (r.get("batas") or k.batas_skp).isoformat(),
                    }
                    for r in d.baris
                ],
            }
            for d in k.terlambat
        ],
    }


class KepatuhanView(SkpApiMixin, APIView):
    """Compliance per Perangkat Daerah (or per unit of `pd`, with the names of the late)."""

    permission_classes = TENANT_PERMISSIONS
    lookup_field = "pk"

    @extend_schema(
        parameters=[
            OpenApiParameter("tahun", OpenApiTypes.INT, description="Tahun kinerja (bawaan: tahun ini)."),
            OpenApiParameter("periode", OpenApiTypes.INT, description="Id periode evaluasi (opsional)."),
            OpenApiParameter(
                "pd", OpenApiTypes.INT, description="Id Perangkat Daerah (unit akar) untuk rincian."
            ),
        ],
        responses={200: OpenApiTypes.OBJECT},
        tags=["tenggat"],
    )
    def get(self, request):
        tanggal = waktu.hari_ini(request.user.pemda_id)
        p = baca_permintaan(request.user, request.query_params, tanggal)
        k = kepatuhan(request.user.pemda_id, p.tahun, tanggal=tanggal, periode=p.periode, pd_id=p.pd_id)
        return Response(data_kepatuhan(k))


ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = [path("kepatuhan/", KepatuhanView.as_view(), name="kepatuhan")]
