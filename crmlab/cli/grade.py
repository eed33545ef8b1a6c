"""``crmlab grade FOLDER``: run and judge a class's notebooks, print and save the table.

``crmlab grade FOLDER [--data FILE] [--today YYYY-MM-DD] [--inputs FILE.json] [--timeout 秒]
[--memory MB] [--jobs N] [--out 结果.xlsx] [--feedback 文件夹]``. Progress is one line per
notebook as it is judged (on stderr); the table and the files are written by this process
alone, after every notebook's processes are gone.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from crmlab.errors import CrmlabError
from crmlab.grading import DEFAULT_TIMEOUT, default_jobs

#: the columns the students of the 旭东 exercise read from its transactions file
XUDONG_COLUMNS = ("订单编号", "客户名称", "交易日期", "交易金额")


def add_command(subparsers) -> None:
    from crmlab.sandbox import DEFAULT_MEMORY_MB

    parser = subparsers.add_parser(
        "grade", help="检查一个文件夹里学生交上来的练习笔记本：谁的哪道题通过了",
        description="逐个重新运行文件夹（含子文件夹）里的 .ipynb 练习笔记本（每个都在 bubblewrap 沙箱里，"
                    "看不到其他文件），把答案取出来，由本程序自己用 crmlab 的检查判分。"
                    "文件名请用「学号_姓名.ipynb」。")
    parser.add_argument("folder", metavar="FOLDER", help="存放学生笔记本（.ipynb）的文件夹")
    parser.add_argument("--data", metavar="FILE", help="用这个交易记录文件代替自带的旭东数据（列同 交易记录.xlsx）")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help="旭东练习里的“今天”（默认 2021-04-01）")
    parser.add_argument("--inputs", metavar="FILE.json",
                        help="练习输入的替换：与 CRMLAB_EXERCISE_INPUTS 相同的 JSON 文件（键名见 docs/instructor.md 第三节）")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"每个笔记本最多运行多少秒（默认 {DEFAULT_TIMEOUT}），超时之后的题记为出错")
    parser.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                        help=f"每个笔记本的每个进程最多用多少 MB 内存（默认 {DEFAULT_MEMORY_MB}）")
    parser.add_argument("--jobs", type=int, default=None, metavar="N",
                        help=f"同时运行几个笔记本（默认 {default_jobs()}，即本机 CPU 核数，最多 4）")
    parser.add_argument("--solutions", metavar="DIR", help="生成练习用的答案笔记本目录（默认项目里的 solutions/）")
    parser.add_argument("--out", metavar="PATH", help="把结果另存为 .xlsx 或 .csv（UTF-8，Excel 可直接打开）")
    parser.add_argument("--feedback", metavar="DIR", help="给每位学生写一份反馈（.txt）到这个文件夹")
    parser.set_defaults(run=run)


def check_data_file(path: Path, columns=XUDONG_COLUMNS) -> None:
    """Raise a Chinese CrmlabError unless ``path`` is a table with the columns students read."""
    if not path.is_file():
        raise CrmlabError(f"找不到数据文件「{path}」", file=str(path),
                          hint="--data 请给出交易记录文件（.xlsx 或 .csv）的路径。")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            workbook = load_workbook(path, read_only=True)
            sheet = workbook.worksheets[0]
            header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
            sheet_name = sheet.title
            workbook.close()
        elif suffix == ".csv":
            import pandas as pd

            header = list(pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns)
            sheet_name = None
        else:
            raise CrmlabError(f"数据文件「{path.name}」不是 .xlsx 或 .csv", file=str(path),
                              hint="请把交易记录另存为 .xlsx 或 .csv 再给 --data。")
    except CrmlabError:
        raise
    except Exception as problem:  # noqa: BLE001 - any reason the file cannot be read
        raise CrmlabError(f"数据文件「{path.name}」打不开（{type(problem).__name__}）", file=str(path),
                          hint="请确认它是保存完整的 Excel 或 CSV 文件。") from None
    present = {str(c).strip() for c in header if c is not None}
    missing = [c for c in columns if c not in present]
    if missing:
        where = f"工作表「{sheet_name}」" if sheet_name else "表头"
        raise CrmlabError(f"数据文件「{path.name}」的{where}第 1 行缺少列：{'、'.join(missing)}",
                          file=str(path),
                          hint=f"学生的练习按列名读取 {'、'.join(columns)}：请把表头改成这些名字"
                               "（放在第一个工作表的第 1 行）。")


def grading_inputs(args) -> dict:
    """The exercise input overrides from --data, --today and --inputs (checked)."""
    inputs: dict = {}
    if args.inputs:
        path = Path(args.inputs)
        try:
            given = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as problem:
            raise CrmlabError(f"读不了 --inputs 文件「{path}」（{type(problem).__name__}）", file=str(path),
                              hint='它应当是 JSON，例如 {"demo_file": "订单.csv", "demo_period": ["2024-01-01", "2024-06-30"]}。') from None
        if not isinstance(given, dict):
            raise CrmlabError(f"--inputs 文件「{path}」应当是一个 JSON 对象（键: 值）", file=str(path))
        for key, value in given.items():
            candidate = (path.parent / str(value)) if isinstance(value, str) else None
            inputs[str(key)] = candidate.resolve() if candidate is not None and candidate.is_file() else value
    if args.data:
        path = Path(args.data).resolve()
        check_data_file(path)
        from crmlab.transactions import load_transactions

        load_transactions(path)  # the grader's checks compute from it: its problems in Chinese now
        inputs["xudong_file"] = path
    for key, value in inputs.items():  # a file named in --inputs must be there
        if key.endswith("_file") and not isinstance(value, Path):
            raise CrmlabError(f"--inputs 里 {key} 的文件「{value}」找不到", file=str(args.inputs),
                              hint="文件的相对路径从 JSON 文件所在的文件夹算起；请检查文件名和位置。")
    if args.today:
        import pandas as pd

        try:
            day = pd.Timestamp(args.today)
            if not len(args.today) == 10:
                raise ValueError(args.today)
        except ValueError:
            raise CrmlabError(f"--today 的日期「{args.today}」看不懂",
                              hint="请写成 年-月-日，例如 --today 2024-07-01。") from None
        inputs["xudong_today"] = day.date().isoformat()
    if inputs:  # unknown keys are refused now, in Chinese, before any notebook runs
        from crmlab.datasets import exercise_inputs

        try:
            with exercise_inputs(**{k: str(v) if isinstance(v, Path) else v for k, v in inputs.items()}):
                pass
        except CrmlabError as error:
            raise CrmlabError(error.problem.replace("exercise_inputs(...)里", "--inputs 里"),
                              hint=error.hint, file=args.inputs) from None
    return inputs


def run(args) -> int:
    if args.timeout <= 0:
        raise CrmlabError(f"--timeout 应当大于 0，收到的是 {args.timeout:g}",
                          hint="例如 --timeout 120 表示每个笔记本最多运行 120 秒。")
    if args.jobs is not None and args.jobs < 1:
        raise CrmlabError(f"--jobs 应当至少是 1，收到的是 {args.jobs}",
                          hint="例如 --jobs 2 表示同时运行两个笔记本；不写则自动决定。")
    if args.memory < 256:
        raise CrmlabError(f"--memory 至少要 256 MB，收到的是 {args.memory}",
                          hint="一个笔记本光是导入 pandas 和 matplotlib 就要两三百 MB；默认值通常合适。")
    if args.out is not None:
        from crmlab.safe_write import check_folder

        if Path(args.out).suffix.lower() not in (".csv", ".xlsx"):
            raise CrmlabError(f"不支持的输出文件类型：「{args.out}」", hint="--out 的文件名请以 .csv 或 .xlsx 结尾。")
        check_folder(args.out)
    inputs = grading_inputs(args)
    from crmlab.grade_report import UNSEALED, format_grades, write_feedback, write_grades
    from crmlab.grading import grade_folder
    from crmlab.sandbox import bubblewrap

    if bubblewrap() is None:
        print(f"注意：{UNSEALED}。没有用 bubblewrap 隔离（Debian/Ubuntu：sudo apt install bubblewrap；"
              "Windows、macOS 见 docs/instructor.md 的容器做法），学生的笔记本将以你的身份运行、能看到你的文件。",
              file=sys.stderr, flush=True)

    def show(done, total, row):
        mark = f"{row['passed']} 题通过" if row["exercise"] else "无法检查"
        note = f"（{row['note']}）" if row["note"] else ""
        print(f"[{done}/{total}] {row['file']}：{mark}{note}", file=sys.stderr, flush=True)

    messages: dict = {}
    table = grade_folder(args.folder, timeout=args.timeout, jobs=args.jobs, memory_mb=args.memory,
                         inputs=inputs, solutions=args.solutions, on_notebook=show, messages=messages,
                         hidden=[Path(p).resolve().parent if p == args.out else Path(p)
                                 for p in (args.out, args.feedback) if p])
    # every notebook's sandbox is gone here: only now is anything written
    print(f"检查结果：「{args.folder}」，共 {len(table)} 个笔记本"
          + ("（用老师给的数据）" if inputs else "") + "\n")
    print(format_grades(table))
    if args.out:
        write_grades(table, args.out)
        print(f"\n已写出：{args.out}")
    if args.feedback:
        written = write_feedback(table, messages, args.feedback)
        print(f"已写出 {len(written)} 份学生反馈：{args.feedback}")
    return 0
