// Lints every forms/*.form with the form linting of Camunda Modeler (@camunda/form-linting) and exits 1 on an error.
import { readdir, readFile } from 'node:fs/promises';
import { register } from 'node:module';

register('./extensionless.mjs', import.meta.url);
const { FormLinter } = await import('@camunda/form-linting');

// The linter knows Camunda Platform up to 7.22; Tasklist 7.24 renders forms with the same form-js (1.8.7),
// so a 7.24 form is checked as a 7.22 one. A form of another platform or version is an error of its own.
const PLATFORM = 'Camunda Platform', VERSION = '7.24.0', LINTED_AS = '7.22.0';

const dir = new URL('../forms/', import.meta.url);
let errors = 0, warnings = 0;
for (const file of (await readdir(dir)).filter(name => name.endsWith('.form')).sort()) {
  const schema = JSON.parse(await readFile(new URL(file, dir), 'utf8'));
  const reports = schema.executionPlatform === PLATFORM && schema.executionPlatformVersion === VERSION
    ? new FormLinter().lint({ ...schema, executionPlatformVersion: LINTED_AS })
    : [{ category: 'error', id: schema.id, message: `execution platform must be ${PLATFORM} ${VERSION}` }];
  for (const { category, id, message } of reports) {
    if (category === 'error') errors++;
    if (category === 'warn') warnings++;
    console.log(`forms/${file}  ${id}  ${category}  ${message}`);
  }
}
console.log(`forms: ${errors} errors, ${warnings} warnings (checked as Camunda Platform ${LINTED_AS}: form-js 1.8.7)`);
process.exitCode = errors > 0 ? 1 : 0;
