ALTER TABLE "communication_recipients" ADD COLUMN "message_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "communication_recipients" ADD COLUMN "red" boolean;--> statement-breakpoint
UPDATE "communication_recipients" r SET "message_at" = c."created_at", "red" = (c."tlp" = 'TLP:RED')
  FROM "communications" c WHERE c."id" = r."communication_id";--> statement-breakpoint
ALTER TABLE "communication_recipients" ALTER COLUMN "message_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "communication_recipients" ALTER COLUMN "red" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "communication_recipients_state_time_idx" ON "communication_recipients" USING btree ("state_m49","message_at");--> statement-breakpoint
CREATE INDEX "communication_recipients_red_idx" ON "communication_recipients" USING btree ("state_m49","status") WHERE "communication_recipients"."red";--> statement-breakpoint
CREATE INDEX "communications_red_idx" ON "communications" USING btree ("sender_state_m49","id") WHERE "communications"."tlp" = 'TLP:RED';