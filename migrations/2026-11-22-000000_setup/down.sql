DROP FUNCTION homeroom_set_updated_at();
