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
    assert quiz.feedback[0] in quiz._labels[0].value  # the feedback in full, under the question
    assert quiz.check(0, 0).startswith("✓")


def test_multiple_answer_question_has_checkboxes_and_one_note():
    import ipywidgets as widgets

    quiz = Quiz.from_dicts([{"question": "哪些对？（多选）", "options": ["甲", "乙", "丙"],
                             "answer": [0, 2], "explanation": "甲和丙。"}])
    box = quiz.widget()
    question = box.children[1]
    prompt = question.children[0].value
    assert "多选" not in prompt.replace("可多选", "") and prompt.count("可多选") == 1
    boxes = question.children[1].children
    assert [type(b) for b in boxes] == [widgets.Checkbox] * 3
    assert [b.description for b in boxes] == ["甲", "乙", "丙"]
    boxes[0].value = boxes[2].value = True
    question.children[2].click()                       # 提交
    assert quiz.feedback[0] == "✓ 回答正确。甲和丙。"
    assert "甲和丙" in quiz._labels[0].value and "#1a7f37" in quiz._labels[0].value


def test_single_answer_question_has_round_buttons_and_no_note():
    import ipywidgets as widgets

    quiz = Quiz.from_dicts([{"question": "哪一个？", "options": ["甲" * 60, "乙"], "answer": 1,
                             "explanation": "说明" * 80}])
    question = quiz.widget().children[1]
    assert "可多选" not in question.children[0].value
    choice = question.children[1]
    assert isinstance(choice, widgets.RadioButtons) and choice.value is None
    choice.value = 0
    question.children[2].click()
    label = quiz._labels[0].value
    assert label.startswith('<div class="crmlab-quiz-feedback"') and "说明" * 80 in label
    assert "#b00020" in label                          # wrong: red


def test_quiz_style_lets_options_and_feedback_wrap():
    from crmlab.quiz import STYLE

    box = Quiz.from_dicts([{"question": "一？", "options": ["对", "错"], "answer": 0}]).widget()
    assert "crmlab-quiz" in box._dom_classes
    assert "white-space: normal" in STYLE and STYLE in box.children[0].value
