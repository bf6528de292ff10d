import { withCorpusMorphology } from './compounds.ts';
import { foldText, terms, type Term } from './text.ts';
import { cosine, similarPairs, tfidfVectors, type Vector } from './tfidf.ts';

/**
 * Cluster suggestions (DOMAIN.md, "Lanes and markers": Cluster; issue 7):
 * similar open complaints about the same agency, proposed to a coordinator,
 * who confirms them as one investigation. Pure and deterministic: the result
 * depends on the set of complaints, not on their order.
 *
 * How:
 * - Only complaints about the same agency are compared (names folded, so
 *   "gemeente  Utrecht" is "Gemeente Utrecht"): a cluster is one
 *   investigation into one body.
 * - Terms: Dutch words without stop words, lightly stemmed (text.ts), with
 *   participles and compounds resolved against the words of all complaints
 *   given (compounds.ts: "verkeersboete" also counts as "boete").
 * - TF-IDF per agency (tfidf.ts): the corpus is that agency's open
 *   complaints, so the words every complaint about it uses ("CJIB", "boete"
 *   at the CJIB) weigh little and the words that tell them apart weigh most.
 * - Pairs with cosine >= threshold are linked; within each connected group,
 *   average-link merging (merge the two groups whose mean pairwise cosine is
 *   highest, while it is >= threshold) guards against chaining: A-B and B-C
 *   linked does not put A with C unless the three together are similar on
 *   average. Average link never joins groups that no linked pair connects,
 *   so running it per connected group gives the same result as on all.
 * - A cluster has at least two members; its score is the mean cosine of
 *   its pairs; its terms are the words most of its members share.
 */

/**
 * Default link threshold: the mean TF-IDF cosine two groups need to merge.
 * Chosen on the hand-written sets (similarity.test.ts sweeps it): on
 * testset.ts (87 complaints, 13 themes) pairwise precision and recall are
 * both >= 0.8 for thresholds from 0.0675 to 0.075, and 0.07 sits in the
 * middle; on a second set (testset.holdout.ts, 39 complaints) about
 * 0.81 / 0.79, and 0.83 / 0.81 on both together. Lower merges two themes of one agency (the CJIB's
 * raised fines with its refused payment plans); higher splits themes that
 * are written in different words. The cosines are low in absolute terms
 * because complaints are short and share few words; what matters is that
 * complaints of one theme share more.
 */
export const CLUSTER_THRESHOLD = 0.07;

export interface ClusterComplaint {
  id: string;
  agency: string;
  text: string;
}

export interface SuggestedCluster {
  /** The agency as the first member (by id) names it. */
  agency: string;
  /** Complaint ids, sorted. */
  members: string[];
  /** Mean cosine over the member pairs, 0..1: how alike the members are. */
  score: number;
  /** The words most members share, most telling first, as written. */
  terms: string[];
}

export interface ClusterOptions {
  /** Link threshold on the cosine; default CLUSTER_THRESHOLD. */
  threshold?: number;
  /** Use word bigrams besides words; default false (on the test set they cost precision and recall). */
  bigrams?: boolean;
  /** How many shared terms to show per cluster; default 5. */
  maxTerms?: number;
}

