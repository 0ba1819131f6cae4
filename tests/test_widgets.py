"""kinerja.widgets render the same markup as Django's template-rendered widgets they replace."""

import pytest
from django import forms

from kinerja.widgets import IsianCepat, PilihanCepat, TeksCepat

PILIHAN = [("", "---"), ("a", "A & <b>"), (1, "Satu")]
GRUP = [("Grup <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")]
NILAI = [None, "", "a", 1, "x", 'te"ks <&>']


@pytest.mark.parametrize(
    ("asli", "cepat", "kwargs"),
    [
        (forms.Select, PilihanCepat, {"choices": PILIHAN}),
        (forms.Select, PilihanCepat, {"choices": GRUP}),
        (forms.TextInput, IsianCepat, {"attrs": {"inputmode": "decimal", "disabled": False}}),
        (forms.Textarea, TeksCepat, {"attrs": {"rows": 2}}),
    ],
)
@pytest.mark.parametrize("nilai", NILAI)
def test_fast_widget_renders_what_djangos_template_renders(asli, cepat, kwargs, nilai):
    attrs = {"id": "id_f", "required": True}
    assert cepat(**kwargs).render("f-n", nilai, attrs=attrs) == asli(**kwargs).render(
        "f-n", nilai, attrs=attrs
    )


def test_a_bound_form_with_fast_widgets_keeps_the_posted_value_and_the_selection():
    class F(forms.Form):
        aspek = forms.ChoiceField(choices=PILIHAN, widget=PilihanCepat)
        satuan = forms.CharField(widget=IsianCepat)

    html = str(F({"aspek": "a", "satuan": "dokumen <x>"}))
    assert '<option value="a" selected>' in html
    assert 'value="dokumen &lt;x&gt;"' in html
