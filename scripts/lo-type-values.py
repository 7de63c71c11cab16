#!/usr/bin/python3
"""Open a workbook in headless LibreOffice, type values into cells of the first sheet, save as .xlsx.

Usage: lo_type_values.py SRC.xlsx DST.xlsx PROFILE_DIR 'JSON'
JSON is a list of [cell, kind, value] with kind one of
  "text"    -> setString   (LibreOffice stores it in sharedStrings.xml)
  "number"  -> setValue
  "formula" -> setFormula  (e.g. "=C2*2")
  "date"    -> setValue + the locale's standard date format (a date-formatted number cell)
Needs Debian's python3-uno, so run it with /usr/bin/python3, not a pyenv/venv python.
"""
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.util.NumberFormat import DATE


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, proc):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.time() + 60
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            if time.time() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.25)


def main(src, dst, profile, assignments):
    pipe = "xlsxproto_%d" % os.getpid()
    proc = subprocess.Popen([
        "soffice", "-env:UserInstallation=" + uno.systemPathToFileUrl(os.path.abspath(profile)),
        "--headless", "--invisible", "--norestore", "--nologo", "--nodefault",
        "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
    ])
    try:
        ctx = connect(pipe, proc)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0,
                                           (prop("Hidden", True),))
        sheet = doc.Sheets.getByIndex(0)
        for ref, kind, value in assignments:
            cell = sheet.getCellRangeByName(ref)
            if kind == "text":
                cell.setString(value)
            elif kind == "number":
                cell.setValue(float(value))
            elif kind == "formula":
                cell.setFormula(value)
            elif kind == "date":
                cell.setValue(float(value))
                locale = doc.CharLocale
                cell.NumberFormat = doc.NumberFormats.getStandardFormat(DATE, locale)
            else:
                raise ValueError("unknown kind " + kind)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)),
                       (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops as soffice exits
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4]))
