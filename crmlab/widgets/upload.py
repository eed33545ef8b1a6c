"""Your own data in the notebook: upload a transactions file, see its load report and its tiers.

The file never leaves the machine: the browser hands it to the notebook's own kernel, which
writes it to a temporary folder under its own name, reads it with
:func:`crmlab.load_transactions` (every rejected row named with its Excel row and reason, as on
the command line) and tiers it with :func:`crmlab.rfm_table` / :func:`crmlab.rfm_segments`.
Files above :data:`MAX_UPLOAD_BYTES` are refused in Chinese with the way round them.
"""

from __future__ import annotations

import html
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.widgets.base import Explorer, choice_buttons

#: The largest file the upload takes (the notebook's connection carries about this much).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
SUFFIXES = (".xlsx", ".csv", ".txt")


@dataclass
class UploadResult:
    """What one uploaded file gave: its name, load report, the tiers and their summary."""

    name: str
    report: object
    today: pd.Timestamp
    tiers: pd.DataFrame
    summary: pd.DataFrame


def analyse_file(name: str, content: bytes, threshold: str = "mean", today=None) -> UploadResult:
    """Load ``content`` (the bytes of the file called ``name``) and tier its customers.

    ``today`` defaults to the day after the last purchase. Errors are :class:`CrmlabError`
    naming the file by the name it was uploaded with.
    """
    from crmlab.rfm import parse_today, rfm_segments, rfm_table, tier_summary
    from crmlab.transactions import load_transactions

    name = Path(name).name or "上传的文件"
    if Path(name).suffix.lower() not in SUFFIXES:
        raise CrmlabError(f"「{name}」不是 .xlsx 或 .csv 文件",
                          hint="请上传 Excel 工作簿（.xlsx）或 CSV 文件；.xls 请先在 Excel 里另存为 .xlsx。")
    if len(content) > MAX_UPLOAD_BYTES:
        raise CrmlabError(f"「{name}」有 {len(content) / 2**20:.1f} MB，超过了上传的上限 "
                          f"{MAX_UPLOAD_BYTES // 2**20} MB",
                          hint="大文件请在代码格里直接读：crmlab.load_transactions(\"文件路径\")，"
                               "或在终端里运行 crmlab rfm 文件路径。")
    with tempfile.TemporaryDirectory(prefix="crmlab-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        try:
            transactions = load_transactions(path, progress=False)
        except CrmlabError as err:  # name the file as the student knows it, not the temp folder
            inside = str(Path(folder)) + "/"
            err.file = None if err.file is None else Path(err.file).name
            err.problem, err.hint = err.problem.replace(inside, ""), err.hint.replace(inside, "")
            raise
    day = (parse_today(today) if today is not None
           else transactions["date"].max().normalize() + pd.Timedelta(days=1))
    tiers = rfm_segments(rfm_table(transactions, day), threshold)
    return UploadResult(name, transactions.attrs.get("load_report"), day, tiers, tier_summary(tiers))


def _uploaded(value) -> tuple[str, bytes] | None:
    """(name, bytes) of the file in a FileUpload's value, or None when there is none."""
    if not value:
        return None
    item = value[0] if isinstance(value, (tuple, list)) else next(iter(value.values()))
    return item["name"], bytes(item["content"])


class _Shown:
    """The load report, then the tier summary, as HTML under the controls."""

    def __init__(self, result: UploadResult | None):
        self.result = result

    def _repr_html_(self) -> str:
        if self.result is None:
            return "<p>请点上面的按钮，选一个自己的交易记录文件（.xlsx 或 .csv，10 MB 以内）。文件只在这台电脑上处理。</p>"
        from crmlab.display import zh

        r = self.result
        report = html.escape(str(r.report)) if r.report is not None else ""
        table = zh(r.summary)
        table_html = table._repr_html_() if hasattr(table, "_repr_html_") else html.escape(str(table))
        return (f"<p><b>{html.escape(r.name)}</b>：{len(r.tiers)} 位客户，"
                f"R 计算到 {r.today:%Y-%m-%d}（最后一笔交易的次日）。</p>"
                f"<pre style='white-space:pre-wrap'>{report}</pre>{table_html}")

    def __repr__(self) -> str:
        if self.result is None:
            return "请先上传一个交易记录文件。"
        return f"{self.result.name}\n{self.result.report}\n{self.result.summary}"


def upload_explorer() -> Explorer:
    """A file picker and a yardstick; the load report, tier summary and tier chart follow."""
    import ipywidgets as widgets

    from crmlab.plots.rfm import plot_tier_bars

    controls = {
        "upload": widgets.FileUpload(accept=",".join(SUFFIXES), multiple=False,
                                     description="选择文件"),
        "threshold": choice_buttons("高/低的标准", [("平均值", "mean"), ("中位数", "median")], "mean"),
    }

    def compute(upload, threshold):
        found = _uploaded(upload)
        return None if found is None else analyse_file(*found, threshold=threshold)

    def draw(result, fig):
        plot_tier_bars(result.summary, fig.add_subplot())

    return Explorer(controls, compute, draw, show=_Shown, figsize=(10, 5.5),
                    title="用自己的数据：上传交易记录，看读取报告和八类客户")
