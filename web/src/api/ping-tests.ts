import type { Locale } from '../../../common/locales.ts';
import type { PingResult } from '../../../common/ping-tests.ts';
import type {
  CreatePingTestRequest,
  MyPingChecks,
  PingAcknowledgement,
  PingContacts,
  PingResults,
  PingTest,
  PingTestList,
  PingTrend,
} from '../../../common/schemas/ping-tests.ts';
import { download, request } from './client.ts';

const id = (value: string) => encodeURIComponent(value);

export const listPingTests = () => request<PingTestList>('GET', '/ping-tests');
export const createPingTest = (body: CreatePingTestRequest) => request<PingTest>('POST', '/ping-tests', { body });
export const getPingTrend = () => request<PingTrend>('GET', '/ping-tests/trend');
export const getPingTest = (campaignId: string) => request<PingTest>('GET', `/ping-tests/${id(campaignId)}`);
export const getPingResults = (campaignId: string) =>
  request<PingResults>('GET', `/ping-tests/${id(campaignId)}/results`);

export interface PingContactsFilter {
  result?: PingResult | undefined;
  stateM49?: string | undefined;
  limit: number;
  offset: number;
}

export const listPingContacts = (campaignId: string, filter: PingContactsFilter) =>
  request<PingContacts>('GET', `/ping-tests/${id(campaignId)}/contacts`, { query: { ...filter } });

/** The results as a file: CSV (one row per contact) or a PDF report in one of the six languages. */
export const downloadPingReport = (campaignId: string, format: 'csv' | 'pdf', language: Locale) =>
  download(`/ping-tests/${id(campaignId)}/export`, { format, language }, `ping-test.${format}`);

export const listMyPingChecks = () => request<MyPingChecks>('GET', '/ping-tests/mine');
export const acknowledgePingCheck = (targetId: string) =>
  request<PingAcknowledgement>('POST', `/ping-tests/checks/${id(targetId)}/acknowledge`);
export const acknowledgePingByLink = (token: string) =>
  request<PingAcknowledgement>('POST', '/ping-tests/acknowledge', { body: { token } });

export type MyPingCheck = MyPingChecks['items'][number];
export type PingTrendPoint = PingTrend['items'][number];
