-- Tasks get a priority (TaskCreated schema 2). Existing tasks were created without one: normal.
alter table tracker_task add column priority varchar(8) default 'normal' not null;
alter table task_board add column priority varchar(8) default 'normal' not null;
