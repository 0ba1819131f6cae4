from django.apps import AppConfig


class SkpConfig(AppConfig):
    name = "skp"
    default_auto_field = "django.db.models.BigAutoField"
