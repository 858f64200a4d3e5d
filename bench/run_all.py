"""`make bench`: every benchmark, each printing its own numbers."""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

for script in (
    "thai_admin_coverage.py",
    "sroi_bench.py",
    "pdf_bench.py",
    "image_memory_bench.py",
    "search_text_bench.py",
    "search_relevance.py",
    "search_bench.py",
    "pages_bench.py",
    "registration_timing_bench.py",
    "load_bench.py",
    "cold_start_bench.py",
    "ops_bench.py",
    "lighthouse_bench.py",  # what `make lighthouse` runs
):
    print(f"\n== {script}", flush=True)
    subprocess.run([sys.executable, str(HERE / script)], check=True)
