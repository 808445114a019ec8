-- References compare without regard to case and surrounding spaces, and are stored trimmed and upper-case.
-- Existing references are brought to that form, except those that differ only in case from another one:
-- merging them would decide which of two incidents is the real one, so they stay as they are and are
-- listed here for the programme office (`ote referenties`). A write never adds a further spelling.
CREATE TABLE reference_case_pairs (
  reference         TEXT PRIMARY KEY,
  normal_reference  TEXT NOT NULL,
  found_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX reference_case_pairs_by_normal ON reference_case_pairs (normal_reference);

INSERT INTO reference_case_pairs (reference, normal_reference)
SELECT reference, upper(btrim(reference)) FROM incidents
WHERE upper(btrim(reference)) IN (SELECT upper(btrim(reference)) FROM incidents GROUP BY 1 HAVING count(*) > 1);

UPDATE incident_history SET reference = upper(btrim(reference))
WHERE reference <> upper(btrim(reference)) AND reference NOT IN (SELECT reference FROM reference_case_pairs);
UPDATE incidents SET reference = upper(btrim(reference))
WHERE reference <> upper(btrim(reference)) AND reference NOT IN (SELECT reference FROM reference_case_pairs);

CREATE INDEX incidents_by_upper_reference ON incidents (upper(reference));

-- An incident in a municipality merged since (Weesp, Uden, …) counts in today's municipality
-- (municipality_code) and keeps the name or code as the source wrote it; NULL when it named today's.
ALTER TABLE incidents ADD COLUMN municipality_as_written TEXT CHECK (length(municipality_as_written) <= 200);
