//! What the content editors' forms send: fields named by row (`q2.o1`), row counts
//! (`questions`), and the row buttons (`do=remove-option:2:1`).

/// Most rows of one list a form carries.
pub const MAX_ROWS: usize = 40;

/// The fields of a sent editor form.
pub struct Sent<'a>(pub &'a [(String, String)]);

impl Sent<'_> {
    /// The first value of `name`, trimmed; empty when not sent.
    pub fn one(&self, name: &str) -> String {
        self.0
            .iter()
            .find_map(|(k, v)| (k == name).then(|| v.trim().to_owned()))
            .unwrap_or_default()
    }

    /// How many rows `name` says a list has (at most [`MAX_ROWS`]).
    pub fn count(&self, name: &str) -> usize {
        self.one(name).parse::<usize>().unwrap_or(0).min(MAX_ROWS)
    }

    /// Every number sent as `name` (a radio group sent more than once counts each).
    pub fn numbers(&self, name: &str) -> Vec<usize> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .filter_map(|(_, v)| v.trim().parse().ok())
            .collect()
    }

    /// The row button pressed: its name and the row numbers it carries.
    pub fn action(&self) -> (String, Vec<usize>) {
        let sent = self.one("do");
        let mut parts = sent.split(':');
        let name = parts.next().unwrap_or_default().to_owned();
        (name, parts.filter_map(|n| n.parse().ok()).collect())
    }
}

/// Removes row `at` of `rows` when there is one.
pub fn remove<T>(rows: &mut Vec<T>, at: usize) {
    if at < rows.len() {
        rows.remove(at);
    }
}

/// Adds a row to `rows` unless it is full.
pub fn add<T: Default>(rows: &mut Vec<T>) {
    if rows.len() < MAX_ROWS {
        rows.push(T::default());
    }
}

/// A question whose options the editors add and remove.
pub trait WithOptions: Default {
    type Choice: Default;
    fn options(&mut self) -> &mut Vec<Self::Choice>;
}

impl WithOptions for super::safety::SafetyQuestion {
    type Choice = super::safety::SafetyOption;
    fn options(&mut self) -> &mut Vec<Self::Choice> {
        &mut self.options
    }
}

impl WithOptions for super::personality::PersonalityQuestion {
    type Choice = super::personality::PersonalityOption;
    fn options(&mut self) -> &mut Vec<Self::Choice> {
        &mut self.options
    }
}

/// Applies a question row button to `questions`: `add-question` (with two empty
/// options), `add-option:J`, `remove-question:J`, `remove-option:J:K`; false for any
/// other button.
pub fn apply_question_rows<Q: WithOptions>(
    questions: &mut Vec<Q>,
    (name, rows): (String, Vec<usize>),
) -> bool {
    match (name.as_str(), rows.as_slice()) {
        ("add-question", []) => {
            add(questions);
            if let Some(q) = questions.last_mut() {
                while q.options().len() < 2 {
                    add(q.options());
                }
            }
        }
        ("add-option", [j]) => questions
            .get_mut(*j)
            .into_iter()
            .for_each(|q| add(q.options())),
        ("remove-question", [j]) => remove(questions, *j),
        ("remove-option", [j, k]) => questions
            .get_mut(*j)
            .into_iter()
            .for_each(|q| remove(q.options(), *k)),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_button_names_its_rows() {
        let fields = vec![
            ("do".to_owned(), "remove-option:2:1".to_owned()),
            ("q0.correct".to_owned(), "0".to_owned()),
            ("q0.correct".to_owned(), "1".to_owned()),
            ("questions".to_owned(), "9999".to_owned()),
        ];
        let sent = Sent(&fields);
        assert_eq!(sent.action(), ("remove-option".to_owned(), vec![2, 1]));
        assert_eq!(sent.numbers("q0.correct"), vec![0, 1]);
        assert_eq!(sent.count("questions"), MAX_ROWS);
    }
}
