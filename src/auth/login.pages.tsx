import { randomBytes } from 'node:crypto';
import { can, type Actor } from '../auth/policy.ts';
import type { AppContext } from '../shared/context.ts';
import { Alert, Button, Field } from '../web/components.tsx';
import { Layout } from '../web/layout.tsx';
import { definePage, LANG_COOKIE, one, SESSION_COOKIE, type PageContext, type Web } from '../web/page.ts';
import { clearRateLimit, hitRateLimit, undoRateLimitHit, type RateLimit } from '../public/rate-limit.ts';
import { OIDC_START_PATH, type OidcConfig } from './oidc.ts';
import { oidcPages } from './oidc.pages.tsx';
import { checkLocalLogin, csrfMatches, logout, normaliseLogin, SESSION_HOURS, startSession } from './session.service.ts';

/** Log-in, log-out, the language switch and the start page of each role. */
export const DEMO_PASSWORD = 'demo-wachtwoord';
export const DEMO_ACCOUNTS: { login: string; nl: string; en: string }[] = [
  { login: 'werkverdeler', nl: 'werkverdeler: registreren en routeren', en: 'dispatcher: register and route' },
  { login: 'coordinator', nl: 'coördinator Leefomgeving: de bak en toewijzen', en: 'coordinator Leefomgeving: the tray and assigning' },
  { login: 'onderzoeker', nl: 'klachtonderzoeker Leefomgeving: eigen zaken', en: 'investigator Leefomgeving: own cases' },
  { login: 'frontoffice', nl: 'klachtbehandelaar: bellijst en berichten aan verzoekers', en: 'front office: call list and notices to petitioners' },
  { login: 'teammanager', nl: 'teammanager: overzicht', en: 'team manager: overview' },
  { login: 'directeur', nl: 'directeur: overzicht', en: 'director: overview' },
  { login: 'privacy', nl: 'privacyfunctionaris: inzagelog en bewaartermijn', en: 'privacy officer: access log and retention' },
  { login: 'woo', nl: 'Woo-coördinator: Woo-verzoeken, lakken en besluiten', en: 'Woo coordinator: Woo requests, redaction and decisions' },
  { login: 'admin', nl: 'beheerder: alles', en: 'administrator: everything' },
];
const LOGIN_CSRF_COOKIE = 'grip_login_csrf';

/**
 * Login throttling: failed log-ins per typed login name (whether or not it
 * exists) and per client address, in fixed 15-minute windows. Past either
 * limit every attempt is refused (429) until the window ends, a correct
 * password too. A correct log-in does not count, and clears its name's count.
 */
export const LOGIN_NAME_LIMIT: RateLimit = { scope: 'login-name', max: 5, windowMs: 15 * 60_000 };
export const LOGIN_ADDRESS_LIMIT: RateLimit = { scope: 'login-address', max: 20, windowMs: 15 * 60_000 };

/** A path on this site to go back to; anything else (other sites, //host) becomes the start page. */
export const safeReturn = (value: string) => (/^\/(?![/\\])[^\\\x00-\x1f\x7f]*$/.test(value) ? value : '/');

const cookieOptions = (ctx: PageContext) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.request.protocol === 'https' });

function LoginPage(props: { web: Web; csrf: string; back: string; login?: string; failed?: boolean; waitMinutes?: number; oidcName?: string }) {
  const { web } = props;
  return (
    <Layout web={web} title={web.t('Inloggen', 'Log in')}>
      {props.failed && <Alert kind="error">{web.t('Onbekende gebruikersnaam of verkeerd wachtwoord.', 'Unknown user name or wrong password.')}</Alert>}
      {props.waitMinutes !== undefined && (
        <Alert kind="error">
          {web.t(
            `Te veel mislukte inlogpogingen. Probeer het over ${props.waitMinutes} ${props.waitMinutes === 1 ? 'minuut' : 'minuten'} opnieuw.`,
            `Too many failed login attempts. Please try again in ${props.waitMinutes} ${props.waitMinutes === 1 ? 'minute' : 'minutes'}.`,
          )}
        </Alert>
      )}
      {props.oidcName && (
        <p>
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${OIDC_START_PATH}${props.back === '/' ? '' : `?terug=${encodeURIComponent(props.back)}`}`}>
            {web.t(`Inloggen met ${props.oidcName}`, `Log in with ${props.oidcName}`)}
          </a>
        </p>
      )}
      {props.oidcName && <h2 class="utrecht-heading-2">{web.t('Of met een Grip-account', 'Or with a Grip account')}</h2>}
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
  if (can(actor, 'audit.read')) return '/privacy/inzage';
  if (can(actor, 'woo.manage')) return '/woo';
  return '/zoeken';
}

/** `ctx.oidc`: the OpenID Connect provider, when one is configured (OIDC_ISSUER). */
export function loginPages(ctx: AppContext & { oidc?: OidcConfig | null }) {
  const oidcName = ctx.oidc?.name;
  return [
    definePage({
      method: 'GET', url: '/inloggen', permission: null,
      handler(p) {
        if (p.web.actor) return { redirect: startPageFor(p.web.actor) };
        const csrf = randomBytes(24).toString('base64url');
        p.reply.setCookie(LOGIN_CSRF_COOKIE, csrf, { ...cookieOptions(p), maxAge: 3600 });
        return <LoginPage web={p.web} csrf={csrf} back={safeReturn(one(p.query.terug))} oidcName={oidcName} />;
      },
    }),
    definePage({
      method: 'POST', url: '/inloggen', permission: null,
      async handler(p) {
        const expected = p.request.cookies[LOGIN_CSRF_COOKIE] ?? '';
        if (!expected || !csrfMatches(expected, p.form._csrf)) {
          return { redirect: '/inloggen' };
        }
        const now = ctx.clock();
        const name = normaliseLogin(one(p.form.login));
        const back = safeReturn(one(p.form.terug));
        // Counted before the password is checked, so parallel guesses cannot slip past the limit.
        const byAddress = await hitRateLimit(ctx.db, LOGIN_ADDRESS_LIMIT, p.request.ip, now);
        const byName = await hitRateLimit(ctx.db, LOGIN_NAME_LIMIT, name, now);
        if (!byAddress.allowed || !byName.allowed) {
          const seconds = Math.max(...[byAddress, byName].filter((d) => !d.allowed).map((d) => d.retryAfterSeconds));
          p.reply.header('retry-after', String(seconds));
          return { status: 429, body: <LoginPage web={p.web} csrf={expected} back={back} login={one(p.form.login)} waitMinutes={Math.ceil(seconds / 60)} oidcName={oidcName} /> };
        }
        const staffId = await checkLocalLogin(ctx.db, name, one(p.form.password));
        if (!staffId) {
          return { status: 401, body: <LoginPage web={p.web} csrf={expected} back={back} login={one(p.form.login)} failed oidcName={oidcName} /> };
        }
        await undoRateLimitHit(ctx.db, LOGIN_ADDRESS_LIMIT, p.request.ip, now);
        await clearRateLimit(ctx.db, LOGIN_NAME_LIMIT, name);
        // A new session id at every log-in (no fixation); the one the browser brought, if any, ends.
        const { sessionId } = await startSession(ctx.db, staffId, now, p.request.cookies[SESSION_COOKIE]);
        p.reply.setCookie(SESSION_COOKIE, sessionId, { ...cookieOptions(p), maxAge: SESSION_HOURS * 3600 });
        p.reply.clearCookie(LOGIN_CSRF_COOKIE, { path: '/' });
        return { redirect: back };
      },
    }),
    ...(ctx.oidc ? oidcPages(ctx, ctx.oidc) : []),
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
