import { ROLES, type Role } from '../auth/policy.ts';
import type { AppContext } from '../shared/context.ts';
import type { FieldError } from '../shared/errors.ts';
import { Alert, Button, Checkbox, Csrf, errorFor, Field, Select } from '../web/components.tsx';
import { parseForm, serviceErrors } from '../web/form.ts';
import { definePage, many, one, type PageContext, type PageDef, type Web } from '../web/page.ts';
import {
  AdminFrame, checked, CheckboxGroup, decimal, doneKey, firstPerField, invalid, optional, ROLE_TEXT, withHelp,
} from './admin.common.pages.tsx';
import { ZSaveStaff } from './admin.schema.ts';
import {
  createStaffMember, getStaffMember, listStaffMembers, staffFormOptions, updateStaffMember, type StaffMember,
} from './admin.service.ts';

/** Staff: who works here, in which unit, with which roles, domains, skills and hours. */
type Options = Awaited<ReturnType<typeof staffFormOptions>>;

interface StaffValues {
  login: string;
  name: string;
  email: string;
  unit: string;
  roles: string[];
  domains: string[];
  skills: string[];
  fte: string;
  hoursPerWeek: string;
  active: boolean;
}

const HELP: Record<string, [string, string]> = {
  login: [
    'Gebruik 2 tot 60 kleine letters of cijfers; een punt, streepje of liggend streepje mag ook, maar niet vooraan.',
    'Use 2 to 60 lower-case letters or digits; a dot, hyphen or underscore is allowed, but not first.',
  ],
  fte: ['Vul een getal in van 0,1 tot en met 1,2, bijvoorbeeld 0,8.', 'Enter a number from 0.1 to 1.2, for example 0.8.'],
  hoursPerWeek: [
    'Vul een getal in van 1 tot en met 60, of laat het veld leeg (36 uur per FTE).',
    'Enter a number from 1 to 60, or leave it empty (36 hours per FTE).',
  ],
};

const fromForm = (form: PageContext['form']): StaffValues => ({
  login: one(form.login).trim(),
  name: one(form.name),
  email: one(form.email),
  unit: one(form.unit),
  roles: many(form.roles),
  domains: many(form.domains),
  skills: many(form.skills),
  fte: one(form.fte),
  hoursPerWeek: one(form.hoursPerWeek),
  active: checked(form.active),
});

const toInput = (v: StaffValues) => ({
  login: v.login, name: v.name, email: optional(v.email), unit: v.unit, roles: v.roles, domains: v.domains, skills: v.skills,
  fte: v.fte, hoursPerWeek: optional(v.hoursPerWeek), active: v.active,
});

const fromMember = (s: StaffMember): StaffValues => ({
  login: s.login, name: s.name, email: s.email ?? '', unit: s.unitId, roles: s.roles, domains: s.domains, skills: s.skills,
  fte: decimal(s.fte), hoursPerWeek: decimal(s.hoursPerWeek), active: s.active,
});

const NEW: StaffValues = { login: '', name: '', email: '', unit: 'standard', roles: [], domains: [], skills: [], fte: '1', hoursPerWeek: '', active: true };

function PasswordHint({ web, login }: { web: Web; login: string }) {
  return (
    <>
      {web.t('Deze persoon heeft nog geen wachtwoord. Stel er een in met', 'This person has no password yet. Set one with')}{' '}
      <code>npx grip password --user {login}</code>
    </>
  );
}

