import * as client from 'openid-client';
import type { AppContext } from '../shared/context.ts';
import { ErrorPage } from '../web/layout.tsx';
import { definePage, one, SESSION_COOKIE, type PageContext, type PageDef } from '../web/page.ts';
import {
  discoverProvider, matchStaff, OIDC_CALLBACK_PATH, OIDC_START_PATH, OIDC_STATE_COOKIE, OIDC_STATE_MINUTES, openState, sealState,
  type OidcClaims, type OidcConfig, type OidcRefusal,
} from './oidc.ts';
import { safeReturn } from './login.pages.tsx';
import { SESSION_HOURS, startSession } from './session.service.ts';

/**
 * `/inloggen/oidc` sends the person to the provider; `/inloggen/oidc/terug`
 * is where the provider sends them back (the redirect URI to register at the
 * provider). A refused login shows why, in Dutch, and logs nobody in.
 */

const stateCookieOptions = (p: PageContext) => ({
  path: OIDC_START_PATH, httpOnly: true, sameSite: 'lax' as const, secure: p.request.protocol === 'https',
});

/** The redirect URI: from PUBLIC_URL, else from the request (the provider accepts only the registered one). */
export const redirectUri = (config: OidcConfig, p: PageContext) =>
  `${(config.publicUrl ?? `${p.request.protocol}://${p.request.host}`).replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;

export function oidcPages(ctx: AppContext, config: OidcConfig): PageDef[] {
  const refuse = (p: PageContext, status: number, nl: string, en: string) => ({ status, body: ErrorPage(p.web, status, p.web.t(nl, en)) });
  const unreachable = (p: PageContext) =>
    refuse(p, 502, `Inloggen met ${config.name} lukt nu niet: de inlogdienst antwoordt niet zoals verwacht. Probeer het later opnieuw.`, `Logging in with ${config.name} does not work right now: the login service does not answer as expected. Please try again later.`);
  const REFUSAL: Record<OidcRefusal, [string, string]> = {
    unknown: ['Bij dit account hoort geen medewerker in Grip. Vraag de beheerder van Grip om u toe te voegen.', 'No Grip staff member belongs to this account. Ask the Grip administrator to add you.'],
    inactive: ['Uw account in Grip is niet actief. Vraag de beheerder van Grip om het weer te activeren.', 'Your Grip account is not active. Ask the Grip administrator to activate it again.'],
    noRoles: [`Uw account bij ${config.name} is niet lid van een groep die toegang geeft tot Grip. Vraag uw beheerder om de juiste groep.`, `Your ${config.name} account is not in a group that gives access to Grip. Ask your administrator for the right group.`],
    linkedElsewhere: [`Deze medewerker in Grip is al gekoppeld aan een ander account bij ${config.name}.`, `This Grip staff member is already linked to another ${config.name} account.`],
  };

  return [
    definePage({
      method: 'GET', url: OIDC_START_PATH, permission: null,
      async handler(p) {
        let provider: client.Configuration;
        try {
          provider = await discoverProvider(config);
        } catch (err) {
          p.request.log.warn({ err }, 'OpenID Connect discovery failed');
          return unreachable(p);
        }
        const verifier = client.randomPKCECodeVerifier();
        const state = client.randomState();
        const nonce = client.randomNonce();
        const now = ctx.clock();
        p.reply.setCookie(OIDC_STATE_COOKIE, sealState(config, {
          state, nonce, verifier, back: safeReturn(one(p.query.terug)), expires: now.getTime() + OIDC_STATE_MINUTES * 60_000,
        }), { ...stateCookieOptions(p), maxAge: OIDC_STATE_MINUTES * 60 });
        const url = client.buildAuthorizationUrl(provider, {
          redirect_uri: redirectUri(config, p),
          scope: config.scopes,
          response_type: 'code',
          code_challenge: await client.calculatePKCECodeChallenge(verifier),
          code_challenge_method: 'S256',
          state,
          nonce,
        });
        return { redirect: url.href };
      },
    }),
    definePage({
      method: 'GET', url: OIDC_CALLBACK_PATH, permission: null,
      async handler(p) {
        const now = ctx.clock();
        const saved = openState(config, p.request.cookies[OIDC_STATE_COOKIE], now);
        p.reply.clearCookie(OIDC_STATE_COOKIE, { path: OIDC_START_PATH });
        if (!saved || one(p.query.state) !== saved.state) {
          return refuse(p, 400,
            'Deze inlogpoging is verlopen of niet vanuit Grip begonnen. Begin opnieuw bij de inlogpagina.',
            'This login attempt has expired or was not started from Grip. Start again at the login page.');
        }
        if (one(p.query.error)) {
          return refuse(p, 400,
            `${config.name} heeft het inloggen afgebroken. Begin opnieuw bij de inlogpagina.`,
            `${config.name} stopped the login. Start again at the login page.`);
        }
        let claims: OidcClaims;
        try {
          const provider = await discoverProvider(config);
          const query = p.request.url.includes('?') ? p.request.url.slice(p.request.url.indexOf('?')) : '';
          const tokens = await client.authorizationCodeGrant(provider, new URL(`${redirectUri(config, p)}${query}`), {
            pkceCodeVerifier: saved.verifier, expectedState: saved.state, expectedNonce: saved.nonce, idTokenExpected: true,
          });
          const idClaims = tokens.claims()!;
          // Groups and names often come only from the userinfo endpoint.
          const info = provider.serverMetadata().userinfo_endpoint ? await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub) : {};
          claims = { ...idClaims, ...info, sub: idClaims.sub };
        } catch (err) {
          p.request.log.warn({ err }, 'OpenID Connect login failed');
          return unreachable(p);
        }
        const match = await matchStaff(ctx.db, config, claims);
        if (!match.ok) {
          p.request.log.info({ sub: claims.sub, reason: match.reason }, 'OpenID Connect login refused');
          const [nl, en] = REFUSAL[match.reason];
          return refuse(p, 403, nl, en);
        }
        const { sessionId } = await startSession(ctx.db, match.staffId, now, p.request.cookies[SESSION_COOKIE]);
        p.reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', httpOnly: true, sameSite: 'lax', secure: p.request.protocol === 'https', maxAge: SESSION_HOURS * 3600 });
        return { redirect: safeReturn(saved.back) };
      },
    }),
  ];
}
