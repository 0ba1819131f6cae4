from django.apps import AppConfig


class TenggatConfig(AppConfig):
    name = "tenggat"
    verbose_name = "Tenggat, pengingat dan eskalasi"
    default_auto_field = "django.db.models.BigAutoField"
