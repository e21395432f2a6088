-- The rebuild twin of tenant_directory: same columns, filled by a rebuild, then swapped in.
-- Every change to tenant_directory must be made here too (a rebuild checks the columns match).
create table tenant_directory_rebuild (
    tenant_id       uuid primary key,
    name            varchar(200) not null,
    status          varchar(16)  not null,
    member_count    bigint       not null,
    created_at      timestamp with time zone not null,
    global_position bigint       not null
);
