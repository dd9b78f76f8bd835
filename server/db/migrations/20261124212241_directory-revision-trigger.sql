-- The directory's revision: one row, bumped once per statement that changes entries or States.
-- pocdir restore sets pocdir.restoring so the restored row keeps the backup's value.
INSERT INTO "directory_revision" ("id", "revision") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION bump_directory_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('pocdir.restoring', true), '') <> 'on' THEN
    UPDATE directory_revision SET revision = revision + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER directory_entries_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON directory_entries
  FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_revision();
--> statement-breakpoint
CREATE TRIGGER states_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON states
  FOR EACH STATEMENT EXECUTE FUNCTION bump_directory_revision();
