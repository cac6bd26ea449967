CREATE TABLE "llm_latency_hourly" (
	"org_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"metric" text NOT NULL,
	"bucket" smallint NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "llm_latency_hourly_org_id_hour_metric_bucket_pk" PRIMARY KEY("org_id","hour","metric","bucket")
);
--> statement-breakpoint
CREATE TABLE "llm_requests_hourly" (
	"org_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"provider" text NOT NULL,
	"model" text NOT NULL,
	"requests" integer NOT NULL,
	"successes" integer NOT NULL,
	"errors" integer NOT NULL,
	"blocked" integer NOT NULL,
	"cancelled" integer NOT NULL,
	"cache_hits" integer NOT NULL,
	"cache_misses" integer NOT NULL,
	"tokens_in" bigint NOT NULL,
	"tokens_out" bigint NOT NULL,
	"cost_usd" double precision NOT NULL,
	"tokens_saved" bigint NOT NULL,
	"cost_saved_usd" double precision NOT NULL,
	"latency_sum_ms" double precision NOT NULL,
	"ttft_sum_ms" double precision NOT NULL,
	"ttft_count" integer NOT NULL,
	CONSTRAINT "llm_requests_hourly_org_id_hour_provider_model_pk" PRIMARY KEY("org_id","hour","provider","model")
);
--> statement-breakpoint
CREATE TABLE "llm_requests_user_daily" (
	"org_id" text NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"requests" integer NOT NULL,
	"successes" integer NOT NULL,
	"errors" integer NOT NULL,
	"blocked" integer NOT NULL,
	"cancelled" integer NOT NULL,
	"cache_hits" integer NOT NULL,
	"cache_misses" integer NOT NULL,
	"tokens_in" bigint NOT NULL,
	"tokens_out" bigint NOT NULL,
	"cost_usd" double precision NOT NULL,
	"tokens_saved" bigint NOT NULL,
	"cost_saved_usd" double precision NOT NULL,
	"latency_sum_ms" double precision NOT NULL,
	"ttft_sum_ms" double precision NOT NULL,
	"ttft_count" integer NOT NULL,
	CONSTRAINT "llm_requests_user_daily_org_id_day_user_id_pk" PRIMARY KEY("org_id","day","user_id")
);
--> statement-breakpoint
CREATE TABLE "llm_requests_user_hourly" (
	"org_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"user_id" text NOT NULL,
	"requests" integer NOT NULL,
	"successes" integer NOT NULL,
	"errors" integer NOT NULL,
	"blocked" integer NOT NULL,
	"cancelled" integer NOT NULL,
	"cache_hits" integer NOT NULL,
	"cache_misses" integer NOT NULL,
	"tokens_in" bigint NOT NULL,
	"tokens_out" bigint NOT NULL,
	"cost_usd" double precision NOT NULL,
	"tokens_saved" bigint NOT NULL,
	"cost_saved_usd" double precision NOT NULL,
	"latency_sum_ms" double precision NOT NULL,
	"ttft_sum_ms" double precision NOT NULL,
	"ttft_count" integer NOT NULL,
	CONSTRAINT "llm_requests_user_hourly_org_id_hour_user_id_pk" PRIMARY KEY("org_id","hour","user_id")
);
--> statement-breakpoint
-- Backfill: roll up the requests recorded before this migration (the same statements as src/monitoring/rollup.ts rollupUpserts).
insert into llm_requests_hourly (org_id, hour, provider, model, requests, successes, errors, blocked, cancelled, cache_hits, cache_misses, tokens_in, tokens_out, cost_usd, tokens_saved, cost_saved_usd, latency_sum_ms, ttft_sum_ms, ttft_count)
  select org_id, date_bin(interval '1 hour', created_at, timestamptz '2000-01-01T00:00:00Z'), coalesce(provider, ''), coalesce(model, ''), count(*)::int as requests, count(*) filter (where status = 'success')::int as successes, count(*) filter (where status = 'error')::int as errors, count(*) filter (where status = 'blocked')::int as blocked, count(*) filter (where status = 'cancelled')::int as cancelled, count(*) filter (where cached)::int as cache_hits, count(*) filter (where not cached and firewall_decision in ('allow', 'redact', 'logged'))::int as cache_misses, coalesce(sum(prompt_tokens) filter (where not cached), 0)::bigint as tokens_in, coalesce(sum(completion_tokens) filter (where not cached), 0)::bigint as tokens_out, coalesce(sum(cost_usd), 0)::float8 as cost_usd, coalesce(sum(total_tokens) filter (where cached), 0)::bigint as tokens_saved, coalesce(sum(saved_cost_usd) filter (where cached), 0)::float8 as cost_saved_usd, coalesce(sum(latency_ms::float8) filter (where status = 'success'), 0) as latency_sum_ms, coalesce(sum(ttft_ms::float8) filter (where status = 'success'), 0) as ttft_sum_ms, count(ttft_ms) filter (where status = 'success')::int as ttft_count
  from llm_requests group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (org_id, hour, provider, model) do update set requests = llm_requests_hourly.requests + excluded.requests, successes = llm_requests_hourly.successes + excluded.successes, errors = llm_requests_hourly.errors + excluded.errors, blocked = llm_requests_hourly.blocked + excluded.blocked, cancelled = llm_requests_hourly.cancelled + excluded.cancelled, cache_hits = llm_requests_hourly.cache_hits + excluded.cache_hits, cache_misses = llm_requests_hourly.cache_misses + excluded.cache_misses, tokens_in = llm_requests_hourly.tokens_in + excluded.tokens_in, tokens_out = llm_requests_hourly.tokens_out + excluded.tokens_out, cost_usd = llm_requests_hourly.cost_usd + excluded.cost_usd, tokens_saved = llm_requests_hourly.tokens_saved + excluded.tokens_saved, cost_saved_usd = llm_requests_hourly.cost_saved_usd + excluded.cost_saved_usd, latency_sum_ms = llm_requests_hourly.latency_sum_ms + excluded.latency_sum_ms, ttft_sum_ms = llm_requests_hourly.ttft_sum_ms + excluded.ttft_sum_ms, ttft_count = llm_requests_hourly.ttft_count + excluded.ttft_count;
