-- PostgreSQL only: the board answered from the index alone. A project's tasks are created among
-- every other project's, so its task_board rows lie on about as many heap pages as it has tasks:
-- with the index on (tenant_id, project_id, status, created_at) a board of 1,000 tasks read some
-- 1,000 pages for its counts and again for its first cards (bench/board-layout.sh). This index
-- holds what a card shows and the cards' order (created_at, then task_id), so the counts and each
-- column's first 200 cards are index-only scans of a few pages. TaskMoved changes the status, an
-- indexed column already, so the projector's updates were not HOT before either. A rebuild copies
-- the live table's indexes to its twin (ReadModelTwins.indexLikeLive); the twin's copy of the old
-- index, if a rebuild left one, goes too. H2 keeps the old index (no INCLUDE there).
drop index if exists task_board_project_status;
drop index if exists task_board_rebuild_project_status;
create index task_board_cards on task_board (tenant_id, project_id, status, created_at, task_id)
    include (title, priority, version);
