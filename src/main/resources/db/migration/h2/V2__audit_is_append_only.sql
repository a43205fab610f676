-- H2 has no SQL-language triggers; Shepherd's store never updates or deletes acknowledgements,
-- and PostgreSQL enforces it with a trigger. This keeps both databases at the same version.
SELECT 1;
