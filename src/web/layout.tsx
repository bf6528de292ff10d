import type { ComponentChildren } from 'preact';
import { can, type Permission } from '../auth/policy.ts';
import type { Web } from './page.ts';

/** Every page's frame: skip link, header with the person's navigation, search, language, log-out. */
const NAV: { href: string; permission: Permission; nl: string; en: string }[] = [
  { href: '/zaken/nieuw', permission: 'cases.register', nl: 'Registreren', en: 'Register' },
  { href: '/zaken/te-routeren', permission: 'cases.route', nl: 'Te routeren', en: 'To route' },
  { href: '/bak', permission: 'cases.assign', nl: 'De bak', en: 'The tray' },
  { href: '/mijn-zaken', permission: 'cases.handle', nl: 'Mijn zaken', en: 'My cases' },
  { href: '/overzicht', permission: 'dashboards.read', nl: 'Overzicht', en: 'Overview' },
  { href: '/dashboard', permission: 'dashboards.read', nl: 'Dashboard', en: 'Dashboard' },
  { href: '/productie', permission: 'dashboards.read', nl: 'Productie', en: 'Production' },
  { href: '/prognose', permission: 'capacity.read', nl: 'Prognose', en: 'Forecast' },
  { href: '/capaciteit', permission: 'capacity.read', nl: 'Capaciteit', en: 'Capacity' },
  { href: '/telefoon', permission: 'contacts.register', nl: 'Telefoon', en: 'Phone' },
  { href: '/bellijst', permission: 'calls.read', nl: 'Bellijst', en: 'Call list' },
  { href: '/rooster', permission: 'roster.read', nl: 'Rooster', en: 'Roster' },
  { href: '/lanen', permission: 'lanes.read', nl: 'Vluchtstrook en POP', en: 'B lane and POP' },
  { href: '/clusters', permission: 'clusters.manage', nl: 'Clusters', en: 'Clusters' },
  { href: '/screening', permission: 'screening.manage', nl: 'OB en overdracht', en: 'OB and transfers' },
  { href: '/berichten', permission: 'notices.read', nl: 'Berichten', en: 'Notices' },
  { href: '/postvak-uit', permission: 'mail.read', nl: 'Postvak uit', en: 'Outbox' },
  { href: '/privacy/inzage', permission: 'audit.read', nl: 'Inzagelog', en: 'Access log' },
  { href: '/privacy/bewaartermijn', permission: 'retention.manage', nl: 'Bewaartermijn', en: 'Retention' },
  { href: '/woo', permission: 'woo.manage', nl: 'Woo-verzoeken', en: 'Woo requests' },
  { href: '/beheer', permission: 'admin.manage', nl: 'Beheer', en: 'Administration' },
];

export function Layout(props: { web: Web; title: string; children: ComponentChildren }) {
  const { web } = props;
  const here = web.path.split('?')[0];
  const other = web.lang === 'nl' ? 'en' : 'nl';
  return (
    <html lang={web.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} — Grip`}</title>
        <link rel="stylesheet" href="/assets/utrecht.css" />
        <link rel="stylesheet" href="/assets/grip.css" />
        <script src="/assets/htmx.min.js" defer></script>
      </head>
      <body class="utrecht-document utrecht-document--surface" hx-headers={web.csrf ? JSON.stringify({ 'x-csrf-token': web.csrf }) : undefined}>
        <a class="skip-link" href="#inhoud">{web.t('Naar de inhoud', 'Skip to content')}</a>
        <header class="grip-header">
          <div class="grip-header__bar">
            <a class="grip-logo" href="/">Grip</a>
            {web.actor && (
              <nav aria-label={web.t('Hoofdmenu', 'Main menu')}>
                <ul class="grip-nav">
                  {NAV.filter((n) => can(web.actor!, n.permission)).map((n) => (
                    <li>
                      <a href={n.href} aria-current={here === n.href ? 'page' : undefined}>{web.t(n.nl, n.en)}</a>
                    </li>
                  ))}
                </ul>
              </nav>
            )}
            {web.actor && (
              <form method="get" action="/zoeken" role="search">
                <label for="zoek-kop" class="skip-link">{web.t('Zoeken', 'Search')}</label>
                <input id="zoek-kop" type="search" name="q" placeholder={web.t('Dossier, naam of instantie', 'Dossier, name or agency')} />
                <button type="submit" class="utrecht-button utrecht-button--secondary-action">{web.t('Zoek', 'Search')}</button>
              </form>
            )}
            <div class="grip-user">
              <a href={`/taal?l=${other}&terug=${encodeURIComponent(web.path)}`} lang={other} hreflang={other}>
                {other === 'en' ? 'English' : 'Nederlands'}
              </a>
              {web.actor && <span>{web.actor.name}</span>}
              {web.actor && (
                <form method="post" action="/uitloggen">
                  <input type="hidden" name="_csrf" value={web.csrf} />
                  <button type="submit" class="linkish">{web.t('Uitloggen', 'Log out')}</button>
                </form>
              )}
            </div>
          </div>
        </header>
        <main id="inhoud" tabIndex={-1}>
          <h1 class="utrecht-heading-1">{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

export function ErrorPage(web: Web, status: number, message: string) {
  const title = status === 404 ? web.t('Niet gevonden', 'Not found') : status === 403 ? web.t('Geen toegang', 'No access') : status >= 500 ? web.t('Er ging iets mis', 'Something went wrong') : web.t('Dat lukte niet', 'That did not work');
  return (
    <Layout web={web} title={title}>
      <div class="grip-alert grip-alert--error" role="alert">
        <p>{message}</p>
      </div>
      <p>
        <a href="/">{web.t('Naar de startpagina', 'To the start page')}</a>
      </p>
    </Layout>
  );
}
