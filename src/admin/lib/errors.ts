/** The API answers 4xx with `{ message }`; the JS SDK puts that message on the thrown error. */
export function errorMessage(error: unknown, fallback = "Something went wrong"): string {
  if (error instanceof Error && error.message) {
    return error.message
  }
  return fallback
}
