import Type from "typebox";

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      field: Type.Optional(Type.String()),
      errors: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }), {
          description: "Every failing field, when there are several (`field` is the first)",
        }),
      ),
    }),
  },
  { description: "Every 4xx and 5xx answer has this shape." },
);

/** An ISO-8601 instant in UTC, as every response carries times. */
export const Instant = Type.String({ format: "date-time" });
export const NullableInstant = Type.Union([Instant, Type.Null()]);
export const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PageLimit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });
export const Cursor = Type.String({ minLength: 1, maxLength: 500 });
export const NextCursor = Type.Union([Type.String(), Type.Null()]);

/** A resource id in a path or body: short, printable, no surprises in URLs or logs. */
export const ResourceId = Type.String({
  minLength: 1,
  maxLength: 200,
  pattern: "^[A-Za-z0-9._:@-]+$",
});

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/** The 4xx responses every route can give, for the OpenAPI document. */
export const CLIENT_ERRORS = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  429: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
};

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

export function toIsoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
