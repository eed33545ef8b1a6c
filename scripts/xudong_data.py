"""The 旭东 workbook ``交易记录.xlsx`` of exercise 04 (seeded), written by ``scripts/make_data.py``.

旭东's March 2021 purchases drawn from one profile per RFM tier (uneven tiers, one clearly
largest; a customer whose F is the mean F), plus what a real export needs cleaned: a blank row,
a refund, a name with a stray space and a 合计 row. :func:`check_xudong` asserts all this. The
xlsx has fixed document properties and zip entry dates, so every run writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

XUDONG_TODAY = pd.Timestamp("2021-04-01")
FIXED_TIME = dt.datetime(2021, 4, 1, 8, 0, 0)
XUDONG_FILE = "交易记录.xlsx"


# ---------------------------------------------------------------------------------------------
# 旭东, March 2021
# ---------------------------------------------------------------------------------------------

# One profile per RFM tier: (tier, R high?, F high?, M high?, customer names). The tiers are
# uneven on purpose: 一般挽留客户 (10 of 30) is clearly the largest, as in most shops.
# R high: last purchase between 03-20 and 03-31 (R 1..12 days); R low: 03-01..03-11 (R 21..31).
# F high: 8..12 purchases; F low: 1..4 (but see XUDONG_F_TIE).
# M high: 450..800 元 a purchase when F is high, 2,000..3,500 元 (2..3 purchases) when F is low;
# M low: 25..90 元 a purchase when F is high, 40..250 元 when F is low.
# Fewer customers in the high-M tiers keeps the mean M well below the smallest high-M total.
XUDONG_PROFILES = [
    ("重要价值客户", True, True, True, ["鸿运便利店", "张伟", "福满楼酒家"]),
    ("重要发展客户", True, False, True, ["东方家电行", "王芳"]),
    ("重要保持客户", False, True, True, ["百姓超市", "悦来茶餐厅"]),
    ("重要挽留客户", False, False, True, ["金利五金店", "刘洋"]),
    ("一般价值客户", True, True, False, ["佳佳母婴店", "陈静", "美味烘焙坊"]),
    ("一般发展客户", True, False, False, ["新华文具店", "赵磊", "小林花店", "黄丽", "周杰"]),
    ("一般保持客户", False, True, False, ["阳光水果行", "吴敏", "康乐药房"]),
    ("一般挽留客户", False, False, False, ["星光理发店", "孙婷", "晨曦咖啡馆", "马超", "朱琳",
                                     "李娜", "兴隆建材", "绿源茶庄", "杨帆", "徐强"]),
]

# Fixed purchases for the special cases the exercise needs: (day of March, amount).
XUDONG_FIXED = {
    "鸿运便利店": None,  # random purchases, but the last one is forced onto 03-31 (R = 1)
    "周杰": [(24, 168.00)],  # bought once
    "孙婷": [(5, 388.00)],  # bought once, total 388.00 ...
    "马超": [(2, 128.50), (9, 259.50)],  # ... the same total as 孙婷 in two purchases
}
XUDONG_LAST_DAY = {"鸿运便利店": 31}
# The tie at the F mean: 康乐药房 buys exactly as often as the average customer (F = mean F),
# so "F >= mean is 高" (一般保持客户) and "F > mean" (一般挽留客户) give different tiers.
XUDONG_F_TIE = ("康乐药房", 5)
# The rows of a real export that need cleaning (shown by crmlab's load report):
XUDONG_STRAY_SPACE = "张伟"  # one of this customer's rows has the name with a trailing space
XUDONG_REFUND = ("福满楼酒家", 200.00)  # a partial refund of one order, same order number
XUDONG_BLANK_AT = 60  # a blank row after this many rows; a 合计 row closes the sheet


def _cents(rng: np.random.Generator, low: float, high: float, size: int) -> np.ndarray:
    """Random amounts in 元 with two decimals, uniform in [low, high)."""
    return rng.integers(round(low * 100), round(high * 100), size=size) / 100


def _purchase_counts(rng: np.random.Generator) -> dict[str, int]:
    """Purchases per customer (not fixed ones), nudged so that the mean F is XUDONG_F_TIE's F."""
    counts = {}
    for _tier, _r, f_high, m_high, names in XUDONG_PROFILES:
        for name in names:
            if XUDONG_FIXED.get(name) is not None:
                counts[name] = len(XUDONG_FIXED[name])
            elif f_high:
                counts[name] = int(rng.integers(8, 13))
            else:
                counts[name] = int(rng.integers(2, 4) if m_high else rng.integers(1, 5))
    tie_name, tie_f = XUDONG_F_TIE
    counts[tie_name] = tie_f
    adjustable = sorted(name for _t, _r, f_high, m_high, names in XUDONG_PROFILES for name in names
                        if f_high and name != tie_name)
    step = 0
    while (gap := tie_f * len(counts) - sum(counts.values())) != 0:
        name = adjustable[step % len(adjustable)]
        change = 1 if gap > 0 else -1
        if 8 <= counts[name] + change <= 12:
            counts[name] += change
        step += 1
    return counts


