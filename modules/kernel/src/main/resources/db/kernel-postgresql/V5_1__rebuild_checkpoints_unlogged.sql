-- Nothing reads a rebuild's checkpoints after a crash: a rebuild does not survive one (it runs in
-- the server's memory and its database connections break). So they skip the write-ahead log.
alter table projection_checkpoint_rebuild set unlogged;
