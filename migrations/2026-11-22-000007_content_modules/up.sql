-- Content and product modules: the global content catalog, documents, weekly
-- frames, per-user progress, quizzes and classroom walkthroughs.

CREATE TYPE document_entity_type AS ENUM
    ('organization', 'campus', 'student', 'staff', 'class', 'invoice');
CREATE TYPE document_category AS ENUM
    ('enrollment', 'medical', 'academic', 'financial', 'legal', 'policy', 'other');

-- Global catalog, shared by every organization.
CREATE TABLE content_catalog (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    content_type text NOT NULL,
    payload jsonb NOT NULL,
    active boolean NOT NULL DEFAULT true,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- entity_type + entity_reference point at the row a document is about; the file
-- itself is a file row with belongs_to = 'documents'.
CREATE TABLE documents (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    entity_type document_entity_type NOT NULL,
    entity_reference text,
    name text NOT NULL,
    category document_category NOT NULL,
    uploaded_at timestamptz,
    notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE frame_entries (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    week_of text NOT NULL,
    posted_date text NOT NULL,
    formal text NOT NULL,
    recognition text NOT NULL,
    application text NOT NULL,
    management text NOT NULL,
    emotional text NOT NULL,
    author text NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE user_progress (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    user_id uuid REFERENCES users,
    progress_type text NOT NULL,
    item_id text NOT NULL,
    value text,
    score integer,
    metadata jsonb,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE safety_quiz_results (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    user_id uuid REFERENCES users,
    quiz_id text NOT NULL,
    quiz_title text NOT NULL,
    week_of text NOT NULL,
    score integer NOT NULL,
    total_questions integer NOT NULL,
    answers jsonb NOT NULL,
    user_name text NOT NULL,
    user_role text NOT NULL,
    completed_at timestamptz NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT safety_quiz_results_score_within_questions
        CHECK (score BETWEEN 0 AND total_questions)
);

-- A director's classroom visit. The *_name columns keep what was typed; teacher_id,
-- director_id and class_id link the visit to records when they exist.
CREATE TABLE walkthrough_checkins (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    class_id uuid REFERENCES classes,
    teacher_id uuid REFERENCES staff,
    director_id uuid REFERENCES staff,
    teacher_name text NOT NULL,
    classroom text NOT NULL,
    director_name text NOT NULL,
    check_in_date date NOT NULL,
    check_in_time time NOT NULL,
    attitude_rating integer NOT NULL CHECK (attitude_rating BETWEEN 1 AND 5),
    attitude_comment text,
    classroom_management_rating integer NOT NULL
        CHECK (classroom_management_rating BETWEEN 1 AND 5),
    classroom_management_comment text,
    cleanliness_rating integer NOT NULL CHECK (cleanliness_rating BETWEEN 1 AND 5),
    cleanliness_comment text,
    vibes_rating integer NOT NULL CHECK (vibes_rating BETWEEN 1 AND 5),
    vibes_comment text,
    team_dynamics_rating integer NOT NULL CHECK (team_dynamics_rating BETWEEN 1 AND 5),
    team_dynamics_comment text,
    emergency_exit_rating integer NOT NULL CHECK (emergency_exit_rating BETWEEN 1 AND 5),
    emergency_exit_comment text,
    lesson_plan_rating integer NOT NULL CHECK (lesson_plan_rating BETWEEN 1 AND 5),
    lesson_plan_comment text,
    overall_notes text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE personality_quiz_results (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    user_id uuid REFERENCES users,
    personality_type text NOT NULL,
    quiz_answers jsonb NOT NULL,
    completed_at timestamptz NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE UNIQUE INDEX content_catalog_content_type_live_key
    ON content_catalog (content_type) WHERE deleted_at IS NULL;

CREATE INDEX content_catalog_created_by_id_idx ON content_catalog (created_by_id);
CREATE INDEX content_catalog_updated_by_id_idx ON content_catalog (updated_by_id);

CREATE INDEX documents_organization_id_idx ON documents (organization_id);
CREATE INDEX documents_campus_id_idx ON documents (campus_id);
CREATE INDEX documents_entity_type_entity_reference_idx ON documents (entity_type, entity_reference);
CREATE INDEX documents_created_by_id_idx ON documents (created_by_id);
CREATE INDEX documents_updated_by_id_idx ON documents (updated_by_id);

CREATE INDEX frame_entries_organization_id_idx ON frame_entries (organization_id);
CREATE INDEX frame_entries_campus_id_idx ON frame_entries (campus_id);
CREATE INDEX frame_entries_created_by_id_idx ON frame_entries (created_by_id);
CREATE INDEX frame_entries_updated_by_id_idx ON frame_entries (updated_by_id);

CREATE INDEX user_progress_organization_id_idx ON user_progress (organization_id);
CREATE INDEX user_progress_campus_id_idx ON user_progress (campus_id);
CREATE INDEX user_progress_user_id_idx ON user_progress (user_id);
CREATE INDEX user_progress_created_by_id_idx ON user_progress (created_by_id);
CREATE INDEX user_progress_updated_by_id_idx ON user_progress (updated_by_id);

CREATE INDEX safety_quiz_results_organization_id_idx ON safety_quiz_results (organization_id);
CREATE INDEX safety_quiz_results_campus_id_idx ON safety_quiz_results (campus_id);
CREATE INDEX safety_quiz_results_user_id_idx ON safety_quiz_results (user_id);
CREATE INDEX safety_quiz_results_created_by_id_idx ON safety_quiz_results (created_by_id);
CREATE INDEX safety_quiz_results_updated_by_id_idx ON safety_quiz_results (updated_by_id);

CREATE INDEX walkthrough_checkins_organization_id_idx ON walkthrough_checkins (organization_id);
CREATE INDEX walkthrough_checkins_campus_id_idx ON walkthrough_checkins (campus_id);
CREATE INDEX walkthrough_checkins_class_id_idx ON walkthrough_checkins (class_id);
CREATE INDEX walkthrough_checkins_teacher_id_idx ON walkthrough_checkins (teacher_id);
CREATE INDEX walkthrough_checkins_director_id_idx ON walkthrough_checkins (director_id);
CREATE INDEX walkthrough_checkins_created_by_id_idx ON walkthrough_checkins (created_by_id);
CREATE INDEX walkthrough_checkins_updated_by_id_idx ON walkthrough_checkins (updated_by_id);

CREATE INDEX personality_quiz_results_organization_id_idx ON personality_quiz_results (organization_id);
CREATE INDEX personality_quiz_results_campus_id_idx ON personality_quiz_results (campus_id);
CREATE INDEX personality_quiz_results_user_id_idx ON personality_quiz_results (user_id);
CREATE INDEX personality_quiz_results_created_by_id_idx ON personality_quiz_results (created_by_id);
CREATE INDEX personality_quiz_results_updated_by_id_idx ON personality_quiz_results (updated_by_id);

CREATE TRIGGER content_catalog_set_updated_at BEFORE UPDATE ON content_catalog
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER frame_entries_set_updated_at BEFORE UPDATE ON frame_entries
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER user_progress_set_updated_at BEFORE UPDATE ON user_progress
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER safety_quiz_results_set_updated_at BEFORE UPDATE ON safety_quiz_results
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER walkthrough_checkins_set_updated_at BEFORE UPDATE ON walkthrough_checkins
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER personality_quiz_results_set_updated_at BEFORE UPDATE ON personality_quiz_results
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
