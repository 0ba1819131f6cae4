from django.apps import AppConfig


class CetakConfig(AppConfig):
    name = "cetak"
    verbose_name = "Cetak massal dokumen evaluasi"
    default_auto_field = "django.db.models.BigAutoField"
