import type { Channel } from './channels/platforms.ts';
import { messagesOf, report } from './messages/report.ts';
import { platformOf } from './channels/platforms.ts';
import type { Analysis, ArticleEntry, Caption, CardSpec, ImageEntry, Post, PostEntry } from './model.ts';
import type { ArticleFile } from './read/articles.ts';
import { cardKey } from './render/batch.ts';
import type { RenderContext, RenderedCard } from './render/card.ts';
import { createHash } from 'node:crypto';
import { type CardCache, cachedFile } from './render/cache.ts';
import { CONTACT_SHEET_VERSION, drawContactSheet } from './render/contact-sheet.ts';
import type { OutputFile } from './write/output.ts';
import { carouselPdf, PDF_VERSION } from './write/pdf.ts';
import type { Brand } from './config/brand.ts';
import { assembleVideos } from './video/assemble.ts';

/** The manifest lists the strongest quotes, enough for editors to pin another. */
const MANIFEST_QUOTES = 10;

/** Which of an article's derived files to make besides its images and captions. */
export interface AssembleParts {
  contactSheets: boolean;
  /** PDFs, videos and the contact sheet; false: the entry and files without them (the preview's first pass). */
  documents: boolean;
  /** The brand: its videos are made when given. */
  brand?: Brand | undefined;
  /** Aborted: a video being encoded is stopped, and this rejects. */
  signal?: AbortSignal | undefined;
}

/** One article's manifest entry and the files that go with it: images, documents, captions, contact sheet. */
export async function assembleArticle(
  source: ArticleFile,
  analysis: Exclude<Analysis, { status: 'draft' }>,
  drawn: ReadonlyMap<string, RenderedCard>,
  context: RenderContext,
  cache: CardCache,
  { contactSheets, documents: withDocuments, brand, signal }: AssembleParts,
): Promise<{ entry: ArticleEntry; files: OutputFile[]; lacksVideo?: boolean }> {
  const { file, slug } = source;
  if (analysis.status === 'failed') {
    return {
      entry: {
        slug,
        title: analysis.title,
        source: file.path,
        status: 'failed',
        messages: messagesOf(file, file.path),
        quotes: [],
        posts: [],
      },
      files: [],
    };
  }
  const files: OutputFile[] = [];
  const posts: PostEntry[] = [];
  const imageData = new Map<string, Buffer>();
  // PDFs and the contact sheet are made side by side, on libuv's threads, once every post is known.
  const documents: { entry: PostEntry; path: string; make: () => Promise<Buffer> }[] = [];
  for (const post of analysis.posts) {
    if (post.hidden) {
      // An editor hid it: named in the manifest (so it can be shown again), no files, no export.
      posts.push(postEntry(post, [], analysis.captions.get(post)!));
      continue;
    }
    if (post.kind === 'video') continue;
    const images = post.images.flatMap((image): ImageEntry[] => {
      const card = drawn.get(cardKey(image.card, context))!;
      if (!checkCard(source, post, image.card, card)) return [];
      files.push({ path: image.path, data: card.data });
      imageData.set(image.path, card.data);
      return [
        {
          path: image.path,
          width: image.card.width,
          height: image.card.height,
          bytes: card.data.length,
          hash: card.hash,
          alt: image.card.alt,
          template: image.card.template,
          ...(image.threadPost ? { threadPost: image.threadPost } : {}),
          ...statSource(image.card),
        },
      ];
    });
    if (images.length === 0) continue;
    const entry = postEntry(post, images, analysis.captions.get(post)!);
    if (post.pdf && withDocuments) {
      const slides = images.map((image) => ({
        data: imageData.get(image.path)!,
        width: image.width,
        height: image.height,
      }));
      const key = `pdf-${digest([PDF_VERSION, analysis.article.title, images.map((image) => image.hash)])}`;
      documents.push({
        entry,
        path: post.pdf,
        make: () => cachedFile(cache, key, () => carouselPdf(slides, analysis.article.title)),
      });
    }
    posts.push(entry);
  }
  let lacksVideo = false;
  if (brand && withDocuments) {
    const videos = await assembleVideos(
      source,
      analysis.posts.filter((post) => post.kind === 'video' && !post.hidden),
      drawn,
      { context, cache, brand, captions: analysis.captions, entryOf: postEntry, signal },
    );
    files.push(...videos.files);
    for (const post of videos.posts)
      for (const image of post.images)
        imageData.set(image.path, videos.files.find((file) => file.path === image.path)!.data as Buffer);
    posts.push(...videos.posts);
    lacksVideo = videos.encoderMissing === true;
  }
  const contactSheet =
    contactSheets && withDocuments && posts.some((post) => !post.hidden) ? `${slug}/contact-sheet.png` : undefined;
  const [pdfs, sheet] = await Promise.all([
    Promise.all(documents.map((document) => document.make())),
    contactSheet
      ? contactSheetOf(
          analysis.article.title,
          posts.filter((post) => !post.hidden),
          imageData,
          context,
          cache,
        )
      : undefined,
  ]);
  for (const [index, { entry, path }] of documents.entries()) {
    files.push({ path, data: pdfs[index]! });
    entry.document = { path, bytes: pdfs[index]!.length, pages: entry.images.length };
  }
  // After the PDFs: post.json lists each carousel's document.
  const shown = posts.filter((post) => !post.hidden);
  for (const channel of new Set(shown.map((post) => post.channel))) {
    files.push(
      ...channelFiles(
        slug,
        channel,
        shown.filter((post) => post.channel === channel),
      ),
    );
  }
  if (contactSheet && sheet) files.push({ path: contactSheet, data: sheet });
  const entry: ArticleEntry = {
    slug,
    title: analysis.article.title,
    source: file.path,
    status: 'ok',
    messages: messagesOf(file, file.path),
    quotes: analysis.article.quotes.slice(0, MANIFEST_QUOTES).map(({ text, origin }) => ({ text, origin })),
    posts,
    ...(contactSheet ? { contactSheet } : {}),
  };
  return { entry, files, ...(lacksVideo ? { lacksVideo } : {}) };
}

