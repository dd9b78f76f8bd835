import type { ExportFormat, NominationStatus } from '../../../common/directory.ts';
import type {
  Coverage,
  DirectoryEntry,
  EntryListQuery,
  Nomination,
  NominationRequest,
} from '../../../common/schemas/directory.ts';
import { apiUrl, download, request } from './client.ts';
import type { AcceptancePreview, AcceptanceResult, EntryWithHistory, ImportResult } from './directory-types.ts';

const id = (value: string) => encodeURIComponent(value);

export const listEntries = (query: EntryListQuery) =>
  request<{ items: DirectoryEntry[]; total: number }>('GET', '/directory/entries', { query: { ...query } });
export const getEntry = (entryId: string) => request<EntryWithHistory>('GET', `/directory/entries/${id(entryId)}`);
export const confirmEntry = (entryId: string) =>
  request<DirectoryEntry>('POST', `/directory/entries/${id(entryId)}/confirm`);
export const downloadEntryVCard = (entryId: string) =>
  download(`/directory/entries/${id(entryId)}/vcard`, undefined, 'entry.vcf');
export const downloadExport = (format: ExportFormat, stateM49: string | undefined) =>
  download('/directory/export', { format, stateM49 }, `pocdir-directory.${format === 'vcard' ? 'vcf' : format}`);
export const getCoverage = () => request<Coverage>('GET', '/directory/coverage');

export const listNominations = (query: { status?: NominationStatus; stateM49?: string; open?: boolean }) =>
  request<{ items: Nomination[] }>('GET', '/nominations', { query });
export const submitNomination = (body: NominationRequest) => request<Nomination>('POST', '/nominations', { body });
export const getNomination = (nominationId: string) => request<Nomination>('GET', `/nominations/${id(nominationId)}`);
export const attachDocument = (nominationId: string, file: File) =>
  request<Nomination>('PUT', `/nominations/${id(nominationId)}/document`, {
    raw: { contentType: 'application/pdf', data: file, headers: { 'x-file-name': encodeURIComponent(file.name) } },
  });
/** A plain link: the browser opens or saves the PDF itself with the session cookie. */
export const documentUrl = (nominationId: string) => apiUrl(`/nominations/${id(nominationId)}/document`);
export const approveNomination = (nominationId: string) =>
  request<Nomination>('POST', `/nominations/${id(nominationId)}/approve`);
export const rejectNomination = (nominationId: string, reason: string) =>
  request<Nomination>('POST', `/nominations/${id(nominationId)}/reject`, { body: { reason } });
export const withdrawNomination = (nominationId: string) =>
  request<Nomination>('POST', `/nominations/${id(nominationId)}/withdraw`);
export const resendNomination = (nominationId: string) =>
  request<Nomination>('POST', `/nominations/${id(nominationId)}/resend`);
export const importNominations = (csv: string) =>
  request<ImportResult>('POST', '/nominations/import', { raw: { contentType: 'text/csv', data: csv } });
export const downloadImportTemplate = () =>
  download('/nominations/import-template', undefined, 'pocdir-nominations-template.csv');

export const previewAcceptance = (token: string) =>
  request<AcceptancePreview>('POST', '/acceptance/preview', { body: { token } });
export const acceptNomination = (token: string) =>
  request<AcceptanceResult>('POST', '/acceptance', { body: { token } });
