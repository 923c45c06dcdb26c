# Safety quizzes and the personality quiz.

quiz-nav = Safety quiz
quiz-title = This week's safety quiz
quiz-none = There is no safety quiz this week yet.
quiz-completion-link = Completion by campus
quiz-week-of = Week of { $date } · { $count ->
    [one] one question
   *[other] { $count } questions
}
quiz-your-best = Your best this week: { $score } out of { $total } ({ $attempts ->
    [one] one attempt
   *[other] { $attempts } attempts
}). You may take it again.
quiz-missing = { $count ->
    [one] Answer question { $numbers } to finish.
   *[other] Answer questions { $numbers } to finish.
}
quiz-question-of = Question { $number } of { $count }
quiz-submit = See my score
quiz-all-answered = Every question is answered: send the quiz.
quiz-result-title = Your quiz result
quiz-score = You scored { $score } out of { $total }.
quiz-you-were-right = Right: { $answer }
quiz-you-answered = You answered: { $answer }
quiz-right-answer = The right answer: { $answer }
quiz-retake = Take it again
quiz-completion-title = Safety quiz completion
quiz-completion-week = Week of { $date }
quiz-week-label = Week
quiz-show = Show
quiz-completion-count = { $taken } of { $staff } staff have taken it.
quiz-everyone-took-it = Everyone on this campus has taken it.
quiz-not-taken = Not taken yet
quiz-send-reminder = { $count ->
    [one] Send a reminder to one person
   *[other] Send a reminder to { $count } people
}
quiz-reminded = { $count ->
    [0] Everyone had already taken it: no reminder was sent.
    [one] A reminder went to one person.
   *[other] A reminder went to { $count } people.
}
quiz-reminder-subject = This week's safety quiz is waiting for you
quiz-reminder-body = The safety quiz for the week of { $week } takes a few minutes on your phone. Take it here: { $link }
quiz-trend-title = The last weeks
quiz-trend-completion = Completion
quiz-trend-mean = Mean best score
quiz-team-mix-link = Team personality mix
quiz-no-campus = No campus
quiz-personality-nav = Personality quiz
quiz-personality-title = Personality quiz
quiz-personality-intro = There are no right or wrong answers: choose what sounds most like you.
quiz-personality-none = The personality quiz is not ready yet.
quiz-personality-missing = Answer every question to see your type.
quiz-personality-submit = See my type
quiz-personality-you-are = Your type
quiz-team-title = Team personality mix
quiz-team-intro = How many people of each campus have each type. Nobody's answers or type are shown.
quiz-campus = Campus
quiz-team-total = Total
