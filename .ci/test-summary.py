#!/usr/bin/env python3
"""Prints 'N passed, N failed' lines over the JUnit XML reports of the build.

Surefire prints its own summary per module; bnd-testing (the OSGi integration
tests run inside Felix) prints none. One line for those, one for the system
tests, and the total last.
"""
import glob
import xml.etree.ElementTree as ET


def count(paths):
    passed = failed = skipped = 0
    for path in paths:
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError:
            failed += 1
            continue
        suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
        for s in suites:
            tests = int(s.get("tests", 0))
            f = int(s.get("failures", 0)) + int(s.get("errors", 0))
            sk = int(s.get("skipped", 0))
            passed += tests - f - sk
            failed += f
            skipped += sk
    return passed, failed, skipped


osgi = glob.glob("**/target/test-reports/**/TEST-*.xml", recursive=True)
surefire = glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True)
system = [p for p in surefire if "launcher/systest/" in p]
unit = [p for p in surefire if "launcher/systest/" not in p]
for label, paths in (("unit:", unit), ("osgi:", osgi), ("system:", system)):
    p, f, s = count(paths)
    print(f"{label} {p} passed, {f} failed, {s} skipped")
p, f, s = count(osgi + surefire)
print(f"{p} passed, {f} failed, {s} skipped")
