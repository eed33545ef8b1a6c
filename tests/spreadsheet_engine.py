"""Recalculate .xlsx files with a real spreadsheet engine: LibreOffice Calc, headless.

``recalculate([a.xlsx, b.xlsx], outdir)`` converts the files in one soffice run (xlsx -> xlsx)
into ``outdir``; the copies carry freshly computed values, readable with openpyxl
``data_only=True``. A throwaway LibreOffice profile inside ``outdir`` forces "always recalculate
on load" and keeps the user's own profile untouched.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_ALWAYS_RECALCULATE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def recalculate(sources: list[Path], outdir: Path, timeout: float = 180) -> list[Path]:
    """Open each source in LibreOffice, recalculate, save as xlsx in ``outdir``; return the copies."""
    if SOFFICE is None:
        raise RuntimeError("soffice not found")
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "libreoffice-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_ALWAYS_RECALCULATE, encoding="utf-8")
    cmd = [SOFFICE, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
           "--norestore", "--nolockcheck", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
           "--outdir", str(outdir), *map(str, sources)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(profile), "LANG": "C.UTF-8"})
    outputs = [outdir / Path(s).name for s in sources]
    missing = [p.name for p in outputs if not p.exists()]
    if done.returncode != 0 or missing:
        raise RuntimeError(f"soffice failed (code {done.returncode}, missing {missing}):\n"
                           f"{done.stdout}\n{done.stderr}")
    return outputs
