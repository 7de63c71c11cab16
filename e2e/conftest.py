"""Fixtures for the browser tests: a real `serviceplan serve` on a throw-away database with one
account per role, and headless Debian chromium driven by chromedriver (no downloads)."""
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("SERVICEPLAN_BINARY", os.path.join(ROOT, ".build", "debug", "serviceplan"))
PASSWORD = "a long e2e password for tests"
PEOPLE = {
    "officer": ("officer@halton.test", "officer", "ULS"),
    "director": ("director@halton.test", "director", "ULS"),
    "member": ("member@halton.test", "member", None),
    "admin": ("admin@halton.test", "admin", None),
}


def run(*args, stdin=None):
    result = subprocess.run([BINARY, *args], input=stdin, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, method, path, token, body=None, headers=None):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    request.add_header("Authorization", f"Bearer {token}")
    request.add_header("Content-Type", "application/json")
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), json.loads(response.read() or b"null")


def server_log(folder):
    """Where a test server writes its log: a file, not a pipe nobody reads, which would fill
    after some 64 KB of request lines and stop the server mid-request."""
    return open(os.path.join(folder, "serve.log"), "w")


def wait_for_server(base):
    """Waits up to ten seconds for a starting `serve` to answer /healthz."""
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("serviceplan did not start")


@pytest.fixture(scope="session")
def server():
    folder = tempfile.mkdtemp(prefix="serviceplan-e2e-")
    db = os.path.join(folder, "e2e.sqlite")
    port = free_port()
    process = subprocess.Popen([BINARY, "serve", "--db", db, "--port", str(port)],
                               stdout=server_log(folder), stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(base)
        for email, role, department in PEOPLE.values():
            args = ["users", "add", email, "--name", email.split("@")[0].title(), "--role", role, "--password-stdin", "--db", db]
            if department:
                args += ["--department", department]
            run(*args, stdin=PASSWORD + "\n")
        token = run("tokens", "create", PEOPLE["director"][0], "--db", db).strip()
        admin_token = run("tokens", "create", PEOPLE["admin"][0], "--db", db).strip()
        national = os.path.join(folder, "national.csv")
        subprocess.run(["python3", os.path.join(ROOT, "bench", "make-national-csv.py"), "40", "12", "3", national], check=True)
        run("benchmark", "import", national, "--db", db)
        # The officer owns NI80; NI105 is Part II.
        for ref, change in (("NI80", {"owner": PEOPLE["officer"][0]}), ("NI105", {"partII": True})):
            _, headers, document = api(base, "GET", f"/api/v1/plans/ULS/indicators/{ref}", token)
            document.update(change)
            api(base, "PUT", f"/api/v1/plans/ULS/indicators/{ref}", token, document, {"If-Match": headers["ETag"]})
        yield {"base": base, "db": db, "token": token, "admin_token": admin_token}
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(20)
    yield driver
    driver.quit()
