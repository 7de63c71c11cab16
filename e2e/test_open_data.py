"""Open data checked by Frictionless itself: `frictionless validate` (PyPI) on the data package
served at /open-data/datapackage.json, every resource fetched through its path relative to it; the
DCAT catalogue against a draft-4 schema (jsonschema, PyPI) of what CKAN's harvester reads; and each
SDG file by sdg-build's check_csv rules."""
import csv
import io
import json
import os
import subprocess
import sys
import urllib.error
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


# The catalogue's shape as ckanext-dcat's dcat_json harvester reads it: Project Open Data v1.1's
# data.json, its required keys written out here rather than the POD schema files copied in.
DISTRIBUTION = {
    "type": "object",
    "required": ["@type", "downloadURL", "mediaType", "format"],
    "properties": {
        "@type": {"enum": ["dcat:Distribution"]},
        "downloadURL": {"type": "string", "pattern": "^https?://"},
        "mediaType": {"enum": ["text/csv", "application/json"]},
        "format": {"enum": ["CSV", "JSON"]},
    },
}
DATASET = {
    "type": "object",
    "required": ["@type", "identifier", "title", "description", "keyword", "publisher", "contactPoint", "accessLevel",
                 "license", "landingPage", "language", "distribution"],
    "properties": {
        "@type": {"enum": ["dcat:Dataset"]},
        "identifier": {"type": "string", "pattern": "^https?://"},
        "title": {"type": "string", "minLength": 1},
        "description": {"type": "string", "minLength": 1},
        "keyword": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        "modified": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$"},
        "publisher": {"type": "object", "required": ["@type", "name"], "properties": {"@type": {"enum": ["org:Organization"]}}},
        "contactPoint": {"type": "object", "required": ["@type", "fn"], "properties": {"@type": {"enum": ["vcard:Contact"]}}},
        "accessLevel": {"enum": ["public"]},
        "license": {"type": "string", "pattern": "^https?://"},
        "landingPage": {"type": "string", "pattern": "^https?://"},
        "language": {"type": "array", "items": {"type": "string"}},
        "distribution": {"type": "array", "items": DISTRIBUTION, "minItems": 1},
    },
}
CATALOG = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["@context", "@id", "@type", "conformsTo", "describedBy", "dataset"],
    "properties": {
        "@context": {"enum": ["https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld"]},
        "@id": {"type": "string", "pattern": "^https?://.*/open-data/catalog\\.json$"},
        "@type": {"enum": ["dcat:Catalog"]},
        "conformsTo": {"enum": ["https://project-open-data.cio.gov/v1.1/schema"]},
        "describedBy": {"enum": ["https://project-open-data.cio.gov/v1.1/schema/catalog.json"]},
        "dataset": {"type": "array", "items": DATASET},
    },
}


def test_the_catalogue_is_pod_v1_1_and_every_download_resolves(server):
    import jsonschema

    with urllib.request.urlopen(server["base"] + "/open-data/catalog.json", timeout=10) as response:
        catalog = json.load(response)
    jsonschema.Draft4Validator.check_schema(CATALOG)
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft4Validator(CATALOG).iter_errors(catalog)]
    assert not errors, errors
    assert catalog["@id"] == server["base"] + "/open-data/catalog.json", "no --public-url: the address asked"
    assert [d["identifier"] for d in catalog["dataset"]] == [server["base"] + "/open-data/ULS"]
    for distribution in catalog["dataset"][0]["distribution"]:
        with urllib.request.urlopen(distribution["downloadURL"], timeout=10) as response:
            assert response.status == 200 and response.headers["Content-Type"].startswith(distribution["mediaType"])
    # The harvester pages with ?page=N and stops at the first page that repeats the last.
    with urllib.request.urlopen(server["base"] + "/open-data/catalog.json?page=2", timeout=10) as response:
        assert json.load(response) == catalog


def sdg_check_csv(text):
    """sdg-build's check_csv rules (open-sdg/sdg-build, sdg/check_csv.py), without pandas: the
    problems it would report, none for a file it passes."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return ["empty file"]
    header, data = rows[0], rows[1:]
    problems = []
    if header[0] != "Year":
        problems.append(f"first column is {header[0]!r}, not Year")
    if header[-1] != "Value":
        problems.append(f"last column is {header[-1]!r}, not Value")
    problems += [f"header {h!r} has a leading or trailing space" for h in header if h != h.strip()]
    if not data:
        problems.append("no data rows")
    for number, row in enumerate(data, start=2):
        if all(cell.strip() == "" for cell in row):
            problems.append(f"row {number} is empty")
            continue
        problems += [f"row {number}: {cell!r} has a leading or trailing space" for cell in row if cell != cell.strip()]
        try:
            float(row[-1])
        except (ValueError, IndexError):
            problems.append(f"row {number}: Value {row[-1:]} is not a number")
    return problems


def test_every_sdg_file_in_the_package_passes_sdg_builds_checks(server):
    base = server["base"] + "/open-data/"
    with urllib.request.urlopen(base + "datapackage.json", timeout=10) as response:
        package = json.load(response)
    sdg = [r["path"] for r in package["resources"] if "/sdg/" in r["path"]]
    assert sdg and not any("NI104" in path for path in sdg), "an indicator with no figure has no file"
    for path in sdg:
        with urllib.request.urlopen(base + path, timeout=10) as response:
            assert sdg_check_csv(response.read().decode()) == [], path
    try:
        urllib.request.urlopen(base + "ULS/sdg/NI104.csv", timeout=10)
        raise AssertionError("NI104.csv answered")
    except urllib.error.HTTPError as error:
        assert error.code == 404 and "has no published figures yet" in error.read().decode()
