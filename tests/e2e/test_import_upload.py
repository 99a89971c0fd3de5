"""The admin's ACLED upload in Chromium: upload, the worker imports it, the progress bar fills, the report shows."""

import re

import pytest
from playwright.sync_api import expect

from geodata.models import Event, ImportJob
from tests.helpers import acled
from tests.helpers import factories as f
from tests.helpers.browser import login, offline_page
from tests.helpers.worker import running_worker


@pytest.mark.django_db(transaction=True)
def test_it_uploads_a_file_and_follows_the_import_to_the_end(live_server, browser, django_user_model, tmp_path):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a long enough password")
    f.conflict(slug="nk")
    path = acled.write(tmp_path, [acled.row(event_id_cnty=f"AZE{i}") for i in range(2500)])
    page, problems = offline_page(browser, live_server)
    page.add_init_script("window.__csp = []; document.addEventListener('securitypolicyviolation',"
                         " e => window.__csp.push(e.violatedDirective));")
    login(page, live_server, "chief", "a long enough password")
    page.goto(f"{live_server.url}/admin/geodata/importjob/add/")
    page.set_input_files("#id_file", path)
    page.fill("#id_conflict", "nk")
    page.check("#id_publish")
    with running_worker():
        page.click("#upload-form input[type=submit]")
        page.wait_for_selector(".import-job")
        assert page.locator("progress.import-progress").count() == 1
        # Updated by the page's script from the status URL, with no reload.
        expect(page.locator(".import-status")).to_have_text(re.compile("^done"), timeout=90_000)
    assert page.locator("progress.import-progress").get_attribute("value") == "100"
    assert "2500 created" in page.locator(".import-report").text_content()
    assert page.locator(".import-count").text_content() == "2500 / 2500"
    assert page.locator(".import-cancel").count() == 0
    assert ImportJob.objects.get().status == "done" and Event.objects.published().count() == 2500
    assert page.evaluate("window.__csp") == [] and problems == []
    page.close()
