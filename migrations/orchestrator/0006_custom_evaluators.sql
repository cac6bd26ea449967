CREATE TABLE "custom_evaluators" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"name" text NOT NULL,
	"rubric" text NOT NULL,
	"labels" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"sample_rate" real,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "custom_evaluators_org_name_idx" ON "custom_evaluators" USING btree ("org_id","name");