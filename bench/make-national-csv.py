#!/usr/bin/env python3
"""Writes a synthetic national dataset: AUTHORITIES x INDICATORS x YEARS rows of
authority_code,authority_name,indicator_ref,year,value (about 1 in 50 values left empty, as
unpublished). Deterministic (seeded) so runs compare. Not real data."""
import random
import sys

authorities, indicators, years = (int(a) for a in sys.argv[1:4])
out = sys.argv[4]
rng = random.Random(20091)
refs = ["NI80", "NI92", "NI72", "NI73", "NI75", "NI83", "NI93", "NI94", "NI97", "NI98", "NI104", "NI105"]
refs += [f"NI{n}" for n in range(1, 400) if f"NI{n}" not in refs]
with open(out, "w") as f:
    f.write("authority_code,authority_name,indicator_ref,year,value\n")
    for a in range(authorities):
        code = "E06000006" if a == 0 else f"E0{8 if a < 40 else 7}{a:06d}"
        name = "Halton" if a == 0 else (f"\"Authority {a}, City of\"" if a % 17 == 0 else f"Authority {a}")
        for ref in refs[:indicators]:
            base = rng.uniform(20, 80)
            for y in range(years):
                start = 2000 + y
                value = "" if rng.random() < 0.02 else f"{min(100, max(0, base + rng.gauss(0, 8))):.1f}"
                f.write(f"{code},{name},{ref},{start}/{(start + 1) % 100:02d},{value}\n")
