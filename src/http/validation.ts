import type { FastifySchemaCompiler } from "fastify";
import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";
import Value from "typebox/value";

/** A request part that failed its schema; the error handler turns it into a 400 naming the field. */
export class RequestValidationError extends Error {
  readonly field: string;

  constructor(part: string, path: string, message: string) {
    super(`${path ? `${part}.${path}` : part} ${message}`);
    this.name = "RequestValidationError";
    this.field = path ? `${part}.${path}` : part;
  }
}

function pointerToPath(pointer: string): string {
  return pointer.replace(/^\//, "").replaceAll("/", ".");
}

/**
 * Validates request parts with TypeBox. Query strings and path params arrive as text, so they
 * are converted to the schema's types first; JSON bodies are checked as sent (a "5" where a
 * number belongs is a client error, not something to guess about).
 */
export const typeboxValidatorCompiler: FastifySchemaCompiler<TSchema> = ({ schema, httpPart }) => {
  const validator = Compile(schema);
  const part = httpPart ?? "body";
  const convert = part !== "body";
  return (data: unknown) => {
    const value = Value.Default(schema, convert ? Value.Convert(schema, data) : data);
    if (validator.Check(value)) return { value };
    const [first] = validator.Errors(value);
    if (!first) return { error: new RequestValidationError(part, "", "is invalid") };
    if (first.keyword === "required") {
      const missing = (first.params as { requiredProperties?: string[] }).requiredProperties?.[0];
      const parent = pointerToPath(first.instancePath);
      const path = [parent, missing].filter(Boolean).join(".");
      return { error: new RequestValidationError(part, path, "is required") };
    }
    if (first.keyword === "additionalProperties") {
      const extra = (first.params as { additionalProperties?: string[] }).additionalProperties?.[0];
      const parent = pointerToPath(first.instancePath);
      const path = [parent, extra].filter(Boolean).join(".");
      return { error: new RequestValidationError(part, path, "is not a known field") };
    }
    // TypeBox reports a property forbidden by `additionalProperties: false` as a false schema.
    const message = first.keyword === "boolean" ? "is not a known field" : first.message;
    return {
      error: new RequestValidationError(part, pointerToPath(first.instancePath), message),
    };
  };
};
