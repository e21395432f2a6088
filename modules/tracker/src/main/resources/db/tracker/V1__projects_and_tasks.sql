-- Write model of the tracker context.
create table tracker_project (
    id          uuid primary key,
    tenant_id   uuid         not null,
    project_key varchar(16)  not null,
    name        varchar(200) not null,
    version     bigint       not null,
    created_at  timestamp with time zone not null,
    constraint tracker_project_key unique (tenant_id, project_key)
);

create table tracker_task (
    id          uuid primary key,
    tenant_id   uuid          not null,
    project_id  uuid          not null references tracker_project (id),
    title       varchar(200)  not null,
    description varchar(10000),
    status      varchar(16)   not null,
    version     bigint        not null,
    created_at  timestamp with time zone not null
);
create index tracker_task_project on tracker_task (tenant_id, project_id);

-- Read model: the project list and project pages.
create table project_list (
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
create index project_list_tenant_key on project_list (tenant_id, project_key);

-- Read model: one row per task, grouped by status into boards.
create table task_board (
    task_id         uuid primary key,
    tenant_id       uuid          not null,
    project_id      uuid          not null,
    title           varchar(200)  not null,
    description     varchar(10000),
    status          varchar(16)   not null,
    version         bigint        not null,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    global_position bigint        not null
);
create index task_board_project_status on task_board (tenant_id, project_id, status, created_at);
