import { describe, expect, it } from 'vitest';
import { formatDuration } from './ping-labels.ts';

describe('formatDuration', () => {
  it('writes times to acknowledge as the PDF report does', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(25 * 60)).toBe('25 min');
    expect(formatDuration(3600 + 5 * 60)).toBe('1 h 05 min');
    expect(formatDuration(47 * 3600 + 59 * 60)).toBe('47 h 59 min');
    expect(formatDuration(3 * 86400 + 4 * 3600 + 120)).toBe('3 d 4 h');
  });
});
