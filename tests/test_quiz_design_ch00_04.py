"""The chapter 0 and chapter 4 quiz banks: short checks after each section plus a closing quiz,
the right answer in no single position more than 40% of the time, and the longest option the
right one in at most a third of the single-answer questions (so neither gives the answer away)."""

from collections import Counter

import pytest

from crmlab.quizzes import basics, rfm_project

SECTIONS = {
    rfm_project: ["BACKGROUND", "CLEANING", "RFM_VALUES", "LEVELS", "TIERS", "CLOSING"],
    basics: ["JUPYTER", "READING", "LOOKING", "SORT_FILTER", "GROUPING", "MERGING", "PLOT_SAVE",
             "CLOSING"],
}


@pytest.mark.parametrize("bank", list(SECTIONS), ids=lambda m: m.__name__)
def test_sections_are_short_checks_that_make_up_the_bank(bank):
    lists = [getattr(bank, name) for name in SECTIONS[bank]]
    assert [q for part in lists for q in part] == bank.QUESTIONS
    for name, part in zip(SECTIONS[bank][:-1], lists[:-1]):
        assert 2 <= len(part) <= 4, name
    assert len(lists[-1]) >= 3
    assert len(lists) - 1 >= 3          # at least three quiz points after sections


@pytest.mark.parametrize("bank", list(SECTIONS), ids=lambda m: m.__name__)
def test_no_position_and_no_length_gives_the_answer_away(bank):
    single = [q for q in bank.QUESTIONS if isinstance(q["answer"], int)]
    positions = Counter(q["answer"] for q in single)
    assert max(positions.values()) <= 0.4 * len(single), positions
    longest = [q["question"] for q in single
               if len(q["options"][q["answer"]]) == max(len(o) for o in q["options"])
               and len(set(map(len, q["options"]))) > 1]
    assert len(longest) <= len(single) / 3, longest


def test_rfm_computing_questions_are_right():
    """The computing questions of chapter 4, worked out here by hand."""
    r_question = next(q for q in rfm_project.QUESTIONS if "3 月 29 日" in q["question"])
    assert r_question["options"][r_question["answer"]] == "R = 3，F = 3"      # 4-01 minus 3-29
    mean_question = next(q for q in rfm_project.QUESTIONS if "2、10、30" in q["question"])
    assert mean_question["options"][mean_question["answer"]] == "平均 14，2 位高"   # 42 / 3
    total_question = next(q for q in rfm_project.QUESTIONS if "合计 1000" in q["question"])
    assert total_question["options"][total_question["answer"]] == "从 250 变成 400"  # 2000 / 5
    refund = next(q for q in rfm_project.QUESTIONS if "退货 −200" in q["question"])
    assert refund["options"][refund["answer"]] == "F = 2，M = 600"            # 2 order ids, 500 + 300 - 200


@pytest.mark.parametrize("bank, notebook", [(rfm_project, "04_旭东RFM实训.ipynb"),
                                            (basics, "00_Python与数据分析入门.ipynb")],
                         ids=["rfm_project", "basics"])
def test_each_section_quiz_stands_in_its_own_cell_of_the_lesson(bank, notebook):
    import json
    import pathlib

    path = pathlib.Path(__file__).resolve().parent.parent / "notebooks" / notebook
    cells = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
             if c["cell_type"] == "code"]
    quiz_cells = [c for c in cells if "Quiz.from_dicts(" in c]
    for name in SECTIONS[bank]:
        assert sum(f"题库.{name}," in c or f"题库.{name})" in c for c in quiz_cells) == 1, name
    assert len(quiz_cells) == len(SECTIONS[bank])


def test_basics_computing_questions_are_right():
    """Chapter 0's computing questions, worked out here by hand."""
    def right(fragment):
        question = next(q for q in basics.QUESTIONS if fragment in q["question"])
        return question["options"][question["answer"]]

    assert right("30、45、30") == "1 和 3"             # > 30: only 45; >= 30: all three
    assert right("20、30、40") == "90 和 30"           # sum 90, mean 30
    assert right("每次 28 元") == "5"                   # count is the number of orders
    assert right("(16, 5)") == "16 行、5 列"
