-- A rebuild's checkpoints, apart from the live ones until its swap. In projection_checkpoint they
-- cost a second index (projector, global_position) on every one of a million inserts, and the
-- swap then renamed a million rows there; here the replay writes only the primary key, and the
-- swap copies (one tenant) or merges (all tenants) what differs into the live table.
create table projection_checkpoint_rebuild (
    projector         varchar(64) not null,
    aggregate_id      uuid        not null,
    tenant_id         uuid        not null,
    aggregate_version bigint      not null,
    global_position   bigint      not null,
    updated_at        timestamp with time zone not null,
    primary key (projector, aggregate_id)
);
