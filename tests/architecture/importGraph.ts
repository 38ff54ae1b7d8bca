/**
 * The import graph of the source folders and the two checks the layering test makes on
 * it: imports a layer map does not allow, and cycles. The checks are pure functions over
 * a plain graph so that a test can feed them a small fake one and watch each rule fail.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

/** Repo-relative, '/'-separated file path → the repo-relative files it imports. */
export type ImportGraph = Map<string, string[]>;

/** One import, as `from` (the importing file) → `to` (the imported file). */
export interface ImportEdge {
  from: string;
  to: string;
}

/** A folder → the folders it may import (its own files may always import each other). */
export type LayerMap = Record<string, readonly string[]>;

const SOURCE = /\.(ts|tsx|mts)$/;
const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '/index.ts', '/index.tsx'];

function sourceFiles(root: string, dir: string): string[] {
  const absolute = join(root, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(root, path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path.split(sep).join('/')] : [];
  });
}

/** tsconfig `paths` of the base config as prefix → repo-relative folder, so aliased imports count too. */
function pathAliases(root: string): [string, string][] {
  const base = join(root, 'tsconfig.base.json');
  if (!existsSync(base)) return [];
  const { config } = ts.readConfigFile(base, ts.sys.readFile);
  const paths: Record<string, string[]> = config?.compilerOptions?.paths ?? {};
  return Object.entries(paths).map(([alias, targets]) => [alias.replace(/\*$/, ''), (targets[0] ?? '').replace(/\*$/, '').replace(/^\.\//, '')]);
}

function resolveImport(root: string, fromFile: string, specifier: string, aliases: [string, string][]): string | undefined {
  const bare = specifier.replace(/\?.*$/, '');
  let target: string | undefined;
  if (bare.startsWith('.')) target = join(dirname(fromFile), bare);
  else {
    const alias = aliases.find(([prefix]) => bare.startsWith(prefix));
    if (alias) target = join(alias[1], bare.slice(alias[0].length));
  }
  if (target === undefined) return undefined; // a package
  const candidates = [target, target.replace(/\.(m?js|jsx)$/, '')];
  for (const candidate of candidates) {
    for (const suffix of RESOLVE_SUFFIXES) {
      const path = join(root, candidate + suffix);
      if (existsSync(path) && statSync(path).isFile()) return relative(root, path).split(sep).join('/');
    }
  }
  return undefined;
}

/** Every static, dynamic, type-only and re-export import of the .ts/.tsx/.mts files under `dirs`. */
export function readImportGraph(root: string, dirs: readonly string[]): ImportGraph {
  const aliases = pathAliases(root);
  const graph: ImportGraph = new Map();
  for (const file of dirs.flatMap((dir) => sourceFiles(root, dir))) {
    const text = readFileSync(join(root, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const targets = importedFiles
      .map((imported) => resolveImport(root, file, imported.fileName, aliases))
      .filter((target): target is string => target !== undefined && SOURCE.test(target));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * The folder a file belongs to for layering: the second level under simulation/ and main/,
 * the third under renderer/src/ (renderer/src/app, …), else the top-level folder.
 */
export function folderOf(file: string): string {
  const parts = file.split('/');
  const depth = parts[0] === 'renderer' && parts[1] === 'src' ? 3 : ['simulation', 'main', 'contract'].includes(parts[0]) ? 2 : 1;
  // A file directly in the folder (simulation/x.ts, renderer/src/main.tsx) belongs to the folder itself;
  // a file at the repository root (a build config a test reads) to '.'.
  return parts.slice(0, Math.min(depth, parts.length - 1)).join('/') || '.';
}

function edges(graph: ImportGraph): ImportEdge[] {
  return [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));
}

function edgeKey(edge: ImportEdge): string {
  return `${edge.from} -> ${edge.to}`;
}

export function isTest(file: string): boolean {
  return /\.test\.(ts|tsx|mts)$/.test(file);
}

/**
 * The graph the product is built from: tests sit next to the code they exercise and may
 * reach across its layers (an integration test runs the engine), so they are left out.
 */
export function withoutTests(graph: ImportGraph): ImportGraph {
  return new Map([...graph].filter(([file]) => !isTest(file)).map(([file, targets]) => [file, targets.filter((to) => !isTest(to))]));
}

/** The graph without the allowlisted imports. */
export function withoutEdges(graph: ImportGraph, allowed: readonly ImportEdge[]): ImportGraph {
  const skip = new Set(allowed.map(edgeKey));
  return new Map([...graph].map(([from, targets]) => [from, targets.filter((to) => !skip.has(edgeKey({ from, to })))]));
}

function topOf(folder: string): string {
  return folder.split('/')[0];
}

function covers(allowed: string, folder: string): boolean {
  return folder === allowed || folder.startsWith(`${allowed}/`);
}

/**
 * One sentence per import the layer map does not allow, naming the file and the import.
 * Between top-level folders the top-level entry decides (`renderer` may import `simulation`);
 * inside one, the folder's own entry does (`simulation/engine` may import `simulation/kernel`).
 * A folder with no entry of its own may import anything under its top-level folder, and so
 * may the files directly in a top-level folder (main/index.ts wires the app together).
 */
export function layerViolations(graph: ImportGraph, layers: LayerMap): string[] {
  const problems: string[] = [];
  for (const { from, to } of edges(graph)) {
    const source = folderOf(from);
    const target = folderOf(to);
    if (source === target) continue;
    // A file directly in a top-level folder (main/index.ts) is its composition root.
    if (source === topOf(source) && topOf(target) === source) continue;
    const crossing = topOf(source) !== topOf(target);
    const rule = crossing ? topOf(source) : source;
    if (!(rule in layers)) {
      if (!crossing && topOf(source) in layers) continue;
      problems.push(`${from}: imports ${to} but ${rule} has no entry in the layer map`);
      continue;
    }
    if (!layers[rule].some((folder) => covers(folder, target))) {
      problems.push(`${from}: imports ${to} but ${rule} may not import ${crossing ? topOf(target) : target}`);
    }
  }
  return problems;
}

/** Strongly connected components with more than one member (Tarjan), each sorted, in a stable order. */
function cyclicComponents(nodes: Iterable<string>, next: (node: string) => Iterable<string>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  // Iterative, so a long chain of files cannot overflow the call stack.
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: [string, Iterator<string>][] = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push([node, next(node)[Symbol.iterator]()]);
    };
    open(start);
    while (work.length > 0) {
      const [node, children] = work[work.length - 1];
      const child = children.next();
      if (!child.done) {
        if (!index.has(child.value)) open(child.value);
        else if (onStack.has(child.value)) low.set(node, Math.min(low.get(node)!, index.get(child.value)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(node)!));
      }
      if (low.get(node) === index.get(node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== node);
        if (component.length > 1) components.push(component.sort());
      }
    }
  }
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Each set of files that import each other, with the imports that close it. */
export function fileCycles(graph: ImportGraph): string[] {
  const components = cyclicComponents(graph.keys(), (file) => graph.get(file) ?? []);
  return components.map((members) => {
    const inside = new Set(members);
    const links = edges(graph).filter((e) => inside.has(e.from) && inside.has(e.to)).map(edgeKey);
    return `files import each other: ${links.join(', ')}`;
  });
}

/** Each set of folders that import each other, with the file imports that make each link. */
export function folderCycles(graph: ImportGraph): string[] {
  const folderEdges = edges(graph).filter((e) => folderOf(e.from) !== folderOf(e.to));
  const links = new Map<string, Set<string>>();
  for (const { from, to } of folderEdges) {
    const source = folderOf(from);
    if (!links.has(source)) links.set(source, new Set());
    links.get(source)!.add(folderOf(to));
  }
  const components = cyclicComponents(links.keys(), (folder) => links.get(folder) ?? []);
  return components.map((members) => {
    const inside = new Set(members);
    const causes = folderEdges.filter((e) => inside.has(folderOf(e.from)) && inside.has(folderOf(e.to))).map(edgeKey);
    return `folders ${members.join(', ')} import each other: ${causes.join(', ')}`;
  });
}
