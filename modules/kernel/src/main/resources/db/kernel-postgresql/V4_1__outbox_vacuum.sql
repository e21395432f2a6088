-- event_outbox is a queue: every event inserts a row and the relay deletes it moments later, so
-- nearly all its tuples are dead. PostgreSQL's default (vacuum after 20 % of the table changed)
-- is meant for tables that mostly hold live rows; here it lets dead index entries pile up that
-- every relay pass walks past. Vacuum it after every 1,000 deletions instead.
alter table event_outbox set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                              autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 1000);
