/**
 * Property tests draw their cases from a fixed seed, so that `npm test` (and CI) gives the same
 * verdict on every run: a rare counterexample must not turn one run red and the next green.
 * To explore new cases, run with HEADROOM_PROPERTY_SEED set to a number, or to `random`; a failure
 * prints the seed that reproduces it.
 */
import fc from 'fast-check';

const chosen = process.env.HEADROOM_PROPERTY_SEED;
const seed = chosen === undefined || chosen === '' ? 20261206 : chosen === 'random' ? undefined : Number(chosen);
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`HEADROOM_PROPERTY_SEED must be an integer or "random", not "${chosen}"`);
fc.configureGlobal(seed === undefined ? {} : { seed });
