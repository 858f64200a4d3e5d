"""`make relevance` (also part of `make bench`): recall@10 and MRR of the search on the fixed relevance corpus.

Runs tests/search/test_relevance.py (which builds the corpus, the whole SDG catalogue and the seed FAQ in a test
database, generates the FAQ-word queries and fails below the floors) and prints its figures: the hand-written
queries, the distinctive words of the seed FAQ answers, and all of them together. SQLite by default; with
DATABASE_URL=postgres://... the same on PostgreSQL.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
database = "PostgreSQL" if environment.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
command = [sys.executable, "-m", "pytest", "tests/search/test_relevance.py", "-q", "-s", "-p", "no:cacheprovider"]
run = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
lines = [line for line in run.stdout.splitlines() if line.startswith(("search relevance", "  miss"))]
print(f"search relevance on {database}:")
for line in lines:
    print(" ", line.removeprefix("search relevance, "))
if run.returncode:
    print(run.stdout[-3000:], run.stderr[-3000:], sep="\n")
    sys.exit(run.returncode)
