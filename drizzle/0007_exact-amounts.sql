ALTER TABLE "usage_entries" ALTER COLUMN "quantity" SET DATA TYPE numeric(24, 6);--> statement-breakpoint
ALTER TABLE "usage_entries" ALTER COLUMN "value" SET DATA TYPE bigint;--> statement-breakpoint
CREATE INDEX "usage_ref" ON "usage_entries" USING btree ("licence_id","line","shipment_ref");