-- Arrests, targets, published totals, the partner roles and coverage change a few times a year, while the
-- register's marker moves with every incident write: kept under it, they were reloaded after each one. They
-- move to the programme's marker (migration 022), in the same way as its own tables; the register's marker
-- keeps only what is read from incidents.
DROP TRIGGER arrests_changed ON arrests;
DROP TRIGGER targets_changed ON targets;
DROP TRIGGER role_assignments_changed ON role_assignments;
DROP TRIGGER published_totals_changed ON published_totals;
DROP TRIGGER coverage_changed ON coverage_declarations;

CREATE CONSTRAINT TRIGGER arrests_settings_changed AFTER INSERT OR UPDATE OR DELETE ON arrests
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER arrests_settings_truncated AFTER TRUNCATE ON arrests
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER targets_settings_changed AFTER INSERT OR UPDATE OR DELETE ON targets
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER targets_settings_truncated AFTER TRUNCATE ON targets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER role_assignments_settings_changed AFTER INSERT OR UPDATE OR DELETE ON role_assignments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER role_assignments_settings_truncated AFTER TRUNCATE ON role_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER published_totals_settings_changed AFTER INSERT OR UPDATE OR DELETE ON published_totals
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER published_totals_settings_truncated AFTER TRUNCATE ON published_totals
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER coverage_declarations_settings_changed AFTER INSERT OR UPDATE OR DELETE ON coverage_declarations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER coverage_declarations_settings_truncated AFTER TRUNCATE ON coverage_declarations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
