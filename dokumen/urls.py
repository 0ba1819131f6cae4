"""Routes of the document engine: the public verification page and the signers' download."""

from django.urls import path

from . import views

urlpatterns = [
    path("verifikasi/<uuid:token>/", views.verifikasi, name="dokumen_verifikasi"),
    path("dokumen/<int:pk>/pdf/", views.dokumen_pdf, name="dokumen_pdf"),
]
