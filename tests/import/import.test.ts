import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeArticle } from '../../src/pipeline.ts';
import { importArticle, importSource } from '../../src/import/article.ts';
import { formatMessage } from '../../src/messages/report.ts';
import { expected, fixtureCases, FIXTURES } from '../helpers/fixtures.ts';
import { articleFile, repoSetup } from '../helpers/setup.ts';

const TODAY = '2026-01-15';

async function importFixture(name: string) {
  const input = ['input.txt', 'input.html'].map((file) => path.join(FIXTURES, 'import', name, file)).find(existsSync)!;
  return importArticle(input, TODAY);
}

/** tests/fixtures/import/<case>/input.(txt|html) → expected.md, the article file it writes. */
describe('import', () => {
  for (const name of fixtureCases('import')) {
    it(name, async () => {
      const { markdown } = await importFixture(name);
      expect(markdown).toBe(expected('import', name, 'expected.md', markdown));
    });

    it(`${name} reports each guess at its place in the new file`, async () => {
      const { messages } = await importFixture(name);
      const report = messages.map(formatMessage).join('\n');
      expect(report).toBe(expected('import', name, 'messages.txt', report));
    });

    it(`${name} gives an article that checks clean`, async () => {
      const { slug, markdown } = await importFixture(name);
      const source = articleFile(slug, markdown);
      const analysis = analyzeArticle(source, await repoSetup(), { drafts: false });
      expect(analysis.status).toBe('ok');
      expect(source.file.messages.filter((message) => message.fatal)).toEqual([]);
    });
  }

  it('turns the seed page into front matter, headings, lists and pull quotes', async () => {
    const { slug, markdown } = await importFixture('seed-text');
    expect(slug).toBe('ketamine-therapy-for-migraines');
    expect(markdown).toMatch(
      /^---\ntitle: Ketamine Therapy for Migraines\nsubtitle: Learn how IV Ketamine can relieve/,
    );
    expect(markdown).toContain('date: 2024-03-18');
    expect(markdown).toContain('## Migraines Are Rarely Isolated from Psychological Pain');
    expect(markdown).toContain('- Acetaminophen (Tylenol)');
    expect(markdown).toContain(
      '\n\nWe cannot expect to treat physical pain without treating emotional pain, and vice versa\n\n',
    );
    // The bio is metadata, not a section.
    expect(markdown).toMatch(/author:\n {2}name: Anthony Kaveh MD\n {2}bio: Dr\. Kaveh is/);
    expect(markdown).not.toContain('## Anthony Kaveh MD');
  });

  it('reads a saved page: article body only, title from h1, date from the page', async () => {
    const { slug, markdown } = await importFixture('clinic-page');
    expect(slug).toBe('nad-therapy-what-to-expect');
    expect(markdown).toContain('title: "NAD+ Therapy: What to Expect"');
    expect(markdown).toContain('date: 2024-09-10');
    expect(markdown).not.toContain('September 10, 2024');
    expect(markdown).toContain('1. We check your vitals.');
    expect(markdown).toContain('> Go slowly');
    expect(markdown).not.toMatch(/analytics|Home|© Clarus/);
  });

  it('takes the title from under a category label and a date, and says why', async () => {
    const { slug, markdown, messages } = await importFixture('text-category-date');
    expect(slug).toBe('how-iv-ketamine-helps-treatment-resistant-depression');
    expect(markdown).toMatch(
      /^---\ntitle: How IV Ketamine Helps Treatment-Resistant Depression\nsubtitle: Why infusions/,
    );
    expect(markdown).toContain('date: 2024-03-04');
    // The title repeated as the first heading is gone; the category label is not a heading.
    expect(markdown.match(/How IV Ketamine Helps Treatment-Resistant Depression/g)).toHaveLength(1);
    expect(markdown).not.toMatch(/^## Ketamine Therapy$/m);
    expect(markdown).toContain('## What Is Treatment-Resistant Depression?');
    expect(markdown).toContain('## Step 1: Book a consultation');
    expect(markdown).toContain(
      'Common signs include:\n\n- Low mood on most days\n- Loss of interest in hobbies\n- Poor sleep and low energy',
    );
    expect(markdown).toContain('[^credit-1]: From Murrough et al. American Journal of Psychiatry 2013');
    expect(markdown).not.toMatch(/Book a Free Consultation|Share this post|^Facebook$/m);
    const reasons = messages.map((message) => `${message.line}: ${message.reason}`);
    expect(reasons).toContain('2: Took line 5 as the title (line 1 reads like a category label)');
    expect(reasons).toContain('2: Left out line 1 ("Ketamine Therapy"), which reads like a category label');
  });

  it('keeps a notice above the title as `notice:`, never as the title', async () => {
    const { slug, markdown, messages } = await importFixture('text-notice-top');
    expect(slug).toBe('stellate-ganglion-block-for-ptsd');
    expect(markdown).toMatch(/^---\ntitle: Stellate Ganglion Block for PTSD\n/);
    expect(markdown).toMatch(/\nnotice: The information on this website is for educational purposes only/);
    expect(markdown).toContain('date: 2023-12-05');
    const notice = messages.find((message) => message.ruleId === 'import-notice')!;
    expect(markdown.split('\n')[notice.line - 1]).toMatch(/^notice: /);
  });

  it('says when a page has no date', async () => {
    const { markdown, messages } = await importFixture('text-no-date');
    expect(markdown).toContain(`date: ${TODAY}`);
    expect(messages.map((message) => message.reason)).toContain("Date not found on the page; wrote today's date");
  });

  it('reads the body, title and date of each theme and leaves out the site around it', async () => {
    const pages = {
      'wordpress-post': [
        'Lidocaine Infusions for Chronic Pain',
        '2024-02-12',
        /Share this|Related|Leave a Reply|cookies|Book a Consultation|Skip to/,
      ],
      'squarespace-post': [
        'Microdosing Ketamine at Home: What We Know',
        '2023-11-07',
        /cookies|Schedule a Visit|NAD\+ Therapy|Blog\b/,
      ],
      'wix-post': [
        "Ketamine and the Brain's Glutamate System",
        '2024-06-21',
        /Recent Posts|Write a comment|cookies|Share via|123 views/,
      ],
      'webflow-post': ['IV Magnesium for Migraine Attacks', '2024-04-16', /More from the blog|cookies|Contact|© 2024/],
    } as const;
    for (const [name, [title, date, chrome]] of Object.entries(pages)) {
      const { markdown } = await importFixture(name);
      expect(markdown, name).toContain(`title: ${title.includes(':') ? JSON.stringify(title) : title}\n`);
      expect(markdown, name).toContain(`date: ${date}`);
      expect(markdown, name).not.toMatch(chrome);
      expect(markdown, name).toMatch(/^> /m);
      expect(markdown, name).toMatch(/^\[\^credit-\d\]: /m);
    }
  });

  it('decides the title from the whole top of the page', async () => {
    const body = '\n\nA first paragraph long enough to be read as the body of the article, with many words in it.';
    const pages: [string, string, Record<string, string | undefined>][] = [
      [
        'Mental Health Treatments\n\nJan 5, 2024\n\nHow Ketamine Relieves Depression',
        'label above a date',
        { date: '2024-01-05' },
      ],
      ['MENTAL HEALTH\n\nWhat Is Ketamine-Assisted Psychotherapy?\n\nMonday, January 8th, 2024', 'capitals', {}],
      ['Blog\n\nNAD+ Therapy\n\nBy Anthony Kaveh MD | March 3, 2024', 'byline and date', { date: '2024-03-03' }],
      ['Ketamine for Migraines\n\nMar 18, 2024\n\nLearn how IV Ketamine can relieve migraines', 'short title', {}],
    ];
    const titles = [
      'How Ketamine Relieves Depression',
      'What Is Ketamine-Assisted Psychotherapy?',
      'NAD+ Therapy',
      'Ketamine for Migraines',
    ];
    for (const [index, [text, what, front]] of pages.entries()) {
      const { markdown } = await importSource('page.txt', text + body, TODAY);
      expect(markdown, what).toMatch(new RegExp(`^---\\ntitle: "?${titles[index]!.replace(/[+?]/g, '\\$&')}"?\\n`));
      if (front.date) expect(markdown, what).toContain(`date: ${front.date}`);
    }
    const { markdown } = await importSource('page.txt', pages[2]![0] + body, TODAY);
    expect(markdown).toMatch(/author:\n {2}name: Anthony Kaveh MD/);
  });

  it('keeps a 316-character notice out of the title and says the posts it cannot fit', async () => {
    const notice =
      '*Disclaimer: The information provided on this website is for general informational purposes only and is not ' +
      'intended to be a substitute for professional medical advice, diagnosis or treatment. ' +
      'Always seek the advice of ' +
      'your physician or other qualified health provider with any questions you may have about our care.';
    expect(notice.length).toBe(316);
    const page = `${notice}\n\nKetamine Therapy for Migraines\n\n2024-03-18\n\n`;
    const body = 'Body text that is long enough for sure. '.repeat(2);
    const { slug, markdown, messages } = await importSource('page.txt', page + body, TODAY);
    expect(slug).toBe('ketamine-therapy-for-migraines');
    expect(markdown).toContain(`notice: "${notice.slice(1)}"`);
    const long = messages.find((message) => message.ruleId === 'import-notice-long')!;
    expect(long.reason).toBe(
      "Unexpected notice of 315 characters, expected one a thread's post can hold (X 280, Bluesky 300)",
    );
    expect(markdown.split('\n')[long.line - 1]).toMatch(/^notice: /);
  });

  it('says which file it could not read', async () => {
    const missing = path.join(mkdtempSync(path.join(tmpdir(), 'facet-')), 'nope.txt');
    await expect(importArticle(missing, TODAY)).rejects.toThrow(/nope\.txt/);
  });
});
