/**
 * One error type for everything the caller did wrong. The code decides the HTTP status through
 * `ERROR_STATUS`; nothing classifies an error by its message. Every code is documented in
 * docs/errors.md (a test keeps the two in step).
 */
export const ERROR_STATUS = {
  "request.invalid": 400,
  "request.malformed_json": 400,
  "request.body_too_large": 413,
  "request.unsupported_media_type": 415,
  "request.not_found": 404,
  "request.invalid_cursor": 400,
  "request.rate_limited": 429,
  "auth.required": 401,
  "auth.invalid_credentials": 401,
  "access.forbidden": 403,
  "user.not_found": 404,
  "user.already_exists": 409,
  "token.not_found": 404,
  "legal_hold.not_found": 404,
  "intake.version_conflict": 409,
  "settings.version_conflict": 409,
  "notification.not_found": 404,
  "team.not_found": 404,
  "team.already_exists": 409,
  "agent.not_found": 404,
  "agent.already_exists": 409,
  "customer.not_found": 404,
  "customer.already_exists": 409,
  "case.not_found": 404,
  "case.already_exists": 409,
  "case.invalid_transition": 409,
  "case.intake_invalid": 422,
  "handoff.checklist_incomplete": 422,
  "routing.routes_nothing": 422,
  "assignment.conflict": 409,
  "assignment.unavailable": 409,
  "event.invalid": 422,
  "event.duplicate_id": 409,
  "metrics.period_too_long": 400,
  "alert.not_found": 404,
  "scorecard.not_found": 404,
  "digest.not_found": 404,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface AppErrorDetails {
  message: string;
  /** The request field or event field at fault, as a dotted path (`body.priority`). */
  field?: string;
  /** Every problem, when there are several (`field` names the first). */
  errors?: FieldError[];
  cause?: unknown;
}

export interface FieldError {
  field: string;
  reason: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly errors: FieldError[] | undefined;

  constructor(code: ErrorCode, details: AppErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "AppError";
    this.code = code;
    this.field = details.field;
    this.errors = details.errors;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
        ...(this.errors === undefined ? {} : { errors: this.errors }),
      },
    };
  }
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; errors?: FieldError[] };
}
