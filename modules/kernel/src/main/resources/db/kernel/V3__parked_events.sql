-- Events a projector failed on too often (parked), and later events of the same aggregate held
-- behind them so that the projector never applies an aggregate's events out of order.
create table parked_event (
    projector         varchar(64)   not null,
    event_id          uuid          not null,
    tenant_id         uuid          not null,
    aggregate_id      uuid          not null,
    aggregate_version bigint        not null,
    global_position   bigint        not null,
    event_type        varchar(128)  not null,
    envelope          varchar(200000) not null,
    reason            varchar(16)   not null,
    error             varchar(2000),
    attempts          integer       not null,
    parked_at         timestamp with time zone not null,
    state             varchar(16)   not null,
    resolved_at       timestamp with time zone,
    resolved_by       varchar(200),
    resolution_note   varchar(500),
    primary key (projector, event_id)
);
create index parked_event_aggregate on parked_event (projector, aggregate_id, state, aggregate_version);
create index parked_event_tenant on parked_event (tenant_id, projector, state, global_position);
