// Small text helpers the templates share: single-quoted TypeScript literals, import lines, Markdown lists.

/** A TypeScript string literal for any text: single-quoted (the project's style) unless it contains only `'` quotes. */
export function quote(text: string): string {
  if (text.includes("'") && !text.includes('"')) return JSON.stringify(text); // "it's", as a formatter would write it
  const body = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${body}'`;
}

/** `['a', 'b'] as const` (or `[] as const`). */
export const constList = (values: readonly string[]): string => `[${values.map(quote).join(', ')}] as const`;

/** `- \`a\`` lines, or `- none` for an empty list. */
export const markdownList = (values: readonly string[], none = 'none'): string =>
  values.length === 0 ? `- ${none}` : values.map((v) => `- \`${v}\``).join('\n');

/** An import statement with the names sorted as the project writes them (values first, then `type` names). */
export function importLine(specifier: string, values: readonly string[], types: readonly string[] = []): string {
  const names = [...[...values].sort(), ...[...types].sort().map((t) => `type ${t}`)];
  const one = `import { ${names.join(', ')} } from ${quote(specifier)};`;
  if (one.length <= 120) return one;
  return `import {\n${names.map((n) => `  ${n},`).join('\n')}\n} from ${quote(specifier)};`;
}

/** Turns `history.list-all` into `historyListAll` (an identifier part; digits first get an `n` prefix). */
export function identifierFrom(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words.map((w, i) => (i === 0 ? w[0]!.toLowerCase() + w.slice(1) : w[0]!.toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(joined) ? `n${joined}` : joined;
}