function StaffForm(p: { web: Web; action: string; values: StaffValues; options: Options; errors?: FieldError[]; isNew: boolean }) {
  const { web, values: v, options, errors } = p;
  return (
    <form method="post" action={p.action} class="grip-form" noValidate>
      <Csrf web={web} />
      <Field name="login" label={web.t('Gebruikersnaam', 'User name')} value={v.login} required error={errorFor(errors, 'login')}
        hint={web.t('Kleine letters, bijvoorbeeld j.jansen. Hiermee logt de persoon in.', 'Lower case, e.g. j.jansen. Used to log in.')} autocomplete="off" />
      <Field name="name" label={web.t('Naam', 'Name')} value={v.name} required error={errorFor(errors, 'name')} autocomplete="off" />
      <Field name="email" label={web.t('E-mailadres', 'E-mail address')} type="email" value={v.email} error={errorFor(errors, 'email')} autocomplete="off" />
      <Select name="unit" label={web.t('Eenheid', 'Unit')} value={v.unit} required error={errorFor(errors, 'unit')}
        options={options.units.map((u) => ({ value: u.id, label: u.name }))} />
      <CheckboxGroup name="roles" legend={web.t('Rollen', 'Roles')} checked={v.roles} error={errorFor(errors, 'roles')}
        hint={web.t('Kies minstens één rol.', 'Choose at least one role.')}
        options={ROLES.map((r) => ({ value: r, label: web.t(...ROLE_TEXT[r]) }))} />
      <CheckboxGroup name="domains" legend={web.t('Domeinen', 'Domains')} checked={v.domains} error={errorFor(errors, 'domains')}
        options={options.domains.map((d) => ({ value: d.id, label: d.name }))} />
      <CheckboxGroup name="skills" legend={web.t('Vaardigheden (specifieke kennis)', 'Skills (specific knowledge)')} checked={v.skills}
        error={errorFor(errors, 'skills')} options={options.skills.map((s) => ({ value: s.id, label: s.name }))} />
      <Field name="fte" label="FTE" value={v.fte} required error={errorFor(errors, 'fte')}
        hint={web.t('Van 0,1 tot en met 1,2; een komma mag, bijvoorbeeld 0,8.', 'From 0.1 to 1.2, for example 0.8.')} />
      <Field name="hoursPerWeek" label={web.t('Uren per week', 'Hours per week')} value={v.hoursPerWeek} error={errorFor(errors, 'hoursPerWeek')}
        hint={web.t('Leeg laten: 36 uur × FTE.', 'Leave empty: 36 hours × FTE.')} />
      <div>
        <div class="grip-checkboxes">
          <Checkbox name="active" value="ja" label={web.t('Actief (kan inloggen en zaken krijgen)', 'Active (can log in and get cases)')} checked={v.active} id="f-active" />
        </div>
        {errorFor(errors, 'active') && <p id="f-active-error" class="grip-field-error">{errorFor(errors, 'active')}</p>}
        {!p.isNew && <p class="grip-muted">{web.t('Uitzetten beëindigt de sessies van deze persoon meteen.', 'Deactivating ends this person\'s sessions at once.')}</p>}
      </div>
      <div>
        <Button>{p.isNew ? web.t('Medewerker toevoegen', 'Add staff member') : web.t('Opslaan', 'Save')}</Button>
      </div>
    </form>
  );
}

