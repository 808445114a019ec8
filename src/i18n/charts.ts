// Messages of the municipality chart and of the demo stamp every chart drawn from demo data carries.
import { defineMessages } from './define.js';

export const charts = defineMessages(
  {
    'chart.municipalityTitle': 'Aanslagen in {municipality} {year}, opgeteld per dag',
    'chart.municipalitySubtitle': 'Stand {date}, tegen dezelfde dagen van {previous}',
    'chart.demoStamp': 'DEMOGEGEVENS – geen echte cijfers',
  },
  {
    'chart.municipalityTitle': 'Attacks in {municipality} {year}, cumulative by day',
    'chart.municipalitySubtitle': 'As of {date}, against the same days of {previous}',
    'chart.demoStamp': 'DEMO DATA – not real figures',
  },
);
