"""The chapter 2 and 3 quiz banks (crmlab/quizzes/selection.py, tiering.py): several short
quiz points per chapter, and options that do not give the answer away by position or length."""

from collections import Counter

import pytest

from crmlab.quizzes import selection, tiering

BANKS = {"selection": selection, "tiering": tiering}


def single_answer_questions():
    return [item for bank in BANKS.values() for item in bank.QUESTIONS
            if isinstance(item["answer"], int)]


@pytest.mark.parametrize("name", sorted(BANKS))
def test_at_least_three_quiz_points_of_two_to_four_questions_then_a_closing_quiz(name):
    points = BANKS[name].QUIZ_POINTS
    assert len(points) >= 3
    for title, items in points[:-1]:
        assert 2 <= len(items) <= 4, title
    assert "综合" in points[-1][0]
    assert BANKS[name].QUESTIONS == [item for _t, items in points for item in items]


def test_no_answer_position_holds_more_than_forty_percent():
    positions = Counter()
    for bank in BANKS.values():
        for item in bank.QUESTIONS:
            answers = [item["answer"]] if isinstance(item["answer"], int) else item["answer"]
            positions.update(answers)
    total = sum(positions.values())
    assert max(positions.values()) <= 0.4 * total, positions


def test_the_longest_option_is_right_in_at_most_a_third_of_single_answer_questions():
    questions = single_answer_questions()
    longest_right = [item["question"] for item in questions
                     if len(item["options"][item["answer"]]) == max(map(len, item["options"]))]
    assert len(longest_right) <= len(questions) / 3, longest_right


def test_course_questions_explain_instead_of_quoting_the_answer():
    for bank in BANKS.values():
        for item in bank.QUESTIONS:
            assert "课程答案是" not in item["explanation"], item["question"]

