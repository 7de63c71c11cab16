"""Return sheets end to end (issue #13 part 1): the officer downloads their sheet, LibreOffice
(Debian's, headless) types figures into it and saves it, the officer uploads it in the browser,
checks the preview (axe-clean, nothing stored yet) and confirms; a sheet with mistakes shows
each one by row and column."""
import os
import shutil
import subprocess
import tempfile
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT
from test_browser import axe_violations, sign_in

RETURN = "/plans/ULS/returns/2011-12-Q4"
HAS_LIBREOFFICE = shutil.which("soffice") and subprocess.run(["/usr/bin/python3", "-c", "import uno"]).returncode == 0


def download(browser, url):
    request = urllib.request.Request(url)
    request.add_header("Cookie", "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies()))
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return response.read()


def upload(browser, base, path):
    browser.get(base + RETURN + "/upload")
    browser.find_element(By.ID, "sheet").send_keys(path)
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)


@pytest.mark.skipif(not HAS_LIBREOFFICE, reason="LibreOffice and python3-uno are not installed")
def test_officer_fills_the_sheet_in_libreoffice_and_uploads_it(browser, server):
    base = server["base"]
    sign_in(browser, server, "officer")
    browser.get(base + RETURN)
    link = browser.find_element(By.LINK_TEXT, "Download your lines as a spreadsheet (.xlsx)")
    assert link.get_attribute("href").endswith(RETURN + "/sheet.xlsx")
    folder = tempfile.mkdtemp(prefix="serviceplan-sheet-")
    ours, filled = os.path.join(folder, "ours.xlsx"), os.path.join(folder, "filled.xlsx")
    with open(ours, "wb") as f:
        f.write(download(browser, link.get_attribute("href")))
    # Row 2 is NI80, the officer's only line.
    typed = '[["H2","number","63.5"],["J2","text","Typed in LibreOffice"]]'
    result = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts", "lo-type-values.py"), ours, filled,
                             os.path.join(folder, "profile"), typed], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    upload(browser, base, filled)
    assert "Nothing is saved until you confirm" in browser.page_source
    assert "63.5%" in browser.page_source and "Typed in LibreOffice" in browser.page_source
    assert axe_violations(browser) == [], "the preview"
    browser.get(base + RETURN)
    assert browser.find_element(By.ID, "actual-NI80").get_attribute("value") == "", "the preview stored nothing"
    upload(browser, base, filled)
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.XPATH, "//button[normalize-space()='Save these changes']").click()
    WebDriverWait(browser, 20).until(lambda d: d.find_element(By.TAG_NAME, "html").id != old.id)
    assert browser.current_url.endswith(RETURN + "?saved=1")
    assert browser.find_element(By.ID, "actual-NI80").get_attribute("value") == "63.5"


def test_a_sheet_with_mistakes_lists_each_by_row_and_column(browser, server):
    base = server["base"]
    sign_in(browser, server, "officer")
    browser.get(base + RETURN + "/upload")
    assert axe_violations(browser) == [], "the upload form"
    path = os.path.join(tempfile.mkdtemp(prefix="serviceplan-sheet-"), "mistakes.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("Type,Ref,Milestone ID,Title,Unit,Target this quarter,Last figure,Actual,Milestone status,Commentary\r\n")
        f.write("Indicator,NI80,,,,,,150,,\r\nIndicator,NI105,,,,,,5,,\r\n")
    upload(browser, base, path)
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary").text
    assert 'Row 2, column H (Actual): "150" is not a percentage from 0 to 100' in summary
    assert "Row 3, column B (Ref): NI105 is not an indicator you report on in this return" in summary
    assert axe_violations(browser) == [], "the upload form with problems"
