/** CoDel's defaults (RFC 8289): a target waiting time of 5 ms, judged over an interval of 100 ms (seconds). Kept apart from the schema so the engine does not load zod. */
export const codelDefaults = { target: 0.005, interval: 0.1 } as const;
