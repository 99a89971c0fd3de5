"""Shared test helpers: plain functions, classes and constants, no fixtures.

Fixtures live in tests/conftest.py (all tests) and tests/e2e/conftest.py (browser
tests); test modules import helpers from here and never from one another.

- factories   small builders for test data (`f.event(conflict, ...)`)
- users       editors and reviewers (`editor()`, `reviewer()`)
- adminforms  read an admin change form as a browser would submit it (`form_data`)
- api         `get()` a JSON answer and check its status; `NK`, the demo conflict's slug
- embed       `EMBED`, the demo conflict's embed path
- world       the small world most model tests start from (`World`: conflict, alpha, bravo, place)
- canary      hidden records marked with unique strings (`seed_hidden_records`, `leaks`, `DATES`)
- xss         the XSS corpus (`XSS_PAYLOADS`, `XSS_URLS`) and `seed_xss`, a world carrying it
- browser     Playwright helpers: Chromium arguments, `offline_page`, `login`, `map_url`, `wait_rendered`
"""
