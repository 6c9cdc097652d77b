#!/usr/bin/env python3
"""Lists the mutants of a Stryker JSON report that no test killed, with the source line each one changed.

    python3 mutation/survivors.py mutation/reports/auth/reports/mutation-report.json
"""
import json
import sys

report = json.load(open(sys.argv[1]))
totals = {}
for path, data in sorted(report["files"].items()):
    lines = data["source"].split("\n")
    for mutant in sorted(data["mutants"], key=lambda m: m["location"]["start"]["line"]):
        status = mutant["status"]
        totals[status] = totals.get(status, 0) + 1
        if status not in ("Survived", "NoCoverage"):
            continue
        line = mutant["location"]["start"]["line"]
        print(f"{status:10} {path.split('/')[-1]}:{line}  {mutant['mutatorName']}: {mutant.get('replacement', '')[:90]!r}")
        print(f"           {lines[line - 1].strip()[:150]}")
detected = totals.get("Killed", 0) + totals.get("Timeout", 0)
undetected = totals.get("Survived", 0) + totals.get("NoCoverage", 0)
print({k: v for k, v in totals.items() if k != "Ignored"})
print(f"score {100 * detected / max(1, detected + undetected):.2f} % ({detected} of {detected + undetected})")
