ALTER TABLE "llm_requests" ADD COLUMN "saved_cost_usd" double precision;--> statement-breakpoint
CREATE INDEX "system_metrics_created_at_idx" ON "system_metrics" USING btree ("created_at");