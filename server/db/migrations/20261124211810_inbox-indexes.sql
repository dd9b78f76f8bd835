DROP INDEX "communication_recipients_state_idx";--> statement-breakpoint
CREATE INDEX "communications_sender_idx" ON "communications" USING btree ("sender_state_m49","created_at");--> statement-breakpoint
CREATE INDEX "communication_recipients_state_idx" ON "communication_recipients" USING btree ("state_m49","status","communication_id");