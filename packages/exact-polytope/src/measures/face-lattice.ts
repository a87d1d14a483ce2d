/**
 * The face lattice of a polytope computed combinatorially from its vertex–facet incidence.
 *
 * Every face of a polytope P is an intersection of facets of P, and the facets of a face G are the
 * inclusion-maximal sets among {G ∩ H : H a facet of P, H ⊉ G, G ∩ H ≠ ∅}. So no coordinates are
 * needed once the facets are known. Sets in the input that are not facets (rows tight on a lower
 * face, implicit equalities tight everywhere) are faces too, and are filtered out by maximality.
 * Vertex sets are handled as 32-bit word bitsets; the public methods take and return sorted
 * index arrays.
 */
import { MlgeoError, ShapeError } from '@mlgeo/exact-arith';
import type { ExactPolytopeErrorCode } from '../errors.js';

/** The incidence does not describe the faces of a polytope (e.g. a facet is missing). */
export class IncidenceError extends MlgeoError<ExactPolytopeErrorCode> {
  constructor(message: string) {
    super('INCIDENCE', message, {
      field: 'facetVertices',
      fix: 'pass, for every facet (every irredundant row), the indices of all vertices on it',
    });
  }
}

type Bits = Uint32Array;

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function count(a: Bits): number {
  let c = 0;
  for (let w = 0; w < a.length; w++) if (a[w] !== 0) c += popcount32(a[w]!);
  return c;
}

/** a ⊆ b */
function isSubset(a: Bits, b: Bits): boolean {
  for (let w = 0; w < a.length; w++) if ((a[w]! & ~b[w]!) !== 0) return false;
  return true;
}

const keyOfBits = (a: Bits): string => a.join(',');

function toList(a: Bits): number[] {
  const out: number[] = [];
  for (let w = 0; w < a.length; w++) {
    let x = a[w]!;
    while (x !== 0) {
      const low = x & -x;
      out.push(w * 32 + (31 - Math.clz32(low)));
      x ^= low;
    }
  }
  return out;
}

/** A face, canonical per vertex set: its sorted vertex list, bitset and (lazily) its facets. */
export interface FaceEntry {
  readonly list: number[];
  readonly bits: Bits;
  readonly key: string;
  children?: FaceEntry[];
  checked?: boolean;
}

/** Maximal sets of a family of distinct bitsets (subsets removed). */
function maximal(entries: { bits: Bits; size: number }[]): Bits[] {
  entries.sort((a, b) => b.size - a.size);
  const kept: { bits: Bits; size: number }[] = [];
  for (const e of entries) {
    if (!kept.some((k) => k.size > e.size && isSubset(e.bits, k.bits))) kept.push(e);
  }
  return kept.map((k) => k.bits);
}

export class FaceLattice {
  /** Number of vertices. */
  readonly vertexCount: number;
  /** The facets of the polytope (maximal input sets, sorted, deduplicated). */
  readonly facets: number[][];
  /** For each facet, the input indices whose set equals it. */
  readonly facetInputIndices: number[][];
  private readonly words: number;
  private readonly facetBits: Bits[];
  private readonly canonical = new Map<string, FaceEntry>();
  /** For each vertex, the indices of the facets containing it. */
  private readonly vertexFacets: number[][];
  /** Scratch marks for candidate facets (stamped with `stampValue`). */
  private readonly stamp: Uint32Array;
  private stampValue = 0;

  constructor(vertexCount: number, facetVertices: readonly (readonly number[])[]) {
    this.vertexCount = vertexCount;
    this.words = Math.max(1, Math.ceil(vertexCount / 32));
    const inputBits = facetVertices.map((set, i) => {
      if (!Array.isArray(set)) {
        throw new ShapeError(`entry ${i} is not a list of vertex indices`, `facetVertices[${i}]`);
      }
      for (const v of set) {
        if (!Number.isInteger(v) || v < 0 || v >= vertexCount) {
          throw new ShapeError(
            `vertex index ${v} is outside 0..${vertexCount - 1}`,
            `facetVertices[${i}]`,
            'use indices into the vertex list',
          );
        }
      }
      return this.toBits(set);
    });
    const distinct = new Map<string, { bits: Bits; size: number }>();
    for (const bits of inputBits) {
      const size = count(bits);
      if (size > 0 && size < vertexCount) distinct.set(keyOfBits(bits), { bits, size });
    }
    const facets = maximal([...distinct.values()]).map((b) => this.entry(b));
    this.facets = facets.map((f) => f.list);
    this.facetBits = facets.map((f) => f.bits);
    this.vertexFacets = Array.from({ length: vertexCount }, () => []);
    this.facets.forEach((f, i) => {
      for (const v of f) this.vertexFacets[v]!.push(i);
    });
    this.stamp = new Uint32Array(this.facets.length);
    const index = new Map(facets.map((f, i) => [f.key, i]));
    this.facetInputIndices = this.facets.map(() => []);
    inputBits.forEach((bits, i) => {
      const f = index.get(keyOfBits(bits));
      if (f !== undefined) this.facetInputIndices[f]!.push(i);
    });
  }

  private toBits(face: readonly number[]): Bits {
    const bits = new Uint32Array(this.words);
    for (const v of face) bits[v >>> 5]! |= 1 << (v & 31);
    return bits;
  }

