-- PostgreSQL only: row-level security, the second wall behind Hibernate's tenant discriminator.
-- A row is visible and writable only when its tenant_id is the session's tandem.tenant (set by
-- Tandem for every connection it uses on a tenant's behalf), or when tandem.tenant is the nil
-- uuid (platform work: authentication by key prefix, the operator's directory, rebuilds).
-- Unset or empty matches nothing. FORCE applies the policies to the table owner too; a superuser
-- still bypasses them, so Tandem must connect as an ordinary role (docs/adr/0006).
alter table tenancy_member enable row level security;
alter table tenancy_member force row level security;
create policy tenant_isolation on tenancy_member
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenancy_api_key enable row level security;
alter table tenancy_api_key force row level security;
create policy tenant_isolation on tenancy_api_key
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenancy_invitation enable row level security;
alter table tenancy_invitation force row level security;
create policy tenant_isolation on tenancy_invitation
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenant_member_list enable row level security;
alter table tenant_member_list force row level security;
create policy tenant_isolation on tenant_member_list
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenant_member_list_rebuild enable row level security;
alter table tenant_member_list_rebuild force row level security;
create policy tenant_isolation on tenant_member_list_rebuild
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenant_api_key_list enable row level security;
alter table tenant_api_key_list force row level security;
create policy tenant_isolation on tenant_api_key_list
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenant_api_key_list_rebuild enable row level security;
alter table tenant_api_key_list_rebuild force row level security;
create policy tenant_isolation on tenant_api_key_list_rebuild
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenant_audit_log enable row level security;
alter table tenant_audit_log force row level security;
create policy tenant_isolation on tenant_audit_log
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tenant_audit_log_rebuild enable row level security;
alter table tenant_audit_log_rebuild force row level security;
create policy tenant_isolation on tenant_audit_log_rebuild
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

