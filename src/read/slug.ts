const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Lower-case ASCII words joined by hyphens: safe as a file name and in a URL. */
export function isSlug(value: string): boolean {
  return SLUG.test(value);
}

const MAX_SLUG_LENGTH = 80;

/** "Ketamine Therapy for Migraines" → "ketamine-therapy-for-migraines"; accents folded. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}
