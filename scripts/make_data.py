"""Generate the teaching data files in ``data/`` (seeded: every run writes the same files).

    python scripts/make_data.py            # writes into data/
    python scripts/make_data.py OUT_DIR    # writes into another folder (the tests use this)

Files written:

- ``交易记录.xlsx``: company 旭东's transactions of March 2021 (the chapter 5 exercise;
  "today" is 2021-04-01). About 30 customers, one row per purchase, rows not sorted.
  Customers are drawn from deliberate profiles so that, with R/F/M split against the mean,
  each of the eight RFM tiers has customers; there is a one-time buyer, a buyer on
  2021-03-31 and two customers with identical totals. :func:`check_xudong` asserts this.
- ``演示交易.csv``: one year (2023) of orders of 1,000 customers with amount and cost;
  spend is heavy-tailed and some customers lose money (serving cost above margin).
- ``演示客户.csv``: one row per demo customer: name, satisfaction (1-5), perceived value
  (0-100), yearly retention probability and the forecast yearly profit.
- ``候选客户.csv``: 15 corporate candidates for the customer-selection chapter.
- ``街角咖啡.xlsx`` / ``青禾书店.xlsx``: chapter 0's two small shops (lesson / exercise), sheets
  交易 and 客户, hand-written tables in :data:`CAFE_ORDERS` and :data:`BOOKSHOP_ORDERS`.

Reproducibility: numpy ``default_rng`` with fixed seeds; the xlsx has fixed document
properties and fixed zip entry dates, so the bytes are the same on every run with the same
library versions. CSVs are UTF-8 with a BOM (so Excel opens them correctly), ``\\n`` line ends.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
XUDONG_TODAY = pd.Timestamp("2021-04-01")
FIXED_TIME = dt.datetime(2021, 4, 1, 8, 0, 0)

XUDONG_FILE = "交易记录.xlsx"
DEMO_TRANSACTIONS_FILE = "演示交易.csv"
DEMO_CUSTOMERS_FILE = "演示客户.csv"
CANDIDATES_FILE = "候选客户.csv"

# ---------------------------------------------------------------------------------------------
# 旭东, March 2021
# ---------------------------------------------------------------------------------------------

# One profile per RFM tier: (tier, R high?, F high?, M high?, customer names).
# R high: last purchase between 03-20 and 03-31 (R 1..12 days); R low: 03-01..03-11 (R 21..31).
# F high: 8..12 purchases; F low: 1..4.
# M high: 450..800 元 a purchase when F is high, 2,000..3,500 元 (2..3 purchases) when F is low;
# M low: 25..90 元 a purchase when F is high, 40..250 元 when F is low.
# Fewer customers in the high-M tiers keeps the mean M well below the smallest high-M total.
XUDONG_PROFILES = [
    ("重要价值客户", True, True, True, ["鸿运便利店", "张伟", "福满楼酒家"]),
    ("重要发展客户", True, False, True, ["东方家电行", "王芳", "兴隆建材"]),
    ("重要保持客户", False, True, True, ["百姓超市", "李娜", "悦来茶餐厅"]),
    ("重要挽留客户", False, False, True, ["金利五金店", "刘洋", "绿源茶庄"]),
    ("一般价值客户", True, True, False, ["佳佳母婴店", "陈静", "美味烘焙坊", "杨帆"]),
    ("一般发展客户", True, False, False, ["新华文具店", "赵磊", "小林花店", "黄丽", "周杰"]),
    ("一般保持客户", False, True, False, ["阳光水果行", "吴敏", "康乐药房", "徐强"]),
    ("一般挽留客户", False, False, False, ["星光理发店", "孙婷", "晨曦咖啡馆", "马超", "朱琳"]),
]

# Fixed purchases for the special cases the exercise needs: (day of March, amount).
XUDONG_FIXED = {
    "鸿运便利店": None,  # random purchases, but the last one is forced onto 03-31 (R = 1)
    "周杰": [(24, 168.00)],  # bought once
    "孙婷": [(5, 388.00)],  # bought once, total 388.00 ...
    "马超": [(2, 128.50), (9, 259.50)],  # ... the same total as 孙婷 in two purchases
}
XUDONG_LAST_DAY = {"鸿运便利店": 31}


def _cents(rng: np.random.Generator, low: float, high: float, size: int) -> np.ndarray:
    """Random amounts in 元 with two decimals, uniform in [low, high)."""
    return rng.integers(round(low * 100), round(high * 100), size=size) / 100


def xudong_transactions(seed: int = 20210401) -> pd.DataFrame:
    """旭东's March 2021 purchases with Chinese headers 订单编号, 客户名称, 交易日期, 交易金额 (unsorted)."""
    rng = np.random.default_rng(seed)
    rows = []
    for _tier, r_high, f_high, m_high, names in XUDONG_PROFILES:
        for name in names:
            fixed = XUDONG_FIXED.get(name)
            if fixed is not None:
                rows += [(name, day, amount) for day, amount in fixed]
                continue
            last = XUDONG_LAST_DAY.get(name) or int(rng.integers(20, 32) if r_high else rng.integers(1, 12))
            if f_high:
                n = int(rng.integers(8, 13))
                low, high = (450, 800) if m_high else (25, 90)
            elif m_high:
                n = int(rng.integers(2, 4))
                low, high = 2000, 3500
            else:
                n = int(rng.integers(1, 5))
                low, high = 40, 250
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


