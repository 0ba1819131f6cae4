"""`{% bidang f "kelas" %}`: one form field in the markup of templates/skp/_bidang.html, built in Python.

The SKP page renders an edit form for every RHK and IKI; an `{% include %}` per field cost a template render
each (about a fifth of the page's server time with 5 RHK of 3 IKI)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def bidang(f, kelas: str = ""):
    css = "baris" + (" salah" if f.errors else "") + (f" {kelas}" if kelas else "")
    bantuan = format_html('<span class="helptext">{}</span>', mark_safe(f.help_text)) if f.help_text else ""
    return format_html(
        '<div class="{}">\n  {}{}\n  {}\n  {}\n</div>', css, f.label_tag(), f, bantuan, f.errors or ""
    )
