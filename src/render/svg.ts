/**
 * satori fills a CSS gradient through an SVG <pattern> holding one rect painted with the
 * gradient. When every use of that pattern fills a rect of exactly the pattern rect's size,
 * painting the rect with the gradient directly is the same picture, and resvg draws it in
 * about half the time (measured here; tests/render/svg.test.ts keeps the pixels identical).
 */
const PATTERN =
  /<pattern id="([^"]+)" x="0" y="0" width="1" height="1" patternUnits="objectBoundingBox">(<(linear|radial)Gradient id="([^"]+)"[^>]*>(?:(?!<\/pattern>).)*?<\/\3Gradient>)<rect x="0" y="0" width="([\d.]+)" height="([\d.]+)" fill="url\(#\4\)"\/><\/pattern>/g;

export function directGradients(svg: string): string {
  // Most cards have no gradient; the text paths make the SVG long, so skip the scan then.
  if (!svg.includes('<pattern ')) return svg;
  let result = svg;
  for (const match of svg.matchAll(PATTERN)) {
    const [whole, patternId, gradient, , gradientId, width, height] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const fill = `fill="url(#${patternId})"`;
    const uses = tagsWith(result, fill);
    const sameSize = uses.every(
      (tag) => tag.startsWith('<rect ') && tag.includes(` width="${width}" height="${height}"`),
    );
    if (uses.length === 0 || !sameSize) continue;
    result = result.replace(whole, gradient).replaceAll(fill, `fill="url(#${gradientId})"`);
  }
  return result;
}

/** The opening part of every tag (from `<` to the attribute) carrying `attribute`. */
function tagsWith(svg: string, attribute: string): string[] {
  const tags: string[] = [];
  for (let at = svg.indexOf(attribute); at !== -1; at = svg.indexOf(attribute, at + attribute.length)) {
    tags.push(svg.slice(svg.lastIndexOf('<', at), at));
  }
  return tags;
}
