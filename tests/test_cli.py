"""Tests for crmlab/cli/ (the `crmlab` command): run main([...]) and read what a student would see."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from crmlab.cli import main
from crmlab.textwidth import display_width

# 甲 buys on 03-30 and 03-10, 乙 on 03-01. Last transaction 03-30, so "today" defaults to 03-31:
# 甲 R 1, F 2, M 120; 乙 R 30, F 1, M 50. Means: R 15.5, F 1.5, M 85 -> 甲 高高高, 乙 低低低.
CSV_TEXT = "客户,日期,金额\n甲,2021-03-30,100\n乙,2021-03-01,50\n甲,2021-03-10,20\n"


@pytest.fixture
def tx_file(tmp_path):
    path = tmp_path / "交易.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_rfm_on_a_file_uses_the_day_after_the_last_purchase(capsys, tx_file):
    code, out, _ = run(capsys, "rfm", tx_file)
    assert code == 0
    assert "2021-03-31" in out and "次日" in out
    assert "读到 3 行，用上 3 行，剔除 0 行" in out
    lines = out.splitlines()
    jia = next(line for line in lines if line.startswith("甲 "))
    yi = next(line for line in lines if line.startswith("乙 "))
    assert jia.split() == ["甲", "1", "2", "120.00", "高", "高", "高", "重要价值客户"]
    assert yi.split() == ["乙", "30", "1", "50.00", "低", "低", "低", "一般挽留客户"]


def test_rfm_table_is_aligned_for_chinese(capsys, tx_file):
    _, out, _ = run(capsys, "rfm", tx_file)
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("客户 "))
    header, rule, yi, jia = lines[start:start + 4]
    # the "客户等级" column starts at the same display column in header and rows
    col = display_width(header[:header.index("客户等级")])
    assert display_width(yi[:yi.index("一般挽留客户")]) == col
    assert display_width(jia[:jia.index("重要价值客户")]) == col
    # the M column (right-aligned) ends at the same display column
    assert display_width(yi[:yi.index("50.00") + 5]) == display_width(jia[:jia.index("120.00") + 6])
    assert display_width(rule) >= display_width(jia)


def test_explicit_today_and_median(capsys, tx_file):
    code, out, _ = run(capsys, "rfm", tx_file, "--today", "2021-04-10", "--threshold", "median")
    assert code == 0
    assert "2021-04-10" in out and "中位数" in out
    assert next(line for line in out.splitlines() if line.startswith("甲 ")).split()[1] == "11"


def test_rfm_csv_output(capsys, tx_file, tmp_path):
    target = tmp_path / "结果.csv"
    code, out, _ = run(capsys, "rfm", tx_file, "--out", target)
    assert code == 0 and "已写出" in out
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "customer,R,F,M,R_level,F_level,M_level,segment"
    assert lines[1:] == ["乙,30,1,50.0,低,低,低,一般挽留客户", "甲,1,2,120.0,高,高,高,重要价值客户"]


def test_rfm_xlsx_output(capsys, tx_file, tmp_path):
    target = tmp_path / "结果.xlsx"
    assert run(capsys, "rfm", tx_file, "--out", target)[0] == 0
    sheet = load_workbook(target)["RFM客户分级"]
    assert [c.value for c in sheet[1]][:4] == ["客户", "R（天）", "F（次）", "M（元）"]
    assert [c.value for c in sheet[3]][:4] == ["甲", 1, 2, 120.0]


def test_bundled_xudong_data(capsys):
    code, out, _ = run(capsys, "rfm")
    assert code == 0
    assert "2021-04-01" in out and "旭东" in out
    tiers = ["重要价值客户", "重要发展客户", "重要保持客户", "重要挽留客户",
             "一般价值客户", "一般发展客户", "一般保持客户", "一般挽留客户"]
    summary = [line for line in out.splitlines() if line.split() and line.split()[0] in tiers
               and "%" in line]
    assert [line.split()[0] for line in summary] == tiers
    assert sum(int(line.split()[1]) for line in summary) == 30  # 旭东 has 30 customers


@pytest.mark.parametrize("argv, words", [
    (["rfm", "--threshold", "avg"], "--threshold"),
    (["rfm", "--today"], "--today"),
    (["rfm", "--today", "2021-13-01"], "日期无法识别"),
    (["rfm", "--out", "x.txt"], ".csv 或 .xlsx"),
    (["rfm", "没有这个文件.xlsx"], "找不到文件"),
    (["abc", "--top", "0"], "--top 后面应当是正整数"),
    (["rfm", "--rejected", "剔除.txt"], ".csv 或 .xlsx"),
    (["nope"], "没有子命令"),
    (["rfm", "--bogus"], "无法识别的参数"),
    (["rfm", "--out", "没有这个文件夹/x.csv"], "文件夹不存在"),
    ([], "子命令"),
])
def test_problems_exit_2_with_chinese_message(capsys, argv, words):
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert words in err
    assert "crmlab：" in err


def test_purchase_after_today_exits_2(capsys, tx_file):
    code, _, err = run(capsys, "rfm", tx_file, "--today", "2021-03-15")
    assert code == 2 and "2021-03-15" in err


def test_refuses_to_overwrite_the_input(capsys, tx_file):
    code, _, err = run(capsys, "rfm", tx_file, "--out", tx_file.with_suffix(".csv"))
    assert code == 2 and "覆盖" in err
    assert tx_file.read_text(encoding="utf-8") == CSV_TEXT


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "rfm", "-h")
    assert code == 0 and "用法" in out and "显示本帮助" in out


# five customers, amounts 50, 20, 15, 10, 5 (total 100)
ABC_CSV = ("客户,日期,金额\nb,2021-03-01,50\nc,2021-03-01,20\nd,2021-03-01,15\n"
           "a,2021-03-01,10\ne,2021-03-01,5\n")


@pytest.mark.parametrize("command, header, label", [
    (["abc"], "customer,value,share,cum_share,class", "A"),
    (["pyramid", "--by", "profit"], "customer,value,share,cum_share,tier", "高端客户"),
])
def test_abc_and_pyramid_csv(capsys, tmp_path, command, header, label):
    source = tmp_path / "t.csv"
    source.write_text(ABC_CSV, encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _, _ = run(capsys, command[0], source, *command[1:], "--out", target)
    assert code == 0
    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == header
    # the biggest customer first: b, 50 of 100
    assert lines[1].split(",")[:4] == ["b", "50.0", "0.5", "0.5"]
    assert lines[1].split(",")[4] == label
    assert [line.split(",")[0] for line in lines[1:]] == ["b", "c", "d", "a", "e"]


def test_pyramid_without_profit_says_it_uses_amount(capsys, tmp_path):
    source = tmp_path / "t.csv"
    source.write_text(ABC_CSV, encoding="utf-8")
    code, out, _ = run(capsys, "pyramid", source)
    assert code == 0 and "消费金额代替利润" in out


def test_python_m_crmlab_as_a_real_process():
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "crmlab", "rfm", "--threshold", "median"],
                          capture_output=True, env=env, timeout=120, check=False)
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 0, err
    assert "重要价值客户" in out and "中位数" in out
    bad = subprocess.run([sys.executable, "-m", "crmlab", "rfm", "--today", "昨天"],
                         capture_output=True, env=env, timeout=120, check=False)
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr.decode("utf-8")
    assert "日期无法识别" in bad.stderr.decode("utf-8")


def test_abc_xlsx_output_has_chinese_headers(capsys, tmp_path):
    source = tmp_path / "t.csv"
    source.write_text(ABC_CSV, encoding="utf-8")
    target = tmp_path / "abc.xlsx"
    assert run(capsys, "abc", source, "--out", target)[0] == 0
    sheet = load_workbook(target).active
    # a user's file may be in any currency: a neutral header (数值（元） only for the bundled data)
    assert [c.value for c in sheet[1]] == ["排名", "客户", "数值", "占比", "累计占比", "类别"]
    assert [c.value for c in sheet[2]][:3] == [1, "b", 50.0]


def test_cli_imports_no_plotting_or_widgets():
    code = ("import sys, crmlab.cli; "
            "print(any(m in sys.modules for m in ('matplotlib', 'ipywidgets')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.strip() == "False", done.stderr


# ---------------------------------------------------------------- bundled data, --top, --summary,
# --rejected, --today forms

@pytest.mark.parametrize("command, counts", [
    ("abc", "A：200 位，B：300 位，C：500 位"),  # 1,000 demo customers: 20% : 30% : 50%
    ("pyramid", "高端客户：50 位，重要客户：150 位，普通客户：300 位，小客户：500 位"),  # 5/20/50%
])
def test_abc_and_pyramid_run_on_the_bundled_demo_data_without_a_file(capsys, command, counts):
    code, out, _ = run(capsys, command)
    assert code == 0
    assert "演示交易记录（课程自带数据）" in out and counts in out
    assert "数值（元）" in out                       # the bundled data is in 元
    # 1,000 customers: the table is cut to its first 20 rows, and says so
    assert "……只显示了前 20 行，共 1000 位客户" in out
    ranks = [int(line.split()[0]) for line in out.splitlines() if line[:4].strip().isdigit()]
    assert ranks == list(range(1, 21))


def _many_customers(tmp_path, n):
    lines = ["客户,日期,金额"] + [f"客户{i:02d},2021-03-{1 + i % 28:02d},{10 * (i + 1)}"
                                  for i in range(n)]
    path = tmp_path / "多.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_rfm_prints_a_long_table_only_in_part(capsys, tmp_path):
    source = _many_customers(tmp_path, 45)
    code, out, _ = run(capsys, "rfm", source)
    assert code == 0 and "共 45 位客户" in out
    assert out.count("客户4") == 0                    # 客户40..客户44 are past the first 20
    assert "客户19" in out and "客户20" not in out
    code, out, _ = run(capsys, "rfm", source, "--top", "45")
    assert "客户44" in out and "只显示了" not in out


def test_top_and_summary(capsys, tx_file):
    code, out, _ = run(capsys, "rfm", tx_file, "--top", "1")
    assert code == 0 and "只显示了前 1 行，共 2 位客户" in out
    assert "\n乙 " in out and "\n甲 " not in out    # rows sorted as rfm_table sorts them
    code, out, _ = run(capsys, "rfm", tx_file, "--summary")
    assert code == 0 and "R等级" not in out and "客户等级" in out and "策略" in out


def test_money_is_labelled_yuan_only_for_the_bundled_data(capsys, tx_file):
    _, out, _ = run(capsys, "rfm", tx_file)
    assert "M（金额）" in out and "元" not in out.split("阈值")[1].split("\n")[0]
    _, out, _ = run(capsys, "rfm")
    assert "M（元）" in out and "元为高" in out.replace(" 元 为高", "元为高")


def test_rejected_rows_are_saved_with_their_reasons(capsys, tmp_path):
    source = tmp_path / "交易.csv"
    source.write_text("客户,日期,金额\n甲,2021-03-30,100\n乙,2021-03-01,50\n甲,2021-03-10,20\n"
                      "乙,不是日期,50\n丙,2021-03-01,abc\n丙,2021-03-02,30\n", encoding="utf-8")
    target = tmp_path / "剔除.csv"
    code, out, _ = run(capsys, "rfm", source, "--rejected", target)
    assert code == 0 and "已写出剔除的 2 行及原因" in out
    lines = target.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[0] == "行,列,内容,原因"
    assert lines[1].startswith("5,日期,不是日期,") and "日期" in lines[1].split(",", 3)[3]
    assert lines[2].startswith("6,金额,abc,")


def test_rejected_file_without_rejections_has_only_the_header(capsys, tx_file, tmp_path):
    target = tmp_path / "剔除.xlsx"
    assert run(capsys, "rfm", tx_file, "--rejected", target)[0] == 0
    assert [c.value for c in load_workbook(target).active[1]] == ["行", "列", "内容", "原因"]
    assert load_workbook(target).active.max_row == 1


@pytest.mark.parametrize("today", ["2021-03-31", "2021/3/31", "2021年3月31日", "20210331"])
def test_today_accepts_the_date_forms_of_the_data(capsys, tx_file, today):
    code, out, _ = run(capsys, "rfm", tx_file, "--today", today)
    assert code == 0 and "R 计算到：2021-03-31（由 --today 指定）" in out


# CDNOW_master.txt's layout: customer id, YYYYMMDD, number of CDs, dollars; spaces; no header.
# Customer 2 buys on 01-12 (twice, 12.00 + 77.00), 1 on 01-01, 3 on 01-02 and 01-03.
CDNOW_TEXT = ("    1 19970101  1  11.77\n    2 19970112  1  12.00\n    2 19970112  5  77.00\n"
              "    3 19970102  2  20.76\n    3 19970103  1  abc\n")


def test_space_separated_text_without_header_is_read_like_cdnow(capsys, tmp_path):
    source = tmp_path / "CDNOW_master.txt"
    source.write_text(CDNOW_TEXT, encoding="utf-8")
    rejected = tmp_path / "剔除.csv"
    code, out, _ = run(capsys, "rfm", source, "--today", "19970113", "--rejected", rejected)
    assert code == 0
    assert "没有表头的文本，按 CDNOW 的列序读入" in out and "读取报告：CDNOW_master.txt" in out
    # today 01-13: customer 2 R 1, F 2 (two rows), M 89; customer 1 R 12; customer 3 R 11
    rows = {line.split()[0]: line.split()[1:4] for line in out.splitlines()
            if line[:1] in "123" and len(line.split()) > 6}
    assert rows == {"1": ["12", "1", "11.77"], "2": ["1", "2", "89.00"], "3": ["11", "1", "20.76"]}
    assert "M（金额）" in out                         # CDNOW is in dollars: no 元
    lines = rejected.read_bytes().decode("utf-8-sig").splitlines()
    assert lines[1].startswith("5,金额,abc,")         # line 5 of the file (no header row)


def test_space_separated_text_with_header_keeps_its_headers(capsys, tmp_path):
    source = tmp_path / "交易.txt"
    source.write_text("customer date amount\nA 2021-03-01 10\nB 2021-03-05 20.5\n", encoding="utf-8")
    code, out, _ = run(capsys, "abc", source)
    assert code == 0 and "按空格分列读入" in out and "客户 ← 「customer」" in out
    assert "   1  B" in out and "   2  A" in out
