import { defineRoute } from '../http/route.ts';
import type { AppContext } from '../shared/context.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, type PageDef } from '../web/page.ts';
import { CACHE_SECONDS, publicWaitingTimes, ZWaitingTimes } from './waiting-times.service.ts';

/** `GET /api/v1/public/waiting-times` and `/wachttijden`: no log-in, no personal data, cached. */
export function waitingTimeRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'GET', url: '/api/v1/public/waiting-times', tag: 'public', permission: null,
      summary: 'Per domain: the expected days until a complaint received today is taken up (10th, 50th, 90th percentile; null = more than half a year) and a short cause in Dutch. No token needed.',
      response: ZWaitingTimes,
      async handler({ reply }) {
        reply.header('cache-control', `public, max-age=${CACHE_SECONDS}`);
        const { items } = await publicWaitingTimes(ctx);
        return { items };
      },
    }),
  ];
}

export function waitingTimePages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/wachttijden', permission: null,
      async handler({ web, reply }) {
        reply.header('cache-control', `public, max-age=${CACHE_SECONDS}`);
        const { items, names } = await publicWaitingTimes(ctx);
        const weeks = (d: number | null) => (d === null ? web.t('meer dan een half jaar', 'more than half a year') : d < 7 ? web.t(`${d} dagen`, `${d} days`) : web.t(`${Math.round(d / 7)} weken`, `${Math.round(d / 7)} weeks`));
        return (
          <Layout web={web} title={web.t('Wachttijden voor klachten', 'Waiting times for complaints')}>
            <p>
              {web.t(
                'Hoe lang duurt het voordat een klachtonderzoeker uw klacht oppakt? Dit is onze verwachting voor een klacht die vandaag binnenkomt, per domein. Bij spoed gaat uw klacht voor.',
                'How long before an investigator takes up your complaint? This is what we expect for a complaint received today, per domain. Urgent complaints go first.',
              )}
            </p>
            <div class="grip-table-wrap">
              <table class="utrecht-table utrecht-table--html-table" id="wachttijden">
                <caption class="utrecht-table__caption">{web.t('Verwachte wachttijd tot een klachtonderzoeker uw klacht oppakt', 'Expected wait until an investigator takes up your complaint')}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    {[web.t('Domein', 'Domain'), web.t('Meestal', 'Usually'), web.t('Snelste 1 op 10', 'Fastest 1 in 10'), web.t('Langste 1 op 10', 'Longest 1 in 10'), web.t('Waarom', 'Why')].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {items.map((i) => (
                    <tr class="utrecht-table__row">
                      <th scope="row" class="utrecht-table__header-cell">{names[i.domain] ?? i.domain}</th>
                      <td class="utrecht-table__cell">{weeks(i.p50Days)}</td>
                      <td class="utrecht-table__cell">{weeks(i.p10Days)}</td>
                      <td class="utrecht-table__cell">{weeks(i.p90Days)}</td>
                      <td class="utrecht-table__cell">{i.cause}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Layout>
        );
      },
    }),
  ];
}
