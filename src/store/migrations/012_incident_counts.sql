-- What the figures count, kept as counts: the counted (not withdrawn) incidents per local day, local hour,
-- municipality, target, outcome and means (local = Europe/Amsterdam, as every figure buckets). Statement
-- triggers with transition tables move the counts on every insert, correction, withdrawal and delete of
-- incidents, in the same transaction, so the counts are exactly the rows and a bulk import updates each
-- count once. A count that drops to 0 stays as a 0 (readers sum). National figures read the same counts
-- summed over municipalities and hours (incident_counts_national), a few thousand rows a year however large
-- the register grows.
CREATE TABLE incident_counts (
  local_day          DATE NOT NULL,
  local_hour         SMALLINT NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
  municipality_code  TEXT NOT NULL,
  target             TEXT NOT NULL,
  outcome            TEXT NOT NULL,
  means              TEXT NOT NULL,
  count              INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (local_day, municipality_code, target, outcome, means, local_hour)
);
CREATE INDEX incident_counts_by_municipality ON incident_counts (municipality_code, local_day);

CREATE TABLE incident_counts_national (
  local_day  DATE NOT NULL,
  target     TEXT NOT NULL,
  outcome    TEXT NOT NULL,
  means      TEXT NOT NULL,
  count      INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (local_day, target, outcome, means)
);

CREATE FUNCTION incident_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO incident_counts AS c (local_day, local_hour, municipality_code, target, outcome, means, count)
  SELECT (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date, extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::smallint,
         municipality_code, target, outcome, means, count(*)
  FROM new_rows WHERE status = 'actief'
  GROUP BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (local_day, municipality_code, target, outcome, means, local_hour) DO UPDATE SET count = c.count + EXCLUDED.count;
  INSERT INTO incident_counts_national AS c (local_day, target, outcome, means, count)
  SELECT (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date, target, outcome, means, count(*)
  FROM new_rows WHERE status = 'actief'
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (local_day, target, outcome, means) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END;
$$;

CREATE FUNCTION incident_counts_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE incident_counts AS c SET count = c.count - gone.n
  FROM (
    SELECT (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date AS local_day,
           extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::smallint AS local_hour,
           municipality_code, target, outcome, means, count(*) AS n
    FROM old_rows WHERE status = 'actief'
    GROUP BY 1, 2, 3, 4, 5, 6
  ) AS gone
  WHERE c.local_day = gone.local_day AND c.local_hour = gone.local_hour AND c.municipality_code = gone.municipality_code
    AND c.target = gone.target AND c.outcome = gone.outcome AND c.means = gone.means;
  UPDATE incident_counts_national AS c SET count = c.count - gone.n
  FROM (
    SELECT (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date AS local_day, target, outcome, means, count(*) AS n
    FROM old_rows WHERE status = 'actief'
    GROUP BY 1, 2, 3, 4
  ) AS gone
  WHERE c.local_day = gone.local_day AND c.target = gone.target AND c.outcome = gone.outcome AND c.means = gone.means;
  RETURN NULL;
END;
$$;

CREATE FUNCTION incident_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_counts;
  DELETE FROM incident_counts_national;
  RETURN NULL;
END;
$$;

-- A correction (and the upsert's ON CONFLICT DO UPDATE) takes the old version out and puts the new one in;
-- a withdrawal only takes it out, since the new version is no longer 'actief'.
CREATE TRIGGER incidents_count_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_add();
CREATE TRIGGER incidents_count_update_in AFTER UPDATE ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_add();
CREATE TRIGGER incidents_count_update_out AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_subtract();
CREATE TRIGGER incidents_count_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_subtract();
CREATE TRIGGER incidents_count_truncate AFTER TRUNCATE ON incidents
  FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_clear();

INSERT INTO incident_counts (local_day, local_hour, municipality_code, target, outcome, means, count)
SELECT (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date, extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::smallint,
       municipality_code, target, outcome, means, count(*)
FROM incidents WHERE status = 'actief'
GROUP BY 1, 2, 3, 4, 5, 6;

INSERT INTO incident_counts_national (local_day, target, outcome, means, count)
SELECT local_day, target, outcome, means, sum(count) FROM incident_counts GROUP BY 1, 2, 3, 4;
