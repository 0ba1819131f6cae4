from django.apps import AppConfig
from django.db.models.signals import post_migrate


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja (inti)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kinerja import cache_pemda, rls

        post_migrate.connect(rls.on_post_migrate, sender=self, dispatch_uid="kinerja_rls")
        cache_pemda.hubungkan()
