-- Synthetic CMS runs for the large-response benchmark (scripts/bench-large.sh, issue 10):
-- runs 900001..900100, each with one dataset of 5,000 lumisections whose DT status alternates
-- GOOD/BAD every lumisection, so `lumisectionRanges` has 5,000 ranges per run. Stored as RR
-- stores it: an automatic GOOD event over every lumisection and a manual BAD event over the odd
-- ones. Idempotent: the runs are removed and written again.
BEGIN;
DELETE FROM "LumisectionEventAssignation" a USING "LumisectionEvent" e
    WHERE a.version = e.version AND e.run_number BETWEEN 900001 AND 900100;
DELETE FROM "LumisectionEvent" WHERE run_number BETWEEN 900001 AND 900100;
DELETE FROM "DatasetTripletCache" WHERE run_number BETWEEN 900001 AND 900100;
DELETE FROM "Dataset" WHERE run_number BETWEEN 900001 AND 900100;
DELETE FROM "Run" WHERE run_number BETWEEN 900001 AND 900100;
INSERT INTO "JSONBDeduplication" (jsonb, unique_hash) VALUES
    ('{"dt-dt": {"status": "GOOD", "comment": "", "cause": ""}, "csc-csc": {"status": "GOOD", "comment": "", "cause": ""}}', 'bench-large-good'),
    ('{"dt-dt": {"status": "BAD", "comment": "synthetic", "cause": "bench"}}', 'bench-large-bad')
    ON CONFLICT (unique_hash) DO NOTHING;
DO $$
DECLARE
    av integer;
    ev integer;
    good integer := (SELECT id FROM "JSONBDeduplication" WHERE unique_hash = 'bench-large-good');
    bad integer := (SELECT id FROM "JSONBDeduplication" WHERE unique_hash = 'bench-large-bad');
BEGIN
    INSERT INTO "Version" ("by", comment) VALUES ('bench-large', 'synthetic lumisections') RETURNING atomic_version INTO av;
    FOR r IN 900001..900100 LOOP
        INSERT INTO "Event" (atomic_version) VALUES (av) RETURNING version INTO ev;
        INSERT INTO "Run" (run_number, oms_attributes, rr_attributes, version)
            VALUES (r, '{"energy": 6500, "b_field": 3.8, "ls_duration": 5000}', '{"class": "Collisions18", "state": "OPEN", "significant": true}', ev);
        INSERT INTO "Dataset" (run_number, name, dataset_attributes, version)
            VALUES (r, '/PromptReco/Bench2018/DQM', '{"global_state": "OPEN"}', ev);
        INSERT INTO "Event" (atomic_version) VALUES (av) RETURNING version INTO ev;
        INSERT INTO "LumisectionEvent" (version, run_number, name, lumisection_metadata_id, manual_change)
            VALUES (ev, r, '/PromptReco/Bench2018/DQM', good, false);
        INSERT INTO "LumisectionEventAssignation" (version, lumisection_number) SELECT ev, g FROM generate_series(1, 5000) g;
        INSERT INTO "Event" (atomic_version) VALUES (av) RETURNING version INTO ev;
        INSERT INTO "LumisectionEvent" (version, run_number, name, lumisection_metadata_id, manual_change)
            VALUES (ev, r, '/PromptReco/Bench2018/DQM', bad, true);
        INSERT INTO "LumisectionEventAssignation" (version, lumisection_number) SELECT ev, g FROM generate_series(1, 5000, 2) g;
    END LOOP;
END $$;
COMMIT;
ANALYZE;
