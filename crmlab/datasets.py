"""The workbook's teaching data sets, loaded by name (never by a ``../data/...`` path).

The files live in the package ``crmlab.data`` (the repo folder ``data/``, see pyproject's
``package-dir``), so a notebook finds them from any folder and from an installed wheel.
When crmlab is imported from a clone that was never installed, the repo's ``data/`` next to
the package is used. Nothing is downloaded. The files are made by ``scripts/make_data.py``.

Returned frames have English column names; :func:`crmlab.zh` shows them with Chinese headers
(the glossary is :data:`crmlab.display.COLUMN_NAMES`).

The exercises take their inputs (data file, "today", parameters) only through the functions
here, which follow an instructor's overrides (:mod:`crmlab.exercise_inputs`): a JSON file named
by the environment variable ``CRMLAB_EXERCISE_INPUTS``, or in-process
``with crmlab.datasets.exercise_inputs(xudong_today="2021-04-10"): ...``.
"""

from __future__ import annotations

import functools
import importlib.resources
from pathlib import Path

import pandas as pd

from crmlab.errors import CrmlabError
from crmlab.exercise_inputs import exercise_input, exercise_inputs  # noqa: F401 (re-exported)
from crmlab.transactions import load_transactions

XUDONG_FILE = "交易记录.xlsx"
DEMO_TRANSACTIONS_FILE = "演示交易.csv"
DEMO_CUSTOMERS_FILE = "演示客户.csv"
CANDIDATES_FILE = "候选客户.csv"

#: "Today" in the 旭东 case as the course sets it (the exercise's default, see xudong_today()).
XUDONG_TODAY = pd.Timestamp("2021-04-01")


def data_path(name: str) -> Path:
    """Path of one of crmlab's data files, e.g. ``data_path("候选客户.csv")``.

    >>> data_path("候选客户.csv").name
    '候选客户.csv'
    """
    candidates = []
    try:
        resource = importlib.resources.files("crmlab.data") / name
        candidates.append(Path(str(resource)))
    except ModuleNotFoundError:  # a clone that was never installed: no crmlab.data package
        pass
    candidates.append(Path(__file__).resolve().parent.parent / "data" / name)
    for path in candidates:
        if path.is_file():
            return path
    raise CrmlabError(f"找不到 crmlab 自带的数据文件「{name}」",
                      hint="请在项目文件夹里运行 make data 重新生成数据，或重新安装 crmlab。",
                      file=name)


def xudong_path() -> Path:
    """Path of the 旭东 exercise's ``交易记录.xlsx`` (sheet 交易记录: 订单编号, 客户名称, 交易日期,
    交易金额): crmlab's own file, or the instructor's (input ``xudong_file``).

    >>> xudong_path().name
    '交易记录.xlsx'
    """
    chosen = exercise_input("xudong_file")
    return data_path(XUDONG_FILE) if chosen is None else Path(chosen)


def xudong_today() -> pd.Timestamp:
    """"Today" of the 旭东 exercise (input ``xudong_today``, default 2021-04-01): R counts days to it.

    >>> str(xudong_today().date())
    '2021-04-01'
    """
    from crmlab.rfm import parse_today

    return parse_today(exercise_input("xudong_today"))


def xudong_output_name() -> str:
    """The file name task 10 of the 旭东 exercise saves to (input ``xudong_output``)."""
    return str(exercise_input("xudong_output"))


def load_xudong() -> pd.DataFrame:
    """旭东's March 2021 transactions as clean transactions: ``customer, date, amount, order_id``.

    The file is an export as a shop would make it: besides one row per purchase it has a blank
    row, a 合计 row and a name with a stray space; crmlab's loader skips the blank row, rejects
    the 合计 row and strips the name (the load report in ``attrs["load_report"]`` says so).
    One refund row (a negative amount with the order number of the sale it refunds) is kept: it
    lowers M and, F counting distinct order numbers, is not another purchase.
    ``date`` is a midnight datetime in 2021-03, ``amount`` in 元. Rows are in the file's
    unsorted order. "Today" for R is :func:`xudong_today`.

    >>> tx = load_xudong()
    >>> list(tx.columns)
    ['customer', 'date', 'amount', 'order_id']
    >>> tx["customer"].nunique(), int((tx["amount"] < 0).sum())
    (30, 1)
    """
    return load_transactions(xudong_path(), today=xudong_today())


