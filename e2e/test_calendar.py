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
