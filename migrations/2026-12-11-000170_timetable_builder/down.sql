DROP TRIGGER timetable_periods_teacher_free ON timetable_periods;
DROP FUNCTION homeroom_timetable_teacher_free();
ALTER TABLE timetable_periods DROP CONSTRAINT timetable_periods_class_free;
ALTER TABLE timetable_periods DROP CONSTRAINT timetable_periods_room_free;
DROP TRIGGER timetable_periods_a_class ON timetable_periods;
DROP FUNCTION homeroom_timetable_period_class();
DROP INDEX timetable_periods_class_id_idx;
ALTER TABLE timetable_periods DROP COLUMN clash_exempt;
ALTER TABLE timetable_periods DROP COLUMN class_id;
DROP POLICY bell_periods_tenant_isolation ON bell_periods;
DROP TABLE bell_periods;
-- btree_gist stays: it holds no data, and other constraints use it.