def _read_csv(name: str, columns: dict[str, str], dtypes: dict[str, str]) -> pd.DataFrame:
    """Read one of crmlab's own (clean) tables and rename its Chinese headers to ``columns``' values."""
    raw = pd.read_csv(data_path(name), encoding="utf-8-sig",
                      dtype={key: value for key, value in dtypes.items() if value == "str"})
    frame = raw.rename(columns=columns)[list(columns.values())]
    for column, dtype in dtypes.items():
        if dtype != "str":
            frame[columns[column]] = frame[columns[column]].astype(dtype)
    return frame


def load_demo_transactions() -> pd.DataFrame:
    """The 2023 demo shop's orders as clean transactions: ``customer, date, amount, order_id, cost``.

    6,818 orders of 1,000 customers, sorted by date; ``customer`` is an id ``C0001`` …
    ``C1000`` (names are in :func:`load_demo_customers`). ``amount`` and ``cost`` are 元;
    cost is goods plus serving cost, so profit = amount - cost (:func:`crmlab.customer_totals`
    computes it) and is negative for about a quarter of the customers. Spend is heavy-tailed:
    the top 20% of customers bring about 74% of sales. Read by
    :func:`crmlab.load_transactions` (load report in ``attrs["load_report"]``).

    >>> tx = load_demo_transactions()
    >>> list(tx.columns)
    ['customer', 'date', 'amount', 'order_id', 'cost']
    >>> len(tx), tx["customer"].nunique()
    (6818, 1000)
    """
    return load_transactions(data_path(DEMO_TRANSACTIONS_FILE), customer="客户ID", date="订单日期",
                             amount="订单金额", order_id="订单编号")


def load_demo_customers() -> pd.DataFrame:
    """One row per demo customer: ``customer, name, satisfaction, perceived_value, retention,
    annual_margin``.

    ``customer`` matches :func:`load_demo_transactions`; ``satisfaction`` is a survey score
    from 1.0 to 5.0 (CS); ``perceived_value`` a 0-100 score (CPV); ``retention`` the
    probability (0-1) that the customer stays another year; ``annual_margin`` the company's
    forecast of the customer's yearly profit in 元 (negative for loss-making customers).
    These feed CLV, CLV-CS and CPV-CLV.

    >>> customers = load_demo_customers()
    >>> list(customers.columns)
    ['customer', 'name', 'satisfaction', 'perceived_value', 'retention', 'annual_margin']
    >>> len(customers)
    1000
    """
    return _read_csv(
        DEMO_CUSTOMERS_FILE,
        {"客户ID": "customer", "客户名称": "name", "满意度": "satisfaction",
         "感知价值": "perceived_value", "保留率": "retention", "预计年利润": "annual_margin"},
        {"客户ID": "str", "客户名称": "str", "满意度": "float", "感知价值": "int",
         "保留率": "float", "预计年利润": "float"},
    )


