-- A marker that changes with every write to what the figures are computed from (incidents, arrests,
-- targets, published totals) and to the partner roles, so a process can keep counted incidents and computed figures in memory
-- and recompute them only when some process (an import, the API, a second replica) changed something. A random value rather than a counter: a rolled-back write can never be mistaken for a
-- later committed one.
CREATE TABLE register_state (
  id          SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  generation  UUID NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO register_state (id) VALUES (1);

-- Other processes learn of the change from a notification ('<schema> <generation>', sent at commit), so
-- they need not ask for the marker on every read.
CREATE FUNCTION bump_register_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fresh UUID := gen_random_uuid();
BEGIN
  UPDATE register_state SET generation = fresh WHERE id = 1;
  PERFORM pg_notify('ote_register', current_schema() || ' ' || fresh::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER incidents_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION bump_register_generation();
CREATE TRIGGER arrests_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON arrests
  FOR EACH STATEMENT EXECUTE FUNCTION bump_register_generation();
CREATE TRIGGER targets_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON targets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_register_generation();
CREATE TRIGGER role_assignments_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION bump_register_generation();
CREATE TRIGGER published_totals_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON published_totals
  FOR EACH STATEMENT EXECUTE FUNCTION bump_register_generation();
