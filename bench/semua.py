"""The whole benchmark suite of issue 7 in one command, on PostgreSQL and Redis, with one table of verdicts.

    make bench                                  # 20,000 Pegawai, the 5-minute rush, the full print run
    make bench BENCH_ARGS="--cepat"             # a few minutes: small Pemda, 30 s rush, 500 documents
    make bench BENCH_ARGS="--cetak-dokumen 5000"  # everything at 20,000, the print run on a quarter
    .venv/bin/python bench/semua.py [--cepat] [--hanya halaman,dokumen] [--pegawai 20000]

Starts PostgreSQL and Redis if they are not running (as .ci/run does), gives every part a fresh database
(`kinerja_bench_<part>`, dropped and created), runs the parts one after another (never two at once: they would
share the two cores), then reads each part's `bench/results/<part>.json` and prints one table: each figure, its
target and the verdict. Everything it prints is also written to `bench/results/semua.json`.

Parts: `halaman.py` (the pages people wait on), `dokumen.py` (render and seal time), `beban.py` (the bare-Django
ceiling, the API list under wrk, the January rush, web worker RSS), `cetak.py` (the print run by Celery workers).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HASIL = ROOT / "bench" / "results"
PG = "postgres://postgres@127.0.0.1:5432"


def _bagian(pegawai: int, cepat: bool, cetak_dokumen: int | None) -> list[tuple[str, list[str]]]:
    """(part, its arguments besides --database-url), in the order they run."""
    if cepat:
        return [
            ("halaman", ["--pegawai", "2000", "--requests", "15"]),
            ("dokumen", ["--renders", "5"]),
            ("beban", ["--pegawai", "2000", "--rush-detik", "30", "--wrk-detik", "5"]),
            ("cetak", ["--pegawai", "2000", "--dokumen", "500"]),
        ]
    return [
        ("halaman", ["--pegawai", str(pegawai)]),
        ("dokumen", []),
        ("beban", ["--pegawai", str(pegawai)]),
        ("cetak", ["--pegawai", str(pegawai)] + (["--dokumen", str(cetak_dokumen)] if cetak_dokumen else [])),
    ]


def _jalan(perintah: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(perintah, check=False, **kwargs)


def pastikan_layanan():
    """PostgreSQL and Redis on 127.0.0.1, started as .ci/run starts them when they are not running."""
    if _jalan(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode != 0:
        versi = sorted(os.listdir("/etc/postgresql"))[0]
        _jalan(["pg_ctlcluster", "--skip-systemctl-redirect", versi, "main", "start"])
        for _ in range(30):
            if _jalan(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"]).returncode == 0:
                break
            time.sleep(1)
    if _jalan(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True).returncode != 0:
        _jalan(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", ""])
        time.sleep(1)


def database_baru(nama: str) -> str:
    for sql in (f'DROP DATABASE IF EXISTS "{nama}" WITH (FORCE)', f'CREATE DATABASE "{nama}"'):
        hasil = _jalan(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], capture_output=True, text=True
        )
        if hasil.returncode != 0:
            raise SystemExit(f"Tidak dapat menyiapkan database {nama}: {hasil.stderr.strip()}")
    return f"{PG}/{nama}"


def _teks(nilai) -> str:
    if isinstance(nilai, float):
        return f"{nilai:,.3g}" if abs(nilai) < 10 else f"{nilai:,.0f}"
    return str(nilai)


def tabel(baris: list[dict]) -> str:
    kepala = ("bagian", "ukuran", "nilai", "target", "verdict")
    isi = [
        (
            b["bagian"],
            b["nama"],
            f"{_teks(b['nilai'])} {b.get('satuan', '')}".strip(),
            str(b.get("target", "")),
            "OK" if b.get("ok") else ("MELESET" if b.get("ok") is False else "-"),
        )
        for b in baris
    ]
    lebar = [max(len(k), *(len(r[i]) for r in isi)) if isi else len(k) for i, k in enumerate(kepala)]
    garis = "  ".join("-" * w for w in lebar)
    keluar = ["  ".join(k.ljust(w) for k, w in zip(kepala, lebar, strict=True)), garis]
    keluar += ["  ".join(c.ljust(w) for c, w in zip(r, lebar, strict=True)) for r in isi]
    return "\n".join(keluar)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=20000)
    parser.add_argument("--cepat", action="store_true", help="ukuran kecil, beberapa menit")
    parser.add_argument("--hanya", default="", help="bagian yang dijalankan, dipisah koma")
    parser.add_argument(
        "--cetak-dokumen",
        type=int,
        default=None,
        help="print run: seal this many of the Pemda's D.1.1 and project to all (default: every one)",
    )
    options = parser.parse_args()

    pastikan_layanan()
    HASIL.mkdir(parents=True, exist_ok=True)
    hanya = {b.strip() for b in options.hanya.split(",") if b.strip()}
    ringkasan = {"pegawai": options.pegawai, "cepat": options.cepat, "bagian": {}, "target": []}
    for nama, args in _bagian(options.pegawai, options.cepat, options.cetak_dokumen):
        if hanya and nama not in hanya:
            continue
        skrip = ROOT / "bench" / f"{nama}.py"
        if not skrip.exists():
            print(f"== {nama}: {skrip.name} tidak ada, dilewati", flush=True)
            continue
        hasil_json = HASIL / f"{nama}.json"
        hasil_json.unlink(missing_ok=True)
        url = database_baru(f"kinerja_bench_{nama}")
        print(f"\n== {nama}: {' '.join(args)}", flush=True)
        mulai = time.monotonic()
        proses = _jalan([sys.executable, str(skrip), "--database-url", url, *args], cwd=ROOT)
        detik = round(time.monotonic() - mulai, 1)
        data = json.loads(hasil_json.read_text()) if hasil_json.exists() else {}
        ringkasan["bagian"][nama] = {"kode_keluar": proses.returncode, "detik": detik, "hasil": data}
        if not data:  # a part that ends with its own verdicts may exit non-zero when a target is missed
            ringkasan["target"].append(
                {
                    "bagian": nama,
                    "nama": "bagian selesai",
                    "nilai": proses.returncode,
                    "target": 0,
                    "ok": False,
                }
            )
        for baris in data.get("target", []):
            ringkasan["target"].append({"bagian": nama, **baris})

    print("\n" + tabel(ringkasan["target"]))
    meleset = [b for b in ringkasan["target"] if b.get("ok") is False]
    print(f"\n{len(ringkasan['target']) - len(meleset)} target terpenuhi, {len(meleset)} meleset.")
    (HASIL / "semua.json").write_text(json.dumps(ringkasan, indent=2, default=str))
    print(f"Hasil lengkap: {HASIL / 'semua.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
