"""What the benchmark scripts share: loading a sibling script by path, and writing a result."""

import importlib.util
import json
from pathlib import Path

DIR = Path(__file__).resolve().parent
HASIL = DIR / "results"


def muat(nama: str, berkas: str):
    """A sibling script as a module, loaded by path: imported by name, bench/skp.py would shadow the `skp`
    app (and bench/evaluasi.py the `evaluasi` app)."""
    spec = importlib.util.spec_from_file_location(nama, DIR / berkas)
    modul = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(modul)
    return modul


def simpan(nama: str, hasil: dict) -> str:
    """Print the result as one JSON line and write it to bench/results/<nama>.json (not committed)."""
    baris = json.dumps(hasil)
    print(baris)
    HASIL.mkdir(parents=True, exist_ok=True)
    (HASIL / f"{nama}.json").write_text(baris + "\n")
    return baris