--> statement-breakpoint
insert into llm_requests_user_hourly (org_id, hour, user_id, requests, successes, errors, blocked, cancelled, cache_hits, cache_misses, tokens_in, tokens_out, cost_usd, tokens_saved, cost_saved_usd, latency_sum_ms, ttft_sum_ms, ttft_count)
  select org_id, date_bin(interval '1 hour', created_at, timestamptz '2000-01-01T00:00:00Z'), coalesce(user_id, ''), count(*)::int as requests, count(*) filter (where status = 'success')::int as successes, count(*) filter (where status = 'error')::int as errors, count(*) filter (where status = 'blocked')::int as blocked, count(*) filter (where status = 'cancelled')::int as cancelled, count(*) filter (where cached)::int as cache_hits, count(*) filter (where not cached and firewall_decision in ('allow', 'redact', 'logged'))::int as cache_misses, coalesce(sum(prompt_tokens) filter (where not cached), 0)::bigint as tokens_in, coalesce(sum(completion_tokens) filter (where not cached), 0)::bigint as tokens_out, coalesce(sum(cost_usd), 0)::float8 as cost_usd, coalesce(sum(total_tokens) filter (where cached), 0)::bigint as tokens_saved, coalesce(sum(saved_cost_usd) filter (where cached), 0)::float8 as cost_saved_usd, coalesce(sum(latency_ms::float8) filter (where status = 'success'), 0) as latency_sum_ms, coalesce(sum(ttft_ms::float8) filter (where status = 'success'), 0) as ttft_sum_ms, count(ttft_ms) filter (where status = 'success')::int as ttft_count
  from llm_requests group by 1, 2, 3 order by 1, 2, 3
  on conflict (org_id, hour, user_id) do update set requests = llm_requests_user_hourly.requests + excluded.requests, successes = llm_requests_user_hourly.successes + excluded.successes, errors = llm_requests_user_hourly.errors + excluded.errors, blocked = llm_requests_user_hourly.blocked + excluded.blocked, cancelled = llm_requests_user_hourly.cancelled + excluded.cancelled, cache_hits = llm_requests_user_hourly.cache_hits + excluded.cache_hits, cache_misses = llm_requests_user_hourly.cache_misses + excluded.cache_misses, tokens_in = llm_requests_user_hourly.tokens_in + excluded.tokens_in, tokens_out = llm_requests_user_hourly.tokens_out + excluded.tokens_out, cost_usd = llm_requests_user_hourly.cost_usd + excluded.cost_usd, tokens_saved = llm_requests_user_hourly.tokens_saved + excluded.tokens_saved, cost_saved_usd = llm_requests_user_hourly.cost_saved_usd + excluded.cost_saved_usd, latency_sum_ms = llm_requests_user_hourly.latency_sum_ms + excluded.latency_sum_ms, ttft_sum_ms = llm_requests_user_hourly.ttft_sum_ms + excluded.ttft_sum_ms, ttft_count = llm_requests_user_hourly.ttft_count + excluded.ttft_count;