  /** All vertex indices 0..n−1: the polytope itself as its improper face. */
  top(): number[] {
    return Array.from({ length: this.vertexCount }, (_, i) => i);
  }

  /** The canonical entry of a vertex set. */
  private entry(bits: Bits): FaceEntry {
    const key = keyOfBits(bits);
    let e = this.canonical.get(key);
    if (!e) {
      e = { list: toList(bits), bits, key };
      this.canonical.set(key, e);
    }
    return e;
  }

  /** The canonical entry of a face given by vertex indices. */
  entryOf(face: readonly number[]): FaceEntry {
    return this.entry(this.toBits(face));
  }

  /** The facets of a face (canonical entries), computed once per face. */
  childrenOf(e: FaceEntry): FaceEntry[] {
    if (e.children) return e.children;
    const size = e.list.length;
    let result: FaceEntry[];
    if (size === this.vertexCount) {
      result = this.facetBits.map((b) => this.entry(b));
    } else {
      const candidates = new Map<string, { bits: Bits; size: number }>();
      if (size > 1) {
        // only facets that share a vertex with the face can meet it
        const mark = ++this.stampValue;
        for (const v of e.list) {
          for (const f of this.vertexFacets[v]!) {
            if (this.stamp[f] === mark) continue;
            this.stamp[f] = mark;
            const fb = this.facetBits[f]!;
            const inter = new Uint32Array(this.words);
            for (let w = 0; w < this.words; w++) inter[w] = e.bits[w]! & fb[w]!;
            const c = count(inter);
            if (c < size) candidates.set(keyOfBits(inter), { bits: inter, size: c });
          }
        }
      }
      result = maximal([...candidates.values()]).map((b) => this.entry(b));
    }
    e.children = result;
    return result;
  }

  /** The facets of the face G (sorted vertex sets); memoised. Facets of a vertex: none. */
  facetsOf(face: readonly number[]): number[][] {
    return this.childrenOf(this.entryOf(face)).map((e) => e.list);
  }

  /** Indices (into the input facet list) of the facets containing the face. */
  facetsContaining(face: readonly number[]): number[] {
    const bits = this.toBits(face);
    const out: number[] = [];
    this.facetBits.forEach((fb, f) => {
      if (isSubset(bits, fb)) out.push(...this.facetInputIndices[f]!);
    });
    return out.sort((a, b) => a - b);
  }

  /**
   * Checks the incidence: the polytope (dimension k) and each of its facets pass
   * {@link checkFace}. A missing or spurious facet breaks these local conditions, and would
   * otherwise give a silently wrong volume; faces visited later are checked as they are used.
   */
  validate(k: number): void {
    if (k < 1) return;
    this.checkFace(this.top(), k);
    if (k >= 2) for (const g of this.facets) this.checkFace(g, k - 1);
  }

  /**
   * Local face-lattice conditions for a face of dimension `dim` ≥ 1: a segment has exactly two
   * facets (its endpoints); for dim ≥ 2 every ridge of the face lies in exactly two of its facets
   * (the diamond property). Memoised; throws IncidenceError.
   */
  checkFace(face: readonly number[], dim: number): void {
    this.checkEntry(this.entryOf(face), dim);
  }

  /** {@link checkFace} on a canonical entry. */
  checkEntry(e: FaceEntry, dim: number): void {
    if (dim < 1 || e.checked) return;
    const facets = this.childrenOf(e);
    if (dim === 1 && facets.length !== 2) {
      throw new IncidenceError(
        `the edge {${e.list.join(', ')}} has ${facets.length} endpoints instead of 2 (a facet is missing or is not a face)`,
      );
    }
    if (dim >= 2) {
      // facets of e through each vertex, so a ridge is only tested against facets at its vertex
      const through = new Map<number, FaceEntry[]>();
      for (const f of facets) {
        for (const v of f.list) {
          const list = through.get(v);
          if (list) list.push(f);
          else through.set(v, [f]);
        }
      }
      const seen = new Set<FaceEntry>();
      for (const g of facets) {
        for (const ridge of this.childrenOf(g)) {
          if (seen.has(ridge)) continue;
          seen.add(ridge);
          let c = 0;
          for (const f of through.get(ridge.list[0]!) ?? []) if (isSubset(ridge.bits, f.bits)) c++;
          if (c !== 2) {
            throw new IncidenceError(
              `inside the face {${e.list.join(', ')}} the face {${ridge.list.join(', ')}} lies in ${c} facets instead of 2 (a facet is missing or is not a face)`,
            );
          }
        }
      }
    }
    e.checked = true;
  }

  /** The faces of codimension `codim` inside the face `root` (default: the whole polytope). */
  facesOfCodimension(codim: number, root: readonly number[] = this.top()): number[][] {
    let layer: FaceEntry[] = [this.entryOf(root)];
    for (let j = 0; j < codim; j++) {
      const next = new Set<FaceEntry>();
      for (const g of layer) for (const h of this.childrenOf(g)) next.add(h);
      layer = [...next];
      if (layer.length === 0) break;
    }
    return layer
      .map((e) => e.list)
      .sort((a, b) => {
        for (let i = 0; i < Math.min(a.length, b.length); i++)
          if (a[i] !== b[i]) return a[i]! - b[i]!;
        return a.length - b.length;
      });
  }
}