def expected_xudong_tiers() -> dict[str, str]:
    """customer name -> the RFM tier its profile was designed for."""
    return {name: tier for tier, *_levels, names in XUDONG_PROFILES for name in names}


def xudong_rfm(frame: pd.DataFrame) -> pd.DataFrame:
    """R, F, M and the eight-tier segment per customer of the Chinese-headed 旭东 frame (crmlab.rfm)."""
    from crmlab.rfm import rfm_segments, rfm_table

    clean = frame.rename(columns={"客户名称": "customer", "交易日期": "date", "交易金额": "amount",
                                  "订单编号": "order_id"})
    return rfm_segments(rfm_table(clean, XUDONG_TODAY))


def check_xudong(frame: pd.DataFrame) -> None:
    """Assert the properties the exercise relies on (raises AssertionError if one fails)."""
    assert 20 <= frame["客户名称"].nunique() <= 40, "20-40 customers"
    assert 100 <= len(frame) <= 300, "100-300 rows"
    assert frame["订单编号"].is_unique, "one order number per row"
    assert not frame["交易日期"].is_monotonic_increasing, "the export is not sorted"
    assert frame["交易日期"].between("2021-03-01", "2021-03-31").all(), "March 2021 only"
    assert (frame["交易金额"] > 0).all() and (frame["交易金额"].round(2) == frame["交易金额"]).all()
    rfm = xudong_rfm(frame)
    designed = expected_xudong_tiers()
    got = dict(zip(rfm["customer"], rfm["segment"]))
    assert got == designed, {k: (designed[k], got[k]) for k in designed if designed[k] != got[k]}
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
        ws.append([order_id, customer, date.to_pydatetime(), float(amount)])
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


# ---------------------------------------------------------------------------------------------
# Demo shop, 2023
# ---------------------------------------------------------------------------------------------

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国宇浩凯晨欣怡婷雪琳佳慧颖瑶倩宁博文昊然子轩梓涵思雨嘉诗梦晓立志海波云峰俊鑫")
N_DEMO_CUSTOMERS = 1000


