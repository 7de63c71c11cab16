"""The plan's calendar feed, read by a real iCalendar parser (the `icalendar` package): return
deadlines and milestone due dates on the right days, UIDs the same on every request, and no Part II
item in the public feed."""
import datetime
import urllib.request

import icalendar

from conftest import api


def feed(base, token=None):
    request = urllib.request.Request(base + "/plans/ULS/calendar.ics")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        return icalendar.Calendar.from_ical(response.read())


def events(calendar):
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_feed_dates_and_stable_uids(server):
    first, second = feed(server["base"]), feed(server["base"])
    assert list(events(first)) == list(events(second)), "the same UIDs, in the same order, on every request"
    returns = {uid: e for uid, e in events(first).items() if uid.startswith("return-")}
    assert len(returns) == 12, "one deadline per quarter of the three-year plan"
    # Q2 2009/10 ends on 30 September 2009; 15 working days later (no bank holiday in October) is 21 October.
    q2 = returns["return-ULS-2009-10-Q2@serviceplan"]
    assert q2.decoded("DTSTART") == datetime.date(2009, 10, 21)
    assert "Q2 2009/10" in str(q2["SUMMARY"])
    milestones = [e for uid, e in events(first).items() if uid.startswith("milestone-")]
    review = [e for e in milestones if "comprehensive review of all Early Years provision" in str(e["SUMMARY"])]
    assert len(review) == 1 and review[0].decoded("DTSTART") == datetime.date(2010, 3, 31)
    assert str(review[0]["SUMMARY"]).startswith("ULS ULS 1 milestone:")


def test_public_feed_holds_no_part_ii_milestone(server):
    base, token = server["base"], server["admin_token"]
    path = "/api/v1/plans/ULS/objectives/ULS%205"
    _, headers, objective = api(base, "GET", path, token)
    objective["partII"] = True
    _, headers, _ = api(base, "PUT", path, token, objective, {"If-Match": headers["ETag"]})
    try:
        public = [str(e["SUMMARY"]) for e in feed(base).walk("VEVENT")]
        staff = [str(e["SUMMARY"]) for e in feed(base, token).walk("VEVENT")]
        assert any("ULS 5 milestone" in s for s in staff), "staff see the Part II objective's milestones"
        assert not any("ULS 5" in s for s in public), "the public feed holds none of them"
    finally:
        _, headers, objective = api(base, "GET", path, token)
        objective["partII"] = False
        api(base, "PUT", path, token, objective, {"If-Match": headers["ETag"]})


def test_private_feed_made_in_the_browser_read_by_its_link_alone_then_stopped(browser, server):
    """A director makes a private link at /account/calendar; a calendar client reads it with no
    cookie; it holds the department's lines but no Part II one (NI105); stopping it ends it."""
    import urllib.error

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    from test_browser import axe_violations, sign_in

    sign_in(browser, server, "director")
    browser.get(server["base"] + "/account/calendar")
    assert axe_violations(browser) == [], "calendar page"
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, "//button[normalize-space()='Make a private calendar link']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)
    link = browser.find_element(By.ID, "calendar-link").get_attribute("value")
    assert axe_violations(browser) == [], "calendar page showing the new link"

    def read():
        with urllib.request.urlopen(link, timeout=10) as response:
            assert response.headers["Content-Type"].startswith("text/calendar")
            return icalendar.Calendar.from_ical(response.read())

    first, second = events(read()), events(read())
    assert list(first) == list(second), "UIDs stable across requests"
    returns = [e for uid, e in first.items() if "-return-ULS-" in uid]
    assert len(returns) == 12
    q2 = [e for e in returns if "Q2 2009/10" in str(e["SUMMARY"])][0]
    assert q2.decoded("DTSTART") == datetime.date(2009, 10, 21)
    lines = str(q2["SUMMARY"])
    assert "NI80" in lines and "NI105" not in lines, lines
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, "//button[normalize-space()='Stop the link working']").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)
    try:
        read()
        raise AssertionError("a stopped link still reads")
    except urllib.error.HTTPError as error:
        assert error.code == 404
