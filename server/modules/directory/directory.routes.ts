import { Type } from 'typebox';
import {
  ZCoverage,
  ZDirectoryEntry,
  ZEntryList,
  ZEntryListQuery,
  ZEntryParams,
  ZEntryWithHistory,
  ZExportQuery,
  ZPseudonymiseRequest,
} from '../../../common/schemas/directory.ts';
import { actorOf } from '../../http/authenticate.ts';
import { sendDownload } from '../../http/download.ts';
import type { App } from '../../http/fastify-types.ts';
import { getCoverage } from './coverage.service.ts';
import { confirmEntry, exportDirectory, getEntryWithHistory, listEntries } from './directory.service.ts';
import type { DirectoryDeps } from './nominations.service.ts';
import { pseudonymiseEntry } from './pseudonymise.service.ts';

const FILE = { 200: Type.String({ description: 'The file' }) };

export function directoryRoutes(app: App, deps: DirectoryDeps): void {
  app.get(
    '/api/v1/directory/entries',
    {
      config: { access: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary: 'Search and filter the directory (active entries unless includeRetired)',
        querystring: ZEntryListQuery,
        response: { 200: ZEntryList },
      },
    },
    async (request) => listEntries(deps, actorOf(request), request.query),
  );

  app.get(
    '/api/v1/directory/entries/:id',
    {
      config: { access: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary: 'One entry with every version, newest first',
        params: ZEntryParams,
        response: { 200: ZEntryWithHistory },
      },
    },
    async (request) => getEntryWithHistory(deps, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/directory/entries/:id/confirm',
    {
      config: { access: 'directory.confirm' },
      schema: {
        tags: ['directory'],
        summary: "The State's national authority confirms the entry is still valid",
        params: ZEntryParams,
        response: { 200: ZDirectoryEntry },
      },
    },
    async (request) => confirmEntry(deps, actorOf(request), request.params.id, request.id),
  );

  app.post(
    '/api/v1/directory/entries/:id/pseudonymise',
    {
      config: { access: 'directory.pseudonymise' },
      schema: {
        tags: ['directory'],
        summary:
          "The State's national authority replaces a retired contact's personal data with pseudonyms (cannot be undone)",
        params: ZEntryParams,
        body: ZPseudonymiseRequest,
        response: { 200: ZDirectoryEntry },
      },
    },
    async (request) => pseudonymiseEntry(deps, actorOf(request), request.params.id, request.id, request.body),
  );

  app.get(
    '/api/v1/directory/entries/:id/vcard',
    {
      config: { access: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary: 'One entry as a vCard 4.0 file',
        params: ZEntryParams,
        produces: ['text/vcard'],
        response: FILE,
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await exportDirectory(deps, actorOf(request), { format: 'vcard', entryId: request.params.id }, request.locale),
      ),
  );

  app.get(
    '/api/v1/directory/export',
    {
      config: { access: 'directory.read' },
      schema: {
        tags: ['directory'],
        summary: 'The directory, or one State, as vCard 4.0, CSV or JSON',
        querystring: ZExportQuery,
        produces: ['text/vcard', 'text/csv', 'application/json'],
        response: FILE,
      },
    },
    async (request, reply) =>
      sendDownload(reply, await exportDirectory(deps, actorOf(request), request.query, request.locale)),
  );

  app.get(
    '/api/v1/directory/coverage',
    {
      config: { access: 'directory.coverage' },
      schema: {
        tags: ['directory'],
        summary: "The directory manager's coverage view: participation, gaps, stale entries, pending nominations",
        response: { 200: ZCoverage },
      },
    },
    async (request) => getCoverage(deps, actorOf(request)),
  );
}