def _unique_names(rng: np.random.Generator, n: int) -> list[str]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        length = 1 if rng.random() < 0.35 else 2
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN, size=length))
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def demo_data(seed: int = 2023) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(transactions, customers) of the 2023 demo shop, Chinese headers.

    Each customer has a heavy-tailed order value (lognormal), a number of orders (1 + Poisson
    with a lognormal rate), an active period inside 2023 and a gross margin rate of 10-32%.
    Cost = goods cost + a serving cost of 5-25 元 per order; about 15% of customers are
    demanding (returns, rush deliveries) and cost 8-20 times as much to serve, so they and
    customers with many small orders lose money: the whale curve peaks well above 100%.
    """
    rng = np.random.default_rng(seed)
    n = N_DEMO_CUSTOMERS
    ids = [f"C{i:04d}" for i in range(1, n + 1)]
    names = _unique_names(rng, n)
    order_value = np.exp(rng.normal(np.log(260), 1.2, n))  # typical order 260 元, long right tail
    orders = 1 + rng.poisson(np.exp(rng.normal(np.log(3.5), 1.0, n)))
    margin_rate = rng.uniform(0.10, 0.32, n)
    serve_cost = rng.uniform(5, 25, n)
    demanding = rng.random(n) < 0.15  # frequent returns, rush deliveries, custom requests
    serve_cost[demanding] *= rng.uniform(8, 20, demanding.sum())
    start = rng.integers(0, 300, n)  # day of 2023 of the first order
    span = np.minimum(364 - start, rng.integers(30, 365, n))

    rows = []
    for i in range(n):
        k = int(orders[i])
        days = start[i] + rng.integers(0, span[i] + 1, size=k)
        amounts = np.round(order_value[i] * np.exp(rng.normal(0, 0.35, k)), 2)
        amounts = np.maximum(amounts, 9.9)
        costs = np.round(amounts * (1 - margin_rate[i]) + serve_cost[i], 2)
        rows += [(ids[i], int(d), float(a), float(c)) for d, a, c in zip(days, amounts, costs)]
    tx = pd.DataFrame(rows, columns=["客户ID", "day", "订单金额", "成本"])
    tx["订单日期"] = pd.Timestamp("2023-01-01") + pd.to_timedelta(tx["day"], unit="D")
    tx["tiebreak"] = rng.random(len(tx))
    tx = tx.sort_values(["订单日期", "tiebreak"], kind="stable").reset_index(drop=True)
    tx["订单编号"] = [f"D{i:06d}" for i in range(1, len(tx) + 1)]
    tx = tx[["订单编号", "客户ID", "订单日期", "订单金额", "成本"]]

    profit = (tx["订单金额"] - tx["成本"]).groupby(tx["客户ID"]).sum().reindex(ids)
    satisfaction = np.clip(np.round(rng.normal(3.7, 0.8, n), 1), 1.0, 5.0)
    perceived = np.clip(np.round(rng.normal(62, 16, n) + 6 * (satisfaction - 3.7)), 0, 100)
    retention = np.clip(np.round(0.30 + 0.12 * satisfaction + rng.normal(0, 0.08, n), 2), 0.05, 0.95)
    forecast = np.round(profit.to_numpy() * rng.uniform(0.8, 1.25, n), 2)
    customers = pd.DataFrame({
        "客户ID": ids,
        "客户名称": names,
        "满意度": satisfaction,
        "感知价值": perceived.astype(int),
        "保留率": retention,
        "预计年利润": forecast,
    })
    return tx, customers


def check_demo(tx: pd.DataFrame, customers: pd.DataFrame) -> None:
    """Assert the demo data shows what the lessons need: 80/20-like skew and loss-making customers."""
    assert 800 <= customers["客户ID"].nunique() <= 1500
    assert tx["订单编号"].is_unique and set(tx["客户ID"]) == set(customers["客户ID"])
    assert tx["订单日期"].between("2023-01-01", "2023-12-31").all()
    spend = tx.groupby("客户ID")["订单金额"].sum().sort_values(ascending=False)
    top20 = spend.iloc[: len(spend) // 5].sum() / spend.sum()
    assert 0.6 <= top20 <= 0.9, f"top 20% of customers give {top20:.0%} of sales"
    profit = (tx["订单金额"] - tx["成本"]).groupby(tx["客户ID"]).sum().sort_values(ascending=False)
    assert 0.05 <= (profit < 0).mean() <= 0.35, "some customers (not most) lose money"
    peak = profit.cumsum().max() / profit.sum()
    assert peak > 1.1, f"the whale curve should rise above 100% (peak {peak:.0%})"


def demo_summary(tx: pd.DataFrame) -> str:
    spend = tx.groupby("客户ID")["订单金额"].sum().sort_values(ascending=False)
    profit = (tx["订单金额"] - tx["成本"]).groupby(tx["客户ID"]).sum().sort_values(ascending=False)
    top20 = spend.iloc[: len(spend) // 5].sum() / spend.sum()
    return (f"{len(tx)} orders, {len(spend)} customers, top 20% = {top20:.0%} of sales, "
            f"{(profit < 0).sum()} loss-making, whale peak {profit.cumsum().max() / profit.sum():.0%}")


# ---------------------------------------------------------------------------------------------
# Candidate corporate customers (customer selection chapter)
# ---------------------------------------------------------------------------------------------

# Scores are 1-10 (10 = best, except 价格敏感度 where 10 = most price-sensitive, i.e. worst).
# 我方服务能力: how well our company can serve this customer's needs (for 门当户对 mutual fit).
# Hand-made cases: the biggest buyer is not the best (宏达, 鼎盛), small fast growers in the
# spirit of the IBM PC story (云帆, 智汇), an attractive customer we cannot serve well (远洋).
# 我方服务能力 averages 6.8, so no score sits on the mean.
CANDIDATE_COLUMNS = ["客户名称", "年采购额（万元）", "购买力", "购买意愿", "信用", "价格敏感度",
                     "合作意愿", "年增长率（%）", "服务成本（万元/年）", "我方服务能力"]
CANDIDATES = [
    ("宏达集团", 520, 10, 6, 5, 9, 4, 2.0, 48.0, 7),
    ("鼎盛实业", 460, 9, 7, 4, 8, 5, 1.5, 40.0, 6),
    ("远洋国际贸易", 380, 9, 9, 9, 3, 8, 8.0, 22.0, 3),
    ("华信电子", 240, 8, 8, 9, 4, 8, 9.0, 12.0, 8),
    ("恒通物流", 210, 7, 7, 8, 5, 7, 6.0, 11.0, 8),
    ("金桥建材", 180, 7, 5, 6, 7, 5, 3.0, 14.0, 7),
    ("盛世传媒", 150, 6, 8, 7, 4, 9, 12.0, 8.0, 8),
    ("东方纺织", 130, 6, 4, 5, 8, 4, -2.0, 10.0, 6),
    ("新锐科技", 95, 5, 9, 8, 3, 9, 28.0, 6.0, 8),
    ("绿洲食品", 90, 5, 6, 8, 6, 7, 7.0, 5.5, 7),
    ("云帆软件", 40, 4, 9, 8, 2, 9, 45.0, 3.0, 9),
    ("智汇教育", 35, 3, 8, 9, 3, 8, 38.0, 2.5, 7),
    ("安康医疗器械", 120, 6, 7, 9, 3, 6, 10.0, 9.0, 4),
    ("顺丰五金", 60, 4, 5, 6, 8, 5, 1.0, 6.5, 7),
    ("利民超市", 75, 5, 6, 3, 9, 4, 4.0, 8.0, 7),
]


def candidates() -> pd.DataFrame:
    return pd.DataFrame(CANDIDATES, columns=CANDIDATE_COLUMNS)


# ---------------------------------------------------------------------------------------------


# ---------------------------------------------------------------------------------------------
# Chapter 0: two small shops (the lesson's café, the exercise's bookshop)
# ---------------------------------------------------------------------------------------------

CAFE_FILE = "街角咖啡.xlsx"
BOOKSHOP_FILE = "青禾书店.xlsx"

# (order, customer, date, category, amount 元): small enough to check every figure by hand.
# The café (chapter 0 lesson), May 2024: 16 orders of 5 customers; three orders of exactly
# 30 元, so ">= 30" and "> 30" differ; the biggest spender (陈先生) is not the most frequent.
CAFE_ORDERS = [
    ("K001", "小林", "2024-05-02", "咖啡", 28), ("K002", "阿美", "2024-05-02", "甜点", 35),
    ("K003", "老周", "2024-05-03", "咖啡", 32), ("K004", "小林", "2024-05-04", "茶饮", 22),
    ("K005", "陈先生", "2024-05-04", "咖啡", 64), ("K006", "阿美", "2024-05-05", "咖啡", 30),
    ("K007", "王老师", "2024-05-06", "甜点", 18), ("K008", "老周", "2024-05-07", "咖啡", 32),
    ("K009", "小林", "2024-05-08", "咖啡", 28), ("K010", "陈先生", "2024-05-09", "甜点", 120),
    ("K011", "阿美", "2024-05-10", "茶饮", 26), ("K012", "老周", "2024-05-11", "咖啡", 32),
    ("K013", "小林", "2024-05-12", "甜点", 35), ("K014", "王老师", "2024-05-13", "咖啡", 30),
    ("K015", "阿美", "2024-05-14", "咖啡", 30), ("K016", "小林", "2024-05-15", "咖啡", 28),
]
# (customer, membership, channel); 大刘 has a card but bought nothing this month.
CAFE_CUSTOMERS = [
    ("小林", "银卡", "小程序"), ("阿美", "金卡", "门店"), ("老周", "普通", "门店"),
    ("陈先生", "普通", "小程序"), ("王老师", "银卡", "门店"), ("大刘", "普通", "小程序"),
]
# The bookshop (chapter 0 exercise), June 2024: 22 orders of 7 customers; two orders of
# exactly 100 元; the most frequent customer (周同学) is not the biggest spender.
BOOKSHOP_ORDERS = [
    ("B01", "李阿姨", "2024-06-01", "童书", 86), ("B02", "周同学", "2024-06-01", "文具", 12),
    ("B03", "孙老师", "2024-06-02", "文学", 158), ("B04", "郑先生", "2024-06-03", "文学", 45),
    ("B05", "小何", "2024-06-03", "文具", 8), ("B06", "李阿姨", "2024-06-05", "童书", 100),
    ("B07", "吴女士", "2024-06-06", "文学", 72), ("B08", "周同学", "2024-06-07", "文具", 25),
    ("B09", "钱爷爷", "2024-06-08", "文学", 230), ("B10", "孙老师", "2024-06-09", "童书", 64),
    ("B11", "小何", "2024-06-10", "文具", 15), ("B12", "郑先生", "2024-06-11", "文具", 30),
    ("B13", "李阿姨", "2024-06-12", "童书", 54), ("B14", "周同学", "2024-06-13", "文学", 39),
    ("B15", "吴女士", "2024-06-14", "童书", 100), ("B16", "小何", "2024-06-15", "文具", 6),
    ("B17", "孙老师", "2024-06-16", "文学", 88), ("B18", "周同学", "2024-06-18", "文具", 18),
    ("B19", "李阿姨", "2024-06-20", "文具", 22), ("B20", "郑先生", "2024-06-22", "文学", 120),
    ("B21", "小何", "2024-06-25", "童书", 40), ("B22", "周同学", "2024-06-28", "文学", 42),
]
BOOKSHOP_CUSTOMERS = [
    ("李阿姨", "金卡", "门店"), ("周同学", "普通", "小程序"), ("孙老师", "金卡", "门店"),
    ("郑先生", "银卡", "门店"), ("小何", "普通", "小程序"), ("吴女士", "银卡", "小程序"),
    ("钱爷爷", "普通", "门店"), ("赵小姐", "银卡", "小程序"),
]


def write_shop_xlsx(orders, customers, path: Path, shop: str) -> None:
    """One shop's workbook: sheet 交易 (订单编号, 客户, 日期, 品类, 金额) and sheet 客户
    (客户, 会员等级, 渠道); dates are Excel dates, fixed properties and zip dates."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    sales = wb.active
    sales.title = "交易"
    sales.append(["订单编号", "客户", "日期", "品类", "金额"])
    for order_id, customer, date, category, amount in orders:
        sales.append([order_id, customer, dt.datetime.fromisoformat(date), category, amount])
    for row in sales.iter_rows(min_row=2):
        row[2].number_format = "yyyy-mm-dd"
    members = wb.create_sheet("客户")
    members.append(["客户", "会员等级", "渠道"])
    for row in customers:
        members.append(list(row))
    for sheet in (sales, members):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["C"].width = 12
        sheet.freeze_panes = "A2"
    wb.properties.creator = shop
    wb.properties.title = f"{shop}交易记录"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = shop
    buffer = io.BytesIO()
    wb.save(buffer)
    _write_zip_with_fixed_dates(buffer.getvalue(), path)


