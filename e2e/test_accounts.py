"""Accounts managed in the browser by an admin: add one (the one-time password shown once),
change its role, disable it; every page axe-clean, errors included, and each change in the
security log."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import axe_violations, sign_in


def click_and_wait(browser, xpath):
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, xpath).click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)


def test_admin_adds_changes_and_disables_an_account(browser, server):
    base = server["base"]
    sign_in(browser, server, "admin")
    browser.get(base + "/admin/accounts")
    assert axe_violations(browser) == [], "account list"
    browser.get(base + "/admin/accounts/new")
    assert axe_violations(browser) == [], "empty form"
    browser.find_element(By.ID, "email").send_keys("not an email")
    click_and_wait(browser, "//button[normalize-space()='Add account']")
    assert "There is a problem" in browser.page_source
    assert axe_violations(browser) == [], "form with errors"
    field = browser.find_element(By.ID, "email")
    field.clear()
    field.send_keys("e2e.newcomer@halton.test")
    browser.find_element(By.ID, "name").send_keys("E2E Newcomer")
    browser.find_element(By.CSS_SELECTOR, "input[name=role][value=officer]").click()
    click_and_wait(browser, "//button[normalize-space()='Add account']")
    password = browser.find_element(By.ID, "one-time-password").get_attribute("value")
    assert len(password) == 20
    assert axe_violations(browser) == [], "one-time password page"
    click_and_wait(browser, "//a[normalize-space()='Back to the account']")
    assert axe_violations(browser) == [], "account page"
    browser.find_element(By.CSS_SELECTOR, "input[name=role][value=member]").click()
    click_and_wait(browser, "//button[normalize-space()='Save role and department']")
    assert "The role and department are saved." in browser.page_source
    click_and_wait(browser, "//button[normalize-space()='Disable this account']")
    assert "Disabled" in browser.find_element(By.CSS_SELECTOR, "dl.summary").text
    browser.get(base + "/admin/security-log")
    log = browser.page_source
    for what in ["Account added", "Role or department changed", "Account disabled"]:
        assert what in log, what
    assert password not in log
