"""Generate the teaching data files in ``data/`` (seeded: every run writes the same files).

    python scripts/make_data.py            # writes into data/
    python scripts/make_data.py OUT_DIR    # writes into another folder (the tests use this)

Files written:

- ``交易记录.xlsx`` (made by ``scripts/xudong_data.py``): company 旭东's transactions of March 2021 (the chapter 5 exercise;
  "today" is 2021-04-01). 30 customers, one row per purchase, rows not sorted.
  Customers are drawn from deliberate profiles so that, with R/F/M split against the mean,
  each of the eight RFM tiers has customers, unevenly (one tier clearly largest); one
  customer's F equals the mean F (so ">" and ">=" differ); there is a one-time buyer, a buyer
  on 2021-03-31 and two customers with identical totals. Like a real export it needs cleaning:
  a blank row, a refund (negative amount, order number of the sale), a name with a stray
  space and a 合计 row. :func:`check_xudong` asserts all this.
- ``演示交易.csv``: one year (2023) of orders of 1,000 customers with amount and cost;
  spend is heavy-tailed and some customers lose money (serving cost above margin).
- ``演示客户.csv``: one row per demo customer: name, satisfaction (1-5), perceived value
  (0-100), yearly retention probability and the forecast yearly profit.
- ``候选客户.csv``: 15 corporate candidates for the customer-selection chapter (scores, and
  the margin and bad-debt rate behind each one's overall value).
- ``街角咖啡.xlsx`` / ``青禾书店.xlsx``: chapter 0's two small shops (lesson / exercise), sheets
  交易 and 客户, hand-written tables in ``scripts/basics_data.py``.

Reproducibility: numpy ``default_rng`` with fixed seeds; the xlsx has fixed document
properties and fixed zip entry dates, so the bytes are the same on every run with the same
library versions. CSVs are UTF-8 with a BOM (so Excel opens them correctly), ``\\n`` line ends.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from xudong_data import XUDONG_FILE, check_xudong, write_xudong_xlsx, xudong_transactions  # scripts/
from basics_data import write_basics_shops  # scripts/, chapter 0

REPO = Path(__file__).resolve().parent.parent
DEMO_TRANSACTIONS_FILE = "演示交易.csv"
DEMO_CUSTOMERS_FILE = "演示客户.csv"
CANDIDATES_FILE = "候选客户.csv"

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


# Money behind each candidate, for its overall value (综合价值, crmlab.overall_value): the gross
# margin we make on its purchases and the share of its purchases we expect never to be paid.
# Margins are hand-set: the hard bargainers (价格敏感度 8-9: 宏达, 鼎盛, 东方, 顺丰, 利民) leave
# 10-13%, customers who are not price-sensitive 20-25%. The bad-debt rate follows the credit
# score (BAD_DEBT_BY_CREDIT). With the serving cost, the two biggest buyers are worth less than
# nothing over three years: "the biggest customer is not the most valuable", in money.
CANDIDATE_MARGINS = {
    "宏达集团": 11, "鼎盛实业": 12, "远洋国际贸易": 20, "华信电子": 20, "恒通物流": 18,
    "金桥建材": 14, "盛世传媒": 21, "东方纺织": 12, "新锐科技": 23, "绿洲食品": 17,
    "云帆软件": 25, "智汇教育": 24, "安康医疗器械": 22, "顺丰五金": 13, "利民超市": 10,
}
#: credit score (1-10) -> expected bad debt, % of purchases
BAD_DEBT_BY_CREDIT = {1: 12.0, 2: 10.0, 3: 7.0, 4: 5.0, 5: 3.5, 6: 2.5, 7: 1.5, 8: 1.0, 9: 0.5,
                      10: 0.2}


def with_candidate_finances(frame: pd.DataFrame) -> pd.DataFrame:
    """The candidate table with two more columns at the end: 毛利率（%）, 坏账率（%）."""
    return frame.assign(**{
        "毛利率（%）": frame["客户名称"].map(CANDIDATE_MARGINS).astype(float),
        "坏账率（%）": frame["信用"].map(BAD_DEBT_BY_CREDIT).astype(float),
    })


# ---------------------------------------------------------------------------------------------


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
    _write_csv(with_candidate_finances(candidates()), out_dir / CANDIDATES_FILE)
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
