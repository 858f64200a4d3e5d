"""Registration timing: does the answer time tell an already registered address from a new one? (issue 19.3)

Builds a throwaway SQLite database under var/bench/ (migrated, initial content loaded, removed afterwards), then
POSTs the creator registration form in-process (Django test client) with the real Argon2 password hasher:
BENCH_REGISTRATION_RUNS (default 25) new addresses and as many already registered ones, interleaved so both
see the same machine load. Prints both medians and their difference; asserts nothing.
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"  # tasks inline, mail in memory

import django

django.setup()
logging.disable(logging.WARNING)  # django-q2 and axes narrate every request

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from config.settings import base  # noqa: E402

RUNS = int(os.environ.get("BENCH_REGISTRATION_RUNS", 25))
DB_PATH = Path(settings.VAR_DIR) / "bench" / "registration-timing.sqlite3"


def form_data(email: str, n: int) -> dict:
    from taxonomy.models import Province, SdgGoal, Sector

    password = "ดอกไม้บานในสวน สีเขียว 2569"  # noqa: S105 (a throwaway account)
    return {
        "email": email, "password1": password, "password2": password, "accept_privacy": "on",
        "name_th": f"มูลนิธิทดสอบเวลา {n}", "name_en": f"Timing Foundation {n}",
        "organisation_type": str(Sector.objects.get(slug="social").pk), "registration_number": "",
        "province": str(Province.objects.get(slug="chiang-mai").pk), "address": "123 ถนนห้วยแก้ว",
        "website": "", "description": "โครงการพัฒนาทักษะอาชีพให้ผู้สูงอายุ",
        "sdg_goals": [str(SdgGoal.objects.get(number=1).pk)], "contact_name": "สมชาย ใจดี",
        "contact_phone": "081-234-5678", "contact_email": f"contact{n}@example.org",
    }  # fmt: skip


def timed_post(client: Client, data: dict) -> float:
    start = time.perf_counter()
    response = client.post("/accounts/register/creator/", data)
    elapsed = (time.perf_counter() - start) * 1000
    assert response.status_code == 302 and response["Location"].endswith("/check-email/"), response.status_code
    return elapsed


def measure() -> tuple[list[float], list[float]]:
    from creators.models import User

    client = Client()
    existing = [f"registered{n}@example.org" for n in range(RUNS)]
    for n, email in enumerate(existing):
        timed_post(client, form_data(email, 1000 + n))
    # Older than a minute: each probe is a second registration, not a double-click.
    User.objects.update(date_joined="2026-01-01T00:00:00+07:00")
    for n in range(3):  # warm-up: templates, hasher, connection
        timed_post(client, form_data(f"warmup{n}@example.org", 2000 + n))
    new_times, existing_times = [], []
    for n in range(RUNS):
        new_times.append(timed_post(client, form_data(f"new{n}@example.org", 3000 + n)))
        existing_times.append(timed_post(client, form_data(existing[n], 4000 + n)))
    return new_times, existing_times


def main() -> None:
    from portal.initial_content import load_initial_content

    setup_test_environment()
    DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    connection.settings_dict["TEST"]["NAME"] = str(DB_PATH)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        load_initial_content()
        limits = {"REGISTRATIONS_PER_IP_PER_HOUR": 0, "REGISTRATIONS_PER_IP_PER_DAY": 0}
        with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS, **limits):
            new_times, existing_times = measure()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    new, existing = statistics.median(new_times), statistics.median(existing_times)
    print(f"registration POST, in-process, {base.PASSWORD_HASHERS[0].rsplit('.', 1)[1]}, {RUNS} requests each (ms)")
    print(f"{'address':22} {'median':>8} {'min':>8} {'max':>8}")
    for label, times in (("new", new_times), ("already registered", existing_times)):
        print(f"{label:22} {statistics.median(times):8.1f} {min(times):8.1f} {max(times):8.1f}")
    difference = (existing - new) / new * 100
    verdict = "ok" if abs(difference) <= 10 else "MISS (target within 10 %)"
    print(f"difference of medians: {difference:+.1f} %  {verdict}")


if __name__ == "__main__":
    main()
