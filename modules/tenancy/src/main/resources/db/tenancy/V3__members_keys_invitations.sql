-- Issue 4: plans and suspension, member removal, named and expiring API keys with a keyed hash,
-- invitations, and the tenancy read models (members, API keys, audit log).
alter table tenancy_tenant add column plan varchar(32) default 'standard' not null;
alter table tenancy_member add column removed_at timestamp with time zone;

alter table tenancy_api_key add column name varchar(100) default 'sign-up' not null;
alter table tenancy_api_key add column expires_at timestamp with time zone;
-- Keys issued before the keyed hash keep their plain SHA-256 (they have 256 random bits either way).
alter table tenancy_api_key add column hash_scheme varchar(16) default 'sha256' not null;
create index tenancy_api_key_member on tenancy_api_key (tenant_id, member_id);

create table tenancy_invitation (
    id          uuid primary key,
    tenant_id   uuid         not null references tenancy_tenant (id),
    email       varchar(254) not null,
    role        varchar(16)  not null,
    token_hash  varchar(64)  not null,
    version     bigint       not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    accepted_at timestamp with time zone,
    member_id   uuid,
    constraint tenancy_invitation_token unique (tenant_id, token_hash)
);

alter table tenant_directory add column plan varchar(32) default 'standard' not null;
alter table tenant_directory_rebuild add column plan varchar(32) default 'standard' not null;

-- Read model: a tenant's members (active ones; a removed member's row goes).
create table tenant_member_list (
    tenant_id       uuid         not null,
    member_id       uuid         not null,
    email           varchar(254) not null,
    role            varchar(16)  not null,
    joined_at       timestamp with time zone not null,
    version         bigint       not null,
    global_position bigint       not null,
    primary key (tenant_id, member_id)
);
create table tenant_member_list_rebuild (
    tenant_id       uuid         not null,
    member_id       uuid         not null,
    email           varchar(254) not null,
    role            varchar(16)  not null,
    joined_at       timestamp with time zone not null,
    version         bigint       not null,
    global_position bigint       not null,
    primary key (tenant_id, member_id)
);

-- Read model: a tenant's API keys, metadata only (never a hash).
create table tenant_api_key_list (
    tenant_id       uuid         not null,
    api_key_id      uuid         not null,
    member_id       uuid         not null,
    prefix          varchar(16)  not null,
    name            varchar(100) not null,
    role            varchar(16)  not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone,
    revoked_at      timestamp with time zone,
    version         bigint       not null,
    global_position bigint       not null,
    primary key (tenant_id, api_key_id)
);
create table tenant_api_key_list_rebuild (
    tenant_id       uuid         not null,
    api_key_id      uuid         not null,
    member_id       uuid         not null,
    prefix          varchar(16)  not null,
    name            varchar(100) not null,
    role            varchar(16)  not null,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone,
    revoked_at      timestamp with time zone,
    version         bigint       not null,
    global_position bigint       not null,
    primary key (tenant_id, api_key_id)
);

-- Read model: the audit log, one row per recorded event (accepted commands) and per refused command.
create table tenant_audit_log (
    tenant_id       uuid          not null,
    global_position bigint        not null,
    occurred_at     timestamp with time zone not null,
    actor           varchar(200)  not null,
    command_id      uuid          not null,
    action          varchar(128)  not null,
    subject_type    varchar(64)   not null,
    subject_id      uuid          not null,
    outcome         varchar(16)   not null,
    detail          varchar(500),
    primary key (tenant_id, global_position)
);
create table tenant_audit_log_rebuild (
    tenant_id       uuid          not null,
    global_position bigint        not null,
    occurred_at     timestamp with time zone not null,
    actor           varchar(200)  not null,
    command_id      uuid          not null,
    action          varchar(128)  not null,
    subject_type    varchar(64)   not null,
    subject_id      uuid          not null,
    outcome         varchar(16)   not null,
    detail          varchar(500),
    primary key (tenant_id, global_position)
);

-- The member count of a tenant is now counted from tenant_member_list when asked.
alter table tenant_directory drop column member_count;
alter table tenant_directory_rebuild drop column member_count;

-- A member's first key (from sign-up or an invitation) acts with the member's current role, so a
-- promotion or demotion applies to it; keys issued later keep their own role, capped by the member's.
alter table tenancy_api_key add column follows_member boolean default false not null;
update tenancy_api_key set follows_member = true where name = 'sign-up';