def xudong_purchases(seed: int = 20210401) -> pd.DataFrame:
    """旭东's March 2021 purchases, clean: 订单编号, 客户名称, 交易日期, 交易金额 (unsorted)."""
    rng = np.random.default_rng(seed)
    counts = _purchase_counts(rng)
    rows = []
    for _tier, r_high, f_high, m_high, names in XUDONG_PROFILES:
        for name in names:
            fixed = XUDONG_FIXED.get(name)
            if fixed is not None:
                rows += [(name, day, amount) for day, amount in fixed]
                continue
            last = XUDONG_LAST_DAY.get(name) or int(rng.integers(20, 32) if r_high else rng.integers(1, 12))
            n = counts[name]
            if f_high:
                low, high = (450, 800) if m_high else (25, 90)
            else:
                low, high = (2000, 3500) if m_high else (40, 250)
            first = max(1, last - 20)
            days = np.append(rng.integers(first, last + 1, size=n - 1), last)
            rows += [(name, int(d), float(a)) for d, a in zip(days, _cents(rng, low, high, n))]
    frame = pd.DataFrame(rows, columns=["客户名称", "day", "交易金额"])
    frame["交易日期"] = pd.to_datetime("2021-03-01") + pd.to_timedelta(frame["day"] - 1, unit="D")
    # order numbers follow the date (XD + yyyymmdd + number of the day); the export is not sorted
    frame["tiebreak"] = rng.random(len(frame))
    frame = frame.sort_values(["交易日期", "tiebreak"], kind="stable").reset_index(drop=True)
    seq = frame.groupby("交易日期").cumcount() + 1
    frame["订单编号"] = "XD" + frame["交易日期"].dt.strftime("%Y%m%d") + seq.map("{:03d}".format)
    frame = frame.iloc[rng.permutation(len(frame))].reset_index(drop=True)
    return frame[["订单编号", "客户名称", "交易日期", "交易金额"]]


def xudong_transactions(seed: int = 20210401) -> pd.DataFrame:
    """The 旭东 export as the file has it: the purchases plus one refund (negative amount, the
    order number of the sale it refunds, two days later, before the customer's last purchase),
    one name with a trailing space, a blank row (all NaN) and a closing 合计 row."""
    frame = xudong_purchases(seed)
    name, refund = XUDONG_REFUND
    own = frame[frame["客户名称"] == name].sort_values(["交易日期", "订单编号"])
    sale = own[own["交易日期"] <= own["交易日期"].max() - pd.Timedelta(days=2)].iloc[0]
    refund_row = pd.DataFrame({"订单编号": [sale["订单编号"]], "客户名称": [name],
                               "交易日期": [sale["交易日期"] + pd.Timedelta(days=2)],
                               "交易金额": [-refund]})
    middle = len(frame) // 2
    frame = pd.concat([frame.iloc[:middle], refund_row, frame.iloc[middle:]], ignore_index=True)
    spaced = frame.index[frame["客户名称"] == XUDONG_STRAY_SPACE][1]
    frame.loc[spaced, "客户名称"] = XUDONG_STRAY_SPACE + " "
    blank = pd.DataFrame({column: [None] for column in frame.columns})
    total = pd.DataFrame({"订单编号": [None], "客户名称": ["合计"], "交易日期": [None],
                          "交易金额": [round(float(frame["交易金额"].sum()), 2)]})
    frame = pd.concat([frame.iloc[:XUDONG_BLANK_AT], blank, frame.iloc[XUDONG_BLANK_AT:], total],
                      ignore_index=True)
    frame["交易日期"] = pd.to_datetime(frame["交易日期"])
    frame["交易金额"] = pd.to_numeric(frame["交易金额"])
    return frame


