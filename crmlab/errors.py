"""crmlab's own error: a ValueError whose message is simplified Chinese and says where and what to do.

Every problem a user can fix (a bad file, a bad column, a bad argument) is raised as
:class:`CrmlabError`. The CLI prints its message and exits with code 2; notebooks show the
message without a traceback.
"""

from __future__ import annotations


class CrmlabError(ValueError):
    """A problem with the user's input, explained in simplified Chinese.

    ``problem`` says what is wrong, ``hint`` what to do. The optional location fields
    (file, sheet, Excel row, column) are put in front of the message when given.

    >>> err = CrmlabError("日期无法识别：'2021-13-45'", hint="请改成 2021-03-05 这样的日期。",
    ...                   file="交易记录.xlsx", sheet="Sheet1", row=7, column="交易日期")
    >>> print(err)
    文件「交易记录.xlsx」，工作表「Sheet1」，第 7 行，列「交易日期」：日期无法识别：'2021-13-45'。请改成 2021-03-05 这样的日期。
    """

    def __init__(self, problem: str, *, hint: str = "", file: str | None = None,
                 sheet: str | None = None, row: int | None = None, column: str | None = None):
        self.problem = problem
        self.hint = hint
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(self.message)

    @property
    def location(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"文件「{self.file}」")
        if self.sheet is not None:
            parts.append(f"工作表「{self.sheet}」")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column is not None:
            parts.append(f"列「{self.column}」")
        return "，".join(parts)

    @property
    def message(self) -> str:
        text = self.problem.rstrip("。")
        text = f"{self.location}：{text}" if self.location else text
        text += "。"
        if self.hint:
            text += self.hint
        return text

    def __str__(self) -> str:  # ValueError would show args[0]; keep it in sync with the fields
        return self.message

    def _repr_html_(self) -> str:  # shown in a notebook when the error is displayed as a value
        import html
        return f'<div style="color:#a00"><b>crmlab 提示</b>：{html.escape(self.message)}</div>'


_OS_ERRORS = {
    "EISDIR": "这是一个文件夹，不是文件",
    "ELOOP": "路径里的符号链接（快捷方式）绕成了一个圈，指不到真正的文件",
    "EACCES": "没有权限写入",
    "EPERM": "没有权限写入",
    "EROFS": "所在的磁盘是只读的",
    "ENOSPC": "磁盘空间不够了",
    "EDQUOT": "磁盘配额用完了",
    "ENAMETOOLONG": "文件名或路径太长",
    "ENOENT": "所在的文件夹不存在",
    "ENOTDIR": "路径中间有一段不是文件夹",
    "EBUSY": "文件正被其他程序占用",
    "ETXTBSY": "文件正被其他程序占用",
    "EEXIST": "已经有同名的东西",
    "EINVAL": "文件名里有系统不允许的字符",
    "EIO": "磁盘读写出错",
}


def os_error_text(exc: BaseException) -> str:
    """A Chinese description of an OSError (or Python's RuntimeError for a symlink loop).

    >>> import errno
    >>> os_error_text(IsADirectoryError(errno.EISDIR, "Is a directory"))
    '这是一个文件夹，不是文件'
    """
    import errno

    if isinstance(exc, RuntimeError) and "loop" in str(exc).lower():
        return _OS_ERRORS["ELOOP"]
    code = errno.errorcode.get(getattr(exc, "errno", None) or -1, "")
    return _OS_ERRORS.get(code, f"系统报告的错误是 {code or type(exc).__name__}")


def output_error(path, exc: BaseException) -> CrmlabError:
    """The CrmlabError for a failed write of ``path`` (the path as the user gave it)."""
    return CrmlabError(f"无法写入输出文件：{os_error_text(exc)}", file=str(path),
                       hint="请换一个输出文件名或文件夹（例如 --out 结果.xlsx），确认有写入权限、"
                            "文件没有被 Excel 打开、磁盘还有空间，再试一次。")


def require_columns(frame, needed, what: str, hint: str = "") -> None:
    """Refuse anything that is not a DataFrame with the columns ``needed``, in Chinese.

    ``what`` names the table for the reader (e.g. "交易记录", "RFM 表").

    >>> import pandas as pd
    >>> require_columns(pd.DataFrame({"customer": []}), ["customer", "amount"], "交易记录")
    Traceback (most recent call last):
    crmlab.errors.CrmlabError: 列「amount」：交易记录缺少列「amount」；现有的列：customer。请检查列名，或用参数指定要用哪一列。
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise CrmlabError(f"{what}应该是一张表（DataFrame），现在是 {type(frame).__name__}",
                          hint=hint or "请把对应函数的结果（一张 DataFrame）传进来。")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        have = "、".join(str(c) for c in frame.columns) or "（没有列）"
        raise CrmlabError(f"{what}缺少列「{'、'.join(map(str, missing))}」；现有的列：{have}",
                          column=str(missing[0]),
                          hint=hint or "请检查列名，或用参数指定要用哪一列。")
