/** The one error type for expected failures, and how each maps to HTTP. */
export const ERROR_STATUS = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  version_conflict: 409,
  transition_forbidden: 409,
  duplicate: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  busy: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_TITLE: Record<ErrorCode, string> = {
  validation: 'Invalid input',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  version_conflict: 'The case was changed by someone else',
  transition_forbidden: 'Transition not allowed',
  duplicate: 'Already exists',
  payload_too_large: 'Request too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Cannot be processed',
  busy: 'Temporarily unavailable',
};

export interface FieldError {
  field: string;
  message: string;
  /** The message in Dutch, for the pages (the API answers in English). */
  nl?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { errors?: FieldError[] } & Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string, id: string | number) => new AppError('not_found', `${what} ${id} does not exist`);

/** A problem with one field of the input: the detail and the errors list both name it. */
export const invalidField = (field: string, message: string, nl?: string, code: ErrorCode = 'validation') =>
  new AppError(code, `${field}: ${message}`, { errors: [{ field, message, ...(nl ? { nl } : {}) }] });
