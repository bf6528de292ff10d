import type { AppContext } from '../shared/context.ts';
import { notFound, type FieldError } from '../shared/errors.ts';
import { Button, Checkbox, Csrf, errorFor, Field, Select } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { definePage, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import {
  ActionButton, AdminFrame, CHANNEL_TEXT, checked, doneKey, firstPerField, invalid, optional, parseActive, withHelp, yesNo, yesNoEither,
} from './admin.common.pages.tsx';
import { ROUTING_UNITS, ZSaveRoutingRule } from './admin.schema.ts';
import {
  createRoutingRule, getRoutingRule, listRoutingRules, routingFormOptions, setRoutingRuleActive, updateRoutingRule, type RoutingRuleView,
} from './admin.service.ts';

/** Routing rules: distribution criteria as data, tried in order of position (see core/routing.ts). */
type Options = Awaited<ReturnType<typeof routingFormOptions>>;

interface RuleValues {
  name: string;
  position: string;
  agencyId: string;
  keywordId: string;
  channel: string;
  complex: string;
  domainId: string;
  unitId: string;
  active: boolean;
}

const UNIT_TEXT: Record<(typeof ROUTING_UNITS)[number], [string, string]> = {
  standard: ['KB (standaard behandeling)', 'KB (standard handling)'],
  extended: ['UKB (uitgebreide behandeling)', 'UKB (extended handling)'],
};
const unitText = (web: Web, id: string) => (id in UNIT_TEXT ? web.t(...UNIT_TEXT[id as keyof typeof UNIT_TEXT]) : id);

const HELP: Record<string, [string, string]> = {
  position: ['Vul een heel getal in (0 of hoger), of laat het veld leeg.', 'Enter a whole number (0 or more), or leave it empty.'],
  agencyId: ['Kies een instantie uit de lijst.', 'Choose an agency from the list.'],
  domainId: ['Kies een domein, een eenheid of allebei.', 'Choose a domain, a unit or both.'],
};

const DONE: Record<string, [string, string]> = {
  toegevoegd: ['De regel is toegevoegd.', 'The rule has been added.'],
  opgeslagen: ['De regel is opgeslagen.', 'The rule has been saved.'],
  uitgezet: ['De regel staat uit en wordt niet meer toegepast.', 'The rule is deactivated and no longer applied.'],
  aangezet: ['De regel staat weer aan.', 'The rule is active again.'],
};

const fromForm = (form: PageContext['form']): RuleValues => ({
  name: one(form.name), position: one(form.position), agencyId: one(form.agencyId), keywordId: one(form.keywordId),
  channel: one(form.channel), complex: one(form.complex), domainId: one(form.domainId), unitId: one(form.unitId), active: checked(form.active),
});

const toInput = (v: RuleValues) => ({
  name: v.name,
  position: optional(v.position),
  agencyId: v.agencyId || null,
  keywordId: v.keywordId || null,
  channel: v.channel || null,
  complex: yesNoEither(v.complex),
  domainId: v.domainId || null,
  unitId: v.unitId || null,
  active: v.active,
});

const fromRule = (r: RoutingRuleView): RuleValues => ({
  name: r.name, position: String(r.position), agencyId: r.agencyId === null ? '' : String(r.agencyId), keywordId: r.keywordId ?? '',
  channel: r.channel ?? '', complex: r.complex === null ? '' : r.complex ? 'ja' : 'nee', domainId: r.domainId ?? '', unitId: r.unitId ?? '',
  active: r.active,
});

const NEW: RuleValues = { name: '', position: '', agencyId: '', keywordId: '', channel: '', complex: '', domainId: '', unitId: '', active: true };

function RuleForm(p: { web: Web; action: string; values: RuleValues; options: Options; errors?: FieldError[]; isNew: boolean }) {
  const { web, values: v, options, errors } = p;
  const resultError = errorFor(errors, 'domainId') ?? errorFor(errors, 'unitId');
  return (
    <form method="post" action={p.action} class="grip-form" noValidate>
      <Csrf web={web} />
      <Field name="name" label={web.t('Naam', 'Name')} value={v.name} required error={errorFor(errors, 'name')}
        hint={web.t('Zeg wat de regel doet, bijvoorbeeld "Gaswinning naar Leefomgeving".', 'Say what the rule does, e.g. "Gas extraction to Leefomgeving".')} />
      <Field name="position" label={web.t('Volgorde', 'Position')} type="number" value={v.position} error={errorFor(errors, 'position')}
        hint={web.t('Lager getal = eerder geprobeerd. Leeg: achteraan.', 'Lower number = tried earlier. Empty: at the end.')} />
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset grip-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {web.t('Wanneer past de regel? (leeg = maakt niet uit)', 'When does the rule apply? (empty = any)')}
        </legend>
        <Select name="agencyId" label={web.t('Instantie', 'Agency')} value={v.agencyId} emptyLabel={web.t('Elke instantie', 'Any agency')}
          error={errorFor(errors, 'agencyId')} options={options.agencies.map((a) => ({ value: String(a.id), label: a.name }))} />
        <Select name="keywordId" label={web.t('Trefwoord', 'Keyword')} value={v.keywordId} emptyLabel={web.t('Elk trefwoord', 'Any keyword')}
          error={errorFor(errors, 'keywordId')}
          options={options.keywords.map((k) => ({ value: k.id, label: k.active ? k.label : `${k.label} ${web.t('(staat uit)', '(deactivated)')}` }))} />
        <Select name="channel" label={web.t('Kanaal', 'Channel')} value={v.channel} emptyLabel={web.t('Elk kanaal', 'Any channel')}
          error={errorFor(errors, 'channel')} options={Object.entries(CHANNEL_TEXT).map(([value, text]) => ({ value, label: web.t(...text) }))} />
        <Select name="complex" label={web.t('Complexe zaak', 'Complex case')} value={v.complex} emptyLabel={web.t('Maakt niet uit', 'Either')}
          error={errorFor(errors, 'complex')}
          options={[{ value: 'ja', label: web.t('Alleen complexe zaken', 'Complex cases only') }, { value: 'nee', label: web.t('Alleen niet-complexe zaken', 'Non-complex cases only') }]} />
      </fieldset>
      <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset grip-fieldset${resultError ? ' utrecht-form-fieldset--invalid' : ''}`}
        aria-describedby={resultError ? 'f-result-error' : undefined}>
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          {web.t('Resultaat: waar gaat de zaak heen? (minstens één)', 'Result: where does the case go? (at least one)')}
        </legend>
        {resultError && <p id="f-result-error" class="grip-field-error">{resultError}</p>}
        <Select name="domainId" label={web.t('Domein', 'Domain')} value={v.domainId} emptyLabel={web.t('Geen domein', 'No domain')}
          options={options.domains.map((d) => ({ value: d.id, label: d.name }))} />
        <Select name="unitId" label={web.t('Eenheid', 'Unit')} value={v.unitId} emptyLabel={web.t('Geen eenheid', 'No unit')}
          options={ROUTING_UNITS.map((u) => ({ value: u, label: unitText(web, u) }))} />
      </fieldset>
      <div class="grip-checkboxes">
        <Checkbox name="active" value="ja" label={web.t('Actief (de regel wordt toegepast)', 'Active (the rule is applied)')} checked={v.active} id="f-active" />
      </div>
      <div>
        <Button>{p.isNew ? web.t('Regel toevoegen', 'Add rule') : web.t('Opslaan', 'Save')}</Button>
      </div>
    </form>
  );
}

function criteria(web: Web, r: RoutingRuleView): string {
  const parts = [
    r.agencyId !== null ? `${web.t('Instantie', 'Agency')}: ${r.agencyName ?? r.agencyId}` : null,
    r.keywordId !== null ? `${web.t('Trefwoord', 'Keyword')}: ${r.keywordLabel ?? r.keywordId}` : null,
    r.channel !== null ? `${web.t('Kanaal', 'Channel')}: ${r.channel in CHANNEL_TEXT ? web.t(...CHANNEL_TEXT[r.channel]!) : r.channel}` : null,
    r.complex !== null ? `${web.t('Complex', 'Complex')}: ${yesNo(web, r.complex)}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : web.t('Elke zaak', 'Every case');
}

function RulesList(p: { web: Web; rules: RoutingRuleView[]; done?: string }) {
  const { web } = p;
  return (
    <AdminFrame web={web} title={web.t('Routeringsregels', 'Routing rules')} done={p.done}>
      <p>
        {web.t(
          'De regels stellen voor een nieuwe klacht een domein en eenheid voor; de werkverdeler bevestigt of past aan. Regels worden in volgorde geprobeerd: het domein komt van de eerste passende regel met een domein, de eenheid van de eerste passende regel met een eenheid (anders KB).',
          'The rules suggest a domain and unit for a new complaint; the dispatcher confirms or overrides. Rules are tried in order: the domain comes from the first matching rule with a domain, the unit from the first matching rule with a unit (otherwise KB).',
        )}
      </p>
      <p>
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/beheer/routering/nieuw">
          {web.t('Nieuwe regel', 'New rule')}
        </a>
      </p>
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table">
          <caption class="utrecht-table__caption">{web.t('Routeringsregels in volgorde van toepassing', 'Routing rules in the order they are tried')}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              {[web.t('Volgorde', 'Position'), web.t('Naam', 'Name'), web.t('Criteria', 'Criteria'), web.t('Resultaat', 'Result'), web.t('Actief', 'Active'), web.t('Acties', 'Actions')].map((h) => (
                <th scope="col" class="utrecht-table__header-cell">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {p.rules.map((r) => (
              <tr class={`utrecht-table__row${r.active ? '' : ' grip-inactive'}`}>
                <td class="utrecht-table__cell grip-number">{r.position}</td>
                <th scope="row" class="utrecht-table__header-cell">{r.name}</th>
                <td class="utrecht-table__cell">{criteria(web, r)}</td>
                <td class="utrecht-table__cell">
                  {[r.domainId !== null ? `${web.t('Domein', 'Domain')}: ${r.domainName ?? r.domainId}` : null,
                    r.unitId !== null ? `${web.t('Eenheid', 'Unit')}: ${unitText(web, r.unitId)}` : null].filter(Boolean).join('; ')}
                </td>
                <td class="utrecht-table__cell">{yesNo(web, r.active)}</td>
                <td class="utrecht-table__cell grip-actions">
                  <a href={`/beheer/routering/${r.id}`}>
                    {web.t('Wijzigen', 'Edit')}<span class="grip-visually-hidden">: {r.name}</span>
                  </a>
                  <ActionButton web={web} action={`/beheer/routering/${r.id}/status`} name="active" value={r.active ? 'nee' : 'ja'}
                    label={r.active ? web.t('Uitzetten', 'Deactivate') : web.t('Aanzetten', 'Activate')} context={r.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminFrame>
  );
}

const ruleId = (p: PageContext) => {
  const raw = p.params.rule ?? '';
  if (!/^\d{1,10}$/.test(raw)) throw notFound('Routing rule', raw);
  return Number(raw);
};

export function routingPages(ctx: AppContext): PageDef[] {
  const formPage = async (web: Web, title: string, action: string, values: RuleValues, isNew: boolean, errors?: FieldError[]) => (
    <AdminFrame web={web} title={title} errors={errors}>
      <RuleForm web={web} action={action} values={values} options={await routingFormOptions(ctx)} errors={errors} isNew={isNew} />
    </AdminFrame>
  );
  const newTitle = (web: Web) => web.t('Nieuwe routeringsregel', 'New routing rule');
  const editTitle = (web: Web, r: RoutingRuleView) => web.t(`Regel "${r.name}" wijzigen`, `Edit rule "${r.name}"`);
  const parse = (p: PageContext) => {
    const values = fromForm(p.form);
    const parsed = parseForm(ZSaveRoutingRule, toInput(values), p.web);
    return { values, parsed: parsed.ok ? parsed : { ok: false as const, errors: firstPerField(withHelp(parsed.errors, HELP, p.web)) } };
  };

  return [
    definePage({
      method: 'GET', url: '/beheer/routering', permission: 'admin.manage',
      async handler(p) {
        const done = DONE[doneKey(p)];
        return <RulesList web={p.web} rules={await listRoutingRules(ctx)} done={done && p.web.t(...done)} />;
      },
    }),
    definePage({
      method: 'GET', url: '/beheer/routering/nieuw', permission: 'admin.manage',
      handler: (p) => formPage(p.web, newTitle(p.web), '/beheer/routering/nieuw', NEW, true),
    }),
    definePage({
      method: 'POST', url: '/beheer/routering/nieuw', permission: 'admin.manage',
      async handler(p) {
        const { values, parsed } = parse(p);
        let errors = parsed.ok ? [] : parsed.errors;
        if (parsed.ok) {
          try {
            await createRoutingRule(ctx, parsed.data);
            return { redirect: '/beheer/routering?gedaan=toegevoegd' };
          } catch (err) {
            errors = serviceErrors(err, p.web);
          }
        }
        return invalid(await formPage(p.web, newTitle(p.web), '/beheer/routering/nieuw', values, true, errors));
      },
    }),
    definePage({
      method: 'GET', url: '/beheer/routering/:rule', permission: 'admin.manage',
      async handler(p) {
        const rule = await getRoutingRule(ctx, ruleId(p));
        return formPage(p.web, editTitle(p.web, rule), `/beheer/routering/${rule.id}`, fromRule(rule), false);
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/routering/:rule', permission: 'admin.manage',
      async handler(p) {
        const rule = await getRoutingRule(ctx, ruleId(p));
        const { values, parsed } = parse(p);
        let errors = parsed.ok ? [] : parsed.errors;
        if (parsed.ok) {
          try {
            await updateRoutingRule(ctx, rule.id, parsed.data);
            return { redirect: `/beheer/routering?gedaan=${rule.active && !parsed.data.active ? 'uitgezet' : 'opgeslagen'}` };
          } catch (err) {
            errors = serviceErrors(err, p.web);
          }
        }
        return invalid(await formPage(p.web, editTitle(p.web, rule), `/beheer/routering/${rule.id}`, values, false, errors));
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/routering/:rule/status', permission: 'admin.manage',
      async handler(p) {
        const rule = await getRoutingRule(ctx, ruleId(p));
        const { active } = parseActive(p);
        await setRoutingRuleActive(ctx, rule.id, active);
        return { redirect: `/beheer/routering?gedaan=${active ? 'aangezet' : 'uitgezet'}` };
      },
    }),
  ];
}
