import type { AppContext } from '../shared/context.ts';
import { definePage, type PageDef, type Web } from '../web/page.ts';
import { AdminFrame } from './admin.common.pages.tsx';
import { keywordPages } from './admin.keywords.pages.tsx';
import { outcomePages } from './admin.outcomes.pages.tsx';
import { routingPages } from './admin.routing.pages.tsx';
import { adminSummary } from './admin.service.ts';
import { staffPages } from './admin.staff.pages.tsx';

/** The administration (admin only): staff, keywords, routing rules, outcomes and their registration profiles. */
type Summary = Awaited<ReturnType<typeof adminSummary>>;

function AdminStart({ web, summary: s }: { web: Web; summary: Summary }) {
  const sections = [
    {
      id: 'medewerkers', href: '/beheer/medewerkers', title: web.t('Medewerkers', 'Staff'),
      text: web.t(`${s.activeStaff} actief. Rollen, domeinen, vaardigheden, eenheid en uren.`, `${s.activeStaff} active. Roles, domains, skills, unit and hours.`),
    },
    {
      id: 'trefwoorden', href: '/beheer/trefwoorden', title: web.t('Trefwoorden', 'Keywords'),
      text: web.t(`${s.activeKeywords} actief (grens ${s.keywordWarnLimit}). Houd de lijst kort.`, `${s.activeKeywords} active (limit ${s.keywordWarnLimit}). Keep the list short.`),
    },
    {
      id: 'routering', href: '/beheer/routering', title: web.t('Routeringsregels', 'Routing rules'),
      text: web.t(`${s.activeRules} actief. Welke zaak naar welk domein en welke eenheid.`, `${s.activeRules} active. Which case goes to which domain and unit.`),
    },
    {
      id: 'uitkomsten', href: '/beheer/uitkomsten', title: web.t('Uitkomsten en registratieprofielen', 'Outcomes and registration profiles'),
      text: web.t(`${s.outcomes} uitkomsten. Wat er bij afsluiten moet worden ingevuld.`, `${s.outcomes} outcomes. What must be filled in when closing.`),
    },
  ];
  return (
    <AdminFrame web={web} title={web.t('Beheer', 'Administration')} section={false}>
      <div class="grip-grid">
        {sections.map((x) => (
          <section class="grip-card" aria-labelledby={`kop-${x.id}`}>
            <h2 class="utrecht-heading-2" id={`kop-${x.id}`}>
              <a href={x.href}>{x.title}</a>
            </h2>
            <p>{x.text}</p>
          </section>
        ))}
      </div>
    </AdminFrame>
  );
}

export function adminPages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/beheer', permission: 'admin.manage',
      handler: async (p) => <AdminStart web={p.web} summary={await adminSummary(ctx)} />,
    }),
    ...staffPages(ctx),
    ...keywordPages(ctx),
    ...routingPages(ctx),
    ...outcomePages(ctx),
  ];
}
