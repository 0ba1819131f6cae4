"""The coaching form posts every LANGKAH row with its Ya/Tidak select set: rows without IKI and strategi are
empty, not errors, and "Tidak" never asks for an SKP change."""

import pytest
from django.core.exceptions import ValidationError

from umpanbalik import isian


def _langkah(*rows):
    return isian.bersihkan_bagian(
        jenis="coaching", bagian="pembina", data={"langkah": list(rows)}, iki_skp={7: "IKI"}
    )


def test_rows_left_empty_with_tidak_selected_are_ignored():
    hasil = _langkah(
        {"iki": "7", "strategi": "Jadwal mingguan", "penyesuaian": "tidak"},
        {"iki": "", "strategi": "", "penyesuaian": "tidak"},
        {"iki": "", "strategi": " ", "penyesuaian": "ya"},
    )
    assert [(r["iki"], r["strategi"], r["penyesuaian"]) for r in hasil["langkah"]] == [
        (7, "Jadwal mingguan", False)
    ]


def test_a_row_with_a_strategy_but_no_iki_is_refused():
    with pytest.raises(ValidationError, match="baris 2: pilih Indikator"):
        _langkah({"iki": "7", "strategi": "A", "penyesuaian": "tidak"}, {"iki": "", "strategi": "B"})


def test_only_ya_asks_for_an_skp_change_also_on_raw_posted_rows():
    assert not isian.perlu_perubahan_skp({"langkah": [{"penyesuaian": "tidak"}, {"penyesuaian": False}]})
    assert isian.perlu_perubahan_skp({"langkah": [{"penyesuaian": "tidak"}, {"penyesuaian": "ya"}]})
    assert isian.perlu_perubahan_skp({"langkah": [{"penyesuaian": True}]})