def write_basics_shops(out_dir: Path) -> list[Path]:
    """Chapter 0's two workbooks: the lesson's café and the exercise's bookshop."""
    cafe, bookshop = out_dir / CAFE_FILE, out_dir / BOOKSHOP_FILE
    write_shop_xlsx(CAFE_ORDERS, CAFE_CUSTOMERS, cafe, "街角咖啡")
    write_shop_xlsx(BOOKSHOP_ORDERS, BOOKSHOP_CUSTOMERS, bookshop, "青禾书店")
    return [cafe, bookshop]


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    text = frame.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")
    path.write_bytes(text.encode("utf-8-sig"))


def make_all(out_dir: Path) -> list[Path]:
    """Write the four data files into out_dir and return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    xudong = xudong_transactions()
    check_xudong(xudong)
    write_xudong_xlsx(xudong, out_dir / XUDONG_FILE)

    tx, customers = demo_data()
    check_demo(tx, customers)
    tx = tx.assign(订单金额=tx["订单金额"].map("{:.2f}".format), 成本=tx["成本"].map("{:.2f}".format))
    customers = customers.assign(预计年利润=customers["预计年利润"].map("{:.2f}".format))
    _write_csv(tx, out_dir / DEMO_TRANSACTIONS_FILE)
    _write_csv(customers, out_dir / DEMO_CUSTOMERS_FILE)
    _write_csv(candidates(), out_dir / CANDIDATES_FILE)
    basics_files = write_basics_shops(out_dir)
    return [out_dir / name for name in
            (XUDONG_FILE, DEMO_TRANSACTIONS_FILE, DEMO_CUSTOMERS_FILE, CANDIDATES_FILE)] + basics_files


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else REPO / "data"
    for path in make_all(out_dir):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    print("demo:", demo_summary(demo_data()[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
