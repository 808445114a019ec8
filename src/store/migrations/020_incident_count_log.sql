-- A log of how the counted incidents change, so a long-running process can keep the counted incidents in
-- memory (src/store/count-mirror.ts) and move them by exactly what changed instead of reading the register
-- again: one row per incident that starts (+1) or stops (-1) being counted, written by statement triggers
-- in the writing transaction; a TRUNCATE writes one row without an incident (delta 0): start over.
--
-- Ids are handed out in commit order: the register's generation trigger (006, `incidents_changed`) fires
-- before these (triggers of one event fire in name order) and holds register_state's row lock until the
-- transaction ends, so no writer takes ids while another that holds ids is still open. A reader that has
-- seen id N has therefore seen every committed row up to N.
--
-- Rows older than a day are pruned by the writers; `pruned_through` says up to which id rows may be gone,
-- so a process that is further behind reads the register again.
CREATE TABLE incident_count_log (
  id                 BIGSERIAL PRIMARY KEY,
  logged_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
  occurred_at        TIMESTAMPTZ,
  municipality_code  TEXT,
  target             TEXT,
  outcome            TEXT,
  means              TEXT,
  delta              SMALLINT NOT NULL CHECK (delta BETWEEN -1 AND 1)
);
CREATE INDEX incident_count_log_by_age ON incident_count_log (logged_at);

CREATE TABLE incident_count_log_state (
  id              SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  pruned_through  BIGINT NOT NULL DEFAULT 0
);
INSERT INTO incident_count_log_state (id) VALUES (1);

CREATE FUNCTION incident_count_log_prune() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  gone BIGINT;
BEGIN
  WITH pruned AS (DELETE FROM incident_count_log WHERE logged_at < now() - interval '1 day' RETURNING id)
  SELECT max(id) INTO gone FROM pruned;
  IF gone IS NOT NULL THEN
    UPDATE incident_count_log_state SET pruned_through = greatest(pruned_through, gone) WHERE id = 1;
  END IF;
END;
$$;

CREATE FUNCTION incident_count_log_in() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_count_log (occurred_at, municipality_code, target, outcome, means, delta)
  SELECT occurred_at, municipality_code, target, outcome, means, 1 FROM new_rows WHERE status = 'actief';
  PERFORM incident_count_log_prune();
  RETURN NULL;
END;
$$;

CREATE FUNCTION incident_count_log_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_count_log (occurred_at, municipality_code, target, outcome, means, delta)
  SELECT occurred_at, municipality_code, target, outcome, means, -1 FROM old_rows WHERE status = 'actief';
  PERFORM incident_count_log_prune();
  RETURN NULL;
END;
$$;

CREATE FUNCTION incident_count_log_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_count_log (delta) VALUES (0);
  RETURN NULL;
END;
$$;

-- An update logs what it takes out before what it puts in (the trigger names sort in that order).
CREATE TRIGGER incidents_log_1_update_out AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_count_log_out();
CREATE TRIGGER incidents_log_2_update_in AFTER UPDATE ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_count_log_in();
CREATE TRIGGER incidents_log_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_count_log_in();
CREATE TRIGGER incidents_log_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_count_log_out();
CREATE TRIGGER incidents_log_truncate AFTER TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION incident_count_log_reset();
