import fs from 'node:fs';
import { Value } from 'typebox/value';
import { TEMPLATE_FIELDS, type TemplateValues } from '../common/communication-templates.ts';
import { ADDRESSABLE_KINDS, TLP_LABELS, URGENCIES, type TlpLabel } from '../common/communications.ts';
import type { FieldError } from '../common/errors.ts';
import {
  ZReplyRequest,
  ZSendRequest,
  type InboxQuery,
  type ReplyRequest,
  type SendRequest,
} from '../common/schemas/communications.ts';
import type { AccountActor } from '../server/auth/actor.ts';
import { prepareDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { AppError } from '../server/errors.ts';
import { actOnCommunication } from '../server/modules/communications/communication-lifecycle.service.ts';
import { getThread, listInbox } from '../server/modules/communications/communication-read.service.ts';
import {
  replyToCommunication,
  sendCommunication,
  type CommunicationDeps,
} from '../server/modules/communications/communications.service.ts';
import { actingAs } from './acting-as.ts';
import { ownStatus, printList, printThread } from './communications-output.ts';
import { requiredOption, stringOption, UsageError, type Command, type Io, type ParsedArgs } from './command.ts';

const VERBS = ['send', 'list', 'show', 'ack', 'status', 'answer'] as const;
type Verb = (typeof VERBS)[number];

/** The options each verb takes; any other option is a usage error, never silently ignored. */
const VERB_OPTIONS: Record<Verb, readonly string[]> = {
  send: ['as', 'to', 'kind', 'type', 'tlp', 'urgency', 'response-hours', 'reference', 'language', 'content'],
  list: ['as', 'direction', 'q', 'json'],
  show: ['as', 'json'],
  ack: ['as'],
  status: ['as', 'action', 'reason'],
  answer: ['as', 'language', 'content', 'tlp'],
};

const SEND_TYPES = ['request_for_information', 'request_for_assistance', 'incident_notification'] as const;
const STATUS_ACTIONS = ['start', 'decline', 'not_applicable'] as const;
type StatusAction = (typeof STATUS_ACTIONS)[number];

const M49 = /^[0-9]{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^PD-[0-9]{4}-[0-9]{6,}$/i;
// The same BCP 47 shape as the API's language field.
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

type Plan =
  | { verb: 'send'; request: SendRequest }
  | { verb: 'list'; query: InboxQuery; json: boolean }
  | { verb: 'show'; ref: string; json: boolean }
  | { verb: 'ack'; ref: string }
  | { verb: 'status'; ref: string; action: StatusAction; reason: string | undefined }
  | { verb: 'answer'; ref: string; request: ReplyRequest };

export const communicationsCommand: Command = {
  name: 'communications',
  summary: [
    'Send, list, read, acknowledge and answer State-to-State communications as an account (--as EMAIL).',
    'The account must be an enabled point of contact or national authority; its role and State apply',
    'exactly as in the web UI, and every step is in the audit trail under its e-mail. Notices are mailed',
    "by the server's outbox. ID is a communication's id or its reference (PD-2026-000042).",
    '  send    --as E --to M49[,M49...] [--kind K] --type T --tlp L --urgency U [--response-hours N]',
    '          [--reference OWN_REF] --language xx --content FILE.json|-     (the template fields as JSON)',
    '  list    --as E [--direction in|out] [--q TEXT] [--json]',
    '  show    ID --as E [--json]        (the thread; the TLP label is the first and the last line)',
    '  ack     ID --as E                 (acknowledge receipt for your State)',
    '  status  ID --as E --action start|decline|not_applicable [--reason TEXT]',
    '  answer  ID --as E --language xx --content FILE.json|- [--tlp L]   (a response; your State: answered)',
  ].join('\n'),
  usage: `pocdir communications ${VERBS.join('|')} [ID] --as EMAIL [options]`,
  options: {
    as: { type: 'string', description: 'E-mail of the account to act as (point of contact or national authority)' },
    to: { type: 'string', description: 'send: recipient States, UN M49 codes separated by commas, e.g. 818,404' },
    kind: {
      type: 'string',
      description: 'send: technical (default), diplomatic, cybercrime_24_7, central_authority_mla',
    },
    type: { type: 'string', description: `send: ${SEND_TYPES.join(', ')}` },
    tlp: { type: 'string', description: `${TLP_LABELS.join(', ')} (answer: same or stricter)` },
    urgency: { type: 'string', description: `send: ${URGENCIES.join(', ')}` },
    'response-hours': { type: 'string', description: 'send: response requested within N hours (1-2160)' },
    reference: { type: 'string', description: "send: your own reference (e.g. your ticket's number)" },
    language: { type: 'string', description: 'send, answer: language of the free text (BCP 47, e.g. en, fr, ar)' },
    content: { type: 'string', description: 'send, answer: JSON file of the template fields; - reads stdin' },
    direction: { type: 'string', description: 'list: in (received) or out (sent)' },
    q: { type: 'string', description: 'list: search references and content' },
    action: { type: 'string', description: `status: ${STATUS_ACTIONS.join(', ')}` },
    reason: { type: 'string', description: 'status: why (up to 1000 characters)' },
    json: { type: 'boolean', description: 'list, show: print JSON' },
  } as Command['options'],
  async run(args, io) {
    // Everything that can be checked without the database is checked first, so mistakes fail fast.
    const plan = await planOf(args, io);
    const as = requiredOption(args, 'as');
    const config = loadConfig();
    const database = await prepareDatabase(config, `pocdir communications ${plan.verb}`);
    const deps: CommunicationDeps = { db: database.db, config };
    try {
      const actor = await actingAs(deps.db, as);
      return await execute(deps, actor, plan, io);
    } finally {
      await database.close();
    }
  },
};

async function planOf(args: ParsedArgs, io: Io): Promise<Plan> {
  const [verb, ref, ...extra] = args.positionals;
  if (!isOneOf(VERBS, verb)) throw new UsageError(`expected one of: ${VERBS.join(', ')}`);
  for (const name of Object.keys(args.values)) {
    if (name !== 'help' && !VERB_OPTIONS[verb].includes(name)) {
      throw new UsageError(`--${name} does not apply to "${verb}"`);
    }
  }
  requiredOption(args, 'as');
  const takesId = verb !== 'send' && verb !== 'list';
  if (takesId && ref === undefined) throw new UsageError(`expected: pocdir communications ${verb} ID --as EMAIL`);
  if (extra.length > 0 || (!takesId && ref !== undefined)) {
    throw new UsageError(`unexpected argument "${takesId ? extra[0] : ref}"`);
  }
  const id = takesId ? idArgument(ref) : '';
  const json = args.values.json === true;
  switch (verb) {
    case 'send':
      return { verb, request: await sendRequest(args, io) };
    case 'list': {
      const direction = stringOption(args, 'direction');
      if (direction !== undefined && direction !== 'in' && direction !== 'out') {
        throw new UsageError('--direction must be in or out');
      }
      const q = stringOption(args, 'q');
      if (q !== undefined && q.length > 200) throw new UsageError('--q is at most 200 characters');
      return { verb, json, query: { direction, q, limit: 200 } };
    }
    case 'show':
      return { verb, ref: id, json };
    case 'ack':
      return { verb, ref: id };
    case 'status': {
      const action = requiredOption(args, 'action');
      if (!isOneOf(STATUS_ACTIONS, action))
        throw new UsageError(`--action must be one of: ${STATUS_ACTIONS.join(', ')}`);
      const reason = stringOption(args, 'reason');
      if (reason !== undefined && (reason.trim() === '' || reason.length > 1000)) {
        throw new UsageError('--reason takes 1 to 1000 characters');
      }
      return { verb, ref: id, action, reason };
    }
    case 'answer':
      return { verb, ref: id, request: await replyRequest(args, io) };
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

function idArgument(ref: string | undefined): string {
  if (ref !== undefined && UUID.test(ref)) return ref.toLowerCase();
  if (ref !== undefined && REFERENCE.test(ref)) return ref.toUpperCase();
  throw new UsageError(`ID must be a communication id (a UUID) or a reference such as PD-2026-000042, not "${ref}"`);
}

function enumOption<T extends string>(args: ParsedArgs, name: string, values: readonly T[], fallback?: T): T {
  const value = fallback === undefined ? requiredOption(args, name) : (stringOption(args, name) ?? fallback);
  if (!isOneOf(values, value)) throw new UsageError(`--${name} must be one of: ${values.join(', ')}`);
  return value;
}

function tlpOption(args: ParsedArgs, required: boolean): TlpLabel | undefined {
  if (!required && stringOption(args, 'tlp') === undefined) return undefined;
  const value = requiredOption(args, 'tlp');
  // TLP labels are written exactly so: no lower case, no missing "TLP:".
  if (!isOneOf(TLP_LABELS, value)) throw new UsageError(`--tlp must be one of: ${TLP_LABELS.join(', ')}`);
  return value;
}

function languageOption(args: ParsedArgs): string {
  const language = requiredOption(args, 'language');
  if (!LANGUAGE_TAG.test(language)) throw new UsageError('--language takes a BCP 47 tag such as en, fr or pt-BR');
  return language;
}

async function sendRequest(args: ParsedArgs, io: Io): Promise<SendRequest> {
  const to = requiredOption(args, 'to')
    .split(',')
    .map((code) => code.trim());
  if (to.some((code) => !M49.test(code))) {
    throw new UsageError('--to takes 3-digit UN M49 codes separated by commas, e.g. 818 or 818,404');
  }
  const kind = enumOption(args, 'kind', ADDRESSABLE_KINDS, 'technical');
  const hoursText = stringOption(args, 'response-hours');
  const hours = hoursText === undefined ? undefined : Number(hoursText);
  if (hours !== undefined && (!/^[0-9]+$/.test(hoursText ?? '') || hours < 1 || hours > 2160)) {
    throw new UsageError('--response-hours takes a whole number of hours from 1 to 2160');
  }
  const ownReference = stringOption(args, 'reference');
  if (ownReference !== undefined && ownReference.length > 100)
    throw new UsageError('--reference is at most 100 characters');
  const request: SendRequest = {
    type: enumOption(args, 'type', SEND_TYPES),
    recipients: to.map((stateM49) => ({ stateM49, kind })),
    tlp: tlpOption(args, true) as TlpLabel,
    urgency: enumOption(args, 'urgency', URGENCIES),
    ...(hours !== undefined ? { requestedResponseHours: hours } : {}),
    ...(ownReference !== undefined ? { ownReference } : {}),
    language: languageOption(args),
    content: await readContent(args, io),
  };
  assertValid(ZSendRequest, request);
  return request;
}

async function replyRequest(args: ParsedArgs, io: Io): Promise<ReplyRequest> {
  const tlp = tlpOption(args, false);
  const request: ReplyRequest = {
    type: 'response',
    ...(tlp !== undefined ? { tlp } : {}),
    language: languageOption(args),
    content: await readContent(args, io),
    answers: true,
  };
  assertValid(ZReplyRequest, request);
  return request;
}

/** The template fields, from a JSON file or standard input (`-`). */
async function readContent(args: ParsedArgs, io: Io): Promise<TemplateValues> {
  const file = requiredOption(args, 'content');
  let text: string;
  try {
    text = file === '-' ? await io.readStdin() : fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--content: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text) as TemplateValues;
  } catch (error) {
    throw new AppError('MALFORMED_JSON', {
      hint: `${file === '-' ? 'standard input' : file}: ${(error as Error).message}`,
    });
  }
}

/** The API's own schema, so the CLI accepts exactly what the HTTP route accepts. */
function assertValid(schema: typeof ZSendRequest | typeof ZReplyRequest, request: unknown): void {
  const problems: FieldError[] = [];
  for (const issue of Value.Errors(schema, request)) {
    if (issue.keyword === 'boolean') continue; // repeated as additionalProperties below
    const params = issue.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    const names = params.requiredProperties ?? params.additionalProperties;
    const reason = params.additionalProperties ? 'not_allowed' : issue.keyword;
    for (const name of names ?? [undefined]) {
      const field = name === undefined ? issue.instancePath || '/content' : `${issue.instancePath}/${name}`;
      if (!problems.some((p) => p.field === field && p.reason === reason)) problems.push({ field, reason });
    }
  }
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', {
      details: problems,
      hint: `The --content file holds one JSON object of the template's fields (${Object.keys(TEMPLATE_FIELDS).join(', ')}).`,
    });
  }
}

