import { randomBytes } from 'node:crypto';

/**
 * A small seeded PRNG (sfc32). Faker's Mersenne Twister is seeded too, but every call through it
 * costs a few hundred nanoseconds of bookkeeping; most of the generator's millions of choices come
 * from here instead.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    // splitmix32 spreads (seed, stream) over the four words so nearby seeds give unrelated streams.
    let s = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A string of `n` decimal digits. */
  digits(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 10);
    return out;
  }

  /** Roughly normal around 0 with standard deviation 1 (sum of uniforms; cheap and bounded). */
  gauss(): number {
    return this.next() + this.next() + this.next() + this.next() - 2;
  }
}

/** Choose among weighted items in O(log n), with the cumulative table built once. */
export class Weighted<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;
  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, w] of items) this.cumulative.push((sum += w));
    this.total = sum;
  }
  pick(random: Random): T {
    const x = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]![0];
  }
  get values(): T[] {
    return this.items.map(([v]) => v);
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
let pool = randomBytes(0);
let poolAt = 0;

/**
 * A UUIDv7 whose time part is the record's own creation instant, so ids sort the way records were
 * made even when they are imported years later. The random part is truly random (ids must stay
 * unique across workspaces seeded with the same seed); only the content is deterministic.
 */
export function idAt(ms: number): string {
  if (poolAt + 10 > pool.length) {
    pool = randomBytes(64 * 1024);
    poolAt = 0;
  }
  const t = Math.max(0, Math.floor(ms));
  const hi = Math.floor(t / 0x1000000);
  const lo = t % 0x1000000;
  const time = hi.toString(16).padStart(6, '0') + lo.toString(16).padStart(6, '0');
  const b = pool;
  const i = poolAt;
  poolAt += 10;
  return (
    `${time.slice(0, 8)}-${time.slice(8, 12)}-7${HEX[b[i]!]!.slice(1)}${HEX[b[i + 1]!]}-` +
    `${HEX[(b[i + 2]! & 0x3f) | 0x80]}${HEX[b[i + 3]!]}-` +
    `${HEX[b[i + 4]!]}${HEX[b[i + 5]!]}${HEX[b[i + 6]!]}${HEX[b[i + 7]!]}${HEX[b[i + 8]!]}${HEX[b[i + 9]!]}`
  );
}
