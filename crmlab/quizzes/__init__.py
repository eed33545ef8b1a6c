"""Question banks for the chapter quizzes: one module per topic, each a list named QUESTIONS
(see crmlab.quiz for the format)."""
