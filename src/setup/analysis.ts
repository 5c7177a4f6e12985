import { type CaptionTemplate, loadCaptionTemplates } from '../config/caption-templates.ts';
import { type Brand, loadBrand } from '../config/brand.ts';
import { loadNotices, loadSpellings, type NoticeRules } from '../config/notices.ts';
import { loadRules, type RulePacks } from '../review/rules.ts';

/**
 * What everything but pixels needs (`check`, and the analysis half of a build): the brand, the
 * caption templates and the rule packs. Loading it loads no font, satori, resvg or sharp.
 */
export interface AnalysisSetup {
  brand: Brand;
  /** By `<channel>` and `<channel>/<kind>` (templates/captions/). */
  captionTemplates: Map<string, CaptionTemplate>;
  /** Claim, privacy, advertising and language rules, and the project's words (templates/rules/). */
  rules: RulePacks;
  /** Which notices go on an article's captions, by topic (templates/rules/notices.yaml). */
  notices: NoticeRules;
  /** How the team spells words hashtags keep (templates/rules/hashtags.yaml). */
  spellings: string[];
}

export async function loadAnalysisSetup(templatesDir: string): Promise<AnalysisSetup> {
  const brand = await loadBrand(templatesDir);
  const [captionTemplates, rules, notices, spellings] = await Promise.all([
    loadCaptionTemplates(templatesDir, brand.channels),
    loadRules(templatesDir),
    loadNotices(templatesDir),
    loadSpellings(templatesDir),
  ]);
  return { brand, captionTemplates, rules, notices, spellings };
}
