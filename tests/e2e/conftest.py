"""Fixtures for the end-to-end tests: Debian's chromium driven by Playwright (sync API).

The browser is never downloaded: Playwright starts /usr/bin/chromium (`apt-get install
chromium`; .ci/run installs it). A missing browser fails the tests instead of skipping them.
"""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread; Django's ORM would
# otherwise refuse to run there ("You cannot call this from an async context").
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("ANETT_E2E_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium_browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the e2e tests need Debian's chromium "
            "(`apt-get install -y chromium`, done by .ci/run). "
            "Playwright never downloads a browser here.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium_browser):
    # A German browser profile, as the users have (the app is German-first regardless).
    context = chromium_browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.js_errors = []
    page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
    yield page
    context.close()
