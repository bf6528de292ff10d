import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { Button, Csrf, errorFor, Field } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import { ActionButton, AdminFrame, doneKey, firstPerField, invalid, parseActive, withHelp } from './admin.common.pages.tsx';
import { ZAddKeyword, ZRenameKeyword, ZSetKeywordWarnLimit } from './admin.schema.ts';
import { addKeyword, getKeyword, keywordOverview, renameKeyword, setKeywordActive, setKeywordWarnLimit } from './admin.service.ts';

/**
 * Keywords: the list is meant to stay short (DOMAIN.md, "Registration
 * burden"), so the page warns when more are active than the set limit.
 */
type Overview = Awaited<ReturnType<typeof keywordOverview>>;

/** Which form on the page failed, with what the person typed. */
interface Failed {
  form: 'add' | 'rename' | 'limit';
  id?: string;
  value: string;
  errors: FieldError[];
}

const LIMIT_HELP: Record<string, [string, string]> = {
  limit: ['Vul een heel getal in van 1 tot en met 500.', 'Enter a whole number from 1 to 500.'],
};

const DONE: Record<string, [string, string]> = {
  toegevoegd: ['Het trefwoord is toegevoegd.', 'The keyword has been added.'],
  hernoemd: ['Het trefwoord is hernoemd.', 'The keyword has been renamed.'],
  uitgezet: ['Het trefwoord staat uit. Bestaande zaken houden het; nieuwe zaken kunnen het niet meer krijgen.', 'The keyword is deactivated. Existing cases keep it; new cases can no longer get it.'],
  aangezet: ['Het trefwoord staat weer aan.', 'The keyword is active again.'],
  grens: ['De waarschuwingsgrens is opgeslagen.', 'The warning limit has been saved.'],
};

