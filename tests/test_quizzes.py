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
