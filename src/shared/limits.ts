/** Shared input limits: the API, the forms and the CSV import all use these. */
export const LIMITS = {
  name: 200,
  email: 254,
  phone: 40,
  address: 500,
  subject: 300,
  description: 20_000,
  proposal: 4_000,
  reason: 2_000,
  note: 10_000,
  agency: 200,
  keywordsPerCase: 10,
  idempotencyKey: 200,
  listPage: 500,
  bulkCases: 1_000,
  /** Request bodies (JSON) in bytes. */
  body: 1_048_576,
} as const;
