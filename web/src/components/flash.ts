/**
 * A message for the next page ("Nomination submitted"), shown once after navigating there.
 * Kept in memory only: a reload does not repeat it.
 */
export interface Flash {
  kind: 'success' | 'error';
  text: string;
}

let pending: Flash[] = [];

export function setFlash(...messages: Flash[]): void {
  pending = messages;
}

export function takeFlash(): Flash[] {
  const messages = pending;
  pending = [];
  return messages;
}
