#!/usr/bin/env python3
"""Runs sdg-build's own progress measure (sdg/ProgressMeasure.py, SeriesProgress) on the table of
cases that ProgressMeasureTests checks serviceplan's measure against, and prints each case's
status and value as a Swift table row, for comparing with (or pasting into) the test.

    python3 scripts/progress-crosscheck.py PATH-TO-SDG-BUILD

PATH-TO-SDG-BUILD is a checkout of open-sdg/sdg-build (the folder holding sdg/ProgressMeasure.py).
Only ProgressMeasure.py is loaded: `sdg.Loggable` is stubbed, so sdg-build's other modules and
their dependencies are not needed; pandas and numpy are. Not run by scripts/test: sdg-build is
not on this machine's PyPI. The table in ProgressMeasureTests records what it printed.

Each case is two data points (the base year's value and the latest year's), a target or none,
a direction and a natural limit or none: exactly what serviceplan passes its own measure."""
import importlib.util, math, os, sys, types

# (name, base year, base value, current year, current value, target year, target value or None,
#  higher is better, limit or None). Values near a threshold are built from it, so each edge is
#  approached from both sides.
R = (121 / 100) ** (1 / 4) - 1          # growth a year that 100 (2007) -> 121 (2011) requires


def at_ratio(k):                         # current value in 2009 whose growth is k times R
    return 100 * (1 + k * R) ** 2


CASES = [
    ("on track, exactly the required growth", 2007, 100, 2009, at_ratio(1.0), 2011, 121, True, None),
    ("just above on track", 2007, 100, 2009, at_ratio(0.9500001), 2011, 121, True, None),
    ("just below on track", 2007, 100, 2009, at_ratio(0.9499999), 2011, 121, True, None),
    ("just above moderate", 2007, 100, 2009, at_ratio(0.6000001), 2011, 121, True, None),
    ("just below moderate", 2007, 100, 2009, at_ratio(0.5999999), 2011, 121, True, None),
    ("no change: limited, ratio 0", 2007, 100, 2009, 100, 2011, 121, True, None),
    ("just below 0: deterioration", 2007, 100, 2009, 99.9999, 2011, 121, True, None),
    ("falling where higher is better", 2007, 100, 2010, 80, 2011, 121, True, None),
    ("target reached early", 2007, 100, 2009, 121, 2011, 121, True, None),
    ("target passed where lower is better", 2007, 20, 2009, 9, 2011, 10, False, None),
    ("lower is better, on track", 2007, 20, 2009, 15, 2011, 10, False, None),
    ("lower is better, rising", 2007, 20, 2009, 22, 2011, 10, False, None),
    ("target 0 taken as 0.001", 2007, 5, 2010, 2, 2011, 0, False, None),
    ("base 0 taken as 0.001", 2007, 0, 2009, 3, 2011, 10, True, None),
    ("one year of data, target not reached", 2009, 50, 2009, 55, 2011, 60, True, None),
    ("one year of data, target reached", 2009, 50, 2009, 65, 2011, 60, True, None),
    ("base and current of opposite signs", 2007, -5, 2009, 5, 2011, 10, True, None),
    ("negative series rising toward its target", 2007, -10, 2009, -8, 2011, -4, True, None),
    ("target equal to base, value moved the right way", 2007, 50, 2009, 49, 2011, 50, False, None),
    ("target equal to base, value moved the wrong way: growth over none required", 2007, 50, 2009, 49, 2011, 50, True, None),
    ("no target: growth 2 % a year", 2007, 100, 2009, 100 * 1.02 ** 2, None, None, True, None),
    ("no target: just above 1.5 %", 2007, 100, 2009, 100 * 1.0150001 ** 2, None, None, True, None),
    ("no target: just below 1.5 %", 2007, 100, 2009, 100 * 1.0149999 ** 2, None, None, True, None),
    ("no target: just above 0.5 %", 2007, 100, 2009, 100 * 1.0050001 ** 2, None, None, True, None),
    ("no target: just below 0.5 %", 2007, 100, 2009, 100 * 1.0049999 ** 2, None, None, True, None),
    ("no target: falling", 2007, 100, 2009, 97, None, None, True, None),
    ("no target, lower is better: falling 3 % a year", 2007, 100, 2009, 100 * 0.97 ** 2, None, None, False, None),
    ("no target, percentage near its limit of 100: C shrinks the thresholds", 2007, 80, 2009, 81, None, None, True, 100),
    ("no target, base past the limit (between it and twice it)", 2007, 150, 2009, 152, None, None, True, 100),
    ("no target, lower is better, limit 0: C is 1", 2007, 30, 2009, 29.5, None, None, False, 0),
    ("no target, at the limit: C is 0", 2007, 100, 2009, 100, None, None, True, 100),
]

NAMES = {"target_achieved": "targetAchieved", "substantial_progress": "onTrack", "moderate_progress": "moderateProgress",
         "limited_progress": "limitedProgress", "deterioration": "deterioration", "not_available": "notEnoughData"}


def load(folder):
    stub = types.ModuleType("sdg")

    class Loggable:
        def __init__(self, logging=None):
            self.logging = logging

        def warn(self, *args, **kwargs):
            pass
    stub.Loggable = Loggable
    sys.modules["sdg"] = stub
    spec = importlib.util.spec_from_file_location("sdg.ProgressMeasure", os.path.join(folder, "sdg", "ProgressMeasure.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(module, case):
    import pandas as pd
    _, by, bv, cy, cv, ty, tv, higher, limit = case
    years = [by] if by == cy else [by, cy]
    values = [cv] if by == cy else [bv, cv]
    options = types.SimpleNamespace(series_column="Series", unit_column="Units", progress_column="Progress",
                                    non_disaggregation_columns=["Year", "Value"])
    indicator = types.SimpleNamespace(inid="case", data=pd.DataFrame({"Year": years, "Value": values}), meta=None, options=options)
    config = {"base_year": by, "direction": "positive" if higher else "negative"}
    if tv is not None:
        config.update(target=tv, target_year=ty)
    if limit is not None:
        config["limit"] = limit
    series = module.SeriesProgress(indicator, config)
    return NAMES[series.status], series.progress_value


def swift(x):
    if x is None:
        return "nil"
    return repr(float(x)) if math.isfinite(x) else "nil"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    module = load(sys.argv[1])
    for case in CASES:
        status, value = run(module, case)
        name, by, bv, cy, cv, ty, tv, higher, limit = case
        target = "nil" if tv is None else f"(year: {ty}, value: {float(tv)!r})"
        print(f'        Case("{name}", base: ({by}, {float(bv)!r}), current: ({cy}, {float(cv)!r}), target: {target}, '
              f'higherIsBetter: {str(higher).lower()}, limit: {"nil" if limit is None else repr(float(limit))}, '
              f'status: .{status}, value: {swift(value)}),')


if __name__ == "__main__":
    main()
