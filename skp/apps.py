from django.apps import AppConfig


class SkpConfig(AppConfig):
    name = "skp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kinerja.signals import penempatan_dicatat

        from .tasks import _setelah_penempatan

        penempatan_dicatat.connect(_setelah_penempatan, dispatch_uid="skp.mulai_skp_mutasi")