def load_candidates() -> pd.DataFrame:
    """15 candidate corporate customers for the selection chapter, one row each.

    Columns: ``customer`` (the company's name); ``annual_purchase`` (万元 a year); scores from 1 to 10
    ``purchasing_power``, ``willingness`` (desire to buy), ``credit``, ``price_sensitivity``
    (10 = most price-sensitive, so *lower is better*), ``cooperation``; ``growth_rate`` (of
    yearly purchases, a fraction: 0.45 = 45%); ``serving_cost`` (万元 a year); ``capability``
    (1-10, how well our company can serve this customer: the other side of mutual fit);
    ``gross_margin`` (our margin on its purchases) and ``bad_debt_rate`` (expected share of its
    purchases never paid), both fractions, for :func:`crmlab.overall_value`.
    Ready for :func:`crmlab.weighted_scores` (with ``lower_is_better=["price_sensitivity"]``),
    :func:`crmlab.mutual_fit` and, with ``annual_purchase`` and ``growth_rate``, the
    ``overtake_year`` story of small customers that grow.

    >>> candidates = load_candidates()
    >>> len(candidates), candidates["customer"].iloc[0]
    (15, '宏达集团')
    """
    frame = _read_csv(
        CANDIDATES_FILE,
        {"客户名称": "customer", "年采购额（万元）": "annual_purchase", "购买力": "purchasing_power",
         "购买意愿": "willingness", "信用": "credit", "价格敏感度": "price_sensitivity",
         "合作意愿": "cooperation", "年增长率（%）": "growth_rate",
         "服务成本（万元/年）": "serving_cost", "我方服务能力": "capability",
         "毛利率（%）": "gross_margin", "坏账率（%）": "bad_debt_rate"},
        {"客户名称": "str", "年采购额（万元）": "float", "购买力": "int", "购买意愿": "int",
         "信用": "int", "价格敏感度": "int", "合作意愿": "int", "年增长率（%）": "float",
         "服务成本（万元/年）": "float", "我方服务能力": "int", "毛利率（%）": "float",
         "坏账率（%）": "float"},
    )
    frame["growth_rate"] = frame["growth_rate"] / 100
    frame["gross_margin"] = frame["gross_margin"] / 100
    frame["bad_debt_rate"] = frame["bad_debt_rate"] / 100
    return frame


# ----------------------------------------------------------------------------- exercise inputs


def exercise_pyramid() -> pd.DataFrame:
    """Exercise 01's customer pyramid (input ``pyramid_figures``): one row per group of existing
    customers, ``group, existing, customers, revenue_per_customer, profit_per_customer, roi``
    (US$ per customer; ``roi`` NaN), shaped like :func:`crmlab.pyramid.course_pyramid`.

    The default figures are an invented second company, not the course's slide, so the lesson
    (which works on the slide) prints none of the exercise's answers.

    >>> exercise_pyramid()[["group", "customers"]].head(2)
      group  customers
    0  VIP客户         35
    1   大客户        140
    """
    frame = pd.DataFrame(exercise_input("pyramid_figures"))
    columns = ["group", "customers", "revenue_per_customer", "profit_per_customer"]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise CrmlabError(f"练习输入 pyramid_figures 缺少「{missing[0]}」",
                          hint="每一级写成 {\"group\": ..., \"customers\": ..., "
                               "\"revenue_per_customer\": ..., \"profit_per_customer\": ...}。")
    frame = frame[columns].astype({"group": str, "customers": int, "revenue_per_customer": float,
                                   "profit_per_customer": float})
    frame.insert(1, "existing", True)
    frame["roi"] = float("nan")
    return frame


def exercise_demo_transactions() -> pd.DataFrame:
    """The orders exercises 01 (whale curve) and 03 work on: the demo shop's orders (or the file
    of input ``demo_file``, with the demo file's headers) dated within input ``demo_period``
    (default the second half of 2023, where the lessons use the whole year).
    Columns as :func:`load_demo_transactions`.

    >>> tx = exercise_demo_transactions()
    >>> str(tx["date"].min().date()) >= "2023-07-01"
    True
    """
    chosen = exercise_input("demo_file")
    if chosen is None:
        frame = load_demo_transactions()
    else:
        frame = load_transactions(Path(chosen), customer="客户ID", date="订单日期",
                                  amount="订单金额", order_id="订单编号")
    period = exercise_input("demo_period")
    if period:
        start, end = (pd.Timestamp(day) for day in period)
        frame = frame[frame["date"].between(start, end)].reset_index(drop=True)
    if frame.empty:
        raise CrmlabError(f"练习输入 demo_period {period} 里没有订单",
                          hint="请换一个日期范围，例如 [\"2023-07-01\", \"2023-12-31\"]。")
    return frame


