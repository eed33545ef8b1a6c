"""A still picture beside every live widget, for readers who cannot run the notebook.

An explorer or a quiz is displayed as one output that carries two forms: the live ipywidgets
view, which JupyterLab shows, and a plain HTML form of its starting state (the table and plot
before any control moves, or a quiz's questions), which is what a stored notebook, an HTML
page or a printed handout shows once the widget state is gone. A quiz's answers travel in a
third form of their own (``ANSWERS_MIME``), which no notebook front end displays: the handout
builder (:mod:`crmlab.handouts`) prints them on a separate page at the end.
"""

from __future__ import annotations

import base64
import html

#: The widget's live view; JupyterLab ranks it above text/html.
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: A quiz's questions with their right options, for the answers page of a handout.
ANSWERS_MIME = "application/vnd.crmlab.quiz-answers+json"
#: The one line under every still picture.
LIVE_NOTE = "（这是控件的初始状态。在 JupyterLab 中运行本单元格，即可拖动控件、看到表和图随之变化。）"


def display_with_still(widget, still_html: str, extra: dict | None = None) -> None:
    """Display ``widget`` live, with ``still_html`` as its stored, printable form."""
    from IPython.display import display

    bundle = dict(widget._repr_mimebundle_())
    bundle["text/html"] = still_html
    bundle["text/plain"] = "交互控件（在 JupyterLab 中运行本单元格即可操作）"
    bundle.update(extra or {})
    display(bundle, raw=True)


def png_img(png: bytes, alt: str) -> str:
    """An ``<img>`` carrying ``png`` inline (no file, no network).

    >>> png_img(b"x", "图")
    '<img alt="图" style="max-width:100%" src="data:image/png;base64,eA=="/>'
    """
    data = base64.b64encode(png).decode("ascii")
    return f'<img alt="{html.escape(alt)}" style="max-width:100%" src="data:image/png;base64,{data}"/>'


def table_html(shown) -> str:
    """The HTML a table object shows in a notebook (a DataFrame, a Styler, an HTML object)."""
    if shown is None:
        return ""
    to_html = getattr(shown, "_repr_html_", None)
    if callable(to_html):
        text = to_html()
        if text:
            return text
    return f"<pre>{html.escape(str(shown))}</pre>"


def settings_line(controls: dict) -> str:
    """The controls' starting values as one line, as the controls show them.

    >>> import ipywidgets as w
    >>> settings_line({"a": w.FloatSlider(value=0.2, description="A 类分界"),
    ...                "by": w.Dropdown(options=[("按价值", "value")], description="口径")})
    '初始设置：A 类分界 = 0.2；口径 = 按价值'
    """
    parts = []
    for name, control in controls.items():
        label = getattr(control, "label", None)  # a choice shows its label, not its value
        shown = label if isinstance(label, str) else control.value
        parts.append(f"{getattr(control, 'description', '') or name} = {shown}")
    return "初始设置：" + "；".join(parts) if parts else ""


def explorer_still(title: str, settings: str, message: str, table: str, picture: str) -> str:
    """The still form of an explorer: title, starting settings, table, plot, the live note."""
    parts = ['<div class="crmlab-still">']
    if title:
        parts.append(f"<p><b>{html.escape(title)}</b></p>")
    if settings:
        parts.append(f"<p>{html.escape(settings)}</p>")
    if message:
        parts.append(f'<p style="color:#a00">{html.escape(message)}</p>')
    parts += [table, picture, f'<p><i>{html.escape(LIVE_NOTE)}</i></p>', "</div>"]
    return "\n".join(part for part in parts if part)


def quiz_still(title: str, questions) -> str:
    """The still form of a quiz: its questions and options, lettered, without the answers."""
    parts = ['<div class="crmlab-quiz">', f"<p><b>{html.escape(title)}</b></p>", "<ol>"]
    for q in questions:
        note = "（可多选）" if q.multiple else ""
        options = "".join(f"<li>{html.escape(text)}</li>" for text in q.options)
        prompt = getattr(q, "prompt", q.question)  # without a bank's own （多选）
        parts.append(f'<li>{html.escape(prompt)}{note}<ol type="A">{options}</ol></li>')
    note = "（在 JupyterLab 中运行本单元格即可作答并看到解释；讲义的答案在最后一页。）"
    parts += ["</ol>", f"<p><i>{html.escape(note)}</i></p>", "</div>"]
    return "\n".join(parts)


def quiz_answers(title: str, questions) -> dict:
    """A quiz's answers as plain data: ``{"title": ..., "answers": [{"question", "right", "why"}]}``."""
    items = []
    for q in questions:
        letters = "、".join(chr(ord("A") + i) for i in sorted(q.answer))
        items.append({"question": q.question, "right": letters, "why": q.explanation})
    return {"title": title, "answers": items}
