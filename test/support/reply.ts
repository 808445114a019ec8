import type { Reply } from '../../src/render/reply.js';

/** The value of the fact whose label starts with `label`, without markup. */
export function fact(reply: Reply, label: string): string | undefined {
  for (const block of reply.blocks) {
    if (block.kind !== 'facts') continue;
    const found = block.facts.find((f) => f.label.startsWith(label));
    if (found) return found.value.replace(/\*/g, '');
  }
  return undefined;
}

/** Every text of the reply in one string, for "says so" assertions. */
export function allText(reply: Reply): string {
  const parts = [reply.title];
  for (const block of reply.blocks) {
    if (block.kind === 'text' || block.kind === 'context') parts.push(block.text);
    if (block.kind === 'facts') parts.push(...block.facts.flatMap((f) => [f.label, f.value]));
    if (block.kind === 'table') parts.push(...(block.title ? [block.title] : []), ...block.rows.flat());
  }
  return parts.join('\n');
}
