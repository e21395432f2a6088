-- Closed tenants: their rows are erased; events of theirs below the closing position that are
-- still in flight to a projector are dropped instead of re-creating read-model rows.
create table tenant_closure (
    tenant_id        uuid   primary key,
    closing_position bigint not null,
    closed_at        timestamp with time zone not null
);
