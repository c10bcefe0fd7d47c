CREATE TABLE "classification_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"regime" text NOT NULL,
	"status" text NOT NULL,
	"description" text NOT NULL,
	"proposed_number" text,
	"product" jsonb NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_on" date NOT NULL,
	"due_on" date,
	"control_number" text,
	"reasons" text,
	"answered_by" uuid,
	"answered_on" date,
	"valid_until" date,
	"classification_id" uuid,
	"history" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "classification_request_id" uuid;--> statement-breakpoint
ALTER TABLE "product_classifications" ADD COLUMN "kind" text DEFAULT 'self' NOT NULL;--> statement-breakpoint
ALTER TABLE "product_classifications" ADD COLUMN "request_id" uuid;--> statement-breakpoint
ALTER TABLE "classification_requests" ADD CONSTRAINT "classification_requests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_requests" ADD CONSTRAINT "classification_requests_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_requests" ADD CONSTRAINT "classification_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_requests" ADD CONSTRAINT "classification_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "classification_requests" ADD CONSTRAINT "classification_requests_classification_id_product_classifications_id_fk" FOREIGN KEY ("classification_id") REFERENCES "public"."product_classifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "classification_requests_org" ON "classification_requests" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "classification_requests_queue" ON "classification_requests" USING btree ("regime","status","due_on");--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_classification_request_id_classification_requests_id_fk" FOREIGN KEY ("classification_request_id") REFERENCES "public"."classification_requests"("id") ON DELETE no action ON UPDATE no action;