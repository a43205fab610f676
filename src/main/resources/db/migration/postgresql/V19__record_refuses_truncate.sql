-- TRUNCATE fires no row trigger: refuse it on the record's tables with a statement trigger. The
-- chain heads and the keyed start may not be deleted either (a head is moved, never removed).
CREATE TRIGGER acknowledgements_no_truncate
    BEFORE TRUNCATE ON acknowledgements
    FOR EACH STATEMENT EXECUTE FUNCTION shepherd_refuse_audit_change();

CREATE TRIGGER audit_chain_heads_kept
    BEFORE DELETE ON audit_chain_heads
    FOR EACH ROW EXECUTE FUNCTION shepherd_refuse_audit_change();
CREATE TRIGGER audit_chain_heads_no_truncate
    BEFORE TRUNCATE ON audit_chain_heads
    FOR EACH STATEMENT EXECUTE FUNCTION shepherd_refuse_audit_change();

CREATE TRIGGER audit_keyed_start_append_only
    BEFORE UPDATE OR DELETE ON audit_keyed_start
    FOR EACH ROW EXECUTE FUNCTION shepherd_refuse_audit_change();
CREATE TRIGGER audit_keyed_start_no_truncate
    BEFORE TRUNCATE ON audit_keyed_start
    FOR EACH STATEMENT EXECUTE FUNCTION shepherd_refuse_audit_change();
