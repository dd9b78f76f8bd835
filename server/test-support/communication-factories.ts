import type { SendRequest } from '../../common/schemas/communications.ts';

/** A valid request for information to the technical contacts of `stateM49`; override what the test is about. */
export function sendRequest(stateM49: string, overrides: Partial<SendRequest> = {}): SendRequest {
  return {
    type: 'request_for_information',
    recipients: [{ stateM49, kind: 'technical' }],
    tlp: 'TLP:AMBER',
    urgency: 'high',
    language: 'en',
    content: {
      summary: 'Scanning from addresses announced by your national ISP',
      informationRequested: 'Please tell us whether 203.0.113.7 belongs to a known botnet.',
      affectedSectors: ['energy'],
      impact: 'moderate',
      firstObservedAt: '2026-11-20T06:30:00Z',
    },
    ...overrides,
  };
}
