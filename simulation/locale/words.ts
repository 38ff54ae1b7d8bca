/**
 * Words the plain-text tables share across languages: a node kind's name, and the
 * terminal width of a text, in which a Chinese character takes two columns (padding
 * by `length` would misalign every column after a Chinese word).
 */
const chineseKinds: Readonly<Record<string, string>> = { source: '来源', gateway: '网关', service: '服务', cache: '缓存', queue: '队列', database: '数据库', external: '外部服务' };

/** The kind as the reader's language names it (English keeps the format's own word). */
export function kindWord(kind: string, lang: 'en' | 'zh-CN'): string {
  return lang === 'zh-CN' ? (chineseKinds[kind] ?? kind) : kind;
}

/** Columns a terminal gives the text: two for each CJK character and full-width sign. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch >= '\u2e80' && ch <= '\uffef' ? 2 : 1;
  return width;
}

export function padEndTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export function padStartTo(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** A labelled line of a printed summary: "  Throughput  159/s …", the label padded to its column in terminal width. */
export function summaryRow(label: string, text: string): string {
  return `  ${padEndTo(label, 11)} ${text}`;
}
