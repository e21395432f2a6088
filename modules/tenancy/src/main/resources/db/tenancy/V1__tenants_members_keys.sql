-- Write model of the tenancy context. tenancy_api_key is also the credential store.
create table tenancy_tenant (
    id         uuid primary key,
    name       varchar(200) not null,
    status     varchar(16)  not null,
    version    bigint       not null,
    created_at timestamp with time zone not null
);

create table tenancy_member (
    id         uuid primary key,
    tenant_id  uuid         not null references tenancy_tenant (id),
    email      varchar(254) not null,
    role       varchar(16)  not null,
    version    bigint       not null,
    created_at timestamp with time zone not null,
    constraint tenancy_member_email unique (tenant_id, email)
);

create table tenancy_api_key (
    id          uuid primary key,
    tenant_id   uuid        not null references tenancy_tenant (id),
    member_id   uuid        not null references tenancy_member (id),
    prefix      varchar(16) not null,
    secret_hash varchar(64) not null,
    role        varchar(16) not null,
    version     bigint      not null,
    created_at  timestamp with time zone not null,
    revoked_at  timestamp with time zone,
    constraint tenancy_api_key_prefix unique (prefix)
);

-- Read model: the tenant directory.
create table tenant_directory (
    tenant_id       uuid primary key,
    name            varchar(200) not null,
    status          varchar(16)  not null,
    member_count    bigint       not null,
    created_at      timestamp with time zone not null,
    global_position bigint       not null
);
