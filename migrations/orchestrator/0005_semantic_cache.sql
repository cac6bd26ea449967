CREATE TABLE "semantic_cache_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"scope" text NOT NULL,
	"partition" text NOT NULL,
	"embedding_model" text NOT NULL,
	"embedding" "bytea" NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"format" text NOT NULL,
	"model" text NOT NULL,
	"provider" text NOT NULL,
	"usage" jsonb NOT NULL,
	"finish_reason" text NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"user_id" text,
	"request_id" text,
	"hits" integer DEFAULT 0 NOT NULL,
	"last_hit_at" timestamp with time zone,
	"last_similarity" real,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "semantic_cache_org_expires_idx" ON "semantic_cache_entries" USING btree ("org_id","expires_at");--> statement-breakpoint
CREATE INDEX "semantic_cache_org_created_idx" ON "semantic_cache_entries" USING btree ("org_id","created_at");