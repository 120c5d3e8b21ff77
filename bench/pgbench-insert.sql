-- pgbench baseline for the decision POST: one single-row insert per transaction, autocommit
-- (synchronous commit, like the app's transaction). The scratch table is created by bench/run.sh:
--   create table if not exists public.bench_scratch (id bigint generated always as identity primary key,
--     payload text not null, created_at timestamptz not null default now());
insert into public.bench_scratch (payload) values (md5(random()::text));
