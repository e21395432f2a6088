-- The rebuild twins of the read models: same columns, filled by a rebuild, then swapped in.
-- Every change to project_list or task_board must be made here too (a rebuild checks the columns match).
create table project_list_rebuild (
    project_id      uuid primary key,
    tenant_id       uuid         not null,
    project_key     varchar(16)  not null,
    name            varchar(200) not null,
    task_count      bigint       not null,
    done_count      bigint       not null,
    version         bigint       not null,
    created_at      timestamp with time zone not null,
    global_position bigint       not null
);
create index project_list_rebuild_tenant on project_list_rebuild (tenant_id);

create table task_board_rebuild (
    task_id         uuid primary key,
    tenant_id       uuid          not null,
    project_id      uuid          not null,
    title           varchar(200)  not null,
    description     varchar(10000),
    status          varchar(16)   not null,
    version         bigint        not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    global_position bigint        not null,
    priority        varchar(8)    default 'normal' not null
);
create index task_board_rebuild_tenant on task_board_rebuild (tenant_id);
