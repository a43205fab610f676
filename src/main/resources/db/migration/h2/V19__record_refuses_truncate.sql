-- H2 has no SQL-language triggers: on H2 whoever holds the database file can change any row, and
-- only the audit key (kept outside the file) makes a change show. Keeps both databases at the
-- same version as PostgreSQL's V19.
SELECT 1;
