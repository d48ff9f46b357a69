// A small XML reader for the vendors that answer in XML (PAN-OS): elements, attributes, text, CDATA and
// entities. Enough for API responses; not a validating parser.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, trimmed (child elements' text excluded). */
  text: string;
}

const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<[?!][\s\S]*?>|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Parses a document into its root element; throws on mismatched or missing tags. */
export function parseXml(document: string): XmlElement {
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  let position = 0;
  for (const match of document.matchAll(TOKEN)) {
    const [token, cdata, closing, opening, attributes, selfClosing, text] = match;
    if (match.index !== position) throw new Error(`malformed XML at offset ${position}`);
    position += token.length;
    const parent = stack.at(-1) ?? root;
    if (cdata !== undefined) parent.text += cdata;
    else if (text !== undefined) parent.text += decodeEntities(text);
    else if (closing !== undefined) {
      if (stack.length === 1 || parent.name !== closing) throw new Error(`unexpected </${closing}>`);
      parent.text = parent.text.trim();
      stack.pop();
    } else if (opening !== undefined) {
      const element: XmlElement = {
        name: opening,
        attributes: readAttributes(attributes ?? ''),
        children: [],
        text: '',
      };
      parent.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  const [element] = root.children;
  if (position !== document.length || stack.length !== 1 || !element)
    throw new Error('incomplete XML document');
  return element;
}

/** Every descendant element with this name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [
    ...(child.name === name ? [child] : []),
    ...descendants(child, name),
  ]);
}

function readAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, double, single] of source.matchAll(ATTRIBUTE)) {
    if (name) attributes[name] = decodeEntities(double ?? single ?? '');
  }
  return attributes;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X'))
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return ENTITIES[entity] ?? whole;
  });
}

/** Escapes text for an XML attribute or element. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${Object.keys(ENTITIES).find((k) => ENTITIES[k] === c)};`);
}
