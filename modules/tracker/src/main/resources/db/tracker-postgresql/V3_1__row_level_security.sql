-- PostgreSQL only: row-level security, the second wall behind Hibernate's tenant discriminator.
-- A row is visible and writable only when its tenant_id is the session's tandem.tenant (set by
-- Tandem for every connection it uses on a tenant's behalf), or when tandem.tenant is the nil
-- uuid (platform work: authentication by key prefix, the operator's directory, rebuilds).
-- Unset or empty matches nothing. FORCE applies the policies to the table owner too; a superuser
-- still bypasses them, so Tandem must connect as an ordinary role (docs/adr/0006).
alter table tracker_project enable row level security;
alter table tracker_project force row level security;
create policy tenant_isolation on tracker_project
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table tracker_task enable row level security;
alter table tracker_task force row level security;
create policy tenant_isolation on tracker_task
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table project_list enable row level security;
alter table project_list force row level security;
create policy tenant_isolation on project_list
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table project_list_rebuild enable row level security;
alter table project_list_rebuild force row level security;
create policy tenant_isolation on project_list_rebuild
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table task_board enable row level security;
alter table task_board force row level security;
create policy tenant_isolation on task_board
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

alter table task_board_rebuild enable row level security;
alter table task_board_rebuild force row level security;
create policy tenant_isolation on task_board_rebuild
    using (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000')
    with check (tenant_id = nullif(current_setting('tandem.tenant', true), '')::uuid
           or current_setting('tandem.tenant', true) = '00000000-0000-0000-0000-000000000000');

