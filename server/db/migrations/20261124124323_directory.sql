CREATE TABLE "directory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_m49" char(3) NOT NULL,
	"kind" text NOT NULL,
	"slot_role" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"version" integer NOT NULL,
	"details" jsonb NOT NULL,
	"search_text" text NOT NULL,
	"available_24_7" boolean NOT NULL,
	"languages" text[] NOT NULL,
	"key_fingerprint" text,
	"key_expires_at" timestamp with time zone,
	"last_verified_at" timestamp with time zone NOT NULL,
	"last_confirmed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "directory_entries_status_check" CHECK ("directory_entries"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "directory_entry_versions" (
	"entry_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"change" text NOT NULL,
	"status" text NOT NULL,
	"details" jsonb NOT NULL,
	"key_fingerprint" text,
	"key_expires_at" timestamp with time zone,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by_label" text NOT NULL,
	"changed_by_account_id" uuid,
	"nomination_id" uuid,
	CONSTRAINT "directory_entry_versions_entry_id_version_pk" PRIMARY KEY("entry_id","version")
);
--> statement-breakpoint
CREATE TABLE "nomination_documents" (
	"nomination_id" uuid PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"state_m49" char(3) NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"target_entry_id" uuid,
	"resulting_entry_id" uuid,
	"details" jsonb,
	"key_fingerprint" text,
	"key_expires_at" timestamp with time zone,
	"reason" text,
	"note_verbale_ref" text NOT NULL,
	"note_verbale_date" date NOT NULL,
	"submitted_by_account_id" uuid,
	"submitted_by_label" text NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by_label" text,
	"decided_at" timestamp with time zone,
	"rejection_reason" text,
	"acceptance_token_hash" text,
	"acceptance_expires_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purpose" text NOT NULL,
	"recipient" text NOT NULL,
	"locale" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"body_sha256" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"message_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "reminder_ledger" (
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_ledger_kind_subject_id_due_at_pk" PRIMARY KEY("kind","subject_id","due_at")
);
--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_state_m49_states_m49_fk" FOREIGN KEY ("state_m49") REFERENCES "public"."states"("m49") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entry_versions" ADD CONSTRAINT "directory_entry_versions_entry_id_directory_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nomination_documents" ADD CONSTRAINT "nomination_documents_nomination_id_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_state_m49_states_m49_fk" FOREIGN KEY ("state_m49") REFERENCES "public"."states"("m49") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_target_entry_id_directory_entries_id_fk" FOREIGN KEY ("target_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "nominations" ADD CONSTRAINT "nominations_resulting_entry_id_directory_entries_id_fk" FOREIGN KEY ("resulting_entry_id") REFERENCES "public"."directory_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_entries_state_idx" ON "directory_entries" USING btree ("state_m49","status");--> statement-breakpoint
CREATE INDEX "directory_entries_confirmed_idx" ON "directory_entries" USING btree ("last_confirmed_at");--> statement-breakpoint
CREATE INDEX "nominations_state_status_idx" ON "nominations" USING btree ("state_m49","status");--> statement-breakpoint
CREATE UNIQUE INDEX "nominations_token_key" ON "nominations" USING btree ("acceptance_token_hash");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("status","next_attempt_at");