-- Campuses and the people on them: students, their guardians, staff.

CREATE TYPE student_gender AS ENUM ('female', 'male', 'non_binary', 'undisclosed');
CREATE TYPE student_status AS ENUM
    ('applicant', 'active', 'inactive', 'graduated', 'transferred', 'withdrawn');
CREATE TYPE guardian_relationship AS ENUM
    ('mother', 'father', 'guardian', 'grandparent', 'sibling', 'other');
CREATE TYPE staff_type AS ENUM ('teacher', 'director', 'administrator', 'counselor', 'support');
CREATE TYPE staff_status AS ENUM ('active', 'on_leave', 'inactive');

CREATE TABLE campuses (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    name text NOT NULL,
    code text,
    address text,
    phone text,
    email text,
    mascot text,
    color text,
    bg_gradient text,
    border_color text,
    text_color text,
    bg_light text,
    description text,
    is_online boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT false,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE students (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid NOT NULL REFERENCES campuses,
    student_number text,
    first_name text NOT NULL,
    last_name text NOT NULL,
    gender student_gender,
    date_of_birth date,
    enrollment_date date,
    status student_status NOT NULL,
    email text,
    phone text,
    address text,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

CREATE TABLE guardians (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    student_id uuid NOT NULL REFERENCES students,
    full_name text NOT NULL,
    relationship guardian_relationship,
    phone text,
    email text,
    address text,
    primary_contact boolean NOT NULL DEFAULT false,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- user_id links a staff member to a sign-in account; staff without one still have
-- a name and contact details here.
CREATE TABLE staff (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    organization_id uuid NOT NULL REFERENCES organizations,
    campus_id uuid REFERENCES campuses,
    user_id uuid REFERENCES users,
    employee_number text,
    first_name text,
    last_name text,
    email text,
    phone text,
    job_title text,
    staff_type staff_type NOT NULL,
    hire_date date,
    status staff_status NOT NULL,
    import_hash text UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    deleted_at timestamptz,
    created_by_id uuid REFERENCES users,
    updated_by_id uuid REFERENCES users
);

-- Unique among live rows.
CREATE UNIQUE INDEX campuses_organization_id_code_live_key
    ON campuses (organization_id, code) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX students_organization_id_student_number_live_key
    ON students (organization_id, student_number) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX staff_organization_id_employee_number_live_key
    ON staff (organization_id, employee_number) WHERE deleted_at IS NULL;

-- The student list: live students of one organization in name order.
CREATE INDEX students_organization_id_name_live_idx
    ON students (organization_id, last_name, first_name) WHERE deleted_at IS NULL;

-- Foreign keys.
CREATE INDEX campuses_organization_id_idx ON campuses (organization_id);
CREATE INDEX campuses_created_by_id_idx ON campuses (created_by_id);
CREATE INDEX campuses_updated_by_id_idx ON campuses (updated_by_id);

CREATE INDEX students_organization_id_idx ON students (organization_id);
CREATE INDEX students_campus_id_idx ON students (campus_id);
CREATE INDEX students_created_by_id_idx ON students (created_by_id);
CREATE INDEX students_updated_by_id_idx ON students (updated_by_id);

CREATE INDEX guardians_organization_id_idx ON guardians (organization_id);
CREATE INDEX guardians_student_id_idx ON guardians (student_id);
CREATE INDEX guardians_created_by_id_idx ON guardians (created_by_id);
CREATE INDEX guardians_updated_by_id_idx ON guardians (updated_by_id);

CREATE INDEX staff_organization_id_idx ON staff (organization_id);
CREATE INDEX staff_campus_id_idx ON staff (campus_id);
CREATE INDEX staff_user_id_idx ON staff (user_id);
CREATE INDEX staff_created_by_id_idx ON staff (created_by_id);
CREATE INDEX staff_updated_by_id_idx ON staff (updated_by_id);

CREATE TRIGGER campuses_set_updated_at BEFORE UPDATE ON campuses
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER students_set_updated_at BEFORE UPDATE ON students
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER guardians_set_updated_at BEFORE UPDATE ON guardians
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
CREATE TRIGGER staff_set_updated_at BEFORE UPDATE ON staff
    FOR EACH ROW EXECUTE FUNCTION homeroom_set_updated_at();
