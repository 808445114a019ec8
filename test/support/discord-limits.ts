// Discord's documented message limits, checked independently of the renderer: the fake Discord refuses a
// message that breaks one (as Discord does, with 50035 Invalid Form Body), and tests assert none does.
// https://discord.com/developers/docs/resources/message#embed-object-embed-limits

/** Loose message JSON as sent in a request body. */
interface MessageJson {
  content?: string;
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
    author?: { name: string };
  }[];
}

/** Every limit the message breaks, as readable lines; empty when it is within all of them. */
export function discordLimitProblems(message: MessageJson): string[] {
  const problems: string[] = [];
  const over = (what: string, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max) problems.push(`${what}: ${text.length} > ${max}`);
  };
  over('content', message.content, 2000);
  const embeds = message.embeds ?? [];
  if (embeds.length > 10) problems.push(`embeds: ${embeds.length} > 10`);
  let total = 0;
  embeds.forEach((embed, i) => {
    over(`embeds[${i}].title`, embed.title, 256);
    over(`embeds[${i}].description`, embed.description, 4096);
    over(`embeds[${i}].footer.text`, embed.footer?.text, 2048);
    over(`embeds[${i}].author.name`, embed.author?.name, 256);
    const fields = embed.fields ?? [];
    if (fields.length > 25) problems.push(`embeds[${i}].fields: ${fields.length} > 25`);
    fields.forEach((field, j) => {
      over(`embeds[${i}].fields[${j}].name`, field.name, 256);
      over(`embeds[${i}].fields[${j}].value`, field.value, 1024);
      if (field.name.trim() === '' || field.value.trim() === '') problems.push(`embeds[${i}].fields[${j}]: empty`);
    });
    total +=
      (embed.title?.length ?? 0) +
      (embed.description?.length ?? 0) +
      (embed.footer?.text.length ?? 0) +
      (embed.author?.name.length ?? 0) +
      fields.reduce((sum, f) => sum + f.name.length + f.value.length, 0);
    if (!embed.title && !embed.description && fields.length === 0 && !('image' in embed) && !embed.footer) {
      problems.push(`embeds[${i}]: empty`);
    }
  });
  if (total > 6000) problems.push(`embeds total: ${total} > 6000`);
  return problems;
}
