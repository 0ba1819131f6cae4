"""API of the lonceng area of tenggat (issue 6).

The list and "mark read" are /api/pemberitahuan/ (skp/api.py); this adds only the count the bell shows.
"""

from django.urls import path
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.api import TENANT_PERMISSIONS

from .. import lonceng


class HitungView(APIView):
    """How many of the logged-in Pegawai's notices are unread (0 for an account without a Pegawai)."""

    permission_classes = TENANT_PERMISSIONS

    @extend_schema(
        summary="Jumlah pemberitahuan belum dibaca",
        responses={
            200: inline_serializer("PemberitahuanHitung", {"belum_dibaca": serializers.IntegerField()})
        },
        tags=["skp"],
    )
    def get(self, request):
        return Response({"belum_dibaca": lonceng.jumlah_belum_dibaca(request.user)})


ROUTES = []  # (prefix, viewset, basename)
EXTRA_URLS = [path("pemberitahuan-hitung/", HitungView.as_view(), name="pemberitahuan-hitung")]
