import { randomBytes } from 'node:crypto';
import { can, type Actor } from '../auth/policy.ts';
import type { AppContext } from '../shared/context.ts';
import { Alert, Button, Field } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, LANG_COOKIE, one, SESSION_COOKIE, type PageContext, type Web } from '../web/page.ts';
import { csrfMatches, login, logout, SESSION_HOURS } from './session.service.ts';

/** Log-in, log-out, the language switch and the start page of each role. */
export const DEMO_PASSWORD = 'demo-wachtwoord';
export const DEMO_ACCOUNTS: { login: string; nl: string; en: string }[] = [
  { login: 'werkverdeler', nl: 'werkverdeler: registreren en routeren', en: 'dispatcher: register and route' },
  { login: 'coordinator', nl: 'coördinator Leefomgeving: de bak en toewijzen', en: 'coordinator Leefomgeving: the tray and assigning' },
  { login: 'onderzoeker', nl: 'klachtonderzoeker Leefomgeving: eigen zaken', en: 'investigator Leefomgeving: own cases' },
  { login: 'frontoffice', nl: 'klachtbehandelaar: bellijst en berichten aan verzoekers', en: 'front office: call list and notices to petitioners' },
  { login: 'teammanager', nl: 'teammanager: overzicht', en: 'team manager: overview' },
  { login: 'directeur', nl: 'directeur: overzicht', en: 'director: overview' },
  { login: 'admin', nl: 'beheerder: alles', en: 'administrator: everything' },
];
const LOGIN_CSRF_COOKIE = 'grip_login_csrf';

/** A path on this site to go back to; anything else (other sites, //host) becomes the start page. */
export const safeReturn = (value: string) => (/^\/(?![/\\])[^\\\x00-\x1f\x7f]*$/.test(value) ? value : '/');

const cookieOptions = (ctx: PageContext) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.request.protocol === 'https' });

function LoginPage(props: { web: Web; csrf: string; back: string; login?: string; failed?: boolean }) {
  const { web } = props;
  return (
    <Layout web={web} title={web.t('Inloggen', 'Log in')}>
      {props.failed && <Alert kind="error">{web.t('Onbekende gebruikersnaam of verkeerd wachtwoord.', 'Unknown user name or wrong password.')}</Alert>}
      <form method="post" action="/inloggen" class="grip-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="terug" value={props.back} />
        <Field name="login" label={web.t('Gebruikersnaam', 'User name')} value={props.login} required autocomplete="username" />
        <Field name="password" label={web.t('Wachtwoord', 'Password')} type="password" required autocomplete="current-password" />
        <div>
          <Button>{web.t('Inloggen', 'Log in')}</Button>
        </div>
      </form>
      {web.demo && (
        <section aria-labelledby="demo-kop" class="grip-card" style="margin-top:2rem;max-width:40rem">
          <h2 id="demo-kop" class="utrecht-heading-2">{web.t('Demo-accounts', 'Demo accounts')}</h2>
          <p>
            {web.t('Wachtwoord voor elk account:', 'Password for every account:')} <code>{DEMO_PASSWORD}</code>
          </p>
          <ul>
            {DEMO_ACCOUNTS.map((a) => (
              <li>
                <code>{a.login}</code> — {web.t(a.nl, a.en)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export function startPageFor(actor: Actor): string {
  if (can(actor, 'admin.manage')) return '/beheer';
  if (actor.roles.includes('investigator')) return '/mijn-zaken';
  if (actor.roles.includes('coordinator')) return '/bak';
  if (can(actor, 'cases.route')) return '/zaken/te-routeren';
  if (can(actor, 'cases.register')) return '/zaken/nieuw';
  if (can(actor, 'dashboards.read')) return '/overzicht';
  return '/zoeken';
}

export function loginPages(ctx: AppContext) {
  return [
    definePage({
      method: 'GET', url: '/inloggen', permission: null,
      handler(p) {
        if (p.web.actor) return { redirect: startPageFor(p.web.actor) };
        const csrf = randomBytes(24).toString('base64url');
        p.reply.setCookie(LOGIN_CSRF_COOKIE, csrf, { ...cookieOptions(p), maxAge: 3600 });
        return <LoginPage web={p.web} csrf={csrf} back={safeReturn(one(p.query.terug))} />;
      },
    }),
    definePage({
      method: 'POST', url: '/inloggen', permission: null,
      async handler(p) {
        const expected = p.request.cookies[LOGIN_CSRF_COOKIE] ?? '';
        if (!expected || !csrfMatches(expected, p.form._csrf)) {
          return { redirect: '/inloggen' };
        }
        const result = await login(ctx.db, one(p.form.login), one(p.form.password), ctx.clock());
        if (!result) {
          return { status: 401, body: <LoginPage web={p.web} csrf={expected} back={safeReturn(one(p.form.terug))} login={one(p.form.login)} failed /> };
        }
        // A new session id at every log-in (no fixation); the old one, if any, ends.
        const old = p.request.cookies[SESSION_COOKIE];
        if (old) await logout(ctx.db, old);
        p.reply.setCookie(SESSION_COOKIE, result.sessionId, { ...cookieOptions(p), maxAge: SESSION_HOURS * 3600 });
        p.reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
        const back = safeReturn(one(p.form.terug));
        return { redirect: back === '/' ? '/' : back };
      },
    }),
    definePage({
      method: 'POST', url: '/uitloggen', permission: 'any',
      async handler(p) {
        const id = p.request.cookies[SESSION_COOKIE];
        if (id) await logout(ctx.db, id);
        p.reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { redirect: '/inloggen' };
      },
    }),
    definePage({
      method: 'GET', url: '/taal', permission: null,
      handler(p) {
        p.reply.setCookie(LANG_COOKIE, one(p.query.l) === 'en' ? 'en' : 'nl', { path: '/', sameSite: 'lax', maxAge: 365 * 86400 });
        return { redirect: safeReturn(one(p.query.terug)) };
      },
    }),
    definePage({
      method: 'GET', url: '/', permission: 'any',
      handler: (p) => ({ redirect: startPageFor(p.actor) }),
    }),
  ];
}
