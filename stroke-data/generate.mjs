// Generates src/main/resources/strokes/mainland-strokes.txt: for every character Unihan gives a stroke count, its
// count the mainland way, its stroke sequence (横竖撇点折 = 12345) where a source has the mainland one, and its
// structure where a source has it. See README.md beside this file for the sources, their licences and the rules.
//
//   cd stroke-data && npm ci && npm run generate
//
// Reads Debian's unicode-data (Unihan, UnicodeData.txt) and rime-data-stroke, and the npm packages in package.json.
// UNICODE_DATA and RIME_DATA override the folders they are read from.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const cnchar = require('cnchar');
cnchar.use(require('cnchar-order'), require('cnchar-radical'));

const here = dirname(fileURLToPath(import.meta.url));
const unicodeData = process.env.UNICODE_DATA ?? '/usr/share/unicode';
const rimeData = process.env.RIME_DATA ?? '/usr/share/rime-data';
const output = join(here, '..', 'src', 'main', 'resources', 'strokes', 'mainland-strokes.txt');

// Unihan kTotalStrokes: the first value is the count for the G source (mainland), a second one the traditional.
const irgSources = execFileSync('bzcat', [join(unicodeData, 'Unihan_IRGSources.txt.bz2')], { maxBuffer: 1 << 28 })
  .toString();
const unicodeVersion = irgSources.match(/^# Unicode version: (\S+)/m)[1];
const counts = new Map();
for (const [, cp, count] of irgSources.matchAll(/^U\+([0-9A-F]+)\tkTotalStrokes\t(\d+)/gm)) {
  counts.set(parseInt(cp, 16), Number(count));
}

// Every assigned character of the CJK Unified Ideographs blocks must have a count.
const ranges = [...readFileSync(join(unicodeData, 'UnicodeData.txt'), 'utf8')
  .matchAll(/^([0-9A-F]+);<CJK Ideograph[^,]*, First>.*\n([0-9A-F]+);<CJK Ideograph[^,]*, Last>/gm)]
  .map(([, first, last]) => [parseInt(first, 16), parseInt(last, 16)]);
const uncounted = ranges.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, i) => first + i))
  .filter(cp => !counts.has(cp));
if (ranges.length < 9 || uncounted.length > 0) {
  throw new Error(`Unihan ${unicodeVersion}: ${ranges.length} ranges of unified ideographs, `
    + `${uncounted.length} without kTotalStrokes`);
}

// rime-data-stroke: h s p n z = 横 竖 撇 点 折. The first part is CNS 11643's sequences (Taiwan's glyphs), the part
// after the comment "#The following entries …" the original table kept for the mainland's glyphs.
const cnsSequences = new Map();
const mainlandSequences = new Map();
let part = cnsSequences;
for (const line of readFileSync(join(rimeData, 'stroke.dict.yaml'), 'utf8').split('\n')) {
  if (line.startsWith('#The following entries')) {
    part = mainlandSequences;
  }
  const entry = line.match(/^(\S)\t([hspnz]+)$/u);
  if (entry) {
    const cp = entry[1].codePointAt(0);
    part.set(cp, [...(part.get(cp) ?? []), entry[2].replace(/./g, s => String('hspnz'.indexOf(s) + 1))]);
  }
}
if (mainlandSequences.size === 0) {
  throw new Error('stroke.dict.yaml: no mainland part found');
}

// cnchar-order: one letter per stroke shape; GF 2001-2001 folds them into the five: 提 → 横, 竖钩 → 竖, 捺 → 点,
// every other turning or hooked stroke → 折 (cnchar's "点2", d, is a 点).
const FOLDED = { j: 1, i: 1, f: 2, g: 2, s: 3, k: 4, l: 4, d: 4 };
const cncharSequence = c => {
  const letters = cnchar.stroke(c, 'order')[0];
  return letters ? [...letters].map(l => FOLDED[l] ?? 5).join('') : undefined;
};

// cnchar-radical's structure, in GF 3003-1999's three kinds: 左右 1, 上下 2, 整体 3.
const KINDS = {
  左右结构: 1, 左中右结构: 1,
  上下结构: 2, 上中下结构: 2, 品字结构: 2,
  独体结构: 3, 半包围结构: 3, 全包围结构: 3,
};
const structure = c => {
  const struct = cnchar.radical(c)[0]?.struct;
  if (struct && !(struct in KINDS)) {
    throw new Error(`cnchar-radical: unknown structure ${struct} of ${c}`);
  }
  return KINDS[struct];
};

// The mainland sequence is one whose length is the mainland count: cnchar first, then rime's mainland part, then
// its CNS part (most sequences of the rare characters are the same on both sides of the strait).
const tally = { cnchar: 0, rimeMainland: 0, rimeCns: 0, none: 0, structure: 0 };
const lines = [...counts.keys()].sort((a, b) => a - b).map(cp => {
  const c = String.fromCodePoint(cp);
  const count = counts.get(cp);
  const fits = s => s?.length === count;
  const candidates = [['cnchar', [cncharSequence(c)]], ['rimeMainland', mainlandSequences.get(cp) ?? []],
    ['rimeCns', cnsSequences.get(cp) ?? []]];
  const [source, sequence] = candidates.map(([name, list]) => [name, list.find(fits)])
    .find(([, s]) => s) ?? ['none', ''];
  tally[source]++;
  const kind = structure(c);
  if (kind) {
    tally.structure++;
  }
  return [c, count, sequence, kind ?? ''].join('\t').replace(/\t+$/, '');
});

const cncharVersion = require('cnchar/package.json').version;
const rimeVersion = readFileSync(join(rimeData, 'stroke.dict.yaml'), 'utf8').match(/^version: "([^"]+)"/m)[1];
const header = `# Mainland stroke order of Chinese characters (GF 3002-1999, GF 3003-1999, GF 2001-2001), generated by
# stroke-data/generate.mjs; do not edit by hand.
# One character a line: the character, its number of strokes, its strokes as 1 横 2 竖 3 撇 4 点 5 折 (empty when
# no source has a sequence of that length), its structure as 1 左右 2 上下 3 整体 (absent when unknown).
# Counts: Unihan ${unicodeVersion} kTotalStrokes, first value (Unicode License Agreement – Data Files and Software, © Unicode, Inc.).
# Sequences: cnchar-order ${cncharVersion} (MIT, © theajack), then rime-data-stroke ${rimeVersion} (LGPL-3: the
#   mainland part, then the part from CNS 11643), the first whose length equals the count.
# Structures: cnchar-radical ${cncharVersion} (MIT, © theajack). Their notices and licences: NOTICE.txt beside this file.
# ${counts.size} characters: sequence from cnchar ${tally.cnchar}, rime mainland ${tally.rimeMainland}, rime CNS ${tally.rimeCns}, none ${tally.none}; structure ${tally.structure}.
`;
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, header + lines.join('\n') + '\n');
console.log(header.trimEnd().split('\n').at(-1).slice(2));