function KeywordsPage(p: { web: Web; overview: Overview; done?: string; failed?: Failed }) {
  const { web, overview: o, failed } = p;
  const errorsOf = (form: Failed['form'], id?: string) => (failed && failed.form === form && failed.id === id ? failed.errors : undefined);
  const valueOf = (form: Failed['form'], fallback: string, id?: string) => (failed && failed.form === form && failed.id === id ? failed.value : fallback);
  return (
    <AdminFrame web={web} title={web.t('Trefwoorden', 'Keywords')} done={p.done} errors={failed?.errors}>
      {o.overLimit && (
        <div class="grip-alert grip-alert--warning" id="trefwoorden-waarschuwing">
          <p>
            <strong>{web.t('Let op: de lijst is te lang.', 'Note: the list is too long.')}</strong>{' '}
            {web.t(
              `Er zijn ${o.activeCount} actieve trefwoorden; de afgesproken grens is ${o.warnLimit}. Een korte lijst houdt registreren licht: zet trefwoorden uit die weinig gebruikt worden of op elkaar lijken.`,
              `There are ${o.activeCount} active keywords; the agreed limit is ${o.warnLimit}. A short list keeps registration light: deactivate keywords that are rarely used or overlap.`,
            )}
          </p>
        </div>
      )}
      <p>
        {web.t(`${o.activeCount} actieve trefwoorden (grens: ${o.warnLimit}).`, `${o.activeCount} active keywords (limit: ${o.warnLimit}).`)}
      </p>

      <h2 class="utrecht-heading-2">{web.t('Trefwoord toevoegen', 'Add a keyword')}</h2>
      <form method="post" action="/beheer/trefwoorden" class="grip-form" noValidate>
        <Csrf web={web} />
        <Field name="label" id="f-new-label" label={web.t('Nieuw trefwoord', 'New keyword')} value={valueOf('add', '')} required error={errorFor(errorsOf('add'), 'label')} />
        <div><Button>{web.t('Toevoegen', 'Add')}</Button></div>
      </form>

      <h2 class="utrecht-heading-2">{web.t('Alle trefwoorden', 'All keywords')}</h2>
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table">
          <caption class="utrecht-table__caption">{web.t('Trefwoorden, actieve eerst', 'Keywords, active first')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th scope="col" class="utrecht-table__header-cell">{web.t('Trefwoord', 'Keyword')}</th>
              <th scope="col" class="utrecht-table__header-cell">{web.t('Code', 'Code')}</th>
              <th scope="col" class="utrecht-table__header-cell">{web.t('Actief', 'Active')}</th>
              <th scope="col" class="utrecht-table__header-cell">{web.t('Hernoemen', 'Rename')}</th>
              <th scope="col" class="utrecht-table__header-cell">{web.t('Aan of uit', 'On or off')}</th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {o.keywords.map((k) => {
              const error = errorFor(errorsOf('rename', k.id), 'label');
              const id = `f-rename-${k.id}`;
              return (
                <tr class="utrecht-table__row">
                  <th scope="row" class="utrecht-table__header-cell">{k.label}</th>
                  <td class="utrecht-table__cell"><code>{k.id}</code></td>
                  <td class="utrecht-table__cell">{k.active ? web.t('Ja', 'Yes') : web.t('Nee', 'No')}</td>
                  <td class="utrecht-table__cell">
                    <form method="post" action={`/beheer/trefwoorden/${encodeURIComponent(k.id)}/naam`} class="grip-row-form" noValidate>
                      <Csrf web={web} />
                      <label for={id} class="grip-visually-hidden">{web.t(`Nieuwe naam voor ${k.label}`, `New name for ${k.label}`)}</label>
                      <input id={id} name="label" class="utrecht-textbox" value={valueOf('rename', k.label, k.id)} required
                        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
                      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                        {web.t('Hernoemen', 'Rename')}<span class="grip-visually-hidden">: {k.label}</span>
                      </button>
                      {error && <p id={`${id}-error`} class="grip-field-error">{error}</p>}
                    </form>
                  </td>
                  <td class="utrecht-table__cell">
                    <ActionButton web={web} action={`/beheer/trefwoorden/${encodeURIComponent(k.id)}/status`} name="active"
                      value={k.active ? 'nee' : 'ja'} label={k.active ? web.t('Uitzetten', 'Deactivate') : web.t('Aanzetten', 'Activate')} context={k.label} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2 class="utrecht-heading-2">{web.t('Waarschuwingsgrens', 'Warning limit')}</h2>
      <form method="post" action="/beheer/trefwoorden/grens" class="grip-form" noValidate>
        <Csrf web={web} />
        <Field name="limit" type="number" label={web.t('Waarschuw bij meer actieve trefwoorden dan', 'Warn when more keywords are active than')}
          value={valueOf('limit', String(o.warnLimit))} required error={errorFor(errorsOf('limit'), 'limit')} />
        <div><Button>{web.t('Grens opslaan', 'Save limit')}</Button></div>
      </form>
    </AdminFrame>
  );
}

export function keywordPages(ctx: AppContext): PageDef[] {
  const failedPage = async (p: PageContext, failed: Failed) =>
    invalid(<KeywordsPage web={p.web} overview={await keywordOverview(ctx)} failed={{ ...failed, errors: firstPerField(failed.errors) }} />);

  return [
    definePage({
      method: 'GET', url: '/beheer/trefwoorden', permission: 'admin.manage',
      async handler(p) {
        const done = DONE[doneKey(p)];
        return <KeywordsPage web={p.web} overview={await keywordOverview(ctx)} done={done && p.web.t(...done)} />;
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/trefwoorden', permission: 'admin.manage',
      async handler(p) {
        const value = one(p.form.label);
        const parsed = parseForm(ZAddKeyword, { label: value }, p.web);
        if (!parsed.ok) return failedPage(p, { form: 'add', value, errors: parsed.errors });
        try {
          await addKeyword(ctx, parsed.data);
        } catch (err) {
          return failedPage(p, { form: 'add', value, errors: serviceErrors(err, p.web) });
        }
        return { redirect: '/beheer/trefwoorden?gedaan=toegevoegd' };
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/trefwoorden/grens', permission: 'admin.manage',
      async handler(p) {
        const value = one(p.form.limit);
        const parsed = parseForm(ZSetKeywordWarnLimit, { limit: value }, p.web);
        if (!parsed.ok) return failedPage(p, { form: 'limit', value, errors: withHelp(parsed.errors, LIMIT_HELP, p.web) });
        await setKeywordWarnLimit(ctx, parsed.data.limit);
        return { redirect: '/beheer/trefwoorden?gedaan=grens' };
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/trefwoorden/:keyword/naam', permission: 'admin.manage',
      async handler(p) {
        const keyword = await getKeyword(ctx, p.params.keyword!);
        const value = one(p.form.label);
        const parsed = parseForm(ZRenameKeyword, { label: value }, p.web);
        if (!parsed.ok) return failedPage(p, { form: 'rename', id: keyword.id, value, errors: parsed.errors });
        try {
          await renameKeyword(ctx, keyword.id, parsed.data);
        } catch (err) {
          return failedPage(p, { form: 'rename', id: keyword.id, value, errors: serviceErrors(err, p.web) });
        }
        return { redirect: '/beheer/trefwoorden?gedaan=hernoemd' };
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/trefwoorden/:keyword/status', permission: 'admin.manage',
      async handler(p) {
        const keyword = await getKeyword(ctx, p.params.keyword!);
        const { active } = parseActive(p);
        await setKeywordActive(ctx, keyword.id, active);
        return { redirect: `/beheer/trefwoorden?gedaan=${active ? 'aangezet' : 'uitgezet'}` };
      },
    }),
  ];
}
