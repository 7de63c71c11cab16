"""The return form built for judging (issue #12, parts 4 and 5), used with the keyboard alone:
a card per line, the figures to judge against, the override behind a disclosure, the draft of the
commentary put in the box only on asking; axe-core finds nothing in any of its states."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from test_browser import axe_violations, sign_in

FORM = "/plans/ULS/returns/2011-12-Q2"


def tab_to(browser, matches, limit=400):
    """Presses Tab until the focused element satisfies `matches`; fails if it never does."""
    for _ in range(limit):
        focused = browser.switch_to.active_element
        if matches(focused):
            return focused
        focused.send_keys(Keys.TAB)
    raise AssertionError("Tab never reached the element")


def press_enter_and_wait(browser, element):
    old = browser.find_element(By.TAG_NAME, "html")
    element.send_keys(Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)


def test_keyboard_alone_enters_a_line_opens_the_override_and_takes_the_draft(browser, server):
    sign_in(browser, server, "officer")
    browser.get(server["base"] + FORM)
    assert axe_violations(browser) == [], "empty form"
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    actual = tab_to(browser, lambda e: e.get_attribute("id") == "actual-NI80")
    assert actual.value_of_css_property("outline-style") != "none", "focus is visible"
    actual.send_keys("60")  # above 2011/12's target (44%, or 45.5% once another test has changed it)
    # The override opens from its summary with Enter, and its select is reachable next.
    summary = tab_to(browser, lambda e: e.tag_name == "summary" and "NI80" in e.text)
    details = browser.find_element(By.CSS_SELECTOR, "#line-NI80 details.line-override")
    assert details.get_attribute("open") is None
    summary.send_keys(Keys.ENTER)
    assert details.get_attribute("open") is not None
    summary.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("id") == "override-NI80"
    summary.send_keys(Keys.ENTER)  # closed again: the computed status stands
    save = tab_to(browser, lambda e: e.tag_name == "button" and e.text == "Save return")
    press_enter_and_wait(browser, save)
    card = browser.find_element(By.ID, "line-NI80")
    assert "On target" in card.find_element(By.CSS_SELECTOR, ".line-judged").text
    assert axe_violations(browser) == [], "form with a judged line and a draft"
    # The draft goes into the box only when asked, and nothing is saved by asking.
    browser.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    button = tab_to(browser, lambda e: e.tag_name == "button" and e.get_attribute("value") == "NI80")
    press_enter_and_wait(browser, button)
    box = browser.find_element(By.ID, "commentary-NI80")
    assert box.get_attribute("value").startswith("At 60% in Q2 2011/12, NI80 is on target")
    assert "nothing is saved until you do" in browser.page_source
    assert axe_violations(browser) == [], "form with a draft in the box"
    box.send_keys(" Checked by the officer.")
    save = tab_to(browser, lambda e: e.tag_name == "button" and e.text == "Save return")
    press_enter_and_wait(browser, save)
    assert browser.find_element(By.ID, "commentary-NI80").get_attribute("value").endswith("Checked by the officer.")
    assert "started from serviceplan" in browser.find_element(By.ID, "line-NI80").text


def test_axe_return_form_with_an_override_error(browser, server):
    sign_in(browser, server, "officer")
    browser.get(server["base"] + "/plans/ULS/returns/2011-12-Q3")
    browser.find_element(By.ID, "actual-NI80").send_keys("43")
    browser.find_element(By.CSS_SELECTOR, "#line-NI80 summary").click()
    browser.find_element(By.CSS_SELECTOR, "#override-NI80 option[value=red]").click()
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, "//button[normalize-space()='Save return']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)
    assert "There is a problem" in browser.page_source
    assert browser.find_element(By.CSS_SELECTOR, "#line-NI80 details.line-override").get_attribute("open") is not None
    assert axe_violations(browser) == [], "return form with an override error"
