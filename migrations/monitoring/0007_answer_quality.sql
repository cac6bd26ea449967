CREATE TABLE "eval_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"created_by" text NOT NULL,
	"status" text NOT NULL,
	"models" jsonb NOT NULL,
	"evaluators" jsonb NOT NULL,
	"request_ids" jsonb NOT NULL,
	"total" integer NOT NULL,
	"completed" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "request_evaluations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"request_id" text NOT NULL,
	"evaluator" text NOT NULL,
	"label" text NOT NULL,
	"score" real NOT NULL,
	"explanation" text NOT NULL,
	"model" text,
	"judge_model" text NOT NULL,
	"judge_request_id" text,
	"cost_usd" double precision DEFAULT 0 NOT NULL,
	"run_id" text,
	"request_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "request_feedback" (
	"org_id" text NOT NULL,
	"request_id" text NOT NULL,
	"user_id" text NOT NULL,
	"score" smallint NOT NULL,
	"comment" text,
	"model" text,
	"request_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "request_feedback_org_id_request_id_user_id_pk" PRIMARY KEY("org_id","request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "request_spans" (
	"request_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"trace_id" text NOT NULL,
	"span_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "eval_runs_org_created_idx" ON "eval_runs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "request_evaluations_request_evaluator_idx" ON "request_evaluations" USING btree ("request_id","evaluator");--> statement-breakpoint
CREATE INDEX "request_evaluations_org_request_at_idx" ON "request_evaluations" USING btree ("org_id","request_at");--> statement-breakpoint
CREATE INDEX "request_evaluations_run_idx" ON "request_evaluations" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "request_feedback_org_request_at_idx" ON "request_feedback" USING btree ("org_id","request_at");--> statement-breakpoint
CREATE INDEX "request_spans_created_idx" ON "request_spans" USING btree ("created_at");