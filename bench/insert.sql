-- pgbench baseline B1: one single-row INSERT per transaction, the machine's write limit.
INSERT INTO bench_insert (id, payload) VALUES (gen_random_uuid(), 'bench task');
