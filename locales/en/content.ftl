# The install-wide content catalog and the school's staff-development modules.

content-modules-heading = Staff development
content-modules-intro = Choose which staff-development modules your staff see. A module switched off disappears from the menu and its pages; what staff already recorded is kept.
content-modules-save = Save modules
content-modules-saved = Staff development modules saved.
content-module-frame = Weekly frame
content-module-frame-hint = The week's frame, posted by a director and read by staff.
content-module-safety-quiz = Safety quizzes
content-module-safety-quiz-hint = A short safety quiz each week, with completion for directors.
content-module-personality-quiz = Personality quiz
content-module-personality-quiz-hint = Each staff member learns their type; directors see only the team's mix.
content-module-zones = Zone check-ins
content-module-zones-hint = Staff check in how they feel; directors see campus totals only.
content-module-signs = Sign learning
content-module-signs-hint = Staff learn and practise signs from the vocabulary.

content-error-title = Give the quiz a title.
content-error-week = Choose a week between 1 and 53.
content-error-week-taken = Another quiz already has this week.
content-error-no-questions = Add at least one question.
content-error-prompt = Write the question.
content-error-few-options = A question needs at least two options.
content-error-option-text = Write the option or remove it.
content-error-no-correct = Mark the right option.
content-error-many-correct = Mark only one option as right.
content-error-explanation = Explain the right answer; staff read it after the quiz.
content-error-few-types = The quiz needs at least two types.
content-error-type-name = Give the type a name.
content-error-type-description = Describe the type; staff read it as their result.
content-error-option-type = Choose the type this answer counts towards.
