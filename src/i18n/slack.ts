// Messages of the Slack adapter: the cut-off note and where a chart is.
import { defineMessages } from './define.js';

export const slack = defineMessages(
  {
    'slack.more': '… en {count} meer',
    'slack.chartChannelOnly': '📈 {title}: de grafiek verschijnt alleen bij een gedeeld antwoord (`publiek`).',
    'slack.chartPosted': '📈 {title}: de grafiek volgt hieronder.',
    'slack.chartFailed': '📈 {title}: de grafiek kon niet in dit kanaal worden geplaatst; nodig de bot uit met `/invite @ote`.',
  },
  {
    'slack.more': '… and {count} more',
    'slack.chartChannelOnly': '📈 {title}: the chart is only shown with a shared reply (`publiek`).',
    'slack.chartPosted': '📈 {title}: the chart follows below.',
    'slack.chartFailed': '📈 {title}: the chart could not be posted in this channel; invite the bot with `/invite @ote`.',
  },
);
