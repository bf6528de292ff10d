/** Reading forms and links out of a server-rendered page (for the form fuzzing). */


export interface FormField {
  name: string;
  kind: 'hidden' | 'text' | 'select' | 'checkbox' | 'radio' | 'file' | 'textarea' | 'other';
  /** The values the page offers (hidden value, options, checkbox value). */
  values: string[];
  /** The input's `type` (date, number, email…), when it has one. */
  type?: string;
  required?: boolean;
}

export interface FoundForm {
  action: string;
  multipart: boolean;
  fields: FormField[];
  /** The page the form was found on. */
  source: string;
  /** Cookies the page set that the form needs (the log-in form's CSRF cookie). */
  cookies?: Record<string, string>;
}

const entity = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(Number(k.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[k] ?? '';
  });

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? entity(m[1] ?? m[2] ?? m[3] ?? '') : undefined;
};

/** Every form that posts (and every `formaction` button inside one), with its fields. */
export function formsIn(html: string, pagePath: string): FoundForm[] {
  const out: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const open = m[1] ?? '';
    const inner = m[2] ?? '';
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const fields = new Map<string, FormField>();
    const add = (name: string, kind: FormField['kind'], values: string[], extra: Partial<FormField> = {}) => {
      const f = fields.get(name) ?? { name, kind, values: [], ...extra };
      for (const v of values) if (!f.values.includes(v)) f.values.push(v);
      fields.set(name, f);
    };
    for (const s of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attr(s[1] ?? '', 'name');
      if (name) add(name, 'select', [...(s[2] ?? '').matchAll(/<option\b([^>]*)>([^<]*)/gi)].map((o) => attr(o[1] ?? '', 'value') ?? entity(o[2] ?? '').trim()));
    }
    for (const t of inner.matchAll(/<textarea\b([^>]*)>([^<]*)/gi)) {
      const name = attr(t[1] ?? '', 'name');
      if (name) add(name, 'textarea', (t[2] ?? '').trim() ? [entity(t[2] ?? '')] : [], { required: /\srequired/.test(t[1] ?? '') });
    }
    for (const i of inner.matchAll(/<(?:input|button)\b([^>]*)>/gi)) {
      const tag = i[1] ?? '';
      const name = attr(tag, 'name');
      if (!name) continue;
      const type = (attr(tag, 'type') ?? 'text').toLowerCase();
      const kind: FormField['kind'] = type === 'hidden' || type === 'checkbox' || type === 'radio' || type === 'file' ? type : type === 'submit' ? 'other' : 'text';
      add(name, kind, attr(tag, 'value') ? [attr(tag, 'value')!] : [], { type, required: /\srequired/.test(tag) });
    }
    const list = [...fields.values()];
    const multipart = (attr(open, 'enctype') ?? '').includes('multipart');
    const action = (attr(open, 'action') ?? pagePath) || pagePath;
    out.push({ action, multipart, fields: list, source: pagePath });
    for (const b of inner.matchAll(/<button\b([^>]*)>/gi)) {
      const formaction = attr(b[1] ?? '', 'formaction');
      if (formaction) out.push({ action: formaction, multipart, fields: list, source: pagePath });
    }
  }
  return out;
}

/** Links on a page (same site, path and query). */
export const linksIn = (html: string): string[] =>
  [...html.matchAll(/\shref\s*=\s*"([^"]*)"/gi)].map((m) => entity(m[1] ?? '')).filter((h) => h.startsWith('/') && !h.startsWith('//'));
