import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { Alert, Button, Csrf, errorFor, Field } from '../web/components.tsx';
import { parseForm } from '../web/form.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, one, type PageContext, type PageDef } from '../web/page.ts';
import { GroundChip } from './woo.components.tsx';
import { listGrounds } from './woo.repository.ts';
import { ZGround, type GroundInput } from './woo.schema.ts';

/**
 * /woo/gronden: the grounds for redaction and their colours, as data. A
 * ground with a code that exists is changed (its redactions keep it),
 * another code adds one. The seed's three are there from the start.
 */
const URL = '/woo/gronden';

export async function saveGround(ctx: AppContext, g: GroundInput): Promise<'added' | 'changed'> {
  return ctx.db.transaction().execute(async (tx) => {
    const there = await tx.selectFrom('woo_grounds').select('code').where('code', '=', g.code).forUpdate().executeTakeFirst();
    if (there) {
      await tx.updateTable('woo_grounds').set({ name: g.name, article: g.article, colour: g.colour, explanation: g.explanation }).where('code', '=', g.code).execute();
      return 'changed';
    }
    const { max } = await tx.selectFrom('woo_grounds').select((eb) => eb.fn.max('position').as('max')).executeTakeFirstOrThrow();
    await tx.insertInto('woo_grounds').values({ ...g, position: Number(max ?? 0) + 1 }).execute();
    return 'added';
  });
}

async function groundsPage(ctx: AppContext, p: PageContext, form?: { errors: FieldError[]; values: Record<string, string> }) {
  const { web } = p;
  const grounds = await listGrounds(ctx.db);
  const chosen = grounds.find((g) => g.code === one(p.query.grond));
  const v: Record<string, string> = form?.values ?? (chosen ? { ...chosen } : { colour: '#808080' });
  const body = (
    <Layout web={web} title={web.t('Weigeringsgronden', 'Grounds for redaction')}>
      <p><a href="/woo">{web.t('← Woo-verzoeken', '← Woo requests')}</a></p>
      {one(p.query.opgeslagen) && <Alert kind="ok">{web.t('De grond is opgeslagen.', 'The ground is saved.')}</Alert>}
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table" id="woo-gronden">
          <thead class="utrecht-table__header"><tr class="utrecht-table__row">
            {[web.t('Kleur', 'Colour'), web.t('Code (in de lakking)', 'Code (in the box)'), web.t('Grond', 'Ground'), web.t('Artikel', 'Article'), '']
              .map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
          </tr></thead>
          <tbody class="utrecht-table__body">
            {grounds.map((g) => (
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell"><GroundChip ground={g} /> {g.colour}</td>
                <td class="utrecht-table__cell">{g.code}</td>
                <td class="utrecht-table__cell">{g.name}</td>
                <td class="utrecht-table__cell">{g.article}</td>
                <td class="utrecht-table__cell"><a href={`${URL}?grond=${encodeURIComponent(g.code)}#grond`}>{web.t('Wijzigen', 'Change')}</a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 class="utrecht-heading-2" id="grond">{chosen ? web.t(`Grond ${chosen.code} wijzigen`, `Change ground ${chosen.code}`) : web.t('Grond toevoegen', 'Add a ground')}</h2>
      {form && <Alert kind="error">{web.t('De grond is niet opgeslagen. Verbeter de velden hieronder.', 'The ground was not saved. Correct the fields below.')}</Alert>}
      <form method="post" action={URL} class="grip-form">
        <Csrf web={web} />
        <Field name="code" required label={web.t('Code (verschijnt in elke lakking, bijvoorbeeld 5.1.2d)', 'Code (shown in every box, e.g. 5.1.2d)')} value={v.code} error={errorFor(form?.errors, 'code')} />
        <Field name="name" required label={web.t('Grond', 'Ground')} value={v.name} error={errorFor(form?.errors, 'name')} />
        <Field name="article" required label={web.t('Artikel', 'Article')} value={v.article} error={errorFor(form?.errors, 'article')} />
        <Field name="colour" type="color" required label={web.t('Kleur', 'Colour')} value={v.colour} error={errorFor(form?.errors, 'colour')} />
        <Field name="explanation" multiline required label={web.t('Uitleg in het besluit', 'Explanation in the decision')} value={v.explanation} error={errorFor(form?.errors, 'explanation')} />
        <Button>{web.t('Opslaan', 'Save')}</Button>
      </form>
    </Layout>
  );
  return form ? { status: 400, body } : body;
}

export function wooGroundPages(ctx: AppContext): PageDef[] {
  return [
    definePage({ method: 'GET', url: URL, permission: 'woo.manage', handler: (p) => groundsPage(ctx, p) }),
    definePage({
      method: 'POST', url: URL, permission: 'woo.manage',
      async handler(p) {
        const values = Object.fromEntries(['code', 'name', 'article', 'colour', 'explanation'].map((k) => [k, one(p.form[k])]));
        const form = parseForm(ZGround, values, p.web);
        if (!form.ok) return groundsPage(ctx, p, { errors: form.errors, values });
        await saveGround(ctx, form.data);
        return { redirect: `${URL}?opgeslagen=1` };
      },
    }),
  ];
}
