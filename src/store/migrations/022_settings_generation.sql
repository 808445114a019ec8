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

-- The marker moves at commit, once per transaction, and only when a row changed: deferred row triggers.
-- Taking its row lock as the last thing a transaction does means a writer never holds it while it waits for
-- another lock (a check-in holds its milestone row; an intervention import would otherwise hold the marker
-- and wait for that row), so the marker cannot take part in a deadlock. A statement that changes nothing
-- (a claim that finds its post already claimed) leaves the kept answers alone.
CREATE FUNCTION bump_settings_generation() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  fresh UUID := gen_random_uuid();
BEGIN
  IF current_setting('ote.settings_bumped', true) = 'ja' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('ote.settings_bumped', 'ja', true);
  UPDATE settings_state SET generation = fresh WHERE id = 1;
  PERFORM pg_notify('ote_settings', current_schema() || ' ' || fresh::text);
  RETURN NULL;
END;
$$;

-- TRUNCATE has no rows to defer with; it takes the whole table anyway.
CREATE CONSTRAINT TRIGGER interventions_settings_changed AFTER INSERT OR UPDATE OR DELETE ON interventions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER interventions_settings_truncated AFTER TRUNCATE ON interventions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER milestones_settings_changed AFTER INSERT OR UPDATE OR DELETE ON milestones
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER milestones_settings_truncated AFTER TRUNCATE ON milestones
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER milestone_checkins_settings_changed AFTER INSERT OR UPDATE OR DELETE ON milestone_checkins
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER milestone_checkins_settings_truncated AFTER TRUNCATE ON milestone_checkins
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER milestone_posts_settings_changed AFTER INSERT OR UPDATE OR DELETE ON milestone_posts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER milestone_posts_settings_truncated AFTER TRUNCATE ON milestone_posts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER intervention_decisions_settings_changed AFTER INSERT OR UPDATE OR DELETE ON intervention_decisions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER intervention_decisions_settings_truncated AFTER TRUNCATE ON intervention_decisions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER measures_settings_changed AFTER INSERT OR UPDATE OR DELETE ON measures
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER measures_settings_truncated AFTER TRUNCATE ON measures
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
CREATE CONSTRAINT TRIGGER subscriptions_settings_changed AFTER INSERT OR UPDATE OR DELETE ON subscriptions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bump_settings_generation();
CREATE TRIGGER subscriptions_settings_truncated AFTER TRUNCATE ON subscriptions
  FOR EACH STATEMENT EXECUTE FUNCTION bump_settings_generation();
