CREATE TABLE "acknowledgement_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"recipient_id" uuid NOT NULL,
	"entry_id" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "communication_addressees" (
	"communication_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"state_m49" char(3) NOT NULL,
	"email" text NOT NULL,
	CONSTRAINT "communication_addressees_communication_id_entry_id_pk" PRIMARY KEY("communication_id","entry_id")
);
--> statement-breakpoint
CREATE TABLE "communication_attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"communication_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communication_recipients" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"communication_id" uuid NOT NULL,
	"state_m49" char(3) NOT NULL,
	"addressed_kind" text,
	"status" text DEFAULT 'sent' NOT NULL,
	"acknowledge_due_at" timestamp with time zone NOT NULL,
	"response_due_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"serial" bigserial NOT NULL,
	"reference" text NOT NULL,
	"thread_id" uuid NOT NULL,
	"parent_id" uuid,
	"type" text NOT NULL,
	"template_version" integer NOT NULL,
	"tlp" text NOT NULL,
	"urgency" text NOT NULL,
	"requested_response_hours" integer,
	"own_reference" text,
	"sender_state_m49" char(3) NOT NULL,
	"sender_account_id" uuid,
	"sender_label" text NOT NULL,
	"language" text NOT NULL,
	"content" jsonb NOT NULL,
	"content_sha256" text NOT NULL,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communications_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "encrypted" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "acknowledgement_tokens" ADD CONSTRAINT "acknowledgement_tokens_recipient_id_communication_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."communication_recipients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acknowledgement_tokens" ADD CONSTRAINT "acknowledgement_tokens_entry_id_directory_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_addressees" ADD CONSTRAINT "communication_addressees_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_addressees" ADD CONSTRAINT "communication_addressees_entry_id_directory_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_attachments" ADD CONSTRAINT "communication_attachments_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_recipients" ADD CONSTRAINT "communication_recipients_communication_id_communications_id_fk" FOREIGN KEY ("communication_id") REFERENCES "public"."communications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_recipients" ADD CONSTRAINT "communication_recipients_state_m49_states_m49_fk" FOREIGN KEY ("state_m49") REFERENCES "public"."states"("m49") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_sender_state_m49_states_m49_fk" FOREIGN KEY ("sender_state_m49") REFERENCES "public"."states"("m49") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communications" ADD CONSTRAINT "communications_sender_account_id_accounts_id_fk" FOREIGN KEY ("sender_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "communication_recipients_unique" ON "communication_recipients" USING btree ("communication_id","state_m49");--> statement-breakpoint
CREATE INDEX "communication_recipients_state_idx" ON "communication_recipients" USING btree ("state_m49","status");--> statement-breakpoint
CREATE INDEX "communications_thread_idx" ON "communications" USING btree ("thread_id","created_at");