/**
 * Binds Adaptive Card templates (cards/*.json) with data, implementing the subset of the Adaptive Card
 * templating language the cards use: `${path}` in strings (a string that is only `${path}` keeps the
 * value's type), `$data` to repeat an element for each item of an array, and `$when` with `${path}` or
 * `${!path}`. Paths are looked up in the current `$data` item, then in the root (`$root.x` for the root
 * only). An unbound `${…}` is left as it is, so the card tests can find it. Templates are parsed once.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Scope = { item: unknown; root: unknown };

const WHOLE = /^\$\{(!?)([$A-Za-z0-9_.]+)\}$/;
const PART = /\$\{([$A-Za-z0-9_.]+)\}/g;
const UNBOUND = Symbol('unbound');

function lookup(path: string, scope: Scope): unknown {
  const parts = path.split('.');
  const fromRoot = parts[0] === '$root';
  const start = fromRoot ? [scope.root] : [scope.item, scope.root];
  const names = fromRoot ? parts.slice(1) : parts;
  for (const base of start) {
    let value: unknown = base;
    let found = true;
    for (const name of names) {
      if (value !== null && typeof value === 'object' && name in (value as object)) {
        value = (value as Record<string, unknown>)[name];
      } else {
        found = false;
        break;
      }
    }
    if (found && value !== undefined) return value;
  }
  return UNBOUND;
}

const isTruthy = (value: unknown) =>
  value !== UNBOUND &&
  value !== null &&
  value !== false &&
  value !== '' &&
  value !== 0 &&
  !(Array.isArray(value) && value.length === 0);

function bindString(text: string, scope: Scope): unknown {
  if (!text.includes('${')) return text;
  const whole = WHOLE.exec(text);
  if (whole && !whole[1]) {
    const value = lookup(whole[2]!, scope);
    return value === UNBOUND ? text : value;
  }
  return text.replace(PART, (match, path: string) => {
    const value = lookup(path, scope);
    return value === UNBOUND || value === null ? (value === null ? '' : match) : String(value);
  });
}

function bindNode(node: Json, scope: Scope): unknown[] {
  if (Array.isArray(node)) return [node.flatMap((child) => bindNode(child, scope))];
  if (typeof node === 'string') return [bindString(node, scope)];
  if (node === null || typeof node !== 'object') return [node];
  if (!('$data' in node) && !('$when' in node)) return [bindObject(node, scope)];
  const { $data, $when, ...rest } = node;
  if ($data !== undefined) {
    const items = typeof $data === 'string' ? bindString($data, scope) : $data;
    const list = Array.isArray(items) ? items : [items];
    return list.flatMap((item) =>
      bindNode({ ...rest, ...($when !== undefined ? { $when } : {}) }, { item, root: scope.root }),
    );
  }
  if (typeof $when === 'string') {
    const when = WHOLE.exec($when);
    const value = when ? lookup(when[2]!, scope) : $when;
    const truthy = isTruthy(value);
    if (when?.[1] ? truthy : !truthy) return [];
  }
  return [bindObject(rest, scope)];
}

function bindObject(node: { [key: string]: Json }, scope: Scope): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in node) out[key] = bindNode(node[key]!, scope)[0];
  return out;
}

export function bindTemplate<T = Record<string, unknown>>(template: unknown, data: unknown): T {
  return bindNode(template as Json, { item: data, root: data })[0] as T;
}

/** Every `${…}` left in a bound card (there should be none). */
export function findUnbound(card: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (typeof node === 'string') found.push(...(node.match(/\$\{[^}]*\}/g) ?? []));
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(card);
  return found;
}
