/** Types for cpuTime.mjs (plain JavaScript so the e2e runner needs no build step). */
export const procAvailable: boolean;
export function processCpu(pid: number): { state: string; ms: number } | null;
export function threadsOf(pid: number): { tid: number; name: string }[];
export function threadCpuNs(pid: number, tid: number): number | null;
export function cpuAtExit(pid: number, timeoutMs?: number): { ended: boolean; ms: number; threadsLeft: number; waitedMs: number } | null;
export function descendants(root: number): { pid: number; cmdline: string }[];
export function watchWorkerThreads(root: number): { renderers: number; threadsAtStart: number; refresh(): void; sample(): void; usedMs(): number };
