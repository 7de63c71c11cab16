"""Mail through real components (issue #13 parts 2 and 3): serviceplan hands messages to msmtp
(Debian's), which speaks SMTP to an aiosmtpd server (PyPI) on loopback. Checked: recipients,
subjects, bodies and links of a password reset done in the browser, a submission notice sent by
`serve`'s schedule, and `serviceplan remind`'s officer reminder and director's notice; and that a
mail server that is down loses nothing."""
import email
import email.policy
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

import pytest
from aiosmtpd.controller import Controller
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BINARY, PASSWORD, api, free_port, run, server_log, wait_for_server
from test_browser import axe_violations

MSMTP = shutil.which("msmtp") or "/usr/bin/msmtp"


class Inbox:
    """What the SMTP server received: envelope recipients and the parsed message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def wait_for(self, predicate, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [m for m in self.messages if predicate(m)]
            if found:
                return found
            time.sleep(0.1)
        raise AssertionError(f"no such message; received: {[(r, m['Subject']) for r, m in self.messages]}")


def body(message):
    return message.get_body(preferencelist=("plain",)).get_content()


def msmtp_config(folder, port):
    path = os.path.join(folder, "msmtprc")
    with open(path, "w") as f:
        f.write(f"defaults\nauth off\ntls off\ntimeout 5\naccount default\nhost 127.0.0.1\nport {port}\n"
                "from performance@halton.test\n")
    os.chmod(path, 0o600)
    return path


@pytest.fixture(scope="module")
def mail():
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    folder = tempfile.mkdtemp(prefix="serviceplan-mail-")
    db = os.path.join(folder, "mail.sqlite")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sendmail = f"{MSMTP} -C {msmtp_config(folder, smtp_port)} -t"
    process = subprocess.Popen([BINARY, "serve", "--db", db, "--port", str(port), "--sendmail", sendmail, "--mail-every", "3600",
                                "--public-url", base, "--mail-from", "Performance team <performance@halton.test>"],
                               stdout=server_log(folder), stderr=subprocess.STDOUT, text=True)
    try:
        wait_for_server(base)
        for address, role in (("olu.officer@halton.test", "officer"), ("dee.director@halton.test", "director")):
            run("users", "add", address, "--name", address.split(".")[0].title(), "--role", role, "--department", "ULS",
                "--password-stdin", "--db", db, stdin=PASSWORD + "\n")
        director = run("tokens", "create", "dee.director@halton.test", "--db", db).strip()
        _, headers, document = api(base, "GET", "/api/v1/plans/ULS/indicators/NI80", director)
        document["owner"] = "olu.officer@halton.test"
        api(base, "PUT", "/api/v1/plans/ULS/indicators/NI80", director, document, {"If-Match": headers["ETag"]})
        yield {"base": base, "db": db, "inbox": inbox, "sendmail": sendmail, "folder": folder, "smtp": controller}
    finally:
        process.terminate()
        process.wait(timeout=10)
        controller.stop()


def test_password_reset_by_email_in_the_browser(browser, mail):
    base = mail["base"]
    browser.get(base + "/sign-in")
    browser.find_element(By.LINK_TEXT, "Forgotten your password?").click()
    WebDriverWait(browser, 10).until(lambda d: d.current_url.endswith("/password/forgot"))
    assert axe_violations(browser) == [], "the address form"
    browser.find_element(By.ID, "email").send_keys("olu.officer@halton.test")
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    WebDriverWait(browser, 10).until(lambda d: "we have sent it a link" in d.page_source)
    assert axe_violations(browser) == [], "the answer"
    rcpts, message = mail["inbox"].wait_for(lambda m: m[1]["Subject"] == "Reset your serviceplan password")[0]
    assert rcpts == ["olu.officer@halton.test"]
    assert message["To"].addresses[0].addr_spec == "olu.officer@halton.test"
    assert message["From"].addresses[0].addr_spec == "performance@halton.test"
    text = body(message)
    link = next(word for word in text.split() if word.startswith(base + "/password/reset/"))
    browser.get(link)
    assert axe_violations(browser) == [], "the new-password form"
    browser.find_element(By.ID, "password").send_keys("a brand new e2e password")
    browser.find_element(By.ID, "confirm").send_keys("a brand new e2e password")
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    WebDriverWait(browser, 10).until(lambda d: "Your password has been changed" in d.page_source)
    browser.get(link)
    assert "This link no longer works" in browser.page_source
    assert axe_violations(browser) == [], "a used link"
    browser.get(base + "/sign-in")
    browser.find_element(By.ID, "email").send_keys("olu.officer@halton.test")
    browser.find_element(By.ID, "password").send_keys("a brand new e2e password")
    browser.find_element(By.CSS_SELECTOR, "form[action='/sign-in'] button").click()
    WebDriverWait(browser, 10).until(lambda d: "/sign-in" not in d.current_url)


def test_a_submitted_return_is_announced_to_the_director_by_serve(mail):
    base = mail["base"]
    officer = run("tokens", "create", "olu.officer@halton.test", "--db", mail["db"]).strip()
    api(base, "PUT", "/api/v1/plans/ULS/returns/2010-11-Q3/indicators/NI80", officer, {"actual": 52.5})
    api(base, "POST", "/api/v1/plans/ULS/returns/2010-11-Q3/submit", officer, {})
    rcpts, message = mail["inbox"].wait_for(lambda m: "submitted for approval" in str(m[1]["Subject"]))[0]
    assert rcpts == ["dee.director@halton.test"]
    assert message["Subject"] == "ULS return for Q3 2010/11 submitted for approval"
    assert f"{base}/plans/ULS/returns/2010-11-Q3" in body(message)
    assert "submitted by olu.officer@halton.test" in body(message)


def test_remind_sends_the_officer_and_director_notices_once(mail):
    inbox = mail["inbox"]
    # Q1 2011/12 ends on Thursday 30 June 2011; its return is due on Thursday 21 July. The
    # server's own schedule runs only when nudged here (--mail-every 3600), so these runs send.
    out = run("remind", "--db", mail["db"], "--today", "2011-07-15", "--sendmail", mail["sendmail"], "--public-url", mail["base"])
    assert "1 new reminder(s) recorded; 1 message(s) sent" in out
    rcpts, message = inbox.wait_for(lambda m: str(m[1]["Subject"]).startswith("ULS return for Q1 2011/12: "))[0]
    assert rcpts == ["olu.officer@halton.test"]
    assert str(message["Subject"]).endswith("to fill in by 21 July 2011")
    text = body(message)
    assert "in 5 working days" in text
    assert f"{mail['base']}/plans/ULS/returns/2011-12-Q1#line-NI80" in text
    # The link goes to the line on the return form.
    with urllib.request.urlopen(f"{mail['base']}/plans/ULS/returns/2011-12-Q1", timeout=10) as response:
        assert response.status == 200
    again = run("remind", "--db", mail["db"], "--today", "2011-07-15", "--sendmail", mail["sendmail"])
    assert "0 new reminder(s) recorded; 0 message(s) sent" in again
    run("remind", "--db", mail["db"], "--today", "2011-07-22", "--sendmail", mail["sendmail"])
    rcpts, message = inbox.wait_for(lambda m: "is late" in str(m[1]["Subject"]))[0]
    assert rcpts == ["dee.director@halton.test"]
    assert "- NI80 " in body(message) and "- NI105 " in body(message)


def test_a_mail_server_that_is_down_loses_nothing(mail):
    inbox = mail["inbox"]
    # A port nothing listens on: the relay is down.
    down = f"{MSMTP} -C {msmtp_config(tempfile.mkdtemp(prefix='serviceplan-down-'), free_port())} -t"
    result = subprocess.run([BINARY, "remind", "--db", mail["db"], "--today", "2011-10-14", "--sendmail", down],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 3, result.stdout + result.stderr
    assert "1 new reminder(s) recorded; 0 message(s) sent, 1 failed (kept, to be tried again)" in result.stdout
    assert "msmtp exited with status" in result.stderr
    assert not [m for m in inbox.messages if "Q2 2011/12" in str(m[1]["Subject"])]
    # Too soon: the next attempt is due a minute after the failure.
    out = run("remind", "--db", mail["db"], "--today", "2011-10-14", "--sendmail", mail["sendmail"])
    assert "0 new reminder(s) recorded; 0 message(s) sent, 0 failed" in out
    time.sleep(61)
    out = run("remind", "--db", mail["db"], "--today", "2011-10-14", "--sendmail", mail["sendmail"])
    assert "0 new reminder(s) recorded; 1 message(s) sent, 0 failed" in out
    sent = inbox.wait_for(lambda m: "Q2 2011/12" in str(m[1]["Subject"]))
    assert [r for r, _ in sent] == [["olu.officer@halton.test"]]
