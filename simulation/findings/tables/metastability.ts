/** Findings of `headroom metastability`: what was triggered, the boundary, what keeps the system stuck, and why a map cannot be made. */
import type { Finding, SentenceContext } from '../finding';
import { defineSentences, num, str } from '../finding';

const warning = 'warning' as const;

/** What a trigger's size means, for the map's heading. */
const sizeMeaning = {
  en: { spike: 'size = the rate × size', fault: 'size = the share of its replicas down', flush: 'size = the share of its hits lost', flushKeys: 'size = the share of its keys lost' } as Record<string, string>,
  'zh-CN': { spike: '规模 = 到达率乘以的倍数', fault: '规模 = 宕机副本所占比例', flush: '规模 = 失去的命中所占比例', flushKeys: '规模 = 失去的键所占比例' } as Record<string, string>,
};

const triggerText = {
  en: (f: Finding, c: SentenceContext) => {
    const node = c.label(f.node ?? '');
    const t = str(f, 'trigger');
    if (t === 'fault') return `a fault takes round(size × replicas) of ${node}'s replicas down (at least one)`;
    if (t === 'flush' && f.figures.keyed === true) return `a flush of ${node}: it loses the share size of its keys (chosen by a seeded hash of the key) and stores none of them again until the flush ends`;
    if (t === 'flush') return `a flush of ${node}: its hit ratio falls to (1 − size) × its own`;
    return `a spike on ${node}: its rate × size`;
  },
  'zh-CN': (f: Finding, c: SentenceContext) => {
    const node = c.label(f.node ?? '');
    const t = str(f, 'trigger');
    if (t === 'fault') return `故障使 ${node} 的 round(规模 × 副本数) 个副本宕机（至少一个）`;
    if (t === 'flush' && f.figures.keyed === true) return `清空 ${node}：失去比例为规模的键（按键的带种子哈希选出），清空结束前不再存入这些键`;
    if (t === 'flush') return `清空 ${node}：其命中率降为原来的 (1 − 规模) 倍`;
    return `${node} 的流量突增：到达率乘以规模`;
  },
};

/** A size as the map shows it: a factor for a spike, a share otherwise. */
function sizeText(trigger: string, x: number, c: SentenceContext): string {
  return trigger === 'spike' ? `×${c.number(x)}` : c.percent(x, 0);
}

const mechanismName = {
  en: { retries: 'retries', coldCache: 'cold cache', backlog: 'backlog', unclear: 'unclear' } as Record<string, string>,
  'zh-CN': { retries: '重试', coldCache: '缓存变冷', backlog: '积压', unclear: '不明' } as Record<string, string>,
};

const mechanismWhy = {
  en: (f: Finding, c: SentenceContext) => {
    const node = f.node ? c.label(f.node) : '';
    const m = str(f, 'mechanism');
    if (m === 'retries') return `retries make up ${c.percent(num(f, 'retryGain'))} or more of the tries${node ? ` (calls to ${node})` : ''} beyond their share before the trigger: retried work keeps the load above what the system serves`;
    if (m === 'coldCache') return `${node || 'a cache'}'s hit ratio stays ${c.percent(num(f, 'hitLoss'))} or more below its level before the trigger: the misses keep loading what is behind it`;
    if (m === 'backlog') return `${node || 'a node'} still holds more than twice its waiting requests before the trigger (plus one) when it should have been back, and neither retries nor a cache explain it`;
    return 'neither retries, a cache nor a backlog explain it by the rule';
  },
  'zh-CN': (f: Finding, c: SentenceContext) => {
    const node = f.node ? c.label(f.node) : '';
    const m = str(f, 'mechanism');
    if (m === 'retries') return `重试在所有尝试中所占比例${node ? `（对 ${node} 的调用）` : ''}比触发前高出 ${c.percent(num(f, 'retryGain'))} 或更多：被重试的工作使负载一直高于系统的处理能力`;
    if (m === 'coldCache') return `${node || '某个缓存'}的命中率一直比触发前低 ${c.percent(num(f, 'hitLoss'))} 或更多：未命中的请求持续压在其后方的节点上`;
    if (m === 'backlog') return `到了应当恢复的时刻，${node || '某个节点'}的排队请求数仍超过触发前的两倍（再加一），且重试和缓存都无法解释`;
    return '按规则，重试、缓存和积压都无法解释';
  },
};

