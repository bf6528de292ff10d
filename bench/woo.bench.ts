/**
 * Personal-data suggestions for Woo documents (src/woo/personal-data.ts):
 * precision, recall and F1 on the hand-written development and holdout sets,
 * overall and per kind (a suggestion counts when kind and span equal a gold
 * span exactly), and throughput in characters per second over each set's
 * texts, suggested again and again for about a second, and over one document
 * of 200,000 characters made of those texts.
 *
 *   npx tsx bench/woo.bench.ts
 */
import { PERSONAL_DATA_KINDS, suggestPersonalData } from '../src/woo/personal-data.ts';
import { HOLDOUT_SET } from '../src/woo/personal-data.holdout.ts';
import { score, type Counts } from '../src/woo/personal-data.score.ts';
import { DEVELOPMENT_SET, parseGold } from '../src/woo/personal-data.testset.ts';

const f3 = (x: number) => x.toFixed(3);
const line = (label: string, c: Counts) =>
  `  ${label.padEnd(9)} precision ${f3(c.precision)}  recall ${f3(c.recall)}  F1 ${f3(c.f1)}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;

function report(name: string, set: readonly string[]) {
  const parsed = set.map((m) => parseGold(m));
  const s = score(parsed.map(({ text, gold }) => ({ gold, suggested: suggestPersonalData(text) })));
  const chars = parsed.reduce((n, p) => n + p.text.length, 0);
  console.log(`${name}: ${set.length} texts, ${chars} characters, ${s.tp + s.fn} gold spans`);
  console.log(line('all', s));
  for (const kind of PERSONAL_DATA_KINDS) console.log(line(kind, s.perKind[kind]));

  let rounds = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const p of parsed) suggestPersonalData(p.text);
    rounds += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`  throughput: ${Math.round((rounds * chars) / seconds).toLocaleString('en')} characters/s (${rounds} rounds of the set)`);

  const document = parsed.map((p) => p.text).join('\n\n').repeat(Math.ceil(200_000 / chars)).slice(0, 200_000);
  const t = performance.now();
  const found = suggestPersonalData(document).length;
  const ms = performance.now() - t;
  console.log(`  one 200,000-character document: ${found} suggestions in ${ms.toFixed(0)} ms (${Math.round(200_000 / (ms / 1000)).toLocaleString('en')} characters/s)`);
}

report('development set', DEVELOPMENT_SET);
report('holdout set', HOLDOUT_SET);
