"""Open data checked by Frictionless itself: `frictionless validate` (PyPI) on the data package
served at /open-data/datapackage.json, every resource fetched through its path relative to it."""
import json
import os
import subprocess
import sys
import urllib.request


def test_frictionless_validates_the_package_and_every_resource(server):
    url = server["base"] + "/open-data/datapackage.json"
    tool = os.path.join(os.path.dirname(sys.executable), "frictionless")
    result = subprocess.run([tool, "validate", "--json", url], capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    with urllib.request.urlopen(url, timeout=10) as response:
        package = json.load(response)
    checked = {task["name"] for task in report["tasks"]}
    assert {r["name"] for r in package["resources"]} <= checked, "every resource was validated"
    assert not any("ni105" in name for name in checked), "no Part II indicator is published"


def test_published_figures_are_tidy_and_marked_as_example_data(server):
    with urllib.request.urlopen(server["base"] + "/open-data/ULS/figures.csv", timeout=10) as response:
        lines = response.read().decode().splitlines()
    assert lines[0] == "council,plan,indicator_ref,indicator_title,unit,polarity,period,actual,target,status,direction,example_data"
    # The six bundled quarters are example data and say so; a quarter another test published is not.
    example = {"2009-10-Q1", "2009-10-Q2", "2009-10-Q3", "2009-10-Q4", "2010-11-Q1", "2010-11-Q2"}
    rows = [line.split(",") for line in lines[1:]]
    bundled = [row for row in rows if row[-6] in example]
    assert bundled and all(row[-1] == "true" for row in bundled)
    assert all(row[-1] == "false" for row in rows if row[-6] not in example)
