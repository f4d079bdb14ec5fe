"""Headless Chromium for the browser tests, driven by Playwright for Python.

Playwright's own browser download cannot work offline, so the tests launch the
distribution's Chromium (``apt-get install chromium``; .ci/run installs it) by its
path. Without Chromium or the playwright package the browser tests skip and say so.
Screenshots go to tests/artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@contextmanager
def chromium_page(width: int = 1280, height: int = 800) -> Iterator:
    """A fresh Playwright page in headless Chromium; ``page.errors`` collects what went wrong.

    ``errors`` gets uncaught exceptions, console errors (a Content-Security-Policy
    violation is one) and failed requests, so a test can assert the page ran clean.
    """
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser tests skipped")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]'): browser tests skipped")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(f"exception: {exc}"))
            page.on(
                "console",
                lambda msg: errors.append(f"console: {msg.text}") if msg.type == "error" else None,
            )
            page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
            page.errors = errors
            yield page
        finally:
            browser.close()


def screenshot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=full_page)
    return path
