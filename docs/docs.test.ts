import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateOpenApi } from '../server/openapi-document.ts';
import { renderConfigurationMarkdown } from '../server/docs/configuration-doc.ts';
import { renderErrorsMarkdown } from '../server/docs/errors-doc.ts';

const read = (file: string) => fs.readFileSync(new URL(file, import.meta.url), 'utf8');
const hint = 'run `npm run docs` and commit the result';

describe('generated documents are in step with the code', () => {
  it(`docs/openapi.json matches the route schemas (${hint})`, async () => {
    expect(JSON.parse(read('./openapi.json'))).toEqual(JSON.parse(await generateOpenApi()));
  });

  it(`docs/errors.md lists every catalogue code (${hint})`, () => {
    expect(read('./errors.md')).toBe(renderErrorsMarkdown());
  });

  it(`docs/configuration.md documents every variable (${hint})`, () => {
    const current = read('./configuration.md');
    expect(current).toBe(renderConfigurationMarkdown(current));
  });
});
