import fs from 'node:fs';
import { generateOpenApi } from '../openapi-document.ts';
import { renderConfigurationMarkdown } from './configuration-doc.ts';
import { renderErrorsMarkdown } from './errors-doc.ts';

// `npm run docs`: rewrites the generated documents that tests compare with the code.
fs.writeFileSync('docs/openapi.json', await generateOpenApi());
fs.writeFileSync('docs/errors.md', renderErrorsMarkdown());
const configDoc = fs.readFileSync('docs/configuration.md', 'utf8');
fs.writeFileSync('docs/configuration.md', renderConfigurationMarkdown(configDoc));
console.log('Wrote docs/openapi.json, docs/errors.md, docs/configuration.md (variables table)');