def xudong_clean(frame: pd.DataFrame) -> pd.DataFrame:
    """The export cleaned by hand as exercise 04 asks (blank and 合计 rows out, names stripped,
    the refund kept), with crmlab's column names."""
    clean = frame.dropna(how="all")
    clean = clean[clean["客户名称"] != "合计"].assign(客户名称=lambda f: f["客户名称"].str.strip())
    return clean.rename(columns={"客户名称": "customer", "交易日期": "date", "交易金额": "amount",
                                 "订单编号": "order_id"})


def expected_xudong_tiers() -> dict[str, str]:
    """customer name -> the RFM tier its profile was designed for."""
    return {name: tier for tier, *_levels, names in XUDONG_PROFILES for name in names}


def xudong_rfm(frame: pd.DataFrame, thresholds=None) -> pd.DataFrame:
    """R, F, M and the eight-tier segment per customer of the 旭东 export (crmlab.rfm)."""
    from crmlab.rfm import rfm_segments, rfm_table

    return rfm_segments(rfm_table(xudong_clean(frame), XUDONG_TODAY), thresholds or "mean")


def check_xudong(frame: pd.DataFrame) -> None:
    """Assert the properties the exercise relies on (raises AssertionError if one fails)."""
    clean = xudong_clean(frame)
    assert 20 <= clean["customer"].nunique() <= 40, "20-40 customers"
    assert 100 <= len(clean) <= 300, "100-300 rows"
    sales = clean[clean["amount"] > 0]
    assert sales["order_id"].is_unique, "one order number per sale"
    refunds = clean[clean["amount"] < 0]
    assert len(refunds) == 1 and refunds["order_id"].isin(sales["order_id"]).all(), "one refund of a sale"
    assert frame.isna().all(axis=1).sum() == 1, "one blank row"
    assert (frame["客户名称"] == "合计").sum() == 1, "one 合计 row"
    names = frame["客户名称"].dropna()
    assert (names != names.str.strip()).sum() == 1, "one name with a stray space"
    assert not clean["date"].is_monotonic_increasing, "the export is not sorted"
    assert clean["date"].between("2021-03-01", "2021-03-31").all(), "March 2021 only"
    assert (clean["amount"].round(2) == clean["amount"]).all()
    rfm = xudong_rfm(frame)
    designed = expected_xudong_tiers()
    got = dict(zip(rfm["customer"], rfm["segment"]))
    assert got == designed, {k: (designed[k], got[k]) for k in designed if designed[k] != got[k]}
    sizes = rfm["segment"].value_counts()
    assert sizes.iloc[0] >= sizes.iloc[1] + 3, "one tier clearly largest"
    tie_name, tie_f = XUDONG_F_TIE
    assert rfm["F"].mean() == tie_f and dict(zip(rfm["customer"], rfm["F"]))[tie_name] == tie_f, "F tie"
    assert (rfm["F"] == 1).any(), "a customer who bought once"
    assert (rfm["R"] == 1).any(), "a customer who bought on 2021-03-31"
    assert rfm["M"].duplicated().any(), "two customers with the same total"


def write_xudong_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Write the 旭东 frame as a one-sheet workbook with real date cells, byte-for-byte stable."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "交易记录"
    ws.append(list(frame.columns))
    for order_id, customer, date, amount in frame.itertuples(index=False):
        ws.append([None if pd.isna(order_id) else order_id, None if pd.isna(customer) else customer,
                   None if pd.isna(date) else date.to_pydatetime(),
                   None if pd.isna(amount) else float(amount)])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in ws.iter_rows(min_row=2):
        row[2].number_format = "yyyy-mm-dd"
        row[3].number_format = "0.00"
    for letter, width in zip("ABCD", (16, 14, 12, 12)):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    wb.properties.creator = "旭东公司"
    wb.properties.title = "交易记录（2021 年 3 月）"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "旭东公司"
    buffer = io.BytesIO()
    wb.save(buffer)
    _write_zip_with_fixed_dates(buffer.getvalue(), path)


def _write_zip_with_fixed_dates(data: bytes, path: Path) -> None:
    """Copy an xlsx archive with fixed dates: openpyxl stamps the current time on every zip entry
    and on the workbook's "modified" property when it saves."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, content)
            dst.writestr(fixed, content)
    path.write_bytes(out.getvalue())
