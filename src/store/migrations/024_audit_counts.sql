-- How many audit lines there are per local day and action, kept by the database as lines are written and
-- removed, so `/ote audit` counts a period from a few numbers per day instead of reading every line of it
-- (every look at incident detail writes one). Each connection adds to a stripe of its own (its backend pid
-- modulo 8): lines of the same action and day are written by many connections at once, and one row per day
-- and action would make each wait for the others' commits. A count is the sum over the stripes.
CREATE TABLE audit_counts (
  local_day DATE NOT NULL,
  action    TEXT NOT NULL,
  stripe    SMALLINT NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (local_day, action, stripe)
);

INSERT INTO audit_counts (local_day, action, stripe, count)
SELECT (at AT TIME ZONE 'Europe/Amsterdam')::date, action, 0, count(*) FROM audit_log GROUP BY 1, 2;

-- Adds the moved lines (TG_ARGV[0] = 1) or takes them away (-1), on this connection's stripe; a stripe may go
-- below zero, the sum over the stripes stays exact.
CREATE FUNCTION audit_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO audit_counts AS c (local_day, action, stripe, count)
  SELECT (at AT TIME ZONE 'Europe/Amsterdam')::date, action, pg_backend_pid() % 8, TG_ARGV[0]::int * count(*) FROM moved_lines GROUP BY 1, 2
  ON CONFLICT (local_day, action, stripe) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END;
$$;

CREATE FUNCTION audit_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM audit_counts;
  RETURN NULL;
END;
$$;

-- The trail is only ever added to; a line changed or removed (by hand, or by a test) still moves the counts.
CREATE TRIGGER audit_counts_insert AFTER INSERT ON audit_log
  REFERENCING NEW TABLE AS moved_lines FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_move('1');
CREATE TRIGGER audit_counts_update_old AFTER UPDATE ON audit_log
  REFERENCING OLD TABLE AS moved_lines FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_move('-1');
CREATE TRIGGER audit_counts_update_new AFTER UPDATE ON audit_log
  REFERENCING NEW TABLE AS moved_lines FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_move('1');
CREATE TRIGGER audit_counts_delete AFTER DELETE ON audit_log
  REFERENCING OLD TABLE AS moved_lines FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_move('-1');
CREATE TRIGGER audit_counts_truncate AFTER TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_counts_clear();
