from django.apps import AppConfig


class DokumenConfig(AppConfig):
    """The document engine: frozen, versioned, signed PDFs with a public verification page."""

    name = "dokumen"
    default_auto_field = "django.db.models.BigAutoField"
