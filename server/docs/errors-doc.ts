import { ERROR_CATALOGUE, type ErrorCode } from '../../common/errors.ts';
import { translate } from '../i18n.ts';

/** docs/errors.md, generated from the catalogue and the English messages. A test keeps them equal. */
export function renderErrorsMarkdown(): string {
  const rows = (Object.keys(ERROR_CATALOGUE) as ErrorCode[]).map((code) => {
    const { status, description } = ERROR_CATALOGUE[code];
    const message = translate('en', `error.${code}`, { minutes: 15 }).replace(/\|/g, '\\|');
    return `| \`${code}\` | ${status} | ${description} | ${message} |`;
  });
  return [
    '# Error catalogue',
    '',
    '<!-- Generated from common/errors.ts and locales/en.json by `npm run docs`; do not edit by hand. -->',
    '',
    'Every error response has the body `{"error": {"code", "message", "requestId", "details?"}}`.',
    "`code` is stable and safe to branch on; `message` is in the caller's language (Accept-Language, else",
    "the account's language); `details` lists `{field, reason}` for `VALIDATION_FAILED` and business-rule",
    'errors tied to a field. Messages exist in all six UN languages in `locales/<lang>.json` under `error.<CODE>`.',
    '`INTERNAL_ERROR` never carries internals: quote its `requestId` to the operator, who finds it in the logs.',
    '',
    '| Code | HTTP | Meaning | English message |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
