ALTER TABLE "messages" ADD COLUMN "cost_usd" double precision;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "cached" boolean;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "latency_ms" double precision;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "block_reasons" jsonb;