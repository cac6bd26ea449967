ALTER TABLE "users" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "created_in_dev_mode" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The password-free development users made before this column existed exist only for development too.
UPDATE "users" SET "created_in_dev_mode" = true WHERE "id" IN ('dev_dinakar', 'dev_amogh', 'dev_gabriella') AND "password_hash" IS NULL;
