CREATE TABLE "llm_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"orchestrator_id" text NOT NULL,
	"user_id" text,
	"endpoint" text NOT NULL,
	"provider" text,
	"model" text,
	"status" text NOT NULL,
	"error_code" text,
	"cached" boolean DEFAULT false NOT NULL,
	"stream" boolean DEFAULT false NOT NULL,
	"firewall_decision" text,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"total_tokens" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"latency_ms" real DEFAULT 0 NOT NULL,
	"ttft_ms" real,
	"overhead_ms" real,
	"attempts" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "system_metrics" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"orchestrator_id" text NOT NULL,
	"cpu_percent" real NOT NULL,
	"rss_bytes" double precision NOT NULL,
	"heap_used_bytes" double precision NOT NULL,
	"event_loop_p50_ms" real NOT NULL,
	"event_loop_p99_ms" real NOT NULL,
	"open_websockets" integer DEFAULT 0 NOT NULL,
	"inflight_requests" integer DEFAULT 0 NOT NULL,
	"queue_depth" integer DEFAULT 0 NOT NULL,
	"dropped_total" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "llm_requests_org_created_idx" ON "llm_requests" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "llm_requests_user_created_idx" ON "llm_requests" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "system_metrics_created_idx" ON "system_metrics" USING btree ("orchestrator_id","created_at");