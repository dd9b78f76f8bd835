import { describe, expect, it } from 'vitest';
import { groupInFours, recoveryCodesFile, svgDataUrl } from './secret-format.ts';

describe('secret formatting', () => {
  it('groups a base32 secret in fours, whatever spaces it came with', () => {
    expect(groupInFours('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(groupInFours('ABCDE F')).toBe('ABCD EF');
    expect(groupInFours('')).toBe('');
  });

  it('encodes the SVG as a base64 data address that decodes to the same markup, non-ASCII included', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>رمز</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const decoded = Buffer.from(url.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
    expect(decoded).toBe(svg);
  });

  it('writes one recovery code a line under the heading', () => {
    expect(recoveryCodesFile('pocdir', ['aaaa-bbbb', 'cccc-dddd'])).toBe('pocdir\n\naaaa-bbbb\ncccc-dddd\n');
  });
});
