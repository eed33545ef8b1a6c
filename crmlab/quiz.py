"""Self-check quizzes with instant feedback, for the end of each chapter.

A question is data: ``{"question": str, "options": [str, ...], "answer": int | list[int],
"explanation": str}``; ``answer`` is the index (or indexes, for a multiple-answer question) of the
right option(s). :func:`grade` is the pure part that tests call; :class:`Quiz` wraps it in
ipywidgets: per question, round buttons (one answer) or checkboxes with one 可多选 note (several
answers), option texts that wrap, a 提交 button, and the feedback in Chinese under the question,
wrapped and fully visible. A "（多选）" a bank writes into its question text is dropped: the engine
adds its own note.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from crmlab.errors import CrmlabError


@dataclass(frozen=True)
class Question:
    question: str
    options: tuple[str, ...]
    answer: frozenset[int]
    explanation: str = ""

    @classmethod
    def from_dict(cls, item: dict) -> "Question":
        answer = item["answer"]
        answer = frozenset([answer] if isinstance(answer, int) else answer)
        options = tuple(item["options"])
        if not answer or not all(0 <= i < len(options) for i in answer):
            raise CrmlabError(f"题目「{item['question']}」的答案编号不在选项范围内",
                              hint="answer 应是选项的序号（从 0 开始）。")
        return cls(item["question"], options, answer, item.get("explanation", ""))

    @property
    def multiple(self) -> bool:
        return len(self.answer) > 1

    @property
    def prompt(self) -> str:
        """The question text without a "（多选）" of the bank's own (the widget adds its note).

        >>> Question.from_dict({"question": "哪些对？（多选）", "options": ["a", "b"],
        ...                     "answer": [0, 1]}).prompt
        '哪些对？'
        """
        return MULTIPLE_MARK.sub("", self.question).strip()


MULTIPLE_MARK = re.compile(r"\s*[（(]\s*(多选|可多选|多项选择)\s*[）)]")
MULTIPLE_NOTE = "可多选：选出所有正确的选项，再点“提交”。"
# Option texts and feedback wrap inside the notebook's width (ipywidgets keeps labels on one
# line by default, so long options ran into each other and feedback ran off the screen).
STYLE = """<style>
.crmlab-quiz .widget-radio-box label, .crmlab-quiz .widget-checkbox label,
.crmlab-quiz .widget-checkbox .widget-label-basic {
  white-space: normal; height: auto; line-height: 1.5; overflow: visible; text-overflow: clip;
  align-items: flex-start; }
.crmlab-quiz .widget-radio-box { height: auto; }
.crmlab-quiz .widget-radio-box label { margin-bottom: 0.35em; }
.crmlab-quiz .widget-radio-box input { margin-top: 0.3em; flex-shrink: 0; }
.crmlab-quiz .widget-checkbox { height: auto; width: auto; }
.crmlab-quiz .widget-checkbox input { margin-top: 0.3em; flex-shrink: 0; }
.crmlab-quiz .crmlab-quiz-feedback { white-space: normal; line-height: 1.5; }
</style>"""


def grade(question: Question, chosen) -> tuple[bool, str]:
    """Whether ``chosen`` (an index or a collection of indexes) is right, and the feedback text.

    >>> q = Question.from_dict({"question": "RFM 中的 F 指什么？", "options": ["金额", "频率"],
    ...                         "answer": 1, "explanation": "F 是消费频率。"})
    >>> grade(q, 1)
    (True, '✓ 回答正确。F 是消费频率。')
    >>> grade(q, None)
    (False, '请先选择一个答案。')
    """
    if chosen is None or chosen == () or chosen == []:
        return False, "请先选择一个答案。"
    picked = frozenset([chosen] if isinstance(chosen, int) else chosen)
    if picked == question.answer:
        return True, f"✓ 回答正确。{question.explanation}".rstrip()
    right = "、".join(question.options[i] for i in sorted(question.answer))
    return False, f"✗ 不对。正确答案：{right}。{question.explanation}".rstrip()


@dataclass
class Quiz:
    """A list of questions shown as widgets; ``choose(i, value)`` and ``feedback`` serve tests."""

    questions: list[Question]
    title: str = "自测题"
    feedback: list[str] = field(default_factory=list)

    @classmethod
    def from_dicts(cls, items: list[dict], title: str = "自测题") -> "Quiz":
        return cls([Question.from_dict(item) for item in items], title)

    def __post_init__(self):
        self.feedback = [""] * len(self.questions)
        self._choices = None
        self._labels = None

    def check(self, index: int, chosen) -> str:
        """Grade question ``index`` and remember the feedback."""
        right, self.feedback[index] = grade(self.questions[index], chosen)
        if self._labels is not None:
            self._labels[index].value = _feedback_html(self.feedback[index], right, chosen)
        return self.feedback[index]

    def widget(self):
        import ipywidgets as widgets

        self._choices, self._labels = [], []
        rows = [widgets.HTML(STYLE + f"<h4>{html.escape(self.title)}</h4>")]
        for i, q in enumerate(self.questions):
            if q.multiple:
                boxes = [widgets.Checkbox(value=False, description=text, indent=False,
                                          layout=widgets.Layout(width="auto"))
                         for text in q.options]
                choice = widgets.VBox(boxes)
                read = (lambda boxes=boxes: tuple(k for k, b in enumerate(boxes) if b.value))
                note = f'<div style="color:#555">{MULTIPLE_NOTE}</div>'
            else:
                choice = widgets.RadioButtons(options=[(text, k) for k, text in enumerate(q.options)],
                                              value=None, layout=widgets.Layout(width="auto"))
                read = (lambda choice=choice: choice.value)
                note = ""
            button = widgets.Button(description="提交")
            label = widgets.HTML("", layout=widgets.Layout(width="auto"))
            button.on_click(lambda _b, i=i, read=read: self.check(i, read()))
            self._choices.append(choice)
            self._labels.append(label)
            rows.append(widgets.VBox([
                widgets.HTML(f"<b>{i + 1}. {html.escape(q.prompt, quote=False)}</b>{note}"),
                choice, button, label]))
        box = widgets.VBox(rows)
        box.add_class("crmlab-quiz")
        return box

    def _ipython_display_(self):
        from crmlab import static_view

        answers = static_view.quiz_answers(self.title, self.questions)
        static_view.display_with_still(self.widget(), static_view.quiz_still(self.title, self.questions),
                                       {static_view.ANSWERS_MIME: answers})


def _feedback_html(text: str, right: bool, chosen) -> str:
    """The feedback as a wrapped block: green when right, red when wrong, grey when nothing chosen."""
    if not text:
        return ""
    nothing = chosen is None or chosen == () or chosen == []
    color = "#777" if nothing else ("#1a7f37" if right else "#b00020")
    return (f'<div class="crmlab-quiz-feedback" style="color:{color}">'
            f"{html.escape(text, quote=False)}</div>")
