"""Every question bank in crmlab/quizzes/ (found by listing the package, so a new bank is
checked too): at least five questions, well-formed, answers that point at real options."""

import importlib
import pkgutil

import pytest

import crmlab.quizzes
from crmlab.quiz import Question, Quiz, grade

BANKS = sorted(m.name for m in pkgutil.iter_modules(crmlab.quizzes.__path__))


def test_the_chapter_banks_are_found():
    assert {"tiering", "rfm_project"} <= set(BANKS)


@pytest.mark.parametrize("name", BANKS)
def test_bank_is_well_formed(name):
    questions = importlib.import_module(f"crmlab.quizzes.{name}").QUESTIONS
    assert isinstance(questions, list) and len(questions) >= 5
    texts = [item["question"] for item in questions]
    assert len(set(texts)) == len(texts), "a question appears twice"
    for item in questions:
        assert set(item) == {"question", "options", "answer", "explanation"}, item["question"]
        assert item["question"].strip() and item["explanation"].strip()
        assert len(item["options"]) >= 2 and len(set(item["options"])) == len(item["options"])
        answers = [item["answer"]] if isinstance(item["answer"], int) else item["answer"]
        n_options = len(item["options"])
        assert answers and all(isinstance(a, int) and 0 <= a < n_options for a in answers)
        assert len(set(answers)) == len(answers)
        question = Question.from_dict(item)
        assert grade(question, item["answer"])[0]
        wrong = next(i for i in range(len(item["options"])) if i not in answers)
        assert not grade(question, wrong)[0]
    assert len(Quiz.from_dicts(questions).questions) == len(questions)


# --- chapter 1 (crmlab/quizzes/crm_basics.py): quiz points after the sections, balanced keys ---

def _chapter_1():
    return importlib.import_module("crmlab.quizzes.crm_basics")


def test_chapter_1_has_short_checks_after_sections_and_a_closing_quiz():
    bank = _chapter_1()
    assert len(bank.SECTION_QUIZZES) >= 3
    for questions in bank.SECTION_QUIZZES.values():
        assert 2 <= len(questions) <= 4
    assert len(bank.CLOSING) >= 2
    parts = [*bank.SECTION_QUIZZES.values(), bank.CLOSING]
    assert [q for part in parts for q in part] == bank.QUESTIONS


def test_chapter_1_right_option_is_in_no_position_more_than_40_percent():
    single = [q for q in _chapter_1().QUESTIONS if isinstance(q["answer"], int)]
    positions = [q["answer"] for q in single]
    for position in set(positions):
        assert positions.count(position) <= 0.4 * len(positions), (position, positions)


def test_chapter_1_longest_option_is_right_in_at_most_a_third():
    single = [q for q in _chapter_1().QUESTIONS if isinstance(q["answer"], int)]
    longest_right = [q["question"] for q in single
                     if len(q["options"][q["answer"]]) == max(len(o) for o in q["options"])]
    assert len(longest_right) <= len(single) / 3, longest_right


def test_chapter_1_has_no_throwaway_options():
    texts = [o for q in _chapter_1().QUESTIONS for o in q["options"]]
    assert not [t for t in texts if "美元计算" in t or "从不" in t]


def test_chapter_1_computing_answers_are_the_lessons_numbers():
    from crmlab.crm_basics import (budget_menu, retention_economics, salon_budget_intensity,
                                   size_example, size_versus_profit)
    from crmlab.lifetime_value import clv
    from crmlab.pyramid import whale_curve
    import pandas as pd

    def right(fragment):
        q = next(q for q in _chapter_1().QUESTIONS if fragment in q["question"])
        return q["options"][q["answer"]]

    assert right("正好 12,000 元") == budget_menu([12000])["item"].iloc[0]
    profit = size_versus_profit(size_example())["profit"].iloc[0]
    assert right("连锁超市") == f"{profit:,.0f} 元"
    toy = pd.DataFrame({"customer": list("abcd"), "profit": [8.0, -2.0, 3.0, 1.0]})
    assert right("8、−2、3、1") == f"{whale_curve(toy)['value_share'].max():.0%}"
    salon = salon_budget_intensity(0.3)
    assert right("按人头算") == f"{salon['budget_per_customer'].iloc[2]:.1f} 倍"
    assert right("每 1 元销售额") == salon.loc[salon["budget_per_sales"].idxmax(), "group"]
    first_year = retention_economics(100, 500, 50, 300, 0.8, 1)["profit"].iloc[1]
    assert right("第 1 年的当年利润") == f"{first_year:,.0f} 元"
    assert right("终身价值约是多少") == f"{clv(500, 0.8, 0.1):,.0f} 元"


def test_chapter_1_section_references_point_at_the_right_section():
    import json
    import pathlib
    import re

    lesson = next((pathlib.Path(__file__).parent.parent / "notebooks").glob("01_*.ipynb"))
    cells = json.loads(lesson.read_text(encoding="utf-8"))["cells"]
    text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    sections = dict(re.findall(r"^## (\d+)\u3000(.*?)(?=^## \d+\u3000|\Z)", text, re.M | re.S))
    # what each "第 N 节" of the bank refers to, and a phrase that section must contain
    expected = {"第 2 节会算给你看": ("2", "最大的客户不一定是最有价值的客户"),
                "第 3 节用 crmlab 重算过": ("3", "100% 的利润")}
    explanations = " ".join(q["explanation"] for q in _chapter_1().QUESTIONS)
    assert set(re.findall(r"第 \d 节", explanations)) == {"第 2 节", "第 3 节"}
    for reference, (number, phrase) in expected.items():
        assert reference in explanations
        assert phrase in sections[number], (reference, number)
