-- Whether the demo register is loaded (every figure then says it is demo data) is asked by every one-shot
-- command and again after each change of the register. Without an index that question reads every incident
-- (150-350 ms on a register of a million); this index holds only the demo's rows, so it is empty in
-- production and the answer is one index page.
CREATE INDEX incidents_from_demo ON incidents (source) WHERE source = 'demo';
