-- Counts per local month beside the counts per local day (migration 012), so a figure over whole months
-- reads a few hundred numbers however large the register grows: on a million incidents the daily
-- municipal counts are as many rows as the register, and a year's ranking read all of them.
--   incident_counts_monthly            month × municipality × target × outcome × means (one municipality's breakdown)
--   incident_counts_monthly_ranking    month × municipality × target (rankings, figures per municipality)
--   incident_counts_monthly_national   month × target × outcome × means (national figures)
-- The same statement triggers move them with the daily counts, in the writing transaction.
CREATE TABLE incident_counts_monthly (
  local_month        DATE NOT NULL,
  municipality_code  TEXT NOT NULL,
  target             TEXT NOT NULL,
  outcome            TEXT NOT NULL,
  means              TEXT NOT NULL,
  count              INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (municipality_code, local_month, target, outcome, means)
);

CREATE INDEX incident_counts_monthly_by_month ON incident_counts_monthly (local_month);

CREATE TABLE incident_counts_monthly_ranking (
  local_month        DATE NOT NULL,
  municipality_code  TEXT NOT NULL,
  target             TEXT NOT NULL,
  count              INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (local_month, municipality_code, target)
);

CREATE TABLE incident_counts_monthly_national (
  local_month  DATE NOT NULL,
  target       TEXT NOT NULL,
  outcome      TEXT NOT NULL,
  means        TEXT NOT NULL,
  count        INTEGER NOT NULL CHECK (count >= 0),
  PRIMARY KEY (local_month, target, outcome, means)
);

-- One statement per change: the delta is grouped once from the transition table and moves every table.
CREATE OR REPLACE FUNCTION incident_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date AS local_day,
           extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::smallint AS local_hour,
           municipality_code, target, outcome, means, count(*)::int AS n
    FROM new_rows WHERE status = 'actief'
    GROUP BY 1, 2, 3, 4, 5, 6
  ), daily AS (
    INSERT INTO incident_counts AS c (local_day, local_hour, municipality_code, target, outcome, means, count)
    SELECT local_day, local_hour, municipality_code, target, outcome, means, n FROM delta
    ON CONFLICT (local_day, municipality_code, target, outcome, means, local_hour) DO UPDATE SET count = c.count + EXCLUDED.count
  ), national AS (
    INSERT INTO incident_counts_national AS c (local_day, target, outcome, means, count)
    SELECT local_day, target, outcome, means, sum(n) FROM delta GROUP BY 1, 2, 3, 4
    ON CONFLICT (local_day, target, outcome, means) DO UPDATE SET count = c.count + EXCLUDED.count
  ), monthly AS (
    INSERT INTO incident_counts_monthly AS c (local_month, municipality_code, target, outcome, means, count)
    SELECT date_trunc('month', local_day)::date, municipality_code, target, outcome, means, sum(n) FROM delta GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (municipality_code, local_month, target, outcome, means) DO UPDATE SET count = c.count + EXCLUDED.count
  ), ranking AS (
    INSERT INTO incident_counts_monthly_ranking AS c (local_month, municipality_code, target, count)
    SELECT date_trunc('month', local_day)::date, municipality_code, target, sum(n) FROM delta GROUP BY 1, 2, 3
    ON CONFLICT (local_month, municipality_code, target) DO UPDATE SET count = c.count + EXCLUDED.count
  )
  INSERT INTO incident_counts_monthly_national AS c (local_month, target, outcome, means, count)
  SELECT date_trunc('month', local_day)::date, target, outcome, means, sum(n) FROM delta GROUP BY 1, 2, 3, 4
  ON CONFLICT (local_month, target, outcome, means) DO UPDATE SET count = c.count + EXCLUDED.count;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION incident_counts_subtract() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH delta AS (
    SELECT (occurred_at AT TIME ZONE 'Europe/Amsterdam')::date AS local_day,
           extract(hour FROM occurred_at AT TIME ZONE 'Europe/Amsterdam')::smallint AS local_hour,
           municipality_code, target, outcome, means, count(*)::int AS n
    FROM old_rows WHERE status = 'actief'
    GROUP BY 1, 2, 3, 4, 5, 6
  ), daily AS (
    UPDATE incident_counts AS c SET count = c.count - d.n FROM delta AS d
    WHERE c.local_day = d.local_day AND c.local_hour = d.local_hour AND c.municipality_code = d.municipality_code
      AND c.target = d.target AND c.outcome = d.outcome AND c.means = d.means
  ), national AS (
    UPDATE incident_counts_national AS c SET count = c.count - d.n
    FROM (SELECT local_day, target, outcome, means, sum(n) AS n FROM delta GROUP BY 1, 2, 3, 4) AS d
    WHERE c.local_day = d.local_day AND c.target = d.target AND c.outcome = d.outcome AND c.means = d.means
  ), monthly AS (
    UPDATE incident_counts_monthly AS c SET count = c.count - d.n
    FROM (SELECT date_trunc('month', local_day)::date AS local_month, municipality_code, target, outcome, means, sum(n) AS n FROM delta GROUP BY 1, 2, 3, 4, 5) AS d
    WHERE c.local_month = d.local_month AND c.municipality_code = d.municipality_code
      AND c.target = d.target AND c.outcome = d.outcome AND c.means = d.means
  ), ranking AS (
    UPDATE incident_counts_monthly_ranking AS c SET count = c.count - d.n
    FROM (SELECT date_trunc('month', local_day)::date AS local_month, municipality_code, target, sum(n) AS n FROM delta GROUP BY 1, 2, 3) AS d
    WHERE c.local_month = d.local_month AND c.municipality_code = d.municipality_code AND c.target = d.target
  )
  UPDATE incident_counts_monthly_national AS c SET count = c.count - d.n
  FROM (SELECT date_trunc('month', local_day)::date AS local_month, target, outcome, means, sum(n) AS n FROM delta GROUP BY 1, 2, 3, 4) AS d
  WHERE c.local_month = d.local_month AND c.target = d.target AND c.outcome = d.outcome AND c.means = d.means;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION incident_counts_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM incident_counts;
  DELETE FROM incident_counts_national;
  DELETE FROM incident_counts_monthly;
  DELETE FROM incident_counts_monthly_ranking;
  DELETE FROM incident_counts_monthly_national;
  RETURN NULL;
END;
$$;

INSERT INTO incident_counts_monthly (local_month, municipality_code, target, outcome, means, count)
SELECT date_trunc('month', local_day)::date, municipality_code, target, outcome, means, sum(count)
FROM incident_counts GROUP BY 1, 2, 3, 4, 5;

INSERT INTO incident_counts_monthly_ranking (local_month, municipality_code, target, count)
SELECT local_month, municipality_code, target, sum(count) FROM incident_counts_monthly GROUP BY 1, 2, 3;

INSERT INTO incident_counts_monthly_national (local_month, target, outcome, means, count)
SELECT local_month, target, outcome, means, sum(count) FROM incident_counts_monthly GROUP BY 1, 2, 3, 4;
