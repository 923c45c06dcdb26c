-- Academics: school years, grade levels, subjects, classes and who is in them,
-- the weekly timetable, assessments and their results.

CREATE TYPE class_status AS ENUM ('active', 'archived');
CREATE TYPE class_enrollment_status AS ENUM ('active', 'completed', 'dropped', 'transferred');
CREATE TYPE class_subject_status AS ENUM ('active', 'inactive');
CREATE TYPE timetable_status AS ENUM ('draft', 'published', 'archived');
CREATE TYPE day_of_week AS ENUM
    ('monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday');
CREATE TYPE assessment_type AS ENUM ('homework', 'quiz', 'test', 'exam', 'project', 'assignment');
CREATE TYPE assessment_status AS ENUM ('draft', 'published', 'graded', 'closed');
CREATE TYPE grade_letter AS ENUM
    ('A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-', 'F');

CREATE TABLE academic_years (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    name text NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    current boolean NOT NULL DEFAULT false,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT academic_years_end_after_start CHECK (end_date >= start_date)
);

CREATE TABLE grades (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    name text NOT NULL,
    code text,
    sort_order integer,
    description text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE subjects (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    name text NOT NULL,
    code text,
    description text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE classes (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid NOT NULL REFERENCES campuses,
    academic_year_id uuid NOT NULL REFERENCES academic_years,
    grade_id uuid NOT NULL REFERENCES grades,
    homeroom_teacher_id uuid REFERENCES staff,
    name text NOT NULL,
    section text,
    capacity integer CHECK (capacity >= 0),
    status class_status NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE class_enrollments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    class_id uuid NOT NULL REFERENCES classes,
    student_id uuid NOT NULL REFERENCES students,
    enrolled_on date,
    ended_on date,
    status class_enrollment_status NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT class_enrollments_end_after_start CHECK (ended_on >= enrolled_on)
);

-- A subject taught in a class (by a teacher): timetable periods, attendance and
-- assessments hang off this row.
CREATE TABLE class_subjects (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    class_id uuid NOT NULL REFERENCES classes,
    subject_id uuid NOT NULL REFERENCES subjects,
    teacher_id uuid REFERENCES staff,
    status class_subject_status NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE timetables (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid NOT NULL REFERENCES campuses,
    academic_year_id uuid NOT NULL REFERENCES academic_years,
    name text NOT NULL,
    effective_from date,
    effective_to date,
    status timetable_status NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT timetables_end_after_start CHECK (effective_to >= effective_from)
);

-- A period recurs weekly, so its times are time-of-day.
CREATE TABLE timetable_periods (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    timetable_id uuid NOT NULL REFERENCES timetables,
    class_subject_id uuid NOT NULL REFERENCES class_subjects,
    day_of_week day_of_week NOT NULL,
    starts_at time NOT NULL,
    ends_at time NOT NULL,
    room text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT timetable_periods_ends_after_start CHECK (ends_at > starts_at)
);

CREATE TABLE assessments (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    class_subject_id uuid NOT NULL REFERENCES class_subjects,
    name text NOT NULL,
    assessment_type assessment_type NOT NULL,
    assigned_at timestamptz,
    due_at timestamptz,
    max_score numeric(7,2) CHECK (max_score > 0),
    status assessment_status NOT NULL,
    instructions text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users,
    CONSTRAINT assessments_due_after_assigned CHECK (due_at >= assigned_at)
);

CREATE TABLE assessment_results (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    assessment_id uuid NOT NULL REFERENCES assessments,
    student_id uuid NOT NULL REFERENCES students,
    score numeric(7,2) CHECK (score >= 0),
    grade_letter grade_letter,
    remarks text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- Unique among live rows.
CREATE UNIQUE INDEX academic_years_organization_id_name_live_key
    ON academic_years (organization_id, name) WHERE deleted_at IS NULL;
-- At most one current year per organization.
CREATE UNIQUE INDEX academic_years_one_current_live_key
    ON academic_years (organization_id) WHERE current AND deleted_at IS NULL;
CREATE UNIQUE INDEX grades_organization_id_code_live_key
    ON grades (organization_id, code) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX subjects_organization_id_code_live_key
    ON subjects (organization_id, code) WHERE deleted_at IS NULL;
-- A missing section counts as one value, so "Grade 5" cannot exist twice.
CREATE UNIQUE INDEX classes_year_campus_name_section_live_key
    ON classes (academic_year_id, campus_id, name, coalesce(section, '')) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX class_enrollments_class_id_student_id_live_key
    ON class_enrollments (class_id, student_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX class_subjects_class_id_subject_id_live_key
    ON class_subjects (class_id, subject_id) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX assessment_results_assessment_id_student_id_live_key
    ON assessment_results (assessment_id, student_id) WHERE deleted_at IS NULL;

-- Foreign keys and hot paths. An FK column that leads a full composite index
-- (timetable_periods.timetable_id) needs no index of its own.
CREATE INDEX academic_years_organization_id_idx ON academic_years (organization_id);
CREATE INDEX academic_years_created_by_id_idx ON academic_years (created_by_id);
CREATE INDEX academic_years_updated_by_id_idx ON academic_years (updated_by_id);

CREATE INDEX grades_organization_id_idx ON grades (organization_id);
CREATE INDEX grades_created_by_id_idx ON grades (created_by_id);
CREATE INDEX grades_updated_by_id_idx ON grades (updated_by_id);

CREATE INDEX subjects_organization_id_idx ON subjects (organization_id);
CREATE INDEX subjects_created_by_id_idx ON subjects (created_by_id);
CREATE INDEX subjects_updated_by_id_idx ON subjects (updated_by_id);

CREATE INDEX classes_organization_id_idx ON classes (organization_id);
CREATE INDEX classes_campus_id_idx ON classes (campus_id);
CREATE INDEX classes_academic_year_id_idx ON classes (academic_year_id);
CREATE INDEX classes_grade_id_idx ON classes (grade_id);
CREATE INDEX classes_homeroom_teacher_id_idx ON classes (homeroom_teacher_id);
CREATE INDEX classes_created_by_id_idx ON classes (created_by_id);
CREATE INDEX classes_updated_by_id_idx ON classes (updated_by_id);

CREATE INDEX class_enrollments_organization_id_idx ON class_enrollments (organization_id);
CREATE INDEX class_enrollments_class_id_idx ON class_enrollments (class_id);
CREATE INDEX class_enrollments_student_id_idx ON class_enrollments (student_id);
CREATE INDEX class_enrollments_created_by_id_idx ON class_enrollments (created_by_id);
CREATE INDEX class_enrollments_updated_by_id_idx ON class_enrollments (updated_by_id);

CREATE INDEX class_subjects_organization_id_idx ON class_subjects (organization_id);
CREATE INDEX class_subjects_class_id_idx ON class_subjects (class_id);
CREATE INDEX class_subjects_subject_id_idx ON class_subjects (subject_id);
CREATE INDEX class_subjects_teacher_id_idx ON class_subjects (teacher_id);
CREATE INDEX class_subjects_created_by_id_idx ON class_subjects (created_by_id);
CREATE INDEX class_subjects_updated_by_id_idx ON class_subjects (updated_by_id);

CREATE INDEX timetables_organization_id_idx ON timetables (organization_id);
CREATE INDEX timetables_campus_id_idx ON timetables (campus_id);
CREATE INDEX timetables_academic_year_id_idx ON timetables (academic_year_id);
CREATE INDEX timetables_created_by_id_idx ON timetables (created_by_id);
CREATE INDEX timetables_updated_by_id_idx ON timetables (updated_by_id);

CREATE INDEX timetable_periods_organization_id_idx ON timetable_periods (organization_id);
CREATE INDEX timetable_periods_timetable_id_day_of_week_idx
    ON timetable_periods (timetable_id, day_of_week);
CREATE INDEX timetable_periods_class_subject_id_idx ON timetable_periods (class_subject_id);
CREATE INDEX timetable_periods_created_by_id_idx ON timetable_periods (created_by_id);
CREATE INDEX timetable_periods_updated_by_id_idx ON timetable_periods (updated_by_id);

CREATE INDEX assessments_organization_id_idx ON assessments (organization_id);
CREATE INDEX assessments_class_subject_id_idx ON assessments (class_subject_id);
CREATE INDEX assessments_created_by_id_idx ON assessments (created_by_id);
CREATE INDEX assessments_updated_by_id_idx ON assessments (updated_by_id);

CREATE INDEX assessment_results_organization_id_idx ON assessment_results (organization_id);
CREATE INDEX assessment_results_assessment_id_idx ON assessment_results (assessment_id);
CREATE INDEX assessment_results_student_id_idx ON assessment_results (student_id);
CREATE INDEX assessment_results_created_by_id_idx ON assessment_results (created_by_id);
CREATE INDEX assessment_results_updated_by_id_idx ON assessment_results (updated_by_id);

CREATE TRIGGER academic_years_set_updated_at BEFORE UPDATE ON academic_years
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER grades_set_updated_at BEFORE UPDATE ON grades
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER subjects_set_updated_at BEFORE UPDATE ON subjects
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER classes_set_updated_at BEFORE UPDATE ON classes
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER class_enrollments_set_updated_at BEFORE UPDATE ON class_enrollments
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER class_subjects_set_updated_at BEFORE UPDATE ON class_subjects
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER timetables_set_updated_at BEFORE UPDATE ON timetables
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER timetable_periods_set_updated_at BEFORE UPDATE ON timetable_periods
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER assessments_set_updated_at BEFORE UPDATE ON assessments
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER assessment_results_set_updated_at BEFORE UPDATE ON assessment_results
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
