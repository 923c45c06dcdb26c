-- A campus's bell times are looked up by campus; every foreign key has its index.
CREATE INDEX bell_periods_campus_id_idx ON bell_periods (campus_id);
