"""Grading the real exercise 04 (旭东) on the bundled data and on an instructor's other data.

The solution must pass every task both times. A copy whose task 5 (the R/F/M averages) and task 9
(customers per tier) are typed in as the numbers the bundled data gives (what a student copies
from a printout) passes those tasks on the bundled data and fails them on the other file and
date, where crmlab's own results differ.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from crmlab.grading import FAIL, PASS, grade_folder

pytest.importorskip("nbclient")

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "04_旭东RFM实训.ipynb"
MEANS, COUNTS = "平均值 =", "人数 ="


def has_check_cells(path: Path) -> bool:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return any("check" in c.get("metadata", {}).get("tags", []) for c in cells)


pytestmark = pytest.mark.skipif(not SOLUTION.is_file() or not has_check_cells(SOLUTION),
                                reason="solutions/04 has no cells tagged check yet")


def other_data(folder: Path) -> Path:
    """The 旭东 export without one customer, every other amount raised by 10%."""
    raw = pd.read_excel(ROOT / "data" / "交易记录.xlsx", engine="openpyxl")
    raw = raw[raw["客户名称"].fillna("").str.strip() != "赵磊"].copy()
    raw["交易金额"] = raw["交易金额"].where(raw.index % 2 == 0, (raw["交易金额"] * 1.1).round(2))
    path = folder / "别的交易记录.xlsx"
    raw.to_excel(path, index=False, sheet_name="交易记录")
    return path


def typed_in() -> str:
    """The solution with the averages and the tier counts typed in from the bundled data."""
    import crmlab
    from crmlab.rfm import rfm_segments, rfm_table, rfm_thresholds, tier_summary

    table = rfm_table(crmlab.datasets.load_xudong(), crmlab.datasets.xudong_today())
    means = rfm_thresholds(table, "mean")
    counts = tier_summary(rfm_segments(table))
    notebook = json.loads(SOLUTION.read_text(encoding="utf-8"))
    typed = {MEANS: f"平均值 = pd.Series({{'R': {means['R']!r}, 'F': {means['F']!r}, 'M': {means['M']!r}}})",
             COUNTS: f"人数 = pd.Series({dict(zip(counts['segment'], counts['customers'].astype(int).tolist()))!r})"}
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        for start, replacement in typed.items():
            if source.startswith(start):
                cell["source"] = replacement
    assert sum("".join(c["source"]) in typed.values() for c in notebook["cells"]) == 2
    return json.dumps(notebook, ensure_ascii=False)


@pytest.fixture(scope="module")
def grades(tmp_path_factory):
    root = tmp_path_factory.mktemp("第5章")
    folder = root / "交上来的"
    folder.mkdir()
    (folder / "2021001_张三.ipynb").write_bytes(SOLUTION.read_bytes())
    (folder / "2021002_李四.ipynb").write_text(typed_in(), encoding="utf-8")
    bundled = grade_folder(folder, timeout=120, jobs=2)
    other = grade_folder(folder, timeout=120, jobs=2,
                         inputs={"xudong_file": other_data(root), "xudong_today": "2021-04-15"})
    return bundled.set_index("name"), other.set_index("name")


def marks(table, name):
    return {task: table.loc[name, task] for task in table.columns if task[:1].isdigit()}


def test_the_solution_passes_on_both_data_sets(grades):
    for table in grades:
        assert set(marks(table, "张三").values()) == {PASS}, table.loc["张三", "note"]


def test_typed_in_numbers_pass_only_on_the_data_they_were_copied_from(grades):
    bundled, other = grades
    assert set(marks(bundled, "李四").values()) == {PASS}
    typed = [task for task in marks(other, "李四") if task.startswith(("5.", "9."))]
    assert [marks(other, "李四")[task] for task in typed] == [FAIL, FAIL]
    assert marks(other, "李四")[next(t for t in marks(other, "李四") if t.startswith("4."))] == PASS


def test_every_other_solution_passes_and_its_exercise_is_open(tmp_path):
    """Chapters 1-3 end to end: each solution gets ✓ for every task with no note (nothing in it
    makes an answer with crmlab's own methods), each untouched exercise 未完成 for every task."""
    from crmlab.grading import OPEN

    folder = tmp_path / "交上来的"
    folder.mkdir()
    for n, path in enumerate(sorted((ROOT / "solutions").glob("0[123]_*.ipynb")), start=1):
        who = "甲乙丙"[n - 1]
        (folder / f"202100{n}_答案{who}.ipynb").write_bytes(path.read_bytes())
        (folder / f"202101{n}_没做{who}.ipynb").write_bytes((ROOT / "exercises" / path.name).read_bytes())
    table = grade_folder(folder, timeout=120, jobs=2).set_index("file")
    assert len(table) == 6
    for file, row in table.iterrows():
        tasks = [t for t in table.columns if t[:1].isdigit() and row[t] != ""]
        assert tasks, file
        want = PASS if "答案" in file else OPEN
        assert [row[t] for t in tasks] == [want] * len(tasks), (file, row["note"])
        assert row["note"] == "", (file, row["note"])
