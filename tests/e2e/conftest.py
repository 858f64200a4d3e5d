import os
from pathlib import Path

import pytest

from tests.e2e.stack import CHROMIUM, start_stack


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    running = start_stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()


# Per module, not per session: Playwright's sync API keeps an event loop running while it is open, and Django then
# refuses database access ("async context") to any in-process test that runs later on the same xdist worker.
@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("No Chromium at /usr/bin/chromium: install Debian's chromium package (.ci/run does).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )  # fmt: skip
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.set_default_timeout(15_000)
    yield opened
    if os.environ.get("E2E_SCREENSHOTS"):
        opened.screenshot(path=os.environ["E2E_SCREENSHOTS"] + "/last.png", full_page=True)
    context.close()
