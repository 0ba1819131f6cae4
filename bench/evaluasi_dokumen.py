"""Benchmark: render time of the evaluation documents D.1.1 and C.1.3 (issue 5).

    .venv/bin/python bench/evaluasi_dokumen.py [--pegawai 300] [--renders 10] [--database-url URL]

Seeds a throwaway SQLite file (or the disposable PostgreSQL database given) with `seed_demo --pemda sumedang`,
`seed_demo_pelaksanaan` and `seed_demo_evaluasi` (the demo chain rated and signed through the services), takes
the demo Pegawai's latest signed evaluation, and times, warm (one render first: fonts and templates loaded),
`--renders` builds of each document as a reading copy is built: the context (evaluasi.documents.konteks_*),
the HTML (dokumen.render.render_html) and the PDF (WeasyPrint). Reports the median and 90th percentile in ms,
the share of it spent before WeasyPrint, the SQL queries of one build and the PDF size; prints a table and one
JSON line, and writes the JSON to bench/results/evaluasi_dokumen.json.
"""

import argparse
import importlib.util
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

# The helpers of bench/skp.py (loaded by path: its module name would shadow the `skp` app).
_spec = importlib.util.spec_from_file_location("bench_skp", Path(__file__).resolve().parent / "skp.py")
_bench_skp = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench_skp)
ROOT, manage, ringkas, waktu = _bench_skp.ROOT, _bench_skp.manage, _bench_skp.ringkas, _bench_skp.waktu
siapkan_django = _bench_skp.siapkan_django


def evaluasi_demo():
    """The demo Pegawai's latest evaluation signed by the evaluator (Sumedang)."""
    from django_scopes import scopes_disabled

    from evaluasi.models import Evaluasi, StatusEvaluasi
    from kinerja.models import Pemda
    from kinerja.services.seed import rantai_demo

    with scopes_disabled():
        pemda = Pemda.objects.get(slug="sumedang")
        rantai = rantai_demo(pemda.pk)
        return (
            Evaluasi.objects.filter(
                pemda=pemda,
                pegawai_id=rantai.pegawai,
                status__in=[StatusEvaluasi.MENUNGGU_PEGAWAI, StatusEvaluasi.SELESAI],
            )
            .select_related("periode", "pegawai", "skp")
            .order_by("-periode__tahun", "-periode__nomor")
            .first()
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pegawai", type=int, default=300)
    parser.add_argument("--renders", type=int, default=10)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        url = siapkan_django(
            tmp,
            options.database_url,
            ["seed_demo", "--pegawai", str(options.pegawai), "--pemda", "sumedang", "--reset"],
            ["seed_demo_pelaksanaan", "--pemda", "sumedang"],
            ["seed_demo_evaluasi", "--pemda", "sumedang"],
        )

        from dokumen import render
        from evaluasi import documents
        from kinerja.scoping import tenant_context

        ev = evaluasi_demo()
        if ev is None:
            print("Tidak ada evaluasi demo yang ditandatangani.", file=sys.stderr)
            return 1
        hasil = {}
        with tenant_context(ev.pemda_id):
            kode_hasil = documents.format_hasil(ev)
            bangun = {
                "D.1.1": lambda: documents.konteks_dokumen(ev),
                kode_hasil: lambda: documents.konteks_hasil(ev),
            }
            for kode, konteks in bangun.items():

                def html(kode=kode, konteks=konteks):
                    return documents.html_kerja(ev, kode, konteks())

                def pdf(html=html):
                    return render.html_ke_pdf(html())

                contoh = pdf()  # warm-up: fonts, templates
                ms, kueri = waktu(pdf, options.renders)
                ms_html, _ = waktu(html, options.renders)
                hasil[kode] = {
                    **ringkas(ms, kueri),
                    "html_median_ms": round(statistics.median(ms_html), 1),
                    "renders": options.renders,
                    "pdf_kb": round(len(contoh) / 1024, 1),
                }

    result = {
        "benchmark": "evaluasi_dokumen",
        "database": url.split(":", 1)[0],
        "pegawai": options.pegawai,
        "periode": ev.periode.label,
        "dokumen": hasil,
    }
    print(f"{'format':8} {'median ms':>10} {'p90 ms':>8} {'html ms':>8} {'queries':>8} {'PDF kB':>7}")
    for kode, r in hasil.items():
        print(
            f"{kode:8} {r['median_ms']:>10} {r['p90_ms']:>8} {r['html_median_ms']:>8} {r['queries']:>8} "
            f"{r['pdf_kb']:>7}"
        )
    line = json.dumps(result)
    print(line)
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "evaluasi_dokumen.json").write_text(line + "\n")
    return 0


if __name__ == "__main__":
    t0 = time.perf_counter()
    code = main()
    print(f"# {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    sys.exit(code)
