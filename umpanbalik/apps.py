from django.apps import AppConfig


class UmpanbalikConfig(AppConfig):
    name = "umpanbalik"
    default_auto_field = "django.db.models.BigAutoField"
