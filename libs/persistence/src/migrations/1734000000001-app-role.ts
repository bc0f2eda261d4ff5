import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The role the hub connects as (DATABASE_URL); migrations run as the tables' owner (MIGRATION_DATABASE_URL). */
export const APP_ROLE = 'zhijian_app';

/**
 * The hub as its own PostgreSQL role: no superuser, owner of nothing, so that it can neither
 * drop nor disable the audit log's triggers; it may read and write the tables it uses but
 * not UPDATE, DELETE or TRUNCATE `audit_log` or `audit_epoch`, nor write the migrations table.
 * Roles are cluster-wide: the role is created here when missing (a superuser or CREATEROLE
 * runner; `deploy/local/stack.sh up` creates it too), tolerating a concurrent creation.
 * Default privileges give it the tables and sequences later migrations create, as long as
 * they run as the same role as this one.
 */
export class AppRole1734000000001 implements MigrationInterface {
  name = 'AppRole1734000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      do $$
      declare
        runner pg_roles%rowtype;
        app pg_roles%rowtype;
      begin
        select * into runner from pg_roles where rolname = current_user;
        select * into app from pg_roles where rolname = '${APP_ROLE}';
        if app.rolname is null then
          if not (runner.rolsuper or runner.rolcreaterole) then
            raise exception 'role ${APP_ROLE} does not exist and % may not create it: run deploy/local/stack.sh up, or create it as a superuser', current_user;
          end if;
          begin
            create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole noinherit;
          exception when duplicate_object or unique_violation then
            null; -- created meanwhile by a migration of another database
          end;
        elsif runner.rolsuper and (app.rolsuper or not app.rolcanlogin or app.rolbypassrls) then
          alter role ${APP_ROLE} login nosuperuser nobypassrls;
        elsif app.rolsuper or app.rolbypassrls then
          raise exception 'role ${APP_ROLE} must not be a superuser';
        end if;
      end $$;
    `);
    await q.query(`
      grant usage on schema public to ${APP_ROLE};
      grant select, insert, update, delete on all tables in schema public to ${APP_ROLE};
      grant usage, select on all sequences in schema public to ${APP_ROLE};
      revoke update, delete, truncate on audit_log, audit_epoch from ${APP_ROLE};
      revoke insert, update, delete, truncate on migrations from ${APP_ROLE};
      alter default privileges in schema public grant select, insert, update, delete on tables to ${APP_ROLE};
      alter default privileges in schema public grant usage, select on sequences to ${APP_ROLE};
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      alter default privileges in schema public revoke select, insert, update, delete on tables from ${APP_ROLE};
      alter default privileges in schema public revoke usage, select on sequences from ${APP_ROLE};
      revoke all on all tables in schema public from ${APP_ROLE};
      revoke all on all sequences in schema public from ${APP_ROLE};
      revoke usage on schema public from ${APP_ROLE};
    `);
  }
}
