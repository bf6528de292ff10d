/**
 * Cluster suggestion benchmark (issue 7, must show 4): pairwise precision and
 * recall and the time taken for N open complaints (default 2,000), made by
 * recombining sentences of the hand-written complaints of each theme
 * (testset.ts, testset.holdout.ts): every synthetic complaint takes two to
 * four sentences from two or three letters of one theme, so it is labelled
 * with that theme. Easier than the hand-written sets (sentences repeat), so
 * the figures that count are those of similarity.test.ts; this shows that the
 * method holds at the size of a real tray and how long it takes.
 * Also times suggestForCluster for 200 later complaints against the
 * suggested clusters, with all open complaints as background.
 *
 *   npx tsx bench/cluster.bench.ts        (BENCH_CLUSTER_N=5000 for more)
 */
import { suggestClusters, suggestForCluster } from '../src/clusters/similarity.ts';
import { HOLDOUT_SET } from '../src/clusters/testset.holdout.ts';
import { TEST_SET, pairScores, type LabelledComplaint } from '../src/clusters/testset.ts';
import { Random } from '../src/core/random.ts';

const N = Number(process.env.BENCH_CLUSTER_N ?? 2000);
const LATER = 200;
const sentences = (text: string) => text.split(/(?<=[.!?])\s+/).filter(Boolean);

function synthetic(n: number, random: Random, idPrefix: string): LabelledComplaint[] {
  const sources = [...TEST_SET, ...HOLDOUT_SET];
  const themes = [...new Set(sources.flatMap((c) => (c.theme ? [c.theme] : [])))];
  return Array.from({ length: n }, (_, i) => {
    const theme = random.pick(themes);
    const letters = sources.filter((c) => c.theme === theme);
    const parts: string[] = [];
    for (let k = random.int(2, 3); k > 0; k--) {
      const s = sentences(random.pick(letters).text);
      parts.push(...s.slice(0, random.int(1, Math.min(2, s.length))));
    }
    return { id: `${idPrefix}${String(i).padStart(5, '0')}`, agency: letters[0]!.agency, theme, text: parts.slice(0, 4).join(' ') };
  });
}

const f3 = (x: number) => x.toFixed(3);
const random = new Random(20240513);
const open = [...synthetic(N, random, 's'), ...TEST_SET.filter((c) => c.theme === null), ...HOLDOUT_SET.filter((c) => c.theme === null)];

let start = performance.now();
const clusters = suggestClusters(open);
const clusterMs = performance.now() - start;
const scores = pairScores(clusters, open);
console.log(`${open.length} open complaints: ${clusters.length} clusters suggested in ${clusterMs.toFixed(0)} ms`);
console.log(`pairwise precision ${f3(scores.precision)}, recall ${f3(scores.recall)} (${scores.correct} of ${scores.predicted} predicted pairs right, ${scores.actual} actual)`);

const later = synthetic(LATER, random, 'l');
const existing = clusters.map((c, i) => ({ id: `c${i}`, agency: c.agency, memberTexts: c.members.map((m) => open.find((o) => o.id === m)!.text) }));
/** A cluster's theme: the one most of its members have. */
const themeOfCluster = new Map<string, string | null>(
  clusters.map((c, i) => {
    const counts = new Map<string | null, number>();
    for (const m of c.members) {
      const t = open.find((o) => o.id === m)!.theme;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return [`c${i}`, [...counts].sort((a, b) => b[1] - a[1])[0]![0]];
  }),
);
start = performance.now();
let right = 0;
for (const c of later) {
  const match = suggestForCluster(c, existing, { background: open });
  if (match && themeOfCluster.get(match.clusterId) === c.theme) right += 1;
}
const laterMs = performance.now() - start;
console.log(`${LATER} later complaints: ${right} suggested for a cluster of their theme, ${(laterMs / LATER).toFixed(1)} ms each`);
