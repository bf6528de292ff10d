import type { MultipartFile } from '@fastify/multipart';
import type { z } from 'zod';
import type { Actor, Permission } from '../auth/policy.ts';
import type { AppContext } from '../shared/context.ts';
import { AppError } from '../shared/errors.ts';
import { parseForm, serviceErrors } from '../web/form.ts';
import { definePage, one, type PageContext, type PageDef } from '../web/page.ts';
import { addAttachment, addNote, getAttachment } from './annotation.service.ts';
import { loadCasePage } from './case.page.data.ts';
import { CasePage, CloseFields, type Failed } from './case.page.tsx';
import {
  ZAddNote, ZAftercare, ZAssignCase, ZCloseCase, ZRecordFirstContact, ZReopenCase, ZRouteCase, ZSetLanes, ZTransferCase,
} from './case.schema.ts';
import {
  addAftercare, assignCase, closeCase, recordFirstContact, reopenCase, routeCase, setLanes, transferCase,
} from './case.transitions.ts';

/** The case page and its actions: each form posts here, then comes back to the case page. */
const version = (v: string | string[] | undefined) => (one(v) === '' ? undefined : Number(one(v)));
const optional = (v: string | string[] | undefined) => one(v).trim() || undefined;

async function render(ctx: AppContext, p: PageContext, status: number, failed?: Failed) {
  const data = await loadCasePage(ctx, p.params.id!, p.actor);
  const body = <CasePage data={data} web={p.web} actor={p.actor} done={one(p.query.gedaan)} failed={failed} outcomeChoice={optional(p.query.uitkomst)} />;
  return status === 200 ? body : { status, body };
}

function action<S extends z.ZodType>(
  ctx: AppContext,
  name: string,
  permission: Permission,
  schema: S,
  input: (form: PageContext['form']) => unknown,
  run: (actor: Actor, id: string, data: z.output<S>) => Promise<unknown>,
): PageDef {
  return definePage({
    method: 'POST', url: `/zaken/:id/${name}`, permission,
    async handler(p) {
      const parsed = parseForm(schema, input(p.form), p.web);
      if (!parsed.ok) return render(ctx, p, 400, { action: name, errors: parsed.errors, values: p.form });
      try {
        await run(p.actor, p.params.id!, parsed.data);
      } catch (err) {
        const errors = serviceErrors(err, p.web);
        return render(ctx, p, err instanceof AppError ? err.status : 500, { action: name, errors, values: p.form });
      }
      return { redirect: `/zaken/${p.params.id}?gedaan=${name}` };
    },
  });
}

/** A download header for any file name: an ASCII fallback, and the real name in UTF-8 (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function casePages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/zaken/:id', permission: 'cases.read',
      handler: (p) => render(ctx, p, 200),
    }),
    definePage({
      method: 'GET', url: '/zaken/:id/afsluitvelden', permission: 'cases.handle',
      async handler(p) {
        const data = await loadCasePage(ctx, p.params.id!, p.actor);
        const outcome = data.outcomes.find((o) => o.id === one(p.query.uitkomst));
        return { fragment: outcome ? <CloseFields caseId={data.c.id} version={data.c.version} outcome={outcome} web={p.web} /> : <></> };
      },
    }),
    action(ctx, 'routeren', 'cases.route', ZRouteCase,
      (f) => ({ domain: optional(f.domain), unit: optional(f.unit), version: version(f.version) }),
      (actor, id, data) => routeCase(ctx, actor, id, data)),
    action(ctx, 'markeringen', 'cases.lanes', ZSetLanes,
      (f) => ({ urgent: one(f.urgent) === 'on', b: one(f.b) === 'on', pop: one(f.pop) === 'on', ob: one(f.ob) === 'on', version: version(f.version) }),
      async (actor, id, data) => {
        const current = (await loadCasePage(ctx, id, actor)).c.lanes;
        const same = current.urgent === data.urgent && current.b === data.b && current.pop === data.pop && current.ob === data.ob;
        if (!same) await setLanes(ctx, actor, id, data);
      }),
    action(ctx, 'toewijzen', 'cases.assign', ZAssignCase,
      (f) => ({ investigatorId: one(f.investigatorId), proposal: one(f.proposal), handlingType: optional(f.handlingType), version: version(f.version) }),
      (actor, id, data) => assignCase(ctx, actor, id, data)),
    action(ctx, 'eerste-contact', 'cases.handle', ZRecordFirstContact,
      (f) => ({ version: version(f.version) }),
      (actor, id, data) => recordFirstContact(ctx, actor, id, data)),
    action(ctx, 'afsluiten', 'cases.handle', ZCloseCase,
      (f) => ({
        outcome: one(f.outcome),
        registration: Object.fromEntries(Object.entries(f).filter(([k]) => k.startsWith('registration.')).map(([k, v]) => [k.slice('registration.'.length), one(v)])),
        version: version(f.version),
      }),
      (actor, id, data) => closeCase(ctx, actor, id, data)),
    action(ctx, 'overdragen', 'cases.transfer', ZTransferCase,
      (f) => ({ unit: optional(f.unit), domain: optional(f.domain), reason: one(f.reason), version: version(f.version) }),
      (actor, id, data) => transferCase(ctx, actor, id, data)),
    action(ctx, 'nazorg', 'cases.handle', ZAftercare,
      (f) => ({ note: one(f.note) }),
      (actor, id, data) => addAftercare(ctx, actor, id, data)),
    action(ctx, 'heropenen', 'cases.handle', ZReopenCase,
      (f) => ({ reason: one(f.reason), version: version(f.version) }),
      (actor, id, data) => reopenCase(ctx, actor, id, data)),
    action(ctx, 'notitie', 'cases.read', ZAddNote,
      (f) => ({ text: one(f.text), kind: optional(f.kind) }),
      (actor, id, data) => addNote(ctx, actor, id, data)),
    definePage({
      method: 'POST', url: '/zaken/:id/bijlage', permission: 'cases.read',
      async handler(p) {
        const part = (p.request.body as Record<string, unknown> | undefined)?.attachments as MultipartFile | undefined;
        try {
          if (part?.type !== 'file' || !part.filename) throw new Error('no file');
          await addAttachment(ctx, p.actor, p.params.id!, { fileName: part.filename, data: await part.toBuffer() });
        } catch (err) {
          const errors = err instanceof Error && err.message === 'no file'
            ? [{ field: 'attachments', message: p.web.t('Kies een bestand.', 'Choose a file.') }]
            : serviceErrors(err, p.web);
          return render(ctx, p, 400, { action: 'bijlage', errors, values: {} });
        }
        return { redirect: `/zaken/${p.params.id}?gedaan=bijlage` };
      },
    }),
    definePage({
      method: 'GET', url: '/zaken/:id/bijlagen/:attachmentId', permission: 'cases.read',
      async handler(p) {
        const file = await getAttachment(ctx, p.actor, p.params.id!, p.params.attachmentId!);
        // Served as a download with its checked type, never rendered inline as HTML.
        await p.reply
          .type(file.content_type)
          .header('content-disposition', contentDisposition(file.file_name))
          .header('x-content-type-options', 'nosniff')
          .send(file.data);
        return { sent: true };
      },
    }),
  ];
}
