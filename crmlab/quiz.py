"""Self-check quizzes with instant feedback, for the end of each chapter.

A question is data: ``{"question": str, "options": [str, ...], "answer": int | list[int],
"explanation": str}``; ``answer`` is the index (or indexes, for a multiple-answer question) of the
right option(s). :func:`grade` is the pure part that tests call; :class:`Quiz` wraps it in
ipywidgets (a choice per question, a 提交 button, feedback in Chinese right under the question).
"""

from __future__ import annotations

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
        _, self.feedback[index] = grade(self.questions[index], chosen)
        if self._labels is not None:
            self._labels[index].value = self.feedback[index]
        return self.feedback[index]

    def widget(self):
        import ipywidgets as widgets

        self._choices, self._labels, rows = [], [], [widgets.HTML(f"<h4>{self.title}</h4>")]
        for i, q in enumerate(self.questions):
            labels = [(text, k) for k, text in enumerate(q.options)]
            choice = (widgets.SelectMultiple(options=labels, rows=len(labels)) if q.multiple
                      else widgets.RadioButtons(options=labels, value=None))
            button = widgets.Button(description="提交")
            label = widgets.Label("")
            button.on_click(lambda _b, i=i, c=choice: self.check(i, c.value))
            self._choices.append(choice)
            self._labels.append(label)
            prompt = q.question + ("（多选）" if q.multiple else "")
            rows.append(widgets.VBox([widgets.HTML(f"<b>{i + 1}. {prompt}</b>"), choice,
                                      widgets.HBox([button, label])]))
        return widgets.VBox(rows)

    def _ipython_display_(self):
        from crmlab import static_view

        answers = static_view.quiz_answers(self.title, self.questions)
        static_view.display_with_still(self.widget(), static_view.quiz_still(self.title, self.questions),
                                       {static_view.ANSWERS_MIME: answers})
