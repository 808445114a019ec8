// Field types the config schema and the platforms' settings blocks share. Empty strings never reach them:
// loadConfig drops them first, so an empty value is an unset one.
import { z } from 'zod';

export const optionalText = z.string().trim().min(1).optional();
export const optionalUrl = z.url().optional();
/** `U1, U2,,` → ['U1', 'U2']. */
export const idList = z
  .string()
  .optional()
  .transform((value) => (value ? value.split(',').map((id) => id.trim()).filter(Boolean) : []));