/**
 * A card is emitted only if all its text fits, every character can be drawn (the missing ones
 * are reported by code point) and it is within the platform's byte cap.
 */
function checkCard(source: ArticleFile, post: Post, spec: CardSpec, card: RenderedCard): boolean {
  const where = `${post.channel} ${spec.template} card (${post.format})`;
  for (const text of card.overflow) {
    report(
      source.file,
      'warning',
      'text-overflow',
      `Unexpected text too long for the ${where}, expected it to fit at the template’s smallest size: “${truncate(text)}”`,
      spec.origin,
      'shorten the text, or pin a shorter quote in the front matter; the card was left out',
    );
  }
  if (card.missing.length > 0) {
    report(
      source.file,
      'warning',
      'missing-glyph',
      `Unexpected characters no bundled font can draw on the ${where}: ${card.missing.join(', ')}`,
      spec.origin,
      'replace them, or add a font package that has them to brand.yaml; the card was left out rather than drawn with empty boxes',
    );
  }
  const cap = platformOf(post.channel)!.maxImageBytes;
  if (card.data.length > cap) {
    report(
      source.file,
      'warning',
      'image-too-large',
      `Unexpected ${card.data.length} bytes for the ${where}, expected at most ${cap}`,
      spec.origin,
      'simplify the template’s background, or use JPEG for this channel; the card was left out',
    );
  }
  return card.overflow.length === 0 && card.missing.length === 0 && card.data.length <= cap;
}

/** The contact sheet, drawn again only when an image, the layout or the title changed. */
export function contactSheetOf(
  title: string,
  posts: PostEntry[],
  images: Map<string, Buffer>,
  context: RenderContext,
  cache: CardCache,
): Promise<Buffer> {
  const key = `sheet-${digest([CONTACT_SHEET_VERSION, context.fingerprint, title, posts.map((post) => [post.channel, post.kind, post.images.map((image) => [image.path, image.hash])])])}`;
  return cachedFile(cache, key, () => drawContactSheet(title, posts, images, context, cache));
}

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** A stat card names where its figure comes from, or is marked `unsourced`. */
function statSource(card: CardSpec): Pick<ImageEntry, 'source' | 'unsourced'> {
  if (card.template !== 'stat') return {};
  return typeof card.data.source === 'string' ? { source: card.data.source } : { unsourced: true };
}

function postEntry(post: Post, images: ImageEntry[], caption: Caption): PostEntry {
  return {
    ...(post.id ? { id: post.id } : {}),
    channel: post.channel,
    kind: post.kind,
    format: post.format,
    ...(post.drip ? { drip: post.drip } : {}),
    ...(post.hidden ? { hidden: post.hidden } : {}),
    ...(post.stale ? { stale: post.stale } : {}),
    ...(post.edited ? { edited: post.edited } : {}),
    ...(post.hiddenSlides ? { hiddenSlides: post.hiddenSlides } : {}),
    images,
    // Stories have no caption: their link sticker's text and their images' alt text instead.
    ...(post.kind === 'story' ? { sticker: caption.sticker ?? '' } : { caption: caption.text }),
    ...(caption.thread ? { thread: caption.thread } : {}),
    ...(caption.title ? { title: caption.title } : {}),
    hashtags: caption.hashtags,
    ...(caption.link ? { link: caption.link } : {}),
    ...(caption.origins ? { origins: caption.origins } : {}),
    length: caption.length,
    limit: caption.limit,
    ...(caption.fold ? { fold: caption.fold } : {}),
    warnings: caption.warnings,
  };
}

/**
 * thread.txt (a thread, each post with the cards it carries), caption.txt (every other post's
 * caption in posting order with its images) and post.json, ready to paste or upload.
 */
function channelFiles(slug: string, channel: Channel, posts: PostEntry[]): OutputFile[] {
  const dir = `${slug}/${channel}`;
  const names = (images: ImageEntry[]) => images.map((image) => image.path.split('/').at(-1)).join(', ');
  const main = posts.find((post) => post.kind === 'thread');
  const others = posts.filter((post) => post !== main);
  const textOf = (post: PostEntry) =>
    post.thread ? post.thread.join('\n\n') : (post.caption ?? `[story link sticker: ${post.sticker ?? ''}]`);
  const files: OutputFile[] = [];
  if (main?.thread) {
    const thread = main.thread
      .map((text, index) => withAttached(text, names(main.images.filter((image) => image.threadPost === index + 1))))
      .join('\n\n---\n\n');
    files.push({ path: `${dir}/thread.txt`, data: `${thread}\n` });
  }
  if (others.length > 0)
    files.push({
      path: `${dir}/caption.txt`,
      data: `${others.map((post) => withAttached(textOf(post), names(post.images))).join('\n\n---\n\n')}\n`,
    });
  return [...files, { path: `${dir}/post.json`, data: `${JSON.stringify({ channel, posts }, null, 2)}\n` }];
}

function withAttached(text: string, images: string): string {
  return images ? `${text}\n[attach: ${images}]` : text;
}
