import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLUSTER_THRESHOLD, normaliseAgency, suggestClusters, suggestForCluster, type ExistingCluster } from './similarity.ts';
import { TEST_SET, pairScores, type LabelledComplaint } from './testset.ts';
import { HOLDOUT_SET } from './testset.holdout.ts';

/** Issue 7, must show 4 (first half): cluster suggestions find the themes of a labelled test set. */

const f3 = (x: number) => x.toFixed(3);
const themeOf = new Map([...TEST_SET, ...HOLDOUT_SET].map((c) => [c.id, c.theme]));
const byId = new Map([...TEST_SET, ...HOLDOUT_SET].map((c) => [c.id, c]));

/** The themes of a set as clusters, each without `leaveOut`, as a coordinator would have confirmed them. */
function themeClusters(set: readonly LabelledComplaint[], leaveOut?: string): ExistingCluster[] {
  const themes = [...new Set(set.flatMap((c) => (c.theme ? [c.theme] : [])))];
  return themes.map((theme) => {
    const members = set.filter((c) => c.theme === theme && c.id !== leaveOut);
    return { id: theme, agency: members[0]!.agency, memberTexts: members.map((c) => c.text) };
  });
}

describe('cluster suggestions on the labelled test set', () => {
  it('find the themes: pairwise precision and recall >= 0.8', () => {
    const clusters = suggestClusters(TEST_SET);
    const s = pairScores(clusters, TEST_SET);
    console.log(`test set (${TEST_SET.length} complaints), threshold ${CLUSTER_THRESHOLD}: precision ${f3(s.precision)}, recall ${f3(s.recall)} (${s.correct} of ${s.predicted} predicted pairs right, ${s.actual} actual pairs)`);
    for (const c of clusters) console.log(`  ${f3(c.score)} ${c.agency}: ${c.members.map((m) => `${m}:${themeOf.get(m) ?? '-'}`).join(' ')} | ${c.terms.join(', ')}`);
    expect(s.precision).toBeGreaterThanOrEqual(0.8);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps precision and recall >= 0.8 a little either side of the default threshold (sweep printed)', () => {
    const sweep = [0.05, 0.06, 0.065, 0.0675, 0.07, 0.0725, 0.075, 0.08, 0.09].map((threshold) => ({ threshold, ...pairScores(suggestClusters(TEST_SET, { threshold }), TEST_SET) }));
    console.log(sweep.map((s) => `  ${s.threshold}: ${f3(s.precision)} / ${f3(s.recall)}`).join('\n'));
    for (const threshold of [CLUSTER_THRESHOLD - 0.0025, CLUSTER_THRESHOLD + 0.0025]) {
      const s = pairScores(suggestClusters(TEST_SET, { threshold }), TEST_SET);
      expect(Math.min(s.precision, s.recall), `threshold ${threshold}`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('on a second hand-written set (>= 0.75) and on both sets together (>= 0.8)', () => {
    const held = pairScores(suggestClusters(HOLDOUT_SET), HOLDOUT_SET);
    const all = [...TEST_SET, ...HOLDOUT_SET];
    const both = pairScores(suggestClusters(all), all);
    console.log(`second set (${HOLDOUT_SET.length}): precision ${f3(held.precision)}, recall ${f3(held.recall)}; both (${all.length}): ${f3(both.precision)}, ${f3(both.recall)}`);
    expect(Math.min(held.precision, held.recall)).toBeGreaterThanOrEqual(0.75);
    expect(Math.min(both.precision, both.recall)).toBeGreaterThanOrEqual(0.8);
  });

  it('shows the coordinator the words the members share, as they wrote them', () => {
    const ind = suggestClusters(TEST_SET).find((c) => c.members.includes('k72'))!;
    expect(ind.members.every((m) => themeOf.get(m) === 'ind-beslistermijn')).toBe(true);
    expect(ind.terms).toContain('beslistermijn');
    const afval = suggestClusters(TEST_SET).find((c) => c.members.includes('k21'))!;
    expect(afval.terms).toEqual(expect.arrayContaining(['container', 'afval']));
  });
});

describe('agencies', () => {
  it('never puts complaints about different agencies in one cluster', () => {
    const agencies = ['Politie', 'UWV', 'DUO'];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: agencies.length - 1 }), { minLength: TEST_SET.length, maxLength: TEST_SET.length }), (pick) => {
        const shuffled = TEST_SET.map((c, i) => ({ ...c, agency: agencies[pick[i]!]! }));
        const agencyOf = new Map(shuffled.map((c) => [c.id, c.agency]));
        for (const cluster of suggestClusters(shuffled)) expect(new Set(cluster.members.map((m) => agencyOf.get(m))).size).toBe(1);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps the same complaint about two agencies apart, and compares names folded', () => {
    const text = 'De gemeente heeft zonder overleg met de bewoners de bomen in onze straat gekapt.';
    expect(suggestClusters([{ id: 'a', agency: 'Gemeente Utrecht', text }, { id: 'b', agency: 'Gemeente Amsterdam', text }])).toEqual([]);
    expect(suggestClusters([{ id: 'a', agency: 'Gemeente Utrecht', text }, { id: 'b', agency: ' gemeente  UTRECHT ', text }])).toMatchObject([{ members: ['a', 'b'] }]);
    expect(normaliseAgency('Immigratie- en Naturalisatiedienst')).toBe('immigratie en naturalisatiedienst');
  });
});

describe('a complaint that arrives later', () => {
  it('is suggested for its theme\'s cluster (leave-one-out over the test set, >= 90% right, never a wrong theme)', () => {
    let right = 0;
    let wrong = 0;
    const themed = TEST_SET.filter((c) => c.theme !== null);
    for (const c of themed) {
      const match = suggestForCluster(c, themeClusters(TEST_SET, c.id));
      if (match?.clusterId === c.theme) right += 1;
      else if (match) wrong += 1;
    }
    console.log(`later complaints: ${right} of ${themed.length} suggested for their theme, ${wrong} for another`);
    expect(right / themed.length).toBeGreaterThanOrEqual(0.9);
    expect(wrong).toBe(0);
  });

  it('is suggested for none when it is about something else, or about another agency', () => {
    const clusters = themeClusters(TEST_SET);
    expect(suggestForCluster(byId.get('k71')!, clusters)).toBeNull(); // Belastingdienst, motor vehicle tax
    expect(suggestForCluster({ agency: 'DUO', text: 'Het loket in Groningen was gesloten toen ik mijn diploma kwam ophalen.' }, clusters)).toBeNull();
    const ind = byId.get('k72')!;
    expect(suggestForCluster({ ...ind, agency: 'Politie' }, clusters)).toBeNull();
    expect(suggestForCluster(ind, [])).toBeNull();
  });

  it('scores a near copy of a member far above the threshold', () => {
    const match = suggestForCluster({ agency: 'UWV', text: 'Mijn WW-uitkering is nog steeds niet betaald, het UWV zegt dat het in behandeling is.' }, themeClusters(TEST_SET));
    expect(match?.clusterId).toBe('uwv-ww');
    expect(match!.score).toBeGreaterThan(2 * CLUSTER_THRESHOLD);
  });
});

describe('determinism', () => {
  it('gives the same clusters for the same complaints in any order', () => {
    const reference = suggestClusters(TEST_SET);
    expect(suggestClusters(TEST_SET)).toEqual(reference);
    fc.assert(
      fc.property(fc.shuffledSubarray([...TEST_SET], { minLength: TEST_SET.length }), (shuffled) => {
        expect(suggestClusters(shuffled)).toEqual(reference);
      }),
      { numRuns: 10 },
    );
  });

  it('gives the same match for clusters and background in any order', () => {
    const clusters = themeClusters(TEST_SET, 'k44');
    const background = TEST_SET.filter((c) => c.theme === null);
    const reference = suggestForCluster(byId.get('k44')!, clusters, { background });
    expect(reference?.clusterId).toBe('uwv-ww');
    expect(suggestForCluster(byId.get('k44')!, [...clusters].reverse(), { background: [...background].reverse() })).toEqual(reference);
  });

  it('refuses two complaints with one id', () => {
    expect(() => suggestClusters([{ id: 'x', agency: 'UWV', text: 'a' }, { id: 'x', agency: 'UWV', text: 'b' }])).toThrow(RangeError);
  });
});