export const metastabilitySentences = defineSentences({
  'meta.heading': {
    en: (f) => `${str(f, 'scenario')} — metastability map (${sizeMeaning.en[f.figures.keyed === true ? 'flushKeys' : str(f, 'trigger')] ?? ''})`,
    'zh-CN': (f) => `${str(f, 'scenario')} — 亚稳态图（${sizeMeaning['zh-CN'][f.figures.keyed === true ? 'flushKeys' : str(f, 'trigger')] ?? ''}）`,
    example: { severity: 'info', figures: { scenario: 'Retry storm', trigger: 'spike' } },
    verbatimFigures: ['scenario'],
  },
  'meta.trigger': {
    en: (f, c) =>
      `${triggerText.en(f, c)}, from ${c.duration(num(f, 'at'))} for the duration of each column; each point runs ${num(f, 'replications')} replication${num(f, 'replications') === 1 ? '' : 's'} and recovers when it is back to the level before the trigger within ${c.duration(num(f, 'within'))} after it ends and stays there (the resilience check's rule)`,
    'zh-CN': (f, c) =>
      `${triggerText['zh-CN'](f, c)}，从 ${c.duration(num(f, 'at'))} 开始，持续时间见各列；每个点运行 ${num(f, 'replications')} 次重复，在触发结束后 ${c.duration(num(f, 'within'))} 内回到触发前的水平并保持住即为已恢复（与韧性检查的规则相同）`,
    example: { node: 'users', severity: 'info', figures: { trigger: 'spike', at: 60, within: 60, replications: 3 } },
    quotes: ['round'],
  },
  'meta.column': {
    en: (f, c) => `for ${c.duration(num(f, 'duration'))}`,
    'zh-CN': (f, c) => `持续 ${c.duration(num(f, 'duration'))}`,
    example: { severity: 'info', figures: { duration: 10 } },
  },
  'meta.size': {
    en: (f, c) => sizeText(str(f, 'trigger'), num(f, 'size'), c),
    'zh-CN': (f, c) => `规模 ${sizeText(str(f, 'trigger'), num(f, 'size'), c)}`,
    example: { severity: 'info', figures: { trigger: 'spike', size: 1.5 } },
  },
  'meta.cell': {
    en: (f, c) => (f.figures.recovers === true ? `✓ ${c.duration(num(f, 'recoveryTime'))}` : `✗ ${mechanismName.en[str(f, 'mechanism')] ?? 'stuck'}`),
    'zh-CN': (f, c) => (f.figures.recovers === true ? `✓ ${c.duration(num(f, 'recoveryTime'))}` : `✗ ${mechanismName['zh-CN'][str(f, 'mechanism')] ?? '未恢复'}`),
    example: { severity: 'info', figures: { recovers: false, recoveryTime: null, mechanism: 'retries' } },
  },
  'meta.legend': {
    en: () => '✓ recovered (time after the trigger ended until it was back), ✗ stuck (what keeps it stuck)',
    'zh-CN': () => '✓ 已恢复（触发结束到恢复所用的时间），✗ 未恢复（使其无法恢复的原因）',
    example: { severity: 'info', figures: {} },
  },
  'meta.key': {
    en: (f, c) => (str(f, 'kind') === 'boundary' ? 'boundary: stuck above the line' : str(f, 'kind') === 'stuck' ? '✗ stuck: not back within the time allowed' : str(f, 'kind') === 'slow' ? `✓ recovered, slowly (paler: up to ${c.duration(num(f, 'within'))} after the trigger ended)` : '✓ recovered at once'),
    'zh-CN': (f, c) => (str(f, 'kind') === 'boundary' ? '边界：线以上无法恢复' : str(f, 'kind') === 'stuck' ? '✗ 未恢复：在允许的时间内没有回到原来的水平' : str(f, 'kind') === 'slow' ? `✓ 已恢复，但较慢（颜色越浅越慢，最长为触发结束后 ${c.duration(num(f, 'within'))}）` : '✓ 立即恢复'),
    example: { severity: 'info', figures: { kind: 'slow', within: 60 } },
  },
  'meta.boundary': {
    en: (f, c) =>
      f.figures.size === null || f.figures.size === undefined
        ? `for ${c.duration(num(f, 'duration'))}: recovers at every size up to ${sizeText(str(f, 'trigger'), num(f, 'largest'), c)}`
        : `for ${c.duration(num(f, 'duration'))}: stuck from ${sizeText(str(f, 'trigger'), num(f, 'size'), c)} (the smallest size that stays stuck)`,
    'zh-CN': (f, c) =>
      f.figures.size === null || f.figures.size === undefined
        ? `持续 ${c.duration(num(f, 'duration'))}：直到 ${sizeText(str(f, 'trigger'), num(f, 'largest'), c)} 的每个规模都能恢复`
        : `持续 ${c.duration(num(f, 'duration'))}：从 ${sizeText(str(f, 'trigger'), num(f, 'size'), c)} 起无法恢复（无法恢复的最小规模）`,
    example: { severity: 'warning', figures: { trigger: 'spike', duration: 10, size: 1.5, largest: 3 } },
  },
  'meta.flushesOverlap': {
    en: (f, c) =>
      `${num(f, 'points')} of the ${num(f, 'of')} points (size/duration ${str(f, 'cells')}) flush ${c.label(f.node ?? '')} while the file's own flush (events[${num(f, 'event')}], ${c.duration(num(f, 'from'))}–${c.duration(num(f, 'to'))}) is under way: the two compound (a key stays lost while either holds it out), so those points measure both flushes, not the trigger alone; move the trigger with --at or the file's flush`,
    'zh-CN': (f, c) =>
      `${num(f, 'of')} 个点中有 ${num(f, 'points')} 个（规模/持续时间 ${str(f, 'cells')}）清空 ${c.label(f.node ?? '')} 时，文件自身的清空（events[${num(f, 'event')}]，${c.duration(num(f, 'from'))}–${c.duration(num(f, 'to'))}）仍在进行：两次清空叠加（任一次清空挡住的键都保持失去），因此这些点测的是两次清空，而不只是触发本身；请用 --at 移开触发，或移开文件中的清空`,
    example: { node: 'redis', severity: warning, figures: { event: 0, from: 70, to: 70, at: 60, points: 2, of: 4, cells: '0.5/30, 1/30' } },
    quotes: ['--at', 'events'],
  },
  'meta.notMonotone': {
    en: (f) => `${num(f, 'points')} stuck point${num(f, 'points') === 1 ? '' : 's'} (size/duration ${str(f, 'cells')}) lie below a larger or longer trigger that recovers: near the boundary the verdict is noisy, and more replications (--replications) narrow it`,
    'zh-CN': (f) => `有 ${num(f, 'points')} 个未恢复的点（规模/持续时间 ${str(f, 'cells')}）比某个能恢复的更大或更长的触发还小：边界附近的结论有噪声，增加重复次数（--replications）可以收窄`,
    example: { severity: warning, figures: { points: 1, cells: '1.5/5' } },
    quotes: ['--replications'],
  },
  'meta.allRecover': {
    en: (f) => `every one of the ${num(f, 'points')} points recovers: no trigger in this range leaves the system stuck`,
    'zh-CN': (f) => `全部 ${num(f, 'points')} 个点都能恢复：这个范围内没有任何触发会让系统卡住`,
    example: { severity: 'info', figures: { points: 16 } },
  },
  'meta.mechanism': {
    en: (f, c) => `what keeps it stuck: ${mechanismName.en[str(f, 'mechanism')] ?? str(f, 'mechanism')} (${num(f, 'stuck')} of ${num(f, 'of')} stuck points) — ${mechanismWhy.en(f, c)}`,
    'zh-CN': (f, c) => `无法恢复的原因：${mechanismName['zh-CN'][str(f, 'mechanism')] ?? '不明'}（${num(f, 'of')} 个未恢复的点中有 ${num(f, 'stuck')} 个）——${mechanismWhy['zh-CN'](f, c)}`,
    example: { node: 'db', severity: warning, figures: { mechanism: 'retries', stuck: 5, of: 6, retryGain: 0.1, hitLoss: 0.05 } },
  },
  'meta.rule': {
    en: (f, c) =>
      `the rule, for a stuck point, the first that holds: retries when, after the trigger, retries make up ${c.percent(num(f, 'retryGain'))} or more of the tries beyond their share before; a cold cache when a cache's hit ratio is ${c.percent(num(f, 'hitLoss'))} or more below its level before; a backlog when a node still holds more than twice its waiting before, plus one, when the point should have been back`,
    'zh-CN': (f, c) =>
      `规则（对每个未恢复的点，取第一个成立的）：触发后重试在所有尝试中所占比例比触发前高出 ${c.percent(num(f, 'retryGain'))} 即为重试；某个缓存触发后的命中率比触发前低 ${c.percent(num(f, 'hitLoss'))} 即为缓存变冷；到了应当恢复的时刻，某个节点的排队请求数仍超过触发前的两倍再加一即为积压`,
    example: { severity: 'info', figures: { retryGain: 0.1, hitLoss: 0.05 } },
  },
  metaFaultNode: {
    en: (f) => `metastability --node: "${str(f, 'node')}" is not a node with replicas (a gateway, service, cache, database or external)`,
    'zh-CN': (f) => `metastability --node："${str(f, 'node')}" 不是有副本的节点（网关、服务、缓存、数据库或外部服务）`,
    example: { severity: warning, figures: { node: 'users' } },
    verbatimFigures: ['node'],
    quotes: ['metastability --node'],
  },
  metaFlushNode: {
    en: (f) => `metastability --node: "${str(f, 'node')}" is not a cache; a flush needs a cache node`,
    'zh-CN': (f) => `metastability --node："${str(f, 'node')}" 不是缓存；清空缓存需要一个缓存节点`,
    example: { severity: warning, figures: { node: 'db' } },
    verbatimFigures: ['node'],
    quotes: ['metastability --node'],
  },
  metaFlushNoHits: {
    en: (f) => `metastability --trigger flush: cache "${str(f, 'node')}" has a fixed "hitRatio" of 0, so a flush has no hits to lose; give it a "hitRatio" above 0 or "keys"`,
    'zh-CN': (f) => `metastability --trigger flush：缓存 "${str(f, 'node')}" 的固定 "hitRatio" 为 0，清空没有可失去的命中；请设置大于 0 的 "hitRatio" 或 "keys"`,
    example: { severity: warning, figures: { node: 'redis' } },
    verbatimFigures: ['node'],
    quotes: ['metastability --trigger flush', 'hitRatio', 'keys'],
  },
  metaNeedsNode: {
    en: (f) => `metastability --trigger ${str(f, 'trigger')}: name the node with --node`,
    'zh-CN': (f) => `metastability --trigger ${str(f, 'trigger')}：请用 --node 指明节点`,
    example: { severity: warning, figures: { trigger: 'fault' } },
    verbatimFigures: ['trigger'],
    quotes: ['metastability --trigger', '--node'],
  },
  metaInstantTrigger: {
    en: (f, c) =>
      `metastability --for: a duration of 0 s ends the trigger as it starts, which changes something only as a flush of a cache with keys (its keys are lost at once, then load back as misses come); for --trigger ${str(f, 'trigger')}${f.node === undefined ? '' : ` on ${c.label(f.node)}`} give durations above 0`,
    'zh-CN': (f, c) =>
      `metastability --for：持续 0 s 的触发一开始就结束，只有清空带键的缓存时才有作用（键立刻失去，再随未命中逐个加载回来）；对${f.node === undefined ? '' : ` ${c.label(f.node)} 的`} --trigger ${str(f, 'trigger')} 请给出大于 0 的持续时间`,
    example: { node: 'redis', severity: warning, figures: { trigger: 'flush' } },
    verbatimFigures: ['trigger'],
    quotes: ['metastability --for', '--trigger'],
  },
  metaTooEarly: {
    en: (f) => `metastability --at: the trigger at ${num(f, 'at')} s leaves no time to measure the level before it; start it at ${num(f, 'earliest')} s or later (the warm-up, then at least the longest duration and 10 s)`,
    'zh-CN': (f) => `metastability --at：在 ${num(f, 'at')} s 触发来不及测出触发前的水平；请在 ${num(f, 'earliest')} s 或更晚开始（预热之后，至少再留出最长的持续时间和 10 s）`,
    example: { severity: warning, figures: { at: 20, earliest: 40 } },
    quotes: ['metastability --at'],
  },
  cliMetaTrigger: {
    en: (f) => `metastability --trigger: expected spike, fault or flush, got "${str(f, 'value')}"`,
    'zh-CN': (f) => `metastability --trigger：应为 spike、fault 或 flush，实际为 "${str(f, 'value')}"`,
    example: { severity: warning, figures: { value: 'storm' } },
    verbatimFigures: ['value'],
    quotes: ['metastability --trigger', 'spike', 'fault', 'flush'],
  },
  cliMetaNeeds: {
    en: (f) => `metastability needs --${str(f, 'option')} (${str(f, 'option') === 'trigger' ? 'spike, fault or flush' : 'a range a..b or a list a,b,c'})`,
    'zh-CN': (f) => `metastability 需要 --${str(f, 'option')}（${str(f, 'option') === 'trigger' ? 'spike、fault 或 flush' : '范围 a..b 或列表 a,b,c'}）`,
    example: { severity: warning, figures: { option: 'size' } },
    verbatimFigures: ['option'],
    quotes: ['metastability', 'spike', 'fault', 'flush', 'a..b', 'a,b,c'],
  },
  cliMetaRange: {
    en: (f) => {
      const why = str(f, 'why');
      const bound = why === 'share' ? 'each value in (0, 1]' : why === 'order' ? 'a range a..b with a ≤ b' : why === 'many' ? 'at most 12 values' : why === 'nonNegative' ? 'each value at or above 0' : 'each value above 0';
      return `--${str(f, 'option')}: expected a range a..b or a list a,b,c of numbers, ${bound}; got "${str(f, 'value')}"`;
    },
    'zh-CN': (f) => {
      const why = str(f, 'why');
      const bound = why === 'share' ? '每个值在 (0, 1] 内' : why === 'order' ? '范围 a..b 且 a ≤ b' : why === 'many' ? '最多 12 个值' : why === 'nonNegative' ? '每个值不小于 0' : '每个值大于 0';
      return `--${str(f, 'option')}：应为数字范围 a..b 或列表 a,b,c，${bound}；实际为 "${str(f, 'value')}"`;
    },
    example: { severity: warning, figures: { option: 'size', value: '3..1', why: 'order' } },
    verbatimFigures: ['option', 'value'],
    quotes: ['a..b', 'a,b,c'],
  },
  cliMetaGrid: {
    en: (f) => `--grid: expected SIZESxDURATIONS, each a whole number from 1 to ${num(f, 'most')} (e.g. 4x3); got "${str(f, 'value')}"`,
    'zh-CN': (f) => `--grid：应为 规模数x时长数，每个都是 1 到 ${num(f, 'most')} 的整数（例如 4x3）；实际为 "${str(f, 'value')}"`,
    example: { severity: warning, figures: { value: '0x3', most: 12 } },
    verbatimFigures: ['value'],
    quotes: ['--grid', 'x'],
  },
});
