CREATE TABLE "prompt_logging_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"from_mode" text NOT NULL,
	"to_mode" text NOT NULL,
	"changed_by" text,
	"changed_by_username" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prompt_logging_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "prompt_logging_changes_org_idx" ON "prompt_logging_changes" USING btree ("org_id","changed_at");