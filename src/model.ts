/** The typed data that flows between stages. Stages are pure functions over these. */
import type { Channel } from './channels/platforms.ts';

/** A place in an article's source, 1-based like editors show it. */
export interface Position {
  line: number;
  column: number;
}

export interface FrontMatter {
  title: string;
  /** Where the title's value starts, for messages about text drawn from it. */
  titleAt: Position;
  subtitle?: string;
  /** A calendar date, `YYYY-MM-DD`; never a Date, so no time zone can shift it. */
  date: string;
  url?: string;
  tags: string[];
  hashtags: string[];
  channels?: string[];
  quotes: string[];
  exclude: string[];
  draft: boolean;
  author?: Author;
  /** The article's own notice; it replaces brand.yaml's disclaimer on its posts. */
  notice?: string;
}

export interface Author {
  name: string;
  bio?: string;
}

export interface Section {
  heading: string;
  /** Markdown heading depth: 2 for `##`, 3 for `###`. */
  depth: number;
  paragraphs: string[];
  points: string[];
  position: Position;
}

export type QuoteOrigin = 'pinned' | 'blockquote' | 'pull-quote' | 'sentence';

export interface Quote {
  text: string;
  origin: QuoteOrigin;
  /** Higher is better; pinned quotes and the author's own pull quotes rank first. */
  score: number;
  position: Position;
}

export interface Stat {
  /** The figure as written: "17%", "half", "2 or more". */
  figure: string;
  /** The figure with the words it counts: "17% of women". */
  phrase: string;
  /** The whole sentence the figure stands in. */
  sentence: string;
  /** Where the article says the figure comes from: a footnote, a link's site, a citation in parentheses, or `sources:`. */
  source?: string;
  position: Position;
}

export interface Article {
  slug: string;
  /** Path of the source, relative to the working directory, as messages print it. */
  source: string;
  title: string;
  titleAt: Position;
  subtitle?: string;
  date: string;
  url?: string;
  tags: string[];
  hashtags: string[];
  channels?: string[];
  author?: Author;
  /** The article's own notice; it replaces brand.yaml's disclaimer on its posts. */
  notice?: string;
  intro: string[];
  sections: Section[];
  quotes: Quote[];
  stats: Stat[];
}

export type Severity = 'error' | 'warning';

/** A problem found in an input, as the manifest and reporters show it. */
export interface Message {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: Severity;
  reason: string;
  /** How to fix it. */
  hint?: string;
}

export type PostKind = 'carousel' | 'quote' | 'stat' | 'link' | 'story' | 'thread' | 'video';

/** What a card shows, before any pixels: the template and the words bound into it. */
export interface CardSpec {
  template: string;
  format: string;
  width: number;
  height: number;
  /** Values bound into the template's placeholders. */
  data: Record<string, string | string[]>;
  /** Where the card's main text came from, for messages about it. */
  origin: Position;
  alt: string;
  encoding: 'png' | 'jpeg';
}

export interface PlannedImage {
  /** Relative to output/: `<slug>/<channel>/NN-<name>.<ext>`. */
  path: string;
  card: CardSpec;
  /** In a thread, the post (1-based) the image is attached to. */
  threadPost?: number;
}

export interface Post {
  /** The post's name in approvals.yaml and the overrides sidecar: `<channel>/<n>-<kind>`, n from 1 in posting order. */
  id?: string;
  channel: Channel;
  kind: PostKind;
  format: string;
  images: PlannedImage[];
  /** Carousels posted as a document (LinkedIn): where the PDF of the slides goes. */
  pdf?: string;
  /** A post of the drip campaign (brand.yaml's `drip:`): the week after the launch it goes out in. */
  drip?: number;
  /** Hidden by an editor (the sidecar's `hidden: true`): captioned, never drawn, written or exported. */
  hidden?: true;
  /** Overrides no longer applied because what they replaced has changed (`caption`, `quote`, `slides`, `thread 2`). */
  stale?: string[];
  /** Overrides applied to this post (`caption`, `thread 2`, `quote`, `slides`), for the preview. */
  edited?: string[];
  /** Carousel slides an editor left out. */
  hiddenSlides?: number;
}