function StaffList(p: { web: Web; staff: StaffMember[]; options: Options; done: ReturnType<typeof doneText> }) {
  const { web, options } = p;
  const unitName = new Map(options.units.map((u) => [u.id, u.short_name]));
  const domainName = new Map(options.domains.map((d) => [d.id, d.name]));
  const skillName = new Map(options.skills.map((s) => [s.id, s.name]));
  return (
    <AdminFrame web={web} title={web.t('Medewerkers', 'Staff')} done={p.done}>
      <p>
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/beheer/medewerkers/nieuw">
          {web.t('Nieuwe medewerker', 'New staff member')}
        </a>
      </p>
      <div class="grip-table-wrap">
        <table class="utrecht-table utrecht-table--html-table">
          <caption class="utrecht-table__caption">{web.t(`Alle medewerkers (${p.staff.length})`, `All staff (${p.staff.length})`)}</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              {[web.t('Gebruikersnaam', 'User name'), web.t('Naam', 'Name'), web.t('Eenheid', 'Unit'), web.t('Rollen', 'Roles'), web.t('Domeinen', 'Domains'),
                web.t('Vaardigheden', 'Skills'), 'FTE', web.t('Uren per week', 'Hours per week'), web.t('Actief', 'Active'), web.t('Actie', 'Action')].map((h) => (
                <th scope="col" class="utrecht-table__header-cell">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {p.staff.map((s) => (
              <tr class="utrecht-table__row">
                <th scope="row" class="utrecht-table__header-cell">
                  {s.login}
                  {!s.hasPassword && <span class="grip-muted"> ({web.t('geen wachtwoord', 'no password')})</span>}
                </th>
                <td class="utrecht-table__cell">{s.name}</td>
                <td class="utrecht-table__cell">{unitName.get(s.unitId) ?? s.unitId}</td>
                <td class="utrecht-table__cell">{s.roles.map((r) => (r in ROLE_TEXT ? web.t(...ROLE_TEXT[r as Role]) : r)).join(', ')}</td>
                <td class="utrecht-table__cell">{s.domains.map((d) => domainName.get(d) ?? d).join(', ')}</td>
                <td class="utrecht-table__cell">{s.skills.map((k) => skillName.get(k) ?? k).join(', ')}</td>
                <td class="utrecht-table__cell grip-number">{decimal(s.fte)}</td>
                <td class="utrecht-table__cell grip-number">{decimal(s.hoursPerWeek)}</td>
                <td class="utrecht-table__cell">{s.active ? web.t('Ja', 'Yes') : web.t('Nee', 'No')}</td>
                <td class="utrecht-table__cell">
                  <a href={`/beheer/medewerkers/${s.id}`}>
                    {web.t('Wijzigen', 'Edit')}
                    <span class="grip-visually-hidden"> {s.name}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminFrame>
  );
}

function doneText(web: Web, key: string, who: StaffMember | undefined) {
  if (!who) return null;
  if (key === 'toegevoegd') {
    return (
      <>
        {web.t(`${who.name} is toegevoegd.`, `${who.name} has been added.`)} <PasswordHint web={web} login={who.login} />
      </>
    );
  }
  if (key === 'uitgezet') return web.t(`${who.name} is uitgezet; de sessies van deze persoon zijn beëindigd.`, `${who.name} has been deactivated; their sessions have ended.`);
  if (key === 'opgeslagen') return web.t(`De gegevens van ${who.name} zijn opgeslagen.`, `The details of ${who.name} have been saved.`);
  return null;
}

export function staffPages(ctx: AppContext): PageDef[] {
  const newTitle = (web: Web) => web.t('Nieuwe medewerker', 'New staff member');
  const editTitle = (web: Web, s: StaffMember) => web.t(`Medewerker ${s.name} wijzigen`, `Edit staff member ${s.name}`);

  const newPage = (web: Web, options: Options, values: StaffValues, errors?: FieldError[]) => (
    <AdminFrame web={web} title={newTitle(web)} errors={errors}>
      <Alert kind="info">
        <p>
          {web.t('Een nieuwe medewerker krijgt geen wachtwoord. Stel er na het toevoegen een in met', 'A new staff member gets no password. After adding, set one with')}{' '}
          <code>npx grip password --user {values.login || web.t('<gebruikersnaam>', '<login>')}</code>
        </p>
      </Alert>
      <StaffForm web={web} action="/beheer/medewerkers/nieuw" values={values} options={options} errors={errors} isNew />
    </AdminFrame>
  );
  const editPage = (web: Web, member: StaffMember, options: Options, values: StaffValues, errors?: FieldError[]) => (
    <AdminFrame web={web} title={editTitle(web, member)} errors={errors}>
      {!member.hasPassword && <Alert kind="info"><p><PasswordHint web={web} login={member.login} /></p></Alert>}
      <StaffForm web={web} action={`/beheer/medewerkers/${member.id}`} values={values} options={options} errors={errors} isNew={false} />
    </AdminFrame>
  );
  const parse = (p: PageContext) => {
    const values = fromForm(p.form);
    const parsed = parseForm(ZSaveStaff, toInput(values), p.web);
    return { values, parsed: parsed.ok ? parsed : { ok: false as const, errors: firstPerField(withHelp(parsed.errors, HELP, p.web)) } };
  };

  return [
    definePage({
      method: 'GET', url: '/beheer/medewerkers', permission: 'admin.manage',
      async handler(p) {
        const [staff, options] = await Promise.all([listStaffMembers(ctx), staffFormOptions(ctx)]);
        const who = staff.find((s) => s.id === one(p.query.id));
        return <StaffList web={p.web} staff={staff} options={options} done={doneText(p.web, doneKey(p), who)} />;
      },
    }),
    definePage({
      method: 'GET', url: '/beheer/medewerkers/nieuw', permission: 'admin.manage',
      handler: async (p) => newPage(p.web, await staffFormOptions(ctx), NEW),
    }),
    definePage({
      method: 'POST', url: '/beheer/medewerkers/nieuw', permission: 'admin.manage',
      async handler(p) {
        const { values, parsed } = parse(p);
        let errors = parsed.ok ? [] : parsed.errors;
        if (parsed.ok) {
          try {
            const created = await createStaffMember(ctx, parsed.data);
            return { redirect: `/beheer/medewerkers?gedaan=toegevoegd&id=${created.id}` };
          } catch (err) {
            errors = serviceErrors(err, p.web);
          }
        }
        return invalid(newPage(p.web, await staffFormOptions(ctx), values, errors));
      },
    }),
    definePage({
      method: 'GET', url: '/beheer/medewerkers/:id', permission: 'admin.manage',
      async handler(p) {
        const member = await getStaffMember(ctx, p.params.id!);
        return editPage(p.web, member, await staffFormOptions(ctx), fromMember(member));
      },
    }),
    definePage({
      method: 'POST', url: '/beheer/medewerkers/:id', permission: 'admin.manage',
      async handler(p) {
        const member = await getStaffMember(ctx, p.params.id!);
        const { values, parsed } = parse(p);
        let errors = parsed.ok ? [] : parsed.errors;
        if (parsed.ok) {
          try {
            const saved = await updateStaffMember(ctx, p.actor, member.id, parsed.data);
            const key = member.active && !saved.active ? 'uitgezet' : 'opgeslagen';
            return { redirect: `/beheer/medewerkers?gedaan=${key}&id=${saved.id}` };
          } catch (err) {
            errors = serviceErrors(err, p.web);
          }
        }
        return invalid(editPage(p.web, member, await staffFormOptions(ctx), values, errors));
      },
    }),
  ];
}
