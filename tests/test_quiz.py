import pytest

from crmlab.errors import CrmlabError
from crmlab.quiz import Question, Quiz, grade


def make(answer, options=("甲", "乙", "丙")):
    return Question.from_dict({"question": "哪一个？", "options": list(options), "answer": answer,
                               "explanation": "因为如此。"})


def test_single_answer_right_and_wrong():
    q = make(2)
    assert grade(q, 2) == (True, "✓ 回答正确。因为如此。")
    ok, text = grade(q, 0)
    assert not ok and "正确答案：丙" in text


def test_multiple_answers_must_all_be_chosen():
    q = make([0, 2])
    assert q.multiple
    assert grade(q, (0, 2))[0]
    assert not grade(q, (0,))[0]
    assert "甲、丙" in grade(q, (1,))[1]


def test_no_choice_asks_to_choose():
    assert grade(make(0), None) == (False, "请先选择一个答案。")


def test_answer_out_of_range_is_a_chinese_error():
    with pytest.raises(CrmlabError, match="答案编号不在选项范围内"):
        make(3)


def test_quiz_widget_feedback_follows_check():
    quiz = Quiz.from_dicts([{"question": "一？", "options": ["对", "错"], "answer": 0}])
    quiz.widget()
    assert quiz.check(0, 1).startswith("✗")
    assert quiz._labels[0].value == quiz.feedback[0]
    assert quiz.check(0, 0).startswith("✓")