export interface Caption {
  text: string;
  /** Thread channels: the posts, numbered n/N, opening first, link and disclaimer last. */
  thread?: string[];
  /** Pinterest: the pin's title, apart from its description. */
  title?: string;
  hashtags: string[];
  link?: string;
  /** Length as the platform counts it (the longest post of a thread), and the platform's limit. */
  length: number;
  limit: number;
  /** Characters the platform shows before "…more". */
  fold?: number;
  /** The caption's first line, chosen for this post from what the article offers. */
  hook?: string;
  /** Stories have no caption: the link sticker's text instead. */
  sticker?: string;
  /** Where each line came from: the article's `file:line`, brand.yaml's key, a template's line. */
  origins?: LineOrigin[];
  /** What was shortened or dropped to fit. */
  warnings: string[];
}

/** One line of a caption and the files it came from. */
export interface LineOrigin {
  text: string;
  from: string[];
}

export interface ImageEntry {
  path: string;
  width: number;
  height: number;
  bytes: number;
  /** First 16 hex digits of the image's SHA-256. */
  hash: string;
  alt: string;
  template: string;
  /** In a thread, the post (1-based) the image is attached to. */
  threadPost?: number;
  /** A stat card: where its figure comes from, or `unsourced` when the article gives no source. */
  source?: string;
  unsourced?: true;
}

export interface PostEntry {
  /** `<channel>/<n>-<kind>`, as approvals.yaml and `articles/<slug>.posts.yaml` name it. */
  id?: string;
  channel: Channel;
  kind: PostKind;
  format: string;
  images: ImageEntry[];
  /** A drip post: the week after the launch it goes out in. */
  drip?: number;
  /** The carousel as one PDF document, relative to output/. */
  document?: { path: string; bytes: number; pages: number };
  /** A video post: the MP4 (its cover is the post's one image). */
  video?: VideoEntry;
  /** Absent on stories, which have none: they carry `sticker` and their images' alt text. */
  caption?: string;
  thread?: string[];
  title?: string;
  /** A story's link-sticker text. */
  sticker?: string;
  hashtags: string[];
  link?: string;
  /** Where each caption line came from (`articles/x.md:14`, `templates/brand.yaml: cta`, …). */
  origins?: LineOrigin[];
  /** Hidden by an editor: no images in output/, in no export. */
  hidden?: true;
  /** Overrides of this post that no longer apply: what they replaced has changed in the article. */
  stale?: string[];
  /** Overrides applied to this post (`caption`, `thread 2`, `quote`, `slides`). */
  edited?: string[];
  /** Carousel slides an editor left out. */
  hiddenSlides?: number;
  /** Whether an editor approved exactly this post (`facet approve`). */
  approval?: 'approved' | 'changed' | 'unapproved';
  /** The caption's length as the platform counts it, its limit and its fold. */
  length: number;
  limit: number;
  fold?: number;
  warnings: string[];
}

/** A short vertical video, as ffprobe would describe it, with each slide's time on screen. */
export interface VideoEntry {
  /** Relative to output/. */
  path: string;
  bytes: number;
  /** First 16 hex digits of the MP4's SHA-256. */
  hash: string;
  width: number;
  height: number;
  /** Seconds, a whole number of frames. */
  duration: number;
  fps: number;
  codec: string;
  profile: string;
  pixelFormat: string;
  audio: string;
  /** The same words and timings as SRT and WebVTT. */
  subtitles: { srt: string; vtt: string };
  /** Pixels from each edge the platforms' buttons and captions cover; the slides keep words out. */
  safeZone: { top: number; right: number; bottom: number; left: number };
  slides: VideoSlide[];
}

export interface VideoSlide {
  template: string;
  /** Seconds from the start; a slide fades in over the first `transition` seconds of its time. */
  start: number;
  end: number;
  /** The words on the slide, as the subtitles give them. */
  text: string;
}

export interface ArticleEntry {
  slug: string;
  title: string;
  source: string;
  status: 'ok' | 'failed';
  messages: Message[];
  quotes: { text: string; origin: QuoteOrigin }[];
  posts: PostEntry[];
  /** One PNG of all the article's images, relative to output/. */
  contactSheet?: string;
}

export interface Manifest {
  version: 1;
  articles: ArticleEntry[];
}

/** The brand's colours, as brand.yaml names them. */
export const COLOUR_NAMES = ['background', 'paper', 'text', 'ink', 'accent', 'muted'] as const;
export type ColourName = (typeof COLOUR_NAMES)[number];

/** One article analysed (everything but pixels): its posts and a caption for each, or why not. */
export type Analysis =
  | { status: 'ok'; article: Article; posts: Post[]; captions: Map<Post, Caption> }
  | { status: 'failed'; title: string }
  | { status: 'draft' };
