-- Runs once, when the database volume is new. Tandem connects as an ordinary role: a superuser
-- (which POSTGRES_USER is in this image) would bypass the row-level security policies.
create role tandem login password 'tandem' nosuperuser nobypassrls;
create database tandem owner tandem;
