DROP FUNCTION homeroom_merge_guardians(uuid);
DROP TRIGGER guardian_people_to_links ON guardian_people;
DROP TRIGGER guardians_to_person ON guardians;
DROP TRIGGER guardians_link_person ON guardians;
DROP FUNCTION homeroom_guardian_person_to_links();
DROP FUNCTION homeroom_guardian_link_to_person();
DROP FUNCTION homeroom_guardian_link_person();
DROP FUNCTION homeroom_family_of_student(uuid, uuid, uuid);
DROP FUNCTION homeroom_matching_person(uuid, text, text, text);
DROP FUNCTION homeroom_phone_key(text);
DROP INDEX guardians_person_id_idx;
ALTER TABLE guardians
    DROP COLUMN pickup_allowed,
    DROP COLUMN receives_messages,
    DROP COLUMN receives_invoices,
    DROP COLUMN emergency_contact,
    DROP COLUMN lives_with,
    DROP COLUMN person_id;
DROP TABLE guardian_people;
DROP TABLE families;
