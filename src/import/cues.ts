/**
 * What kind of line a copied page holds, by its words alone: the cues a reader uses to tell
 * a notice, a credit, a button or the site's furniture from the article.
 */

const NOTICE_WORDS = new RegExp(
  [
    String.raw`not (?:intended (?:as|to be)|a substitute for|meant as)?\s*(?:professional )?medical advice`,
    String.raw`for (?:general )?(?:informational|educational|information|education) purposes`,
    String.raw`(?:consult|talk to|speak with) (?:your|a|with your) (?:doctor|physician|healthcare|health care|medical)`,
    String.raw`not been evaluated by the (?:FDA|Food and Drug)`,
    String.raw`individual results (?:may )?vary`,
    String.raw`does not (?:establish|create) a (?:doctor|physician|provider)[- ]patient relationship`,
    String.raw`\bdisclaimer\b`,
  ].join('|'),
  'i',
);

/** A site-wide notice or disclaimer: a footnote mark or "Disclaimer:", or a disclaimer's wording. */
export function isNotice(text: string): boolean {
  const value = text.trim();
  const words = value.split(/\s+/).length;
  if (/^(?:\*|†|‡)(?!\s)/.test(value) && words >= 6) return true;
  if (/^(?:medical )?(?:disclaimer|notice|important)\s*[:：]/i.test(value)) return true;
  return words >= 12 && NOTICE_WORDS.test(value);
}

/** The notice without its footnote mark or label. */
export function noticeText(text: string): string {
  return text
    .trim()
    .replace(/^(?:\*+|†|‡)\s*/, '')
    .replace(/\s+/g, ' ');
}

const CREDIT_START = new RegExp(
  String.raw`^(?:(?:figure|fig\.|image|photo|illustration|chart|graph|table|infographic)\s*\d*\s*[:.–-]|` +
    String.raw`(?:source|sources|credit|credits|image credit|photo credit|photo|courtesy of|` +
    String.raw`adapted from|reproduced from|` +
    String.raw`reprinted from|data from|from)\b)`,
  'i',
);

/** "From Smith et al. Headache 2023", "Source: CDC, 2022", "Photo by …": a figure's credit line. */
export function isCredit(text: string): boolean {
  const value = text.trim();
  if (value.split(/\s+/).length > 40) return false;
  if (/^photo by\b/i.test(value)) return true;
  if (!CREDIT_START.test(value)) return false;
  // "From the start, …" is prose: a credit names a work (et al., a year, a journal or a source).
  return (
    /\bet al\b|\b(?:19|20)\d\d\b|\b(?:journal|doi|unsplash|shutterstock|getty|cdc|nih|who)\b/i.test(value) ||
    /^(?:source|sources|credit|credits|image credit|photo credit|courtesy of)\b/i.test(value)
  );
}

const CTA_START = new RegExp(
  String.raw`^(?:schedule|book|call|contact|request|get started|get in touch|sign up|subscribe|learn more|click|` +
    String.raw`register|reserve|start|claim|download|text us|email us)\b`,
  'i',
);

/** A button copied as a line: short, imperative, no sentence around it ("Book a Free Consultation"). */
export function isCallToActionButton(text: string): boolean {
  const value = text.trim().replace(/\s*[→›»>]+$/, '');
  const words = value.split(/\s+/).length;
  return words <= 8 && CTA_START.test(value) && !/[.?]$/.test(value);
}

const CHROME = new RegExp(
  `^(?:${[
    String.raw`share(?: this(?: post| article)?)?`,
    String.raw`share on (?:facebook|twitter|x|linkedin|pinterest)`,
    String.raw`facebook|twitter|x|linkedin|pinterest|instagram`,
    String.raw`email|print|copy link|tweet`,
    String.raw`related (?:posts|articles)|you (?:may|might) also like|recent posts|read more`,
    String.raw`previous(?: post)?|next(?: post)?`,
    String.raw`leave a (?:comment|reply)|\\d+ comments?|comments?`,
    String.raw`tags?:.*|categories?:.*|posted in .*|filed under .*`,
    String.raw`back to (?:blog|all posts)|see all|view all`,
    String.raw`accept(?: all)?(?: cookies)?|we use cookies.*`,
  ].join('|')})$`,
  'i',
);

/** Lines of the site around the article: share buttons, related posts, comment prompts, cookie buttons. */
export function isSiteChrome(text: string): boolean {
  const value = text.trim().replace(/[:.!]$/, '');
  return value.split(/\s+/).length <= 12 && CHROME.test(value);
}

/** "5 min read", "Updated", "Reading time: 4 minutes". */
export function isReadingTime(text: string): boolean {
  return /^(?:reading time:?\s*)?\d+\s*(?:min(?:ute)?s?)(?:\s*read)?$/i.test(text.trim());
}

/** "By Anthony Kaveh MD", "Written by …", "Author: …": the name, without the cue. */
export function bylineName(text: string): string | undefined {
  for (const part of text.trim().split(/\s+[|·•–—]\s+/)) {
    const match = /^(?:by|written by|author:|posted by|reviewed by)\s+(.{2,60}?)\s*$/i.exec(part.trim());
    if (match && match[1]!.split(/\s+/).length <= 6) return match[1]!.replace(/\s+on\s+.*$/i, '').trim();
  }
  return undefined;
}

/** "Home / Blog / Ketamine", "Blog › Ketamine": a breadcrumb trail. */
export function isBreadcrumb(text: string): boolean {
  const parts = text.trim().split(/\s+(?:\/|›|»|>|\||·)\s+/);
  return parts.length >= 2 && parts.every((part) => part.split(/\s+/).length <= 4) && !/[.?!]$/.test(text.trim());
}

/** "Category: Ketamine", "Posted in Mental Health". */
export function isCategoryPrefix(text: string): boolean {
  return (
    /^(?:category|categories|topic|topics|filed under|posted in)\s*[:：]?\s+\S/i.test(text.trim()) &&
    text.trim().split(/\s+/).length <= 8
  );
}
