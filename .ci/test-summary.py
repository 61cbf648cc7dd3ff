#!/usr/bin/env python3
"""Prints one 'N passed, N failed' line over every JUnit XML report of the build.

Surefire prints its own summary per module; bnd-testing (the OSGi integration
tests run inside Felix) prints none, so this adds them up across both.
"""
import glob
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
for path in glob.glob("**/target/surefire-reports/TEST-*.xml", recursive=True) + \
        glob.glob("**/target/test-reports/**/TEST-*.xml", recursive=True):
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
print(f"{passed} passed, {failed} failed, {skipped} skipped")
