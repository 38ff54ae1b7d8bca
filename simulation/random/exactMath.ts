/**
 * Natural logarithm and exponential computed with nothing but IEEE-754 arithmetic, so every
 * JavaScript engine gives the same bits. `Math.log` and `Math.exp` are not pinned by the language:
 * measured on this project's machine, Node 20 and Chromium 156 disagree in the last bit of both
 * for a share of inputs, so the same scenario and seed gave a CLI result and an app result that
 * differed at the 16th digit. Sampling, arrivals and the statistics use these instead.
 *
 * The method is the classic one of Sun's fdlibm (argument reduction to [√2/2, √2] or to
 * [-ln2/2, ln2/2] and a minimax polynomial), accurate to within one unit in the last place.
 */

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
// Which 32-bit half holds the sign and exponent depends on the machine's byte order.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 18014398509481984;
const OFFSET = 1100;
const POW2 = new Float64Array(2200).map((_, i) => Math.pow(2, i - OFFSET));

const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** ln x, the same bits on every engine. */
export function log(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return x;
  let k = 0;
  let y = x;
  if (y < 2.2250738585072014e-308) {
    // Subnormal: scale into the normal range first.
    y *= TWO54;
    k = -54;
  }
  bits[0] = y;
  let hx = words[HI]!;
  const e = (hx >>> 20) - 1023;
  hx &= 0x000fffff;
  // Put the mantissa in [√2/2, √2) by taking one from the exponent when it is above √2.
  const up = ((hx + 0x95f64) & 0x100000) >>> 20;
  k += e + up;
  // y · 2^-(e + up), exact: a power of two from a table rather than a write into the bits,
  // which would make the next read wait for the store.
  const f = y * POW2[OFFSET - e - up]! - 1;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20: two terms of the series are exact enough.
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI - (r - k * LN2_LO - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + r)) : k * LN2_HI - (hfsq - (s * (hfsq + r) + k * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - r) : k * LN2_HI - (s * (f - r) - k * LN2_LO - f);
}

const OVERFLOW = 7.09782712893383973096e2;
const UNDERFLOW = -7.45133219101941108420e2;
const INV_LN2 = 1.44269504088896338700;
const HALF_LN2 = 0.34657359027997264;
const THREE_HALVES_LN2 = 1.0397207708399179;
const TWO_M28 = 3.725290298461914e-9;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const TWO_M1000 = 9.33263618503218878990e-302;

/** e^x, the same bits on every engine. */
export function exp(x: number): number {
  if (x !== x) return x;
  if (x > OVERFLOW) return Infinity;
  if (x < UNDERFLOW) return 0;
  const ax = Math.abs(x);
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax > HALF_LN2) {
    // |x| > ln2/2: x = k·ln2 + r with |r| <= ln2/2, ln2 split in two so that k·ln2_hi is exact.
    if (ax < THREE_HALVES_LN2) k = x > 0 ? 1 : -1;
    else k = Math.trunc(INV_LN2 * x + (x > 0 ? 0.5 : -0.5));
    hi = x - k * LN2_HI;
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (ax < TWO_M28) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  // y · 2^k by a power of two from the table (exact while the result is normal); 2^1024 is not a
  // double, and a subnormal result is rounded once, from y · 2^(k+1000).
  if (k >= -1021) return k < 1024 ? y * POW2[OFFSET + k]! : y * 2 * POW2[OFFSET + 1023]!;
  return y * POW2[OFFSET + k + 1000]! * TWO_M1000;
}
