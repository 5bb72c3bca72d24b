/**
 * Moving what the API's identity detector found in the anonymous summary (BAD_USER_INPUT rule
 * `anonymous`, params `start`, `end`, `text`: api/src/modules/referral/identity.rules.ts) into the
 * identifying details, where it belongs: the span leaves the summary (with the comma or space it
 * leaves behind) and is added to the details on a line of its own. Null when the summary no longer
 * holds that text (the user changed it since).
 */
export function moveIdentitySpan(summary: string, identifyingDetails: string, span: { start: number; end: number; text: string }): { summary: string; identifyingDetails: string } | null {
  if (!span.text) return null;
  const start = summary.slice(span.start, span.end) === span.text ? span.start : summary.indexOf(span.text);
  if (start < 0) return null;
  const rest = `${summary.slice(0, start)}${summary.slice(start + span.text.length)}`
    .replace(/[ \t]*([,;])([ \t]*[,;])+/g, '$1')
    .replace(/[ \t]+([,;.])/g, '$1')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/^[\s,;]+|[\s,;]+$/g, '');
  const details = identifyingDetails.trim();
  const already = details.split(/\n|;\s*/).some((part) => part.trim() === span.text);
  return { summary: rest, identifyingDetails: already ? details : details ? `${details}\n${span.text}` : span.text };
}
