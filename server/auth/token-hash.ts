import { createHash } from 'node:crypto';

/**
 * What the database keeps of a bearer token (session cookie, acceptance or acknowledgement link):
 * its SHA-256, so a copy of the database grants nothing.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
