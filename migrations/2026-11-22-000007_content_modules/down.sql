DROP TABLE personality_quiz_results;
DROP TABLE walkthrough_checkins;
DROP TABLE safety_quiz_results;
DROP TABLE user_progress;
DROP TABLE frame_entries;
DROP TABLE documents;
DROP TABLE content_catalog;

DROP TYPE document_category;
DROP TYPE document_entity_type;