--> statement-breakpoint
insert into llm_requests_user_daily (org_id, day, user_id, requests, successes, errors, blocked, cancelled, cache_hits, cache_misses, tokens_in, tokens_out, cost_usd, tokens_saved, cost_saved_usd, latency_sum_ms, ttft_sum_ms, ttft_count)
  select org_id, date_bin(interval '1 day', created_at, timestamptz '2000-01-01T00:00:00Z'), coalesce(user_id, ''), count(*)::int as requests, count(*) filter (where status = 'success')::int as successes, count(*) filter (where status = 'error')::int as errors, count(*) filter (where status = 'blocked')::int as blocked, count(*) filter (where status = 'cancelled')::int as cancelled, count(*) filter (where cached)::int as cache_hits, count(*) filter (where not cached and firewall_decision in ('allow', 'redact', 'logged'))::int as cache_misses, coalesce(sum(prompt_tokens) filter (where not cached), 0)::bigint as tokens_in, coalesce(sum(completion_tokens) filter (where not cached), 0)::bigint as tokens_out, coalesce(sum(cost_usd), 0)::float8 as cost_usd, coalesce(sum(total_tokens) filter (where cached), 0)::bigint as tokens_saved, coalesce(sum(saved_cost_usd) filter (where cached), 0)::float8 as cost_saved_usd, coalesce(sum(latency_ms::float8) filter (where status = 'success'), 0) as latency_sum_ms, coalesce(sum(ttft_ms::float8) filter (where status = 'success'), 0) as ttft_sum_ms, count(ttft_ms) filter (where status = 'success')::int as ttft_count
  from llm_requests group by 1, 2, 3 order by 1, 2, 3
  on conflict (org_id, day, user_id) do update set requests = llm_requests_user_daily.requests + excluded.requests, successes = llm_requests_user_daily.successes + excluded.successes, errors = llm_requests_user_daily.errors + excluded.errors, blocked = llm_requests_user_daily.blocked + excluded.blocked, cancelled = llm_requests_user_daily.cancelled + excluded.cancelled, cache_hits = llm_requests_user_daily.cache_hits + excluded.cache_hits, cache_misses = llm_requests_user_daily.cache_misses + excluded.cache_misses, tokens_in = llm_requests_user_daily.tokens_in + excluded.tokens_in, tokens_out = llm_requests_user_daily.tokens_out + excluded.tokens_out, cost_usd = llm_requests_user_daily.cost_usd + excluded.cost_usd, tokens_saved = llm_requests_user_daily.tokens_saved + excluded.tokens_saved, cost_saved_usd = llm_requests_user_daily.cost_saved_usd + excluded.cost_saved_usd, latency_sum_ms = llm_requests_user_daily.latency_sum_ms + excluded.latency_sum_ms, ttft_sum_ms = llm_requests_user_daily.ttft_sum_ms + excluded.ttft_sum_ms, ttft_count = llm_requests_user_daily.ttft_count + excluded.ttft_count;
--> statement-breakpoint
insert into llm_latency_hourly (org_id, hour, metric, bucket, n)
  select org_id, date_bin(interval '1 hour', created_at, timestamptz '2000-01-01T00:00:00Z'), v.metric, least(191, greatest(0, floor(ln(greatest(v.ms::float8, 0.1) / 0.1) * 11.541560327111707::float8)))::smallint, count(*)::int
  from llm_requests, lateral (values ('latency', latency_ms), ('ttft', ttft_ms)) as v(metric, ms)
  where status = 'success' and v.ms is not null
  group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (org_id, hour, metric, bucket) do update set n = llm_latency_hourly.n + excluded.n;
