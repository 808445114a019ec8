-- A second marker, like the register's (migration 006), for the programme's slow-changing tables: the
-- Field Lab (interventions, their milestones, check-ins, escalations and decisions), the measures and the
-- digest subscriptions. A process keeps what `/ote fieldlab`, `/ote maatregelen`, `/ote abonnementen` and
-- `/ote digest` read from them until it changes. Separate from the register's marker so that a
-- subscription or a reminder post does not throw away the figures' caches, nor an import these.
CREATE TABLE settings_state (
  id          SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  generation  UUID NOT NULL DEFAULT gen_random_uuid()
);
INSERT INTO settings_state (id) VALUES (1);

CREATE FUNCTION bump_settings_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fresh UUID := gen_random_uuid();
BEGIN
  UPDATE settings_state SET generation = fresh WHERE id = 1;
  PERFORM pg_notify('ote_settings', current_schema() || ' ' || fresh::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER interventions_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON interventions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER milestones_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON milestones
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER milestone_checkins_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON milestone_checkins
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER milestone_posts_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON milestone_posts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER intervention_decisions_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON intervention_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER measures_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measures
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER subscriptions_settings_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON subscriptions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
