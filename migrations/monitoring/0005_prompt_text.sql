CREATE TABLE "prompt_text_access" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_username" text NOT NULL,
	"actor_role" text NOT NULL,
	"request_id" text,
	"subject_user_id" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prompt_text_erasures" (
	"org_id" text NOT NULL,
	"user_id" text NOT NULL,
	"erased_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prompt_text_erasures_org_id_user_id_pk" PRIMARY KEY("org_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "prompt_texts" (
	"request_id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text,
	"mode" text NOT NULL,
	"prompt" text NOT NULL,
	"prompt_length" integer NOT NULL,
	"response" text,
	"response_length" integer,
	"findings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "prompt_text_access_org_at_idx" ON "prompt_text_access" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "prompt_texts_org_created_idx" ON "prompt_texts" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "prompt_texts_user_idx" ON "prompt_texts" USING btree ("org_id","user_id");