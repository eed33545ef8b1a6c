"""Exercise 00's checks (crmlab/checks/basics.py) on a workbook small enough to work out by hand:
the right answers pass, the typical mistakes get their Chinese hint."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from crmlab.checks import basics  # noqa: E402

# 甲: 100 + 50 = 150 (2 orders); 乙: 20 + 30 + 110 = 160 (3); 丙: 150 (1).
# At least 100: O1 (exactly 100), O4, O6 -> 3 orders; more than 100 -> 2.
# 金卡: 甲 + 丙 = 300; 普通: 乙 = 160; 丁 has a card and bought nothing.
SALES = pd.DataFrame({
    "订单编号": ["O1", "O2", "O3", "O4", "O5", "O6"],
    "客户": ["甲", "乙", "甲", "丙", "乙", "乙"],
    "日期": pd.to_datetime(["2024-06-01", "2024-06-02", "2024-06-03", "2024-06-04", "2024-06-05",
                          "2024-06-06"]),
    "品类": ["文学", "文具", "童书", "文学", "文具", "童书"],
    "金额": [100, 20, 50, 150, 30, 110],
})
MEMBERS = pd.DataFrame({"客户": ["甲", "乙", "丙", "丁"], "会员等级": ["金卡", "普通", "金卡", "银卡"],
                        "渠道": ["门店", "小程序", "门店", "门店"]})


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "书店.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        SALES.to_excel(writer, sheet_name="交易", index=False)
        MEMBERS.to_excel(writer, sheet_name="客户", index=False)
    return path


def _totals():
    return pd.Series({"甲": 150, "乙": 160, "丙": 150}, name="金额").rename_axis("客户")


def _merged():
    return _totals().reset_index().merge(MEMBERS, on="客户", how="left")


def _text(result):
    return repr(result)


def test_right_answers_pass_every_task(book, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    progress = basics.progress()
    sales = pd.read_excel(book, sheet_name="交易", engine="openpyxl")
    assert basics.check_read(sales, progress, path=book).passed
    assert basics.check_shape((6, 5), progress, path=book).passed
    assert basics.check_sorted(sales.sort_values("金额", ascending=False), progress, path=book).passed
    big = sales[sales["金额"] >= 100]
    assert len(big) == 3 and basics.check_filter(big, progress, path=book).passed
    assert basics.check_totals(_totals(), progress, path=book).passed
    assert basics.check_merged(_merged(), progress, path=book).passed
    by_level = pd.Series({"金卡": 300, "普通": 160}).rename_axis("会员等级")
    assert basics.check_by_level(by_level, progress, path=book).passed
    ax = _totals().plot.bar()
    ax.set_title("消费额")
    assert basics.check_chart(ax, progress, path=book).passed
    _merged().to_excel("结果.xlsx", index=False)
    assert basics.check_saved("结果.xlsx", progress, path=book).passed
    assert progress.all_passed()
    plt.close("all")


def test_correct_variants_pass(book):
    """A DataFrame instead of a Series, other column names, plt.bar and barh charts."""
    as_table = _totals().reset_index().rename(columns={"金额": "消费额"})
    assert basics.check_totals(as_table, path=book).passed
    assert basics.check_totals(SALES.groupby("客户").agg(消费额=("金额", "sum")), path=book).passed
    bars = plt.bar(_totals().index, _totals().values)
    plt.title("消费额")
    assert basics.check_chart(bars, path=book).passed
    fig, ax = plt.subplots()
    ax.barh(_totals().index, _totals().values)
    ax.set_title("横向")
    assert basics.check_chart(ax, path=book).passed
    plt.close("all")


@pytest.mark.parametrize("answer, hint", [
    (MEMBERS, "读到的是“客户”工作表"),
    (SALES.head(3), "读入了 3 行"),
])
def test_read_mistakes(book, answer, hint):
    assert hint in _text(basics.check_read(answer, path=book))


@pytest.mark.parametrize("answer, hint", [((5, 6), "写反了"), (30, "格子的总数"), (6, "两个数")])
def test_shape_mistakes(book, answer, hint):
    assert hint in _text(basics.check_shape(answer, path=book))


def test_sort_and_filter_mistakes(book):
    assert "从小到大" in _text(basics.check_sorted(SALES.sort_values("金额"), path=book))
    assert "排序不删行" in _text(basics.check_sorted(SALES.head(4), path=book))
    assert "不要用 >" in _text(basics.check_filter(SALES[SALES["金额"] > 100], path=book))
    assert "还没有筛选" in _text(basics.check_filter(SALES, path=book))
    assert "不到 100 元" in _text(basics.check_filter(SALES[SALES["金额"] >= 50], path=book))


@pytest.mark.parametrize("how, hint", [("count", "笔数"), ("mean", "每笔平均"), ("max", "最大的一笔")])
def test_totals_with_another_aggregate(book, how, hint):
    answer = getattr(SALES.groupby("客户")["金额"], how)()
    message = _text(basics.check_totals(answer, path=book))
    assert "✗" in message and hint in message and "sum" in message


def test_totals_other_mistakes(book):
    assert "品类" in _text(basics.check_totals(SALES.groupby("品类")["金额"].sum(), path=book))
    assert "这是一个数" in _text(basics.check_totals(SALES["金额"].sum(), path=book))


def test_merge_mistakes(book):
    on_sales = SALES.merge(MEMBERS, on="客户", how="left")
    assert "合并的是交易表" in _text(basics.check_merged(on_sales, path=book))
    from_members = MEMBERS.merge(_totals().reset_index(), on="客户", how="left")
    assert "没有消费的客户" in _text(basics.check_merged(from_members, path=book))
    assert "会员等级" in _text(basics.check_merged(_totals().reset_index(), path=book))


def test_by_level_mistakes(book):
    merged = _merged()
    assert "count" in _text(basics.check_by_level(merged.groupby("会员等级")["金额"].count(), path=book))
    assert "mean" in _text(basics.check_by_level(merged.groupby("会员等级")["金额"].mean(), path=book))


def test_chart_mistakes(book):
    assert "plt.gca()" in _text(basics.check_chart(None, path=book))
    ax = _totals().plot.bar()
    assert "标题" in _text(basics.check_chart(ax, path=book))
    fig, ax = plt.subplots()
    ax.bar(["文学", "文具"], [250, 50])
    ax.set_title("按品类")
    assert "柱子" in _text(basics.check_chart(ax, path=book))
    plt.close("all")


def test_save_mistakes(book, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "找不到文件" in _text(basics.check_saved("没存.xlsx", path=book))
    _merged().to_excel("带行号.xlsx")
    assert "index=False" in _text(basics.check_saved("带行号.xlsx", path=book))
    assert ".xlsx" in _text(basics.check_saved("结果.csv", path=book))


def test_placeholder_is_open_and_a_later_task_names_the_earlier_one(book):
    progress = basics.progress()
    assert basics.check_read(..., progress, path=book).status == "open"
    result = basics.check_totals(SALES.groupby("客户")["金额"].count(), progress, path=book)
    assert "第 1 题" in _text(result)


def test_the_default_workbook_is_the_bookshop():
    progress = basics.progress()
    sales = pd.read_excel(basics._path(), sheet_name="交易", engine="openpyxl")
    assert basics.check_read(sales, progress).passed and len(sales) == 22


def test_other_correct_styles_pass(book):
    """A loop into a dict, query, pivot_table, pd.merge on the index, shape as a pair of lens."""
    totals = {}
    for _, row in SALES.iterrows():
        totals[row["客户"]] = totals.get(row["客户"], 0) + row["金额"]
    assert basics.check_totals(totals, path=book).passed
    assert basics.check_totals(SALES.pivot_table(index="客户", values="金额", aggfunc="sum"), path=book).passed
    assert basics.check_filter(SALES.query("金额 >= 100"), path=book).passed
    assert basics.check_shape((len(SALES), len(SALES.columns)), path=book).passed
    merged = pd.merge(_totals(), MEMBERS, left_index=True, right_on="客户", how="left")
    assert basics.check_merged(merged, path=book).passed
    by_level = merged.groupby("会员等级").agg(消费额=("金额", "sum")).reset_index()
    assert basics.check_by_level(by_level, path=book).passed


def test_checks_follow_the_instructors_workbook(book):
    """With the exercise input bookshop_file set, the checks judge against that workbook."""
    from crmlab.datasets import bookshop_path, exercise_inputs

    with exercise_inputs(bookshop_file=str(book)):
        assert bookshop_path() == book
        assert basics.check_totals(_totals()).passed
        assert basics.check_shape((6, 5)).passed
        assert not basics.check_shape((22, 5)).passed      # the default bookshop's shape
    assert basics.check_shape((22, 5)).passed


def test_typed_shape_is_refused_in_the_notebook(tmp_path):
    """Exercise 00 run in a kernel with task 2's right numbers typed in: task 2 fails, the rest pass."""
    import json
    import pathlib

    import nbclient
    import nbformat

    solution = pathlib.Path(__file__).resolve().parent.parent / "solutions" / "00_数据分析入门练习.ipynb"
    notebook = nbformat.read(solution, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.source.startswith("大小 = "):
            cell.source = "大小 = (22, 5)"
    notebook.cells.append(nbformat.v4.new_code_cell(
        "import json as _json\nprint(_json.dumps({t: 进度.status(t) for t in 进度.tasks}, ensure_ascii=False))"))
    nbclient.NotebookClient(notebook, timeout=180, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    statuses = json.loads("".join(o.get("text", "") for o in notebook.cells[-1].outputs))
    assert statuses.pop(basics.SHAPE) == "failed"
    assert set(statuses.values()) == {"passed"}
