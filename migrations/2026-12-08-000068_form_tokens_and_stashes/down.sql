DROP TABLE form_stashes;
DROP TABLE form_tokens;
