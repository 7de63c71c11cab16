"""The published contract generates a working client: openapi-python-client (PyPI) builds every
model and operation of Sources/ServicePlanWeb/Resources/openapi.json without a warning, and the
generated package, imported as a script would, reads plans, a plan and an indicator from a real
server into its typed models."""
import datetime
import importlib
import json
import os
import re
import subprocess
import sys

import pytest

from conftest import PEOPLE, ROOT

CONTRACT = os.path.join(ROOT, "Sources", "ServicePlanWeb", "Resources", "openapi.json")
PACKAGE = "serviceplan_client"


def snake(name):
    """An operationId as the generator names its module: replaceObjective → replace_objective."""
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated-client")
    # The generator formats its output with ruff (a dependency of it): let it find ruff in this venv.
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    result = subprocess.run([sys.executable, "-m", "openapi_python_client", "generate", "--path", CONTRACT,
                             "--output-path", str(folder / PACKAGE), "--meta", "none", "--fail-on-warning"],
                            capture_output=True, text=True, timeout=300, env=env, cwd=folder)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(folder))
    try:
        yield {name: importlib.import_module(f"{PACKAGE}.{name}") for name in ("client", "models", "types")}
    finally:
        sys.path.remove(str(folder))


def test_every_operation_and_model_is_generated(generated):
    with open(CONTRACT) as f:
        contract = json.load(f)
    operations = [(method.upper(), path, operation) for path, item in contract["paths"].items()
                  for method, operation in item.items() if method in ("get", "put", "post", "delete")]
    assert len(operations) >= 30
    for method, path, operation in operations:
        # Grouped by first tag ("data quality" → api/data_quality), one module per operationId.
        group = operation["tags"][0].replace(" ", "_")
        module = importlib.import_module(f"{PACKAGE}.api.{group}.{snake(operation['operationId'])}")
        assert callable(module.sync_detailed), f"{method} {path}"
    # Every object and enum of the contract is a model of the same name (plain strings, and the
    # Forecast union of two objects, are not models of their own).
    models = set(generated["models"].__all__)
    named = [name for name, schema in contract["components"]["schemas"].items()
             if schema.get("type") == "object" or "enum" in schema]
    assert {"Plan", "Objective", "MilestoneYear", "YearFigure", "Assessment"} <= set(named)
    assert not set(named) - models, sorted(set(named) - models)


def test_the_generated_client_reads_plans_a_plan_and_an_indicator(generated, server):
    from serviceplan_client.api.items import get_indicator
    from serviceplan_client.api.plans import get_plan, list_plans

    models = generated["models"]
    client = generated["client"].AuthenticatedClient(base_url=server["base"], token=server["token"],
                                                      raise_on_unexpected_status=True)
    with client:
        # 1. GET /api/v1/plans
        plans = list_plans.sync(client=client)
        assert isinstance(plans, list) and all(isinstance(p, models.PlanSummary) for p in plans)
        uls = next(p for p in plans if p.code == "ULS")
        assert (uls.first_year, uls.last_year) == ("2009/10", "2011/12")

        # 2. GET /api/v1/plans/ULS: a Plan, its objectives with their milestones typed.
        plan = get_plan.sync(code="ULS", client=client)
        assert isinstance(plan, models.Plan), plan
        assert plan.code == "ULS" and plan.title == uls.title
        objectives = {o.ref: o for o in plan.objectives}
        assert {"ULS 1", "ULS 2", "ULS 5"} <= set(objectives)
        first = objectives["ULS 1"]
        assert isinstance(first, models.Objective) and first.areas_of_focus == [13]
        year = first.milestones[0]
        assert isinstance(year, models.MilestoneYear) and year.year == "2009/10"
        assert year.items[0].text.startswith("Complete a comprehensive review of all Early Years provision")
        assert year.items[0].due == datetime.date(2010, 3, 31)
        assert first.risk.residual.score == 6
        assert first.risk.initial.missing == models.MissingReason.UNKNOWN
        # A year with a reason instead of milestones.
        assert objectives["ULS 2"].milestones[0].missing == models.MissingReason.UNKNOWN
        assert "NI80" in {i.ref for i in plan.indicators}

        # 3. GET /api/v1/plans/ULS/indicators/NI80
        indicator = get_indicator.sync(code="ULS", ref="NI80", client=client)
        assert isinstance(indicator, models.Indicator), indicator
        assert indicator.title == "% of young people achieving Level 3 qualification by 19"
        assert indicator.unit == models.IndicatorUnit.PERCENTAGE
        assert isinstance(indicator.baseline, models.YearFigure)
        assert (indicator.baseline.year, indicator.baseline.value) == ("2007/08", 34)
        assert {t.year: t.value for t in indicator.targets}["2009/10"] == 40.5
        assert indicator.owner == PEOPLE["officer"][0]
