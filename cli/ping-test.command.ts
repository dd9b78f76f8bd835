import fs from 'node:fs';
import { Value } from 'typebox/value';
import { POC_KINDS, type PocKind } from '../common/directory.ts';
import type { FieldError } from '../common/errors.ts';
import { isLocale, LOCALES, type Locale } from '../common/locales.ts';
import { PING_CHANNELS, type PingChannel } from '../common/ping-tests.ts';
import { REGIONAL_GROUPS, type RegionalGroup } from '../common/regional-groups.ts';
import { ZCreatePingTestRequest, type CreatePingTestRequest, type PingTest } from '../common/schemas/ping-tests.ts';
import { CLI_ACTOR } from '../server/auth/actor.ts';
import { prepareDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { AppError, isAppError } from '../server/errors.ts';
import { createPdfRenderer } from '../server/modules/communications/thread-pdf.ts';
import { pingReportFile } from '../server/modules/ping-tests/ping-report.ts';
import {
  createPingTest,
  getPingResults,
  getPingTest,
  findPingTestId,
  listPingTests,
  type PingTestDeps,
} from '../server/modules/ping-tests/ping-tests.service.ts';
import { listStates } from '../server/modules/states/states.service.ts';
import { actingAs } from './acting-as.ts';
import { stringOption, UsageError, type Command, type ParsedArgs } from './command.ts';
import { dispatchInForeground, type DispatchContext } from './ping-test-dispatch.ts';
import { plural, printCampaign, printCampaignList, printTextReport, progressMeter } from './ping-test-output.ts';

const VERBS = ['start', 'status', 'report'] as const;
type Verb = (typeof VERBS)[number];

/** The options each verb takes; any other option is a usage error, never silently ignored. */
const VERB_OPTIONS: Record<Verb, readonly string[]> = {
  start: [
    ...['all', 'states', 'groups', 'kinds', 'channels', 'deadline', 'business-hours', 'reminders'],
    ...['every-months', 'exercise', 'title', 'as', 'no-wait', 'json'],
  ],
  status: ['as', 'watch', 'json'],
  report: ['as', 'format', 'language', 'out'],
};

const REPORT_FORMATS = ['text', 'csv', 'pdf'] as const;
type ReportFormat = (typeof REPORT_FORMATS)[number];

const M49 = /^[0-9]{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REFERENCE = /^PING-[0-9]{4}-[0-9]{4,}$/i;
// An offset is required: a deadline read in the operator's local zone would differ per machine.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

type Plan =
  | { verb: 'start'; request: CreatePingTestRequest; wait: boolean; json: boolean }
  | { verb: 'status'; ref: string | undefined; watch: boolean; json: boolean }
  | { verb: 'report'; ref: string; format: ReportFormat; language: Locale | undefined; out: string | undefined };

type Context = DispatchContext;

export const pingTestCommand: Command = {
  name: 'ping-test',
  summary: [
    'Check that points of contact can be reached: each targeted contact is mailed a single-use link to',
    'acknowledge before a deadline. Acts as the operator, or as a directory manager with --as EMAIL.',
    'ID is a campaign id or its reference (PING-2026-0003).',
    '  start   --all | --states M49,... | --groups G,...   [--kinds K,...] [--channels email,in_app]',
    '          --deadline ISO-8601 | --business-hours N   [--reminders H,...] [--every-months N]',
    '          [--exercise] [--title TEXT] [--no-wait] [--json]',
    '          Creates the campaign, then sends its mails in the foreground with a progress bar on',
    "          standard error (--no-wait leaves that to the server's background jobs).",
    '  status  [ID] [--watch] [--json]     (without ID: every campaign; --watch: until dispatched)',
    '  report  ID [--format text|csv|pdf] [--language xx] [--out FILE]   (pdf needs --out)',
  ].join('\n'),
  usage: 'pocdir ping-test start|status|report [ID] [options]',
  options: {
    all: { type: 'boolean', description: 'start: every State with at least one active contact' },
    states: { type: 'string', description: 'start: these States, UN M49 codes separated by commas, e.g. 288,250' },
    groups: { type: 'string', description: `start: these regional groups (${REGIONAL_GROUPS.join(', ')})` },
    kinds: { type: 'string', description: `start: only these kinds of contact (${POC_KINDS.join(', ')})` },
    channels: { type: 'string', description: 'start: email, in_app or both (default email,in_app)' },
    deadline: { type: 'string', description: 'start: acknowledge by this instant, e.g. 2026-12-01T17:00Z' },
    'business-hours': { type: 'string', description: "start: or within N business hours in each contact's zone" },
    reminders: { type: 'string', description: 'start: remind N hours before the deadline, e.g. 24,2 (up to 5)' },
    'every-months': { type: 'string', description: 'start: run again every N months (1-24)' },
    exercise: { type: 'boolean', description: 'start: an EXERCISE, so marked and kept out of the trend' },
    title: { type: 'string', description: 'start: a name for people, e.g. "Semi-annual check"' },
    as: { type: 'string', description: 'E-mail of the account to act as (default: the operator)' },
    'no-wait': { type: 'boolean', description: "start: do not send the mails here; the server's jobs do" },
    watch: { type: 'boolean', description: 'status ID: redraw the progress every second until dispatched' },
    json: { type: 'boolean', description: 'start, status: print JSON' },
    format: { type: 'string', description: 'report: text (default), csv or pdf' },
    language: { type: 'string', description: `report: ${LOCALES.join(', ')} (default en, or the --as account's)` },
    out: { type: 'string', description: 'report: write to this file (csv: default standard output)' },
  } as Command['options'],
  async run(args, io) {
    // Everything that can be checked without the database is checked first, so mistakes fail fast.
    const plan = planOf(args);
    const as = stringOption(args, 'as');
    const config = loadConfig();
    const database = await prepareDatabase(config, `pocdir ping-test ${plan.verb}`);
    const deps: PingTestDeps = { db: database.db, config };
    try {
      const actor = as === undefined ? CLI_ACTOR : await actingAs(deps.db, as);
      return await execute({ deps, actor, embedded: database.kind === 'embedded', io }, plan);
    } finally {
      await database.close();
    }
  },
};

function planOf(args: ParsedArgs): Plan {
  const [verb, ref, ...extra] = args.positionals;
  if (!isOneOf(VERBS, verb)) throw new UsageError(`expected one of: ${VERBS.join(', ')}`);
  for (const name of Object.keys(args.values)) {
    if (name !== 'help' && !VERB_OPTIONS[verb].includes(name)) {
      throw new UsageError(`--${name} does not apply to "${verb}"`);
    }
  }
  const takesId = verb !== 'start';
  if (verb === 'report' && ref === undefined) throw new UsageError('expected: pocdir ping-test report ID');
  if (extra.length > 0 || (!takesId && ref !== undefined)) {
    throw new UsageError(`unexpected argument "${takesId ? extra[0] : ref}"`);
  }
  const json = args.values.json === true;
  switch (verb) {
    case 'start':
      return { verb, request: startRequest(args), wait: args.values['no-wait'] !== true, json };
    case 'status': {
      const watch = args.values.watch === true;
      if (watch && ref === undefined) throw new UsageError('--watch follows one campaign: pocdir ping-test status ID');
      return { verb, ref: ref === undefined ? undefined : idArgument(ref), watch, json };
    }
    case 'report': {
      const format = stringOption(args, 'format') ?? 'text';
      if (!isOneOf(REPORT_FORMATS, format))
        throw new UsageError(`--format must be one of: ${REPORT_FORMATS.join(', ')}`);
      const out = stringOption(args, 'out');
      if (format === 'pdf' && out === undefined) throw new UsageError('--format pdf needs --out FILE');
      const language = stringOption(args, 'language');
      if (language !== undefined && !isLocale(language)) {
        throw new UsageError(`--language must be one of: ${LOCALES.join(', ')}`);
      }
      return { verb, ref: idArgument(ref), format, language, out };
    }
  }
}

function isOneOf<T extends string>(values: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (values as readonly string[]).includes(value);
}

function idArgument(ref: string | undefined): string {
  if (ref !== undefined && UUID.test(ref)) return ref.toLowerCase();
  if (ref !== undefined && REFERENCE.test(ref)) return ref.toUpperCase();
  throw new UsageError(`ID must be a campaign id (a UUID) or a reference such as PING-2026-0003, not "${ref}"`);
}

/** A comma-separated option, each item checked; undefined when the option is absent. */
function listOption<T extends string>(
  args: ParsedArgs,
  name: string,
  valid: (item: string) => item is T,
  hint: string,
) {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => !valid(item))) throw new UsageError(`--${name} takes ${hint}`);
  return [...new Set(items as T[])];
}

function integerOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^[0-9]+$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}`);
  }
  return value;
}

const isM49 = (item: string): item is string => M49.test(item);
const isGroup = (item: string): item is RegionalGroup => isOneOf(REGIONAL_GROUPS, item);
const isKind = (item: string): item is PocKind => isOneOf(POC_KINDS, item);
const isChannel = (item: string): item is PingChannel => isOneOf(PING_CHANNELS, item);
const isHours = (item: string): item is string => /^[0-9]+$/.test(item) && Number(item) >= 1 && Number(item) <= 720;

function startRequest(args: ParsedArgs): CreatePingTestRequest {
  const all = args.values.all === true;
  const states = listOption(args, 'states', isM49, '3-digit UN M49 codes separated by commas, e.g. 288,250');
  const groups = listOption(
    args,
    'groups',
    isGroup,
    `regional groups separated by commas: ${REGIONAL_GROUPS.join(', ')}`,
  );
  const chosen = [all && '--all', states && '--states', groups && '--groups'].filter(Boolean);
  if (chosen.length !== 1) {
    throw new UsageError(
      chosen.length === 0
        ? 'choose whom to check: --all, --states M49,... or --groups GROUP,...'
        : `${chosen.join(' and ')} do not combine: choose one of --all, --states, --groups`,
    );
  }
  const deadline = stringOption(args, 'deadline');
  const businessHours = integerOption(args, 'business-hours', 1, 400);
  if ((deadline === undefined) === (businessHours === undefined)) {
    throw new UsageError(
      deadline === undefined
        ? 'a deadline is required: --deadline ISO-8601 (e.g. 2026-12-01T17:00Z) or --business-hours N'
        : '--deadline and --business-hours do not combine: choose one',
    );
  }
  if (deadline !== undefined && (!ISO_INSTANT.test(deadline) || Number.isNaN(Date.parse(deadline)))) {
    throw new UsageError('--deadline takes an ISO 8601 date and time with its offset, e.g. 2026-12-01T17:00Z');
  }
  const reminders = listOption(args, 'reminders', isHours, 'hours before the deadline, 1 to 720, e.g. 24,2') ?? [];
  if (reminders.length > 5) throw new UsageError('--reminders takes at most 5 values');
  const title = stringOption(args, 'title');
  if (title !== undefined && (title.trim() === '' || title.length > 200)) {
    throw new UsageError('--title takes 1 to 200 characters');
  }
  if (states !== undefined && states.length > 200) throw new UsageError('--states takes at most 200 States');
  const recurrenceMonths = integerOption(args, 'every-months', 1, 24);
  const request: CreatePingTestRequest = {
    ...(title === undefined ? {} : { title }),
    exercise: args.values.exercise === true,
    targets: {
      allParticipating: all,
      groups: groups ?? [],
      kinds: listOption(args, 'kinds', isKind, `kinds separated by commas: ${POC_KINDS.join(', ')}`) ?? [],
      states: states ?? [],
    },
    channels: listOption(args, 'channels', isChannel, 'email, in_app or email,in_app') ?? ['email', 'in_app'],
    ...(deadline === undefined
      ? { deadlineMode: 'business_hours', businessHours }
      : { deadlineMode: 'absolute', deadlineAt: new Date(deadline).toISOString() }),
    reminderHours: reminders.map(Number),
    ...(recurrenceMonths === undefined ? {} : { recurrenceMonths }),
  };
  assertValid(request);
  return request;
}

/** The API's own schema, so the CLI accepts exactly what the HTTP route accepts. */
function assertValid(request: CreatePingTestRequest): void {
  const problems: FieldError[] = [];
  for (const issue of Value.Errors(ZCreatePingTestRequest, request)) {
    const field = issue.instancePath || '/';
    if (!problems.some((p) => p.field === field && p.reason === issue.keyword)) {
      problems.push({ field, reason: issue.keyword });
    }
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { details: problems });
}

/** An id or a reference (PING-2026-0003). */
async function resolveId(context: Context, ref: string): Promise<string> {
  try {
    return await findPingTestId(context.deps, context.actor, ref);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') {
      throw new AppError('NOT_FOUND', { hint: `No ping test ${ref} (see pocdir ping-test status).` });
    }
    throw error;
  }
}

async function execute(context: Context, plan: Plan): Promise<number> {
  switch (plan.verb) {
    case 'start':
      return start(context, plan.request, plan.wait, plan.json);
    case 'status':
      return status(context, plan.ref, plan.watch, plan.json);
    case 'report':
      return report(context, plan);
  }
}

async function start(context: Context, request: CreatePingTestRequest, wait: boolean, json: boolean) {
  const { deps, actor, io } = context;
  // With --json, standard output carries the JSON only.
  const say = json ? io.err : io.out;
  let campaign: PingTest;
  try {
    campaign = await createPingTest(deps, actor, request, null);
  } catch (error) {
    if (isAppError(error) && error.code === 'FORBIDDEN' && actor.kind === 'account') {
      throw new AppError('FORBIDDEN', {
        hint: `${actor.email} is a ${actor.role}: only a directory manager starts ping tests.`,
      });
    }
    throw error;
  }
  const exercise = campaign.exercise ? ' (EXERCISE)' : '';
  say(
    `Started ${campaign.reference}${exercise} (id ${campaign.id}): ${plural(campaign.progress.targets, 'contact')} to check.`,
  );
  if (wait) campaign = await dispatchInForeground(context, campaign, say);
  else say("The server's background jobs write the checks and send the mails (pocdir serve).");
  if (json) io.out(JSON.stringify(campaign, null, 2));
  return 0;
}

async function status(context: Context, ref: string | undefined, watch: boolean, json: boolean) {
  const { deps, actor, io } = context;
  if (ref === undefined) {
    const list = await listPingTests(deps, actor);
    if (json) io.out(JSON.stringify(list, null, 2));
    else printCampaignList(list.items, io);
    return 0;
  }
  const id = await resolveId(context, ref);
  let campaign = await getPingTest(deps, actor, id);
  if (watch && !campaign.progress.done) {
    if (context.embedded) {
      io.err(
        'This process holds the embedded database, so nothing else is dispatching: the server sends the rest ' +
          'once started (pocdir serve), or run pocdir ping-test start without --no-wait next time.',
      );
    } else {
      const meter = progressMeter(io, campaign.reference);
      meter.update(campaign.progress);
      while (!campaign.progress.done) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        campaign = await getPingTest(deps, actor, id);
        meter.update(campaign.progress);
      }
      meter.end();
    }
  }
  if (json) io.out(JSON.stringify(campaign, null, 2));
  else printCampaign(campaign, io);
  return 0;
}

async function report(context: Context, plan: Extract<Plan, { verb: 'report' }>) {
  const { deps, actor, io } = context;
  const id = await resolveId(context, plan.ref);
  const locale = plan.language ?? (actor.kind === 'account' ? actor.locale : 'en');
  if (plan.format === 'text') {
    const results = await getPingResults(deps, actor, id);
    const states = await listStates(deps.db, actor, {});
    printTextReport(results, new Map(states.map((s) => [s.m49, s.names[locale]])), locale, io);
    return 0;
  }
  const renderer = createPdfRenderer();
  try {
    const file = await pingReportFile(deps, actor, id, plan.format, locale, renderer);
    if (plan.out === undefined) {
      // toCsv ends every row with CRLF; io.out adds the last line end.
      io.out(String(file.body).replace(/\r\n$/, ''));
    } else {
      fs.writeFileSync(plan.out, file.body);
      io.err(`Wrote ${plan.out} (${file.fileName})`);
    }
    return 0;
  } finally {
    await renderer.close();
  }
}
