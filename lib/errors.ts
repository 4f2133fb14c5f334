/** Typed domain errors, mapped to HTTP once per layer (console API: lib/api-handler.ts). */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message = "Not found") {
    super(message, 404);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, fieldErrors?: Record<string, string>) {
    super(message, 409, fieldErrors);
  }
}

export class ValidationError extends DomainError {
  constructor(message: string, fieldErrors?: Record<string, string>) {
    super(message, 422, fieldErrors);
  }
}
