// Placeholder contract; implemented by the period work.
export function isPeriodToken(token: string): boolean {
  return /^(\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?|vandaag|gisteren|week|maand|jaar|\d{1,3}d|\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})$/i.test(token);
}
