import type { OidcConfig } from '../auth/oidc.ts';
import type { Db } from '../db/database.ts';

/** What every service needs: the database and the clock (passed in, so tests and the demo can set it). */
export interface AppContext {
  db: Db;
  clock: () => Date;
  /** The OpenID Connect provider, when one is configured (login pages only). */
  oidc?: OidcConfig | null;
}
