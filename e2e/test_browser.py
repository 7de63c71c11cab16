"""End-to-end: people use serviceplan in a real browser, and every page type passes axe-core at
WCAG 2.2 A and AA with zero violations."""
import json

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import PASSWORD, PEOPLE, api, run

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def sign_in(browser, server, who):
    browser.get(server["base"] + "/sign-in")
    browser.find_element(By.ID, "email").send_keys(PEOPLE[who][0])
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button").click()
    WebDriverWait(browser, 10).until(lambda d: "/sign-in" not in d.current_url)


def submit(browser):
    """Submits the page's main form and waits for the next page to load."""
    old = browser.find_element(By.TAG_NAME, "html")
    # Not a button that sends the form elsewhere (a line's "Put this draft in the box").
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]:not([formaction])").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)


def sign_out(browser):
    """Signs out and waits for the next page, so the next sign-in cannot race the sign-out."""
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "form[action='/sign-out'] button").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)


def axe_violations(browser):
    axe = Axe(browser)
    axe.inject()
    options = json.dumps({"runOnly": {"type": "tag", "values": TAGS}})
    result = browser.execute_async_script(
        "const callback = arguments[arguments.length - 1];"
        f"axe.run(document, {options}).then(r => callback(r)).catch(e => callback({{error: String(e)}}));")
    assert "error" not in result, result
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]


def test_officer_edits_a_target_and_sees_it_and_its_audit_record(browser, server):
    sign_in(browser, server, "officer")
    browser.get(server["base"] + "/plans/ULS/indicators/NI80/edit")
    field = browser.find_element(By.ID, "target-2011-12")
    field.clear()
    field.send_keys("45.5")
    submit(browser)
    assert browser.current_url.endswith("/plans/ULS#indicator-NI80")
    row = browser.find_element(By.ID, "indicator-NI80")
    assert "45.5%" in row.text
    browser.get(server["base"] + "/plans/ULS/history")
    first = browser.find_element(By.CSS_SELECTOR, "table.history tbody tr")
    assert "officer@halton.test" in first.text
    assert "Update Indicator NI80" in first.text
    assert "targets.2011/12" in first.text and "44" in first.text and "45.5" in first.text


def test_member_cannot_edit(browser, server):
    sign_in(browser, server, "member")
    browser.get(server["base"] + "/plans/ULS")
    assert not browser.find_elements(By.PARTIAL_LINK_TEXT, "Edit")
    browser.get(server["base"] + "/plans/ULS/indicators/NI80/edit")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Forbidden"
    # Members do see Part II items.
    browser.get(server["base"] + "/plans/ULS")
    assert "NI105" in browser.page_source


def test_public_sees_no_part_ii_item(browser, server):
    for path in ("/plans/ULS", "/plans/ULS/export/csv", "/api/v1/plans/ULS/indicators"):
        browser.get(server["base"] + path)
        assert "NI105" not in browser.page_source, path
        assert "SEN/Non-SEN achievement gap at GCSE" not in browser.page_source, path


def test_keyboard_alone_reaches_sign_in_with_visible_focus(browser, server):
    browser.get(server["base"] + "/")
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "Skip to main content"
    assert focused.value_of_css_property("outline-style") != "none"
    # Tab on to the sign-in link and follow it with Enter.
    for _ in range(10):
        focused = browser.switch_to.active_element
        if focused.text == "Sign in":
            break
        focused.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.text == "Sign in"
    assert browser.switch_to.active_element.value_of_css_property("outline-style") != "none"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert "/sign-in" in browser.current_url


