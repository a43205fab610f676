-- The audit table is append-only: the database itself refuses to change or delete a row.
CREATE FUNCTION shepherd_refuse_audit_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'acknowledgements are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER acknowledgements_append_only
    BEFORE UPDATE OR DELETE ON acknowledgements
    FOR EACH ROW EXECUTE FUNCTION shepherd_refuse_audit_change();
