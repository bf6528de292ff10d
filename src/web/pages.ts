import { loginPages } from '../auth/login.pages.tsx';
import { capacityPages } from '../capacity/capacity.pages.tsx';
import { accuracyPages } from '../forecast/accuracy.pages.tsx';
import { waitingTimePages } from '../public/waiting-times.routes.tsx';
import { forecastPages } from '../forecast/forecast.pages.tsx';
import { casePages } from '../cases/case.pages.tsx';
import { intakePages } from '../cases/intake.pages.tsx';
import { worklistPages } from '../cases/worklist.pages.tsx';
import { dashboardPages } from '../dashboards/dashboard.pages.tsx';
import { overviewPages } from '../dashboards/overview.pages.tsx';
import { productionPages } from '../dashboards/production.pages.tsx';
import { mailPages } from '../mail/mail.pages.tsx';
import { frontOfficePages } from '../contacts/contact.pages.tsx';
import { lanePages } from '../lanes/lanes.pages.tsx';
import { clusterPages } from '../clusters/cluster.pages.tsx';
import { screeningPages } from '../screening/screening.pages.tsx';
import { rosterPages } from '../roster/roster.pages.tsx';
import { callListPages } from '../notices/calllist.pages.tsx';
import { noticePages } from '../notices/notice.pages.tsx';
import { complaintPages } from '../public/complaint.pages.tsx';
import { adminPages } from '../organisation/admin.pages.tsx';
import { auditPages } from '../audit/audit.pages.tsx';
import { retentionPages } from '../retention/retention.pages.tsx';
import type { AppContext } from '../shared/context.ts';
import { trayPages } from '../tray/tray.pages.tsx';
import { wooDocumentPages } from '../woo/woo.document.pages.tsx';
import { wooGroundPages } from '../woo/woo.grounds.pages.tsx';
import { wooPages } from '../woo/woo.pages.tsx';
import type { PageDef } from './page.ts';

/** Every page of the web app, by feature. */
export function webPages(ctx: AppContext): PageDef[] {
  return [
    ...loginPages(ctx),
    ...intakePages(ctx),
    ...casePages(ctx),
    ...worklistPages(ctx),
    ...trayPages(ctx),
    ...overviewPages(ctx),
    ...dashboardPages(ctx),
    ...productionPages(ctx),
    ...capacityPages(ctx),
    ...forecastPages(ctx),
    ...accuracyPages(ctx),
    ...waitingTimePages(ctx),
    ...adminPages(ctx),
    ...mailPages(ctx),
    ...noticePages(ctx),
    ...callListPages(ctx),
    ...complaintPages(ctx),
    ...frontOfficePages(ctx),
    ...rosterPages(ctx),
    ...lanePages(ctx),
    ...clusterPages(ctx),
    ...screeningPages(ctx),
    ...auditPages(ctx),
    ...retentionPages(ctx),
    ...wooGroundPages(ctx),
    ...wooPages(ctx),
    ...wooDocumentPages(ctx),
  ];
}