PUBLIC_PAGES = ["/", "/plans/ULS", "/sign-in", "/plans/NOPE", "/data-quality", "/benchmarks/NI80", "/councils/HALTON",
                "/councils/HALTON/areas/13", "/plans/ULS/indicators/NI80", "/plans/ULS/indicators/ULS%20LI1",
                "/plans/ULS/reports/2010-11-Q2", "/councils/HALTON/boards/CYP-PPB/reports/2010-11-Q2",
                "/councils/HALTON/boards/CYP-PPB/reports/2009-10-Q1?exceptions=true", "/councils/HALTON/laa",
                "/open-data"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_axe_public_pages(browser, server, path):
    browser.get(server["base"] + path)
    assert axe_violations(browser) == []


def test_axe_sign_in_with_errors(browser, server):
    browser.get(server["base"] + "/sign-in")
    submit(browser)
    assert "There is a problem" in browser.page_source
    assert axe_violations(browser) == []


FORMS = [
    "/plans/ULS/indicators/NI80/edit",
    "/plans/ULS/indicators/new",
    "/plans/ULS/objectives/ULS%205/edit",
    "/plans/ULS/objectives/ULS%205/milestones/new?objective=ULS%205",
    "/plans/ULS/risks/1/edit",
    "/plans/ULS/equality-actions/1/edit",
]


@pytest.mark.parametrize("path", FORMS)
def test_axe_edit_forms_with_and_without_errors(browser, server, path):
    sign_in(browser, server, "director")
    browser.get(server["base"] + path)
    assert axe_violations(browser) == [], "form without errors"
    # Clear every text field and submit: the form comes back with errors.
    for element in browser.find_elements(By.CSS_SELECTOR, "main form input.input, main form textarea"):
        element.clear()
    submit(browser)
    assert "There is a problem" in browser.page_source
    assert axe_violations(browser) == [], "form with errors"


@pytest.mark.parametrize("path", ["/plans/ULS", "/plans/ULS/history", "/account/password", "/councils/HALTON",
                                  "/councils/HALTON/boards/CYP-PPB/reports/2010-11-Q2", "/plans/ULS/history/compare"])
def test_axe_signed_in_pages(browser, server, path):
    sign_in(browser, server, "director")
    browser.get(server["base"] + path)
    assert axe_violations(browser) == []


def test_axe_security_log_for_an_admin(browser, server):
    sign_in(browser, server, "admin")
    browser.get(server["base"] + "/admin/security-log")
    assert "Signed in" in browser.page_source, "the admin's own sign-in is logged"
    assert axe_violations(browser) == []


def test_officer_enters_a_return_director_approves_admin_publishes_public_reads(browser, server):
    base = server["base"]
    sign_in(browser, server, "officer")
    browser.get(base + "/plans/ULS/returns/2010-11-Q3")
    field = browser.find_element(By.ID, "actual-NI80")
    field.clear()
    field.send_keys("43.9")
    browser.find_element(By.ID, "commentary-NI80").send_keys("Validated results: ahead of target.")
    submit(browser)
    assert "43.9" in browser.find_element(By.ID, "actual-NI80").get_attribute("value")
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, "//button[normalize-space()='Submit this return']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)
    sign_out(browser)

    sign_in(browser, server, "director")
    browser.get(base + "/plans/ULS/returns/2010-11-Q3")
    assert "Submitted" in browser.find_element(By.CSS_SELECTOR, "dl.summary").text
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, "//button[normalize-space()='Approve this return']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)
    assert "Approved" in browser.find_element(By.CSS_SELECTOR, "dl.summary").text
    sign_out(browser)

    # Publishing is the performance team's: the admin created by `serve` is stood in for by the API here.
    api(base, "POST", "/api/v1/plans/ULS/returns/2010-11-Q3/publish", server["admin_token"])

    browser.get(base + "/plans/ULS/reports/2010-11-Q3")
    row = browser.find_element(By.ID, "indicator-NI80")
    assert "43.9%" in row.text
    assert "On target" in row.text
    assert "NI105" not in browser.page_source


@pytest.mark.parametrize("path", ["/", "/plans/ULS/reports/2009-10-Q2", "/plans/ULS/reports/2009-10-Q2?exceptions=true"])
def test_axe_dashboard_and_report(browser, server, path):
    browser.get(server["base"] + path)
    assert axe_violations(browser) == []


def test_axe_return_form_with_and_without_errors(browser, server):
    sign_in(browser, server, "director")
    browser.get(server["base"] + "/plans/ULS/returns/2010-11-Q4")
    assert axe_violations(browser) == [], "return form"
    field = browser.find_element(By.ID, "actual-NI80")
    field.clear()
    field.send_keys("140")
    submit(browser)
    assert "There is a problem" in browser.page_source
    assert axe_violations(browser) == [], "return form with errors"
    browser.get(server["base"] + "/")
    assert axe_violations(browser) == [], "dashboard signed in"


def test_axe_benchmarking_settings_form(browser, server):
    sign_in(browser, server, "admin")
    browser.get(server["base"] + "/plans/ULS/benchmarking/edit")
    assert axe_violations(browser) == [], "form"
    field = browser.find_element(By.ID, "authorityCode")
    field.clear()
    field.send_keys("E6")
    submit(browser)
    assert "There is a problem" in browser.page_source
    assert axe_violations(browser) == [], "form with errors"


def test_walk_from_council_to_area_to_objective(browser, server):
    """A board member starts at the council, picks an area of focus, and reaches an objective serving it."""
    browser.get(server["base"] + "/councils/HALTON")
    browser.find_element(By.LINK_TEXT, "Area 13").click()
    assert browser.current_url.endswith("/councils/HALTON/areas/13")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Area of focus 13"
    link = browser.find_element(By.CSS_SELECTOR, "table th[scope=row] a")
    ref = link.text
    link.click()
    assert "/plans/ULS#objective-" in browser.current_url
    assert ref in browser.page_source


def test_multi_line_fields_saved_in_a_browser_keep_one_item_per_line(browser, server):
    """Chromium sends a textarea's line breaks as CR LF: saving a risk with three treatment
    measures, unchanged, must store the same three, and a line added must be a fourth."""
    _, _, plan = api(server["base"], "GET", "/api/v1/plans/ULS", server["token"])
    risk = next(r for r in plan["risks"] if len(r["treatment"]) >= 3)
    trail_before = run("audit", "ULS", "--db", server["db"])
    sign_in(browser, server, "director")
    browser.get(server["base"] + f"/plans/ULS/risks/{risk['id']}/edit")
    assert browser.find_element(By.ID, "treatment").get_attribute("value").split("\n") == risk["treatment"]
    submit(browser)
    _, _, after = api(server["base"], "GET", f"/api/v1/plans/ULS/risks/{risk['id']}", server["token"])
    assert after["treatment"] == risk["treatment"]
    assert after["notes"] == risk["notes"]
    assert run("audit", "ULS", "--db", server["db"]) == trail_before, "an unchanged risk is no change"
    browser.get(server["base"] + f"/plans/ULS/risks/{risk['id']}/edit")
    field = browser.find_element(By.ID, "treatment")
    field.send_keys(Keys.CONTROL, Keys.END)
    field.send_keys(Keys.ENTER, "A measure typed in the browser")
    submit(browser)
    _, _, after = api(server["base"], "GET", f"/api/v1/plans/ULS/risks/{risk['id']}", server["token"])
    assert after["treatment"] == risk["treatment"] + ["A measure typed in the browser"]