/** A reference is looked up among what the account may read, so it reveals nothing more than an id. */
async function resolveId(deps: CommunicationDeps, actor: AccountActor, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const { items } = await listInbox(deps, actor, { q: ref, limit: 200 });
  const found = items.find((item) => item.reference === ref);
  if (!found) throw new AppError('NOT_FOUND', { hint: `No communication ${ref} that ${actor.email} may read.` });
  return found.id;
}

async function execute(deps: CommunicationDeps, actor: AccountActor, plan: Plan, io: Io): Promise<number> {
  switch (plan.verb) {
    case 'send': {
      const sent = await sendCommunication(deps, actor, plan.request, null);
      const to = sent.recipients.map((r) => r.stateM49).join(', ');
      io.out(`Sent ${sent.reference} (id ${sent.id}) ${sent.tlp} to State ${to}.`);
      return 0;
    }
    case 'list': {
      const { items, total } = await listInbox(deps, actor, plan.query);
      if (plan.json) io.out(JSON.stringify({ items, total }, null, 2));
      else printList(items, actor, io);
      if (!plan.json && total > items.length) {
        io.err(`Showing the newest ${items.length} of ${total}; narrow with --q or --direction.`);
      }
      return 0;
    }
    case 'show': {
      const thread = await getThread(deps, actor, await resolveId(deps, actor, plan.ref));
      if (plan.json) io.out(JSON.stringify(thread, null, 2));
      else printThread(thread, actor, io);
      return 0;
    }
    case 'ack':
    case 'status': {
      const id = await resolveId(deps, actor, plan.ref);
      const action = plan.verb === 'ack' ? 'acknowledge' : plan.action;
      const reason = plan.verb === 'status' ? plan.reason : undefined;
      const updated = await actOnCommunication(deps, actor, id, action, reason, null);
      io.out(`${updated.reference}: State ${actor.stateM49 ?? '-'} is now ${ownStatus(updated, actor)}.`);
      return 0;
    }
    case 'answer': {
      const id = await resolveId(deps, actor, plan.ref);
      const reply = await replyToCommunication(deps, actor, id, plan.request, null);
      const thread = await getThread(deps, actor, id);
      const answered = thread.messages.find((m) => m.id === id);
      io.out(`Sent response ${reply.reference} (id ${reply.id}) ${reply.tlp}.`);
      // The sending State answering in its own thread has no status of its own to report.
      if (answered && ownStatus(answered, actor) !== '-') {
        io.out(`${answered.reference}: State ${actor.stateM49 ?? '-'} is now ${ownStatus(answered, actor)}.`);
      }
      return 0;
    }
  }
}
