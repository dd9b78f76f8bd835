import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Column helpers shared by the schema files. */
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
