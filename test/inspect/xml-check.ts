// A tiny XML well-formedness check for the SVG tests: balanced tags, one root element, quoted attributes, only
// known or numeric entity references. Returns the root's name and the decoded text nodes.

const ENTITY = /&(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(text: string): string {
  return text.replace(ENTITY, (e) => {
    const named: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };
    if (named[e]) return named[e];
    const code = e.startsWith('&#x') ? parseInt(e.slice(3, -1), 16) : parseInt(e.slice(2, -1), 10);
    return String.fromCodePoint(code);
  });
}

function checkText(text: string, where: number): void {
  if (text.includes('<')) throw new Error(`stray "<" at ${where}`);
  if (text.replace(ENTITY, '').includes('&')) throw new Error(`bad entity reference near ${where}: ${text.slice(0, 40)}`);
}

/** Throws with the position of the first problem; otherwise returns the root element's name and all text. */
export function checkXml(xml: string): { root: string; texts: string[] } {
  const stack: string[] = [];
  const texts: string[] = [];
  let root: string | undefined;
  let i = 0;
  const tag = /^<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    if (text.trim()) {
      if (stack.length === 0) throw new Error(`text outside the root element at ${i}`);
      checkText(text, i);
      texts.push(decode(text));
    }
    if (lt === -1) break;
    const rest = xml.slice(lt);
    const skip = (open: string, close: string): boolean => {
      if (!rest.startsWith(open)) return false;
      const end = xml.indexOf(close, lt + open.length);
      if (end === -1) throw new Error(`unterminated ${open} at ${lt}`);
      i = end + close.length;
      return true;
    };
    if (skip('<?', '?>') || skip('<!--', '-->') || skip('<![CDATA[', ']]>') || skip('<!DOCTYPE', '>')) continue;
    const m = tag.exec(rest);
    if (!m) throw new Error(`malformed tag at ${lt}: ${rest.slice(0, 60)}`);
    const [whole, closing, name, attrs, selfClosing] = m as unknown as [string, string, string, string, string];
    for (const a of attrs.matchAll(/"([^"]*)"|'([^']*)'/g)) checkText(a[1] ?? a[2] ?? '', lt);
    if (closing) {
      if (selfClosing) throw new Error(`"</${name}/>" at ${lt}`);
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${lt}`);
    } else {
      if (stack.length === 0) {
        if (root !== undefined) throw new Error(`second root element <${name}> at ${lt}`);
        root = name;
      }
      if (!selfClosing) stack.push(name);
    }
    i = lt + whole.length;
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('> <')}>`);
  if (root === undefined) throw new Error('no root element');
  return { root, texts };
}
