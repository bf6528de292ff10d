import { LineChart } from '../dashboards/chart.tsx';
import { listDomains } from '../organisation/organisation.repository.ts';
import type { AppContext } from '../shared/context.ts';
import { Layout } from '../web/layout.tsx';
import { definePage, type PageDef } from '../web/page.ts';
import { accuracyPerMonth } from './forecast.repository.ts';

/**
 * /prognose/nauwkeurigheid: for every assigned case Grip kept what it
 * expected when the case came into the tray; this page sets that against
 * the realised wait, per domain and month of receipt, with the share of
 * cases whose assignment fell within the 80% interval (it should be ~80%).
 */
const MONTHS = 18;

export function accuracyPages(ctx: AppContext): PageDef[] {
  return [
    definePage({
      method: 'GET', url: '/prognose/nauwkeurigheid', permission: 'capacity.read',
      async handler({ web }) {
        const now = ctx.clock();
        const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - MONTHS + 1, 1));
        const [rows, domains] = await Promise.all([accuracyPerMonth(ctx.db, since), listDomains(ctx.db)]);
        const months = [...new Set(rows.map((r) => r.month))].sort();
        const f1 = (n: number) => (Math.round(n * 10) / 10).toString().replace('.', web.lang === 'nl' ? ',' : '.');
        const total = rows.reduce((a, r) => ({ cases: a.cases + r.cases, within: a.within + r.within, abs: a.abs + r.mae * r.cases }), { cases: 0, within: 0, abs: 0 });
        return (
          <Layout web={web} title={web.t('Nauwkeurigheid van de verwachte wachttijd', 'Accuracy of the expected wait')}>
            <p>
              {web.t(
                'Bij elke zaak bewaart Grip de verwachte datum van toewijzing van het moment dat de zaak in de bak kwam. Hier staat die verwachting naast de werkelijke wachttijd, per domein en maand van ontvangst. Het 80%-interval moet ongeveer 8 van de 10 zaken omvatten.',
                'For every case Grip keeps the expected assignment date from when the case came into the tray. Here it stands next to the realised wait, per domain and month of receipt. The 80% interval should hold about 8 in 10 cases.',
              )}
            </p>
            {total.cases === 0 ? <p>{web.t('Nog geen toegewezen zaken met een bewaarde verwachting.', 'No assigned cases with a kept expectation yet.')}</p> : (
              <p id="nauwkeurigheid-totaal">
                {web.t(
                  `Over ${total.cases} zaken: gemiddelde afwijking ${f1(total.abs / total.cases)} dagen; ${Math.round((100 * total.within) / total.cases)}% binnen het 80%-interval.`,
                  `Over ${total.cases} cases: mean absolute error ${f1(total.abs / total.cases)} days; ${Math.round((100 * total.within) / total.cases)}% within the 80% interval.`,
                )}
              </p>
            )}
            {domains.map((d) => {
              const mine = months.map((m) => rows.find((r) => r.domain === d.id && r.month === m) ?? null);
              if (mine.every((r) => r === null)) return null;
              return (
                <section aria-labelledby={`nauwkeurigheid-kop-${d.id}`}>
                  <h2 class="utrecht-heading-2" id={`nauwkeurigheid-kop-${d.id}`}>{d.name}</h2>
                  <LineChart
                    web={web} id={`nauwkeurigheid-${d.id}`} yUnit={web.t('dagen', 'days')} labels={months.map((m) => `${m}-01`)}
                    title={web.t(`${d.name}: verwachte en werkelijke wachttijd tot toewijzing (mediaan, dagen)`, `${d.name}: expected and realised wait until assignment (median, days)`)}
                    series={[
                      { name: web.t('Verwacht bij binnenkomst', 'Expected on arrival'), values: mine.map((r) => (r ? Math.round(r.predictedMedian) : null)), colour: '#01689b', dashed: true },
                      { name: web.t('Werkelijk', 'Realised'), values: mine.map((r) => (r ? Math.round(r.realisedMedian) : null)), colour: '#d52b1e' },
                    ]}
                  />
                  <div class="grip-table-wrap">
                    <table class="utrecht-table utrecht-table--html-table">
                      <caption class="utrecht-table__caption">{d.name}</caption>
                      <thead class="utrecht-table__header">
                        <tr class="utrecht-table__row">
                          {[web.t('Maand', 'Month'), web.t('Zaken', 'Cases'), web.t('Verwacht (gem.)', 'Expected (mean)'), web.t('Werkelijk (gem.)', 'Realised (mean)'), web.t('Afwijking (gem.)', 'Abs. error (mean)'), web.t('Binnen 80%-interval', 'Within 80% interval')].map((h) => <th scope="col" class="utrecht-table__header-cell">{h}</th>)}
                        </tr>
                      </thead>
                      <tbody class="utrecht-table__body">
                        {mine.map((r, i) => r && (
                          <tr class="utrecht-table__row">
                            <th scope="row" class="utrecht-table__header-cell">{months[i]}</th>
                            <td class="utrecht-table__cell grip-number">{r.cases}</td>
                            <td class="utrecht-table__cell grip-number">{f1(r.predictedMean)}</td>
                            <td class="utrecht-table__cell grip-number">{f1(r.realisedMean)}</td>
                            <td class="utrecht-table__cell grip-number">{f1(r.mae)}</td>
                            <td class="utrecht-table__cell grip-number">{Math.round((100 * r.within) / r.cases)}%</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
              );
            })}
          </Layout>
        );
      },
    }),
  ];
}
