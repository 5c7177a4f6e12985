import type { VideoSettings } from '../config/video.ts';
import type { CardSpec } from '../model.ts';

/** The words a slide shows, in reading order, as the subtitles give them. */
function slideText(card: CardSpec, cta: string): string {
  const text = (key: string) => {
    const value = card.data[key];
    return Array.isArray(value) ? value.join(' ') : (value ?? '');
  };
  const parts = (() => {
    switch (card.template) {
      case 'reel-section':
        return [text('heading'), text('points')];
      case 'reel-quote':
        return [`“${text('quote')}”`];
      case 'reel-stat':
        return [[text('figure'), text('counted')].filter(Boolean).join(' '), text('sentence')];
      case 'reel-cta':
        return [cta, text('title'), text('where')];
      default:
        return [text('title'), text('subtitle')];
    }
  })();
  return [...parts, text('disclosure')]
    .map((part) => part.trim())
    .filter(Boolean)
    .join('\n');
}

export interface TimedSlide {
  card: CardSpec;
  text: string;
  /** Frames from the start, and how many the slide is on screen. */
  firstFrame: number;
  frames: number;
}

/**
 * Each slide's time on screen is its reading time (words ÷ words per second), held between
 * the minimum and the maximum and rounded to whole frames, so the video's length is exactly
 * the sum of the slides' times.
 */
export function timeline(cards: CardSpec[], settings: VideoSettings, cta: string, fps: number): TimedSlide[] {
  let firstFrame = 0;
  return cards.map((card) => {
    const text = slideText(card, cta);
    const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
    const seconds = Math.min(settings.maxSeconds, Math.max(settings.minSeconds, words / settings.wordsPerSecond));
    const frames = Math.max(1, Math.round(seconds * fps));
    const slide = { card, text, firstFrame, frames };
    firstFrame += frames;
    return slide;
  });
}
