-- Idempotency keys (Stripe's design): per tenant, the first request's fingerprint and its outcome.
-- The outcome of a command that succeeded is written in the command's own transaction.
create table idempotency_key (
    tenant_id         uuid         not null,
    idem_key          varchar(255) not null,
    fingerprint       varchar(64)  not null,
    state             varchar(16)  not null,
    aggregate_id      uuid,
    aggregate_version bigint,
    global_position   bigint,
    rejection_kind    varchar(32),
    rejection_field   varchar(64),
    rejection_message varchar(2000),
    created_at        timestamp with time zone not null,
    claimed_at        timestamp with time zone not null,
    primary key (tenant_id, idem_key)
);
create index idempotency_key_created on idempotency_key (created_at);
