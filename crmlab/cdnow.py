"""The CDNOW data: real purchases of 23,570 customers of an online CD shop, 1997-01 to 1998-06.

It is the data set Fader and Hardie used for their customer-base models and that lifetimes and
PyMC-Marketing use in their examples: one line per purchase, ``customer_id date number_of_cds
dollar_value`` separated by spaces (``CDNOW_master.txt``, 69,659 lines, amounts in US
dollars). Bruce Hardie made it public for research and teaching without a licence that says
it may be passed on, so crmlab does not ship it. It is read from a path you give, from the
environment variable ``CRMLAB_CDNOW``, or from the copy inside the lifetimes package (MIT
licence), which the ``realdata`` extra installs: ``pip install -e ".[realdata]"``.
Nothing is downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pandas as pd

from crmlab.errors import CrmlabError

FILE_NAME = "CDNOW_master.txt"
ENV_VAR = "CRMLAB_CDNOW"
#: The day after the last purchase in the data: "today" for R.
CDNOW_TODAY = pd.Timestamp("1998-07-01")


def _in_lifetimes() -> Path | None:
    spec = importlib.util.find_spec("lifetimes")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "datasets" / FILE_NAME
    return path if path.is_file() else None


def cdnow_path(path=None) -> Path:
    """Where ``CDNOW_master.txt`` is: ``path``, else ``$CRMLAB_CDNOW``, else lifetimes' copy."""
    given = path or os.environ.get(ENV_VAR)
    if given:
        found = Path(given)
        if found.is_dir():
            found = found / FILE_NAME
        if not found.is_file():
            raise CrmlabError(f"找不到 CDNOW 数据文件「{given}」", file=str(given),
                              hint=f"请给出 {FILE_NAME} 的路径，或它所在的文件夹。")
        return found
    found = _in_lifetimes()
    if found is None:
        raise CrmlabError(
            "没有找到 CDNOW 数据（crmlab 不自带它）",
            hint=f'两种办法任选其一：1. 安装带这份数据的 lifetimes 包：pip install -e ".[realdata]"；'
                 f"2. 把 {FILE_NAME} 的路径传给 crmlab.load_cdnow(\"路径\")，"
                 f"或设置环境变量 {ENV_VAR}。")
    return found


def load_cdnow(path=None) -> pd.DataFrame:
    """CDNOW purchases as clean transactions: ``customer, date, amount`` (US dollars).

    Read by :func:`crmlab.load_transactions` from a frame, so the load report (rows read,
    used, rejected) is in ``attrs["load_report"]``. Amounts are in US dollars; a few
    purchases of 0 dollars are rejected there as "not a purchase", as in any shop's file.
    """
    from crmlab.transactions import load_transactions
    from crmlab.whitespace_text import as_file_report, read_whitespace_text

    source = cdnow_path(path)
    found = read_whitespace_text(source)  # the reader `crmlab rfm CDNOW_master.txt` uses too
    if found is None:
        raise CrmlabError(f"「{source.name}」不是 CDNOW 那样以空格分隔的交易记录", file=str(source),
                          hint="CDNOW_master.txt 每行是：客户编号 日期(YYYYMMDD) 数量 金额。")
    frame, _ = found
    customer, date, amount = frame.columns[0], frame.columns[1], frame.columns[-1]
    transactions = load_transactions(frame, customer=customer, date=date, amount=amount,
                                     progress=False)
    report = transactions.attrs.get("load_report")
    if report is not None:  # named after the file, rows numbered as its lines
        transactions.attrs["load_report"] = as_file_report(report, source.name,
                                                           frame.attrs.get("headerless"))
    return transactions