def selection_weights() -> dict[str, float]:
    """Exercise 02's weights of the five criteria (input ``selection_weights``; they add up to 1).

    >>> round(sum(selection_weights().values()), 6)
    1.0
    """
    return {str(key): float(value) for key, value in exercise_input("selection_weights").items()}


def fit_years() -> int:
    """Exercise 02 task 3: over how many years the overall value is counted (input ``fit_years``).

    >>> fit_years()
    5
    """
    return int(exercise_input("fit_years"))


def overtake_pair() -> tuple[str, str]:
    """Exercise 02 task 4: (small fast-growing candidate, big slow one), inputs
    ``overtake_small`` and ``overtake_large``.

    >>> overtake_pair()
    ('盛世传媒', '鼎盛实业')
    """
    return str(exercise_input("overtake_small")), str(exercise_input("overtake_large"))


# ----------------------------------------------------------------------------- exercise 05 (CDNOW)


def cdnow_exercise_transactions() -> pd.DataFrame:
    """All CDNOW purchases as clean transactions (input ``cdnow_file``; None: the copy
    :func:`crmlab.cdnow.cdnow_path` finds). Amounts in US dollars. Read once per file and
    process; each call returns a copy."""
    from crmlab.cdnow import cdnow_path

    return _cdnow_cached(str(cdnow_path(exercise_input("cdnow_file")))).copy()


@functools.lru_cache(maxsize=2)
def _cdnow_cached(path: str) -> pd.DataFrame:
    from crmlab.cdnow import load_cdnow

    return load_cdnow(path)


def cdnow_window() -> tuple[pd.Timestamp, pd.Timestamp]:
    """Exercise 05's window (input ``cdnow_window``): its first and last day, both included.

    >>> [str(day.date()) for day in cdnow_window()]
    ['1997-07-01', '1997-12-31']
    """
    start, end = (pd.Timestamp(day) for day in exercise_input("cdnow_window"))
    if end < start:
        raise CrmlabError(f"练习输入 cdnow_window 的结束日期 {end.date()} 早于开始日期 {start.date()}",
                          hint='请写成 ["开始日期", "结束日期"]，例如 ["1997-07-01", "1997-12-31"]。')
    return start, end


def cdnow_window_today() -> pd.Timestamp:
    """"Today" of exercise 05: the day after the window's last day.

    >>> str(cdnow_window_today().date())
    '1998-01-01'
    """
    return cdnow_window()[1] + pd.Timedelta(days=1)


def cdnow_migration_dates() -> tuple[pd.Timestamp, pd.Timestamp]:
    """Exercise 05 task 6: the ends of the two periods compared (input ``cdnow_migration``).

    >>> [str(day.date()) for day in cdnow_migration_dates()]
    ['1998-01-01', '1998-04-01']
    """
    before, after = (pd.Timestamp(day) for day in exercise_input("cdnow_migration"))
    return before, after

# ----------------------------------------------------------------------------- chapter 0

CAFE_FILE = "街角咖啡.xlsx"
BOOKSHOP_FILE = "青禾书店.xlsx"


def cafe_path() -> Path:
    """Path of chapter 0's lesson workbook ``街角咖啡.xlsx`` (sheets 交易: 订单编号, 客户, 日期,
    品类, 金额; 客户: 客户, 会员等级, 渠道): 16 orders of 5 customers in May 2024.

    >>> cafe_path().name
    '街角咖啡.xlsx'
    """
    return data_path(CAFE_FILE)


def bookshop_path() -> Path:
    """Path of chapter 0's exercise workbook: crmlab's ``青禾书店.xlsx`` (the same two sheets as
    :func:`cafe_path`; 22 orders of 7 customers in June 2024), or the instructor's (input
    ``bookshop_file``).

    >>> bookshop_path().name
    '青禾书店.xlsx'
    """
    chosen = exercise_input("bookshop_file")
    return data_path(BOOKSHOP_FILE) if chosen is None else Path(chosen)