/** The agency name as compared: folded, punctuation and spacing collapsed. */
export function normaliseAgency(name: string): string {
  return foldText(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Complaints per normalised agency, each group sorted by id, groups by key. */
function byAgency<T extends { id: string; agency: string }>(items: readonly T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  const seen = new Set<string>();
  for (const item of [...items].sort(byId)) {
    if (seen.has(item.id)) throw new RangeError(`duplicate complaint id ${item.id}`);
    seen.add(item.id);
    const key = normaliseAgency(item.agency);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function suggestClusters(complaints: readonly ClusterComplaint[], options: ClusterOptions = {}): SuggestedCluster[] {
  const threshold = options.threshold ?? CLUSTER_THRESHOLD;
  const groups = byAgency(complaints);
  // one vocabulary for all agencies: more words known, more compounds split
  const termLists = withCorpusMorphology(groups.flatMap(([, group]) => group.map((c) => terms(c.text, { bigrams: options.bigrams }))));
  const result: SuggestedCluster[] = [];
  let offset = 0;
  for (const [, group] of groups) {
    const groupTerms = termLists.slice(offset, offset + group.length);
    offset += group.length;
    const vectors = tfidfVectors(groupTerms);
    for (const component of linkedGroups(vectors, threshold)) {
      for (const cluster of averageLink(component, vectors, threshold)) {
        result.push({
          agency: group[cluster.members[0]!]!.agency,
          members: cluster.members.map((i) => group[i]!.id),
          score: cluster.score,
          terms: sharedTerms(cluster.members.map((i) => ({ terms: groupTerms[i]!, vector: vectors[i]! })), options.maxTerms ?? 5),
        });
      }
    }
  }
  return result.sort((a, b) => b.score - a.score || (a.members[0]! < b.members[0]! ? -1 : 1));
}

/** Connected groups (size >= 2) of the graph of pairs with cosine >= threshold, by union-find. */
function linkedGroups(vectors: readonly Vector[], threshold: number): number[][] {
  const parent = vectors.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const [i, j] of similarPairs(vectors, threshold)) {
    const [a, b] = [find(i), find(j)];
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const groups = new Map<number, number[]>();
  vectors.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  });
  return [...groups.values()].filter((g) => g.length >= 2);
}

/**
 * Average-link agglomeration of one connected group: start from singletons,
 * repeatedly merge the two clusters with the highest mean pairwise cosine
 * while that mean is >= threshold. Ties go to the lowest indices, so the
 * outcome is fixed. Returns the clusters of two or more, members ascending.
 */
function averageLink(indices: readonly number[], vectors: readonly Vector[], threshold: number): { members: number[]; score: number }[] {
  const k = indices.length;
  // sum[a][b]: the sum of the cosines between the members of clusters a and b
  const sum = indices.map((i) => indices.map((j) => (i === j ? 0 : cosine(vectors[i]!, vectors[j]!))));
  const clusters: ({ members: number[]; within: number } | null)[] = indices.map((i) => ({ members: [i], within: 0 }));
  for (;;) {
    let best: [number, number] | null = null;
    let bestMean = -Infinity;
    for (let a = 0; a < k; a++) {
      const ca = clusters[a];
      if (!ca) continue;
      for (let b = a + 1; b < k; b++) {
        const cb = clusters[b];
        if (!cb) continue;
        const mean = sum[a]![b]! / (ca.members.length * cb.members.length);
        if (mean > bestMean) [best, bestMean] = [[a, b], mean];
      }
    }
    if (!best || bestMean < threshold) break;
    const [a, b] = best;
    const [ca, cb] = [clusters[a]!, clusters[b]!];
    clusters[a] = { members: [...ca.members, ...cb.members], within: ca.within + cb.within + sum[a]![b]! };
    clusters[b] = null;
    for (let c = 0; c < k; c++) {
      if (c === a || c === b) continue;
      sum[a]![c] = sum[c]![a] = sum[a]![c]! + sum[b]![c]!;
    }
  }
  return clusters
    .filter((c): c is { members: number[]; within: number } => c !== null && c.members.length >= 2)
    .map((c) => {
      const n = c.members.length;
      return { members: [...c.members].sort((x, y) => x - y), score: c.within / ((n * (n - 1)) / 2) };
    });
}

/**
 * The words a coordinator sees for a cluster: single-word terms found in at
 * least two members (and in half of them for larger clusters), ranked by
 * their summed TF-IDF weight over the members; shown in the spelling the
 * members use most (the stem "bom" is shown as "bomen"), a whole word before
 * a part cut from a compound.
 */
function sharedTerms(members: readonly { terms: readonly Term[]; vector: Vector }[], max: number): string[] {
  const stats = new Map<string, { members: number; weight: number; surfaces: Map<string, number> }>();
  for (const member of members) {
    const seen = new Set<string>();
    for (const t of member.terms) {
      if (t.key.includes(' ')) continue; // bigrams: their words are listed on their own
      const s = stats.get(t.key) ?? { members: 0, weight: 0, surfaces: new Map<string, number>() };
      stats.set(t.key, s);
      // whole words count 1000 times a part, so a part only shows when no whole word has the key
      s.surfaces.set(t.surface, (s.surfaces.get(t.surface) ?? 0) + (t.part ? 1 : 1000));
      if (seen.has(t.key)) continue;
      seen.add(t.key);
      s.members += 1;
      s.weight += member.vector.get(t.key) ?? 0;
    }
  }
  const quorum = Math.max(2, Math.ceil(members.length / 2));
  return [...stats]
    .filter(([, s]) => s.members >= quorum)
    .sort(([ka, a], [kb, b]) => b.weight - a.weight || (ka < kb ? -1 : 1))
    .slice(0, max)
    .map(([, s]) => [...s.surfaces].sort(([wa, na], [wb, nb]) => nb - na || (wa < wb ? -1 : 1))[0]![0]);
}

export interface ExistingCluster {
  id: string;
  agency: string;
  memberTexts: readonly string[];
}

export interface ClusterMatch {
  clusterId: string;
  /** Mean cosine between the complaint and the cluster's members. */
  score: number;
}

export interface JoinOptions extends ClusterOptions {
  /**
   * The other open complaints, for the document frequencies: with them, the
   * words every complaint about the agency uses weigh little, as in
   * suggestClusters. Only those of the same agency are used; including the
   * complaint itself does no harm.
   */
  background?: readonly { agency: string; text: string }[];
}

/**
 * The existing cluster a later complaint fits best, or null. Only clusters
 * of the complaint's agency qualify; the score is the mean cosine to the
 * cluster's members, the same average-link criterion and threshold that
 * suggestClusters merges by, so "would have been clustered with them" and
 * "is suggested for them" agree. Ties go to the lowest cluster id.
 */
export function suggestForCluster(
  complaint: { agency: string; text: string },
  clusters: readonly ExistingCluster[],
  options: JoinOptions = {},
): ClusterMatch | null {
  const threshold = options.threshold ?? CLUSTER_THRESHOLD;
  const agency = normaliseAgency(complaint.agency);
  const candidates = clusters.filter((c) => normaliseAgency(c.agency) === agency && c.memberTexts.length > 0).sort(byId);
  if (candidates.length === 0) return null;
  const background = (options.background ?? []).filter((c) => normaliseAgency(c.agency) === agency).map((c) => c.text);
  const texts = [complaint.text, ...candidates.flatMap((c) => c.memberTexts), ...background];
  const vectors = tfidfVectors(withCorpusMorphology(texts.map((t) => terms(t, { bigrams: options.bigrams }))));
  let offset = 1;
  let best: ClusterMatch | null = null;
  for (const cluster of candidates) {
    const members = vectors.slice(offset, offset + cluster.memberTexts.length);
    offset += cluster.memberTexts.length;
    const score = members.reduce((total, v) => total + cosine(vectors[0]!, v), 0) / members.length;
    if (score >= threshold && (!best || score > best.score)) best = { clusterId: cluster.id, score };
  }
  return best;
}
