"""Form widgets rendered in Python with the markup of Django's own widget templates, for forms repeated many
times on one page (the SKP editor has an edit form for every RHK and IKI): a template render per widget, and
per option of a select, was about a fifth of that page's server time."""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html."""
    return "".join(
        f" {conditional_escape(k)}"
        if v is True
        else f' {conditional_escape(k)}="{conditional_escape(str(v))}"'
        for k, v in attrs.items()
        if v is not False
    )


class PilihanCepat(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        w = self.get_context(name, value, attrs)["widget"]
        bagian = [f'<select name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>']
        for grup, pilihan, _ in w["optgroups"]:
            if grup:
                bagian.append(f'\n  <optgroup label="{conditional_escape(grup)}">')
            for o in pilihan:
                bagian.append(
                    f'\n  <option value="{conditional_escape(str(o["value"]))}"{_attrs(o["attrs"])}>'
                    f"{conditional_escape(o['label'])}</option>\n"
                )
            if grup:
                bagian.append("\n  </optgroup>")
        bagian.append("\n</select>")
        return mark_safe("".join(bagian))


class IsianCepat(forms.TextInput):
    def render(self, name, value, attrs=None, renderer=None):
        w = self.get_context(name, value, attrs)["widget"]
        nilai = f' value="{conditional_escape(str(w["value"]))}"' if w["value"] is not None else ""
        return mark_safe(
            f'<input type="{conditional_escape(w["type"])}" name="{conditional_escape(w["name"])}"{nilai}'
            f"{_attrs(w['attrs'])}>"
        )


class TeksCepat(forms.Textarea):
    def render(self, name, value, attrs=None, renderer=None):
        w = self.get_context(name, value, attrs)["widget"]
        isi = conditional_escape(w["value"]) if w["value"] else ""
        return mark_safe(
            f'<textarea name="{conditional_escape(w["name"])}"{_attrs(w["attrs"])}>\n{isi}</textarea>'
        )
