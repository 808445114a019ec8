// The one form an incident reference is stored and compared in: trimmed and upper-case, so `api-001 ` and
// `API-001` are the same incident in the import, the API, the chat and every lookup.
export function normalReference(text: string): string {
  return text.trim().toUpperCase();
}
