// The OpenAPI 3.1 description of the ingest API, generated from its zod schemas (src/http/ingest-schema.ts).
import { z } from 'zod';
import { batchSchema, incidentSchema, MAX_BATCH } from './ingest-schema.js';

const fieldError = z.object({
  veld: z.string().meta({ examples: ['incidents[3].municipality'] }),
  melding: z.string().meta({ examples: ['onbekende gemeente ‘Nergenshuizen’'] }),
});
const errorBody = z.object({ melding: z.string(), fouten: z.array(fieldError).optional() });
const resultBody = z.object({
  melding: z.string(),
  aangemaakt: z.number().int(),
  gecorrigeerd: z.number().int(),
  ongewijzigd: z.number().int(),
  incidenten: z.array(
    z.object({
      id: z.string(),
      resultaat: z.enum(['aangemaakt', 'gecorrigeerd', 'ongewijzigd']),
      versie: z.number().int(),
      status: z.enum(['actief', 'ingetrokken']),
    }),
  ),
});

function components(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  registry.add(incidentSchema, { id: 'Incident' });
  registry.add(batchSchema, { id: 'Batch' });
  registry.add(resultBody, { id: 'Resultaat' });
  registry.add(errorBody, { id: 'Fout' });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => {
      const { $schema: _s, $id: _i, ...rest } = schema as Record<string, unknown>;
      return [name, rest];
    }),
  );
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });

export function openApiDocument(maxBodyBytes: number): Record<string, unknown> {
  const error = (description: string) => ({ description, ...json(ref('Fout')) });
  return {
    openapi: '3.1.0',
    info: {
      title: 'OTE incident-API',
      version: '1',
      description:
        'Incidenten aanleveren aan het register van het Offensief Tegen Explosies. Eén incident of een batch ' +
        `van hoogstens ${MAX_BATCH}; idempotent op de referentie (id): hetzelfde nog eens sturen verandert niets, ` +
        'andere waarden corrigeren het incident. Alles of niets: bij één fout wordt niets opgeslagen. ' +
        'Geen persoonsgegevens: hoogstens een postcodegebied van vier cijfers.',
    },
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/incidents': {
        post: {
          summary: 'Incidenten aanleveren',
          requestBody: { required: true, ...json({ oneOf: [ref('Incident'), ref('Batch')] }) },
          responses: {
            '201': { description: 'Opgeslagen; minstens één incident is nieuw.', ...json(ref('Resultaat')) },
            '200': { description: 'Opgeslagen; niets nieuw (gecorrigeerd of ongewijzigd).', ...json(ref('Resultaat')) },
            '400': error('Geen geldige JSON.'),
            '401': error('Ontbrekende, ongeldige of ingetrokken token.'),
            '408': error('De body kwam niet binnen de tijd binnen; de verbinding wordt gesloten, niets opgeslagen.'),
            '413': error(`Body groter dan ${maxBodyBytes} bytes.`),
            '415': error('Geen application/json.'),
            '422': error('Ongeldige invoer; elke fout per veld, bijv. incidents[3].municipality. Niets opgeslagen.'),
            '429': {
              ...error('Te veel verzoeken met deze token.'),
              headers: { 'Retry-After': { description: 'Seconden tot een nieuwe poging.', schema: { type: 'integer' } } },
            },
            '500': error('Fout aan onze kant, met een foutcode; niets opgeslagen.'),
            '503': {
              ...error('De database is even niet bereikbaar; niets opgeslagen.'),
              headers: { 'Retry-After': { description: 'Seconden tot een nieuwe poging.', schema: { type: 'integer' } } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Token per partner, aangemaakt met `ote token create <partner>`.' } },
      schemas: components(),
    },
  };
}
