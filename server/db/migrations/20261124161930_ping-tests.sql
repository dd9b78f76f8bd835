CREATE TABLE "ping_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial" bigserial NOT NULL,
	"reference" text NOT NULL,
	"series_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"title" text,
	"exercise" boolean NOT NULL,
	"targets" jsonb NOT NULL,
	"channels" text[] NOT NULL,
	"deadline_mode" text NOT NULL,
	"deadline_at" timestamp with time zone,
	"business_hours" integer,
	"reminder_hours" integer[] NOT NULL,
	"recurrence_months" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"target_count" integer NOT NULL,
	"created_by_account_id" uuid,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ping_campaigns_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "ping_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"state_m49" char(3) NOT NULL,
	"kind" text NOT NULL,
	"slot_role" text NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"time_zone" text NOT NULL,
	"locale" text,
	"due_at" timestamp with time zone NOT NULL,
	"notified_at" timestamp with time zone,
	"closes_at" timestamp with time zone NOT NULL,
	"outbox_id" uuid,
	"key_problem" text,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_via" text
);
--> statement-breakpoint
CREATE TABLE "ping_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"target_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "leased_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ping_campaigns" ADD CONSTRAINT "ping_campaigns_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ping_targets" ADD CONSTRAINT "ping_targets_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ping_tokens" ADD CONSTRAINT "ping_tokens_target_id_ping_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."ping_targets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ping_campaigns_series_sequence" ON "ping_campaigns" USING btree ("series_id","sequence");--> statement-breakpoint
CREATE UNIQUE INDEX "ping_targets_campaign_entry" ON "ping_targets" USING btree ("campaign_id","entry_id");--> statement-breakpoint
CREATE INDEX "ping_targets_undispatched" ON "ping_targets" USING btree ("campaign_id") WHERE notified_at is null;--> statement-breakpoint
CREATE INDEX "ping_targets_email" ON "ping_targets" USING btree (lower("email"));